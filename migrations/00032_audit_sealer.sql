-- The audit hash chain is sealed after the writers commit, not inside their
-- transactions.
--
-- Until now a BEFORE INSERT trigger chained each audit row under the row
-- lock of the one chain head (00009), which every audited transaction then
-- held until its commit had reached the disk: every audited write of the
-- system queued behind every other, one WAL flush at a time. Now an audit
-- row is inserted unsealed (seq, prev_hash and hash NULL) and audit_seal()
-- links the committed unsealed rows into the chain, in the order of their
-- ids, many under one lock and one commit. The server calls it a few times
-- a second; `jixiao audit verify`, the export and the backup call it first,
-- so that what they check or copy is the whole trail.
--
-- Sealing is the only change audit_log accepts: an UPDATE that gives an
-- unsealed row its place in the chain and changes nothing of its content.
-- A writer cannot choose its row's seq or hashes (the insert trigger clears
-- them), and only the audit owner may run UPDATE at all (00005): the
-- application's role seals through audit_seal(), a SECURITY DEFINER function
-- of the owner. A row is unprotected by the chain only between its commit
-- and the next seal (a fraction of a second while a server runs); the
-- append-only triggers protect it from the application's role all along.

-- +goose Up
ALTER TABLE audit_log
    ALTER COLUMN seq DROP NOT NULL,
    ALTER COLUMN prev_hash DROP NOT NULL,
    ALTER COLUMN hash DROP NOT NULL,
    ADD CONSTRAINT audit_log_sealed_whole
        CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- a new row waits, unsealed, for audit_seal(): its writer chooses
    -- neither its place nor its hashes
    NEW.seq := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

-- The append-only trigger lets one UPDATE through: the sealing of an
-- unsealed row, every field of its content as it was written, with the
-- hash of that content after the given previous hash. (Whether the place
-- and the previous hash continue the chain is what `audit verify` checks;
-- only the audit owner, that is audit_seal(), may UPDATE at all.)
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND (NEW.id, NEW.at, NEW.actor, NEW.actor_id, NEW.ip, NEW.action, NEW.object_type, NEW.object_id,
                NEW.status, NEW.before, NEW.after, NEW.detail)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.at, OLD.actor, OLD.actor_id, OLD.ip, OLD.action, OLD.object_type, OLD.object_id,
                OLD.status, OLD.before, OLD.after, OLD.detail)
           AND NEW.hash = audit_row_hash(NEW.prev_hash, NEW) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
-- +goose StatementEnd

-- audit_seal links up to max_rows committed unsealed rows into the chain,
-- oldest id first, moves the head once, and returns how many it sealed.
-- Concurrent callers take turns at the head's row lock; with nothing to
-- seal it takes no lock at all.
-- +goose StatementBegin
CREATE FUNCTION audit_seal(max_rows integer) RETURNS integer LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain_head;
    r    audit_log;
    n    integer := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL) THEN
        RETURN 0;
    END IF;
    SELECT * INTO STRICT head FROM audit_chain_head WHERE one FOR UPDATE;
    FOR r IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT max_rows LOOP
        r.seq := head.seq + 1;
        r.prev_hash := head.hash;
        r.hash := audit_row_hash(head.hash, r);
        UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        head.seq := r.seq;
        head.hash := r.hash;
        n := n + 1;
    END LOOP;
    UPDATE audit_chain_head SET seq = head.seq, hash = head.hash WHERE one;
    RETURN n;
END
$$;
-- +goose StatementEnd

-- As in 00009: where audit_log belongs to its own role, so does the sealer.
-- +goose StatementBegin
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jixiao_audit_owner') THEN
        ALTER FUNCTION audit_seal(integer) OWNER TO jixiao_audit_owner;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
SELECT audit_seal(2147483647);
DROP FUNCTION audit_seal(integer);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain_head;
BEGIN
    SELECT * INTO STRICT head FROM audit_chain_head WHERE one FOR UPDATE;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.hash := audit_row_hash(head.hash, NEW);
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE one;
    RETURN NEW;
END
$$;
-- +goose StatementEnd
DROP INDEX audit_log_unsealed;
ALTER TABLE audit_log
    DROP CONSTRAINT audit_log_sealed_whole,
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN prev_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL;
