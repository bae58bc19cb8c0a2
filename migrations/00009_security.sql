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

-- Password life, second factor and personal data: see the comments below.

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
-- SECURITY DEFINER: the application's role inserts audit rows but need not
-- (and, below, may not) write the chain head itself.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
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

-- Where 00005 gave audit_log to its own role (migrating as a superuser), the
-- chain head and the trigger function go to it too, and no other role may
-- write the head: only the trigger moves it.
-- +goose StatementBegin
DO $$
DECLARE
    g record;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jixiao_audit_owner') THEN
        RETURN;
    END IF;
    ALTER TABLE audit_chain_head OWNER TO jixiao_audit_owner;
    ALTER FUNCTION audit_log_chain() OWNER TO jixiao_audit_owner;
    FOR g IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
              WHERE c.oid = 'audit_chain_head'::regclass AND a.grantee <> c.relowner
                AND a.privilege_type <> 'SELECT' LOOP
        IF g.grantee = 0 THEN
            REVOKE ALL ON audit_chain_head FROM PUBLIC;
        ELSE
            EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_head FROM %s', g.grantee::regrole);
        END IF;
    END LOOP;
END
$$;
-- +goose StatementEnd

-- Personal data (shown masked to roles that do not manage users), password
-- life (expiry, a first change of a password someone else set, idle
-- accounts) and the second factor. TOTP secrets are sealed with AES-256-GCM
-- under JIXIAO_SECRET_KEY (app/auth/secretbox.go), never stored in clear;
-- totp_last_step is the last 30-second step whose code was accepted, so a
-- code is good once.
ALTER TABLE users
    ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (phone ~ '^[0-9+ -]{0,20}$'),
    ADD COLUMN email text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN last_login_at timestamptz,
    ADD COLUMN totp_secret bytea,
    ADD COLUMN totp_pending_secret bytea,
    ADD COLUMN totp_enrolled_at timestamptz,
    ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;
UPDATE users SET password_changed_at = updated_at;
-- The last sign-in of existing users as far as sessions and attempts tell,
-- else the upgrade: nobody is disabled as idle for lack of a record.
UPDATE users u SET last_login_at = coalesce(
    (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id),
    (SELECT max(a.at) FROM login_attempts a WHERE lower(a.username) = lower(u.username) AND a.success),
    now());

-- The hashes of the passwords a user had, newest last, so that the last
-- ones are not used again.
CREATE TABLE password_history (
    id            bigserial PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash text NOT NULL,
    set_at        timestamptz NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id DESC);
INSERT INTO password_history (user_id, password_hash, set_at) SELECT id, password_hash, updated_at FROM users;

-- One-time recovery codes of the second factor: only their SHA-256 (the
-- codes carry 80 random bits).
CREATE TABLE totp_recovery_codes (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- A session's stage: "full", or a pending sign-in that may only take its
-- next step (a TOTP code, enrolment, or a password change).
ALTER TABLE sessions ADD COLUMN stage text NOT NULL DEFAULT 'full'
    CHECK (stage IN ('full', 'totp', 'enrol', 'password'));

-- CSRF tokens are kept as their SHA-256 (auth.CSRFDigest), like session tokens.
UPDATE sessions SET csrf_token = encode(sha256(convert_to('jixiao-csrf:' || csrf_token, 'UTF8')), 'hex');

-- +goose Down
ALTER TABLE sessions DROP COLUMN stage;
DROP TABLE totp_recovery_codes;
DROP TABLE password_history;
ALTER TABLE users DROP COLUMN phone, DROP COLUMN email, DROP COLUMN password_changed_at,
    DROP COLUMN must_change_password, DROP COLUMN last_login_at, DROP COLUMN totp_secret,
    DROP COLUMN totp_pending_secret, DROP COLUMN totp_enrolled_at, DROP COLUMN totp_last_step;
DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_log_chain();
DROP INDEX audit_log_seq;
ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN seq;
DROP FUNCTION audit_row_hash(bytea, audit_log);
DROP FUNCTION audit_field(text);
DROP TABLE audit_chain_head;
