-- Security for a 等保 level-3 assessment.
--
-- Tamper-evident audit trail: every audit row carries the SHA-256 of its
-- content chained to the hash of the row before it. A BEFORE INSERT trigger
-- computes it in the inserting transaction, under the row lock of the one
-- chain head, so concurrent writers form one chain in the order they commit
-- their audit rows (seq), gapless because a rolled-back insert rolls the
-- head back too. `jixiao audit verify` recomputes the chain (domain/audit
-- chain.go holds the same content encoding; the two must stay in step). A
-- later migration that adds a column to audit_log must add it to
-- audit_row_hash and to the Go encoding, as version "v2" of the content.

-- +goose Up
ALTER TABLE audit_log
    ADD COLUMN seq bigint,
    ADD COLUMN prev_hash bytea CHECK (length(prev_hash) = 32),
    ADD COLUMN hash bytea CHECK (length(hash) = 32);

-- The one row that holds the end of the chain: the last seq and its hash.
CREATE TABLE audit_chain_head (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32)
);
INSERT INTO audit_chain_head (one, seq, hash) VALUES (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- A field of the hashed content: "<bytes>:<text>|", or "~|" for NULL, so
-- that no two different rows encode alike.
CREATE FUNCTION audit_field(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN v IS NULL THEN '~|' ELSE octet_length(v)::text || ':' || v || '|' END;

-- The hash of one row: SHA-256 of the previous hash followed by the content
-- "jixiao-audit-v1|" and the fields in this order. The instant is in whole
-- microseconds since 1970 (independent of the session's time zone); JSON
-- documents are their jsonb text form.
CREATE FUNCTION audit_row_hash(prev bytea, r audit_log) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sha256(prev || convert_to(
        'jixiao-audit-v1|' ||
        audit_field(r.seq::text) ||
        audit_field(r.id::text) ||
        audit_field((extract(epoch FROM r.at) * 1000000)::bigint::text) ||
        audit_field(r.actor) ||
        audit_field(r.actor_id::text) ||
        audit_field(r.ip) ||
        audit_field(r.action) ||
        audit_field(r.object_type) ||
        audit_field(r.object_id) ||
        audit_field(r.status::text) ||
        audit_field(r.before::text) ||
        audit_field(r.after::text) ||
        audit_field(r.detail::text), 'UTF8'));

-- Existing rows join the chain in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
-- +goose StatementBegin
DO $$
DECLARE
    r    audit_log;
    prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    n    bigint := 0;
BEGIN
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        n := n + 1;
        r.seq := n;
        r.prev_hash := prev;
        r.hash := audit_row_hash(prev, r);
        UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        prev := r.hash;
    END LOOP;
    UPDATE audit_chain_head SET seq = n, hash = prev;
END
$$;
-- +goose StatementEnd
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;

ALTER TABLE audit_log
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN prev_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- +goose StatementBegin
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_head;
BEGIN
    -- the head's row lock orders concurrent writers until they commit
    SELECT * INTO STRICT head FROM audit_chain_head WHERE one FOR UPDATE;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.hash := audit_row_hash(head.hash, NEW);
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE one;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- +goose Down
DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_log_chain();
DROP INDEX audit_log_seq;
ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN seq;
DROP FUNCTION audit_row_hash(bytea, audit_log);
DROP FUNCTION audit_field(text);
DROP TABLE audit_chain_head;
