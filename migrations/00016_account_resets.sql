-- The reset of a password or second factor by an administrator. For an
-- account that approves, administers or audits (admin, reviewer, auditor)
-- it is a request that a second person (another administrator or an
-- auditor) confirms before anything changes (二人复核); the new password's
-- hash waits in the request and is cleared once it is decided.
--
-- A password an administrator set is temporary: it signs in once
-- (temporary_password_used_at), before temporary_password_until; the user
-- then chooses their own, which clears both.

-- +goose Up
ALTER TABLE users
    ADD COLUMN temporary_password_until   timestamptz,
    ADD COLUMN temporary_password_used_at timestamptz;

CREATE TABLE account_resets (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('password', 'totp')),
    user_id         bigint NOT NULL REFERENCES users (id),
    password_hash   text,
    requested_by_id bigint NOT NULL REFERENCES users (id),
    requested_by    text NOT NULL,
    requested_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'expired')),
    decided_by_id   bigint REFERENCES users (id),
    decided_by      text NOT NULL DEFAULT '',
    decided_at      timestamptz,
    comment         text NOT NULL DEFAULT '',
    -- a pending password reset holds its new hash; a decided one holds none
    CHECK (CASE WHEN status = 'pending' THEN (kind = 'password') = (password_hash IS NOT NULL) ELSE password_hash IS NULL END),
    -- the second person is never the one who asked
    CHECK (decided_by_id IS NULL OR status = 'rejected' OR decided_by_id <> requested_by_id)
);
-- one request of each kind waits for a user at a time
CREATE UNIQUE INDEX account_resets_pending ON account_resets (user_id, kind) WHERE status = 'pending';
CREATE INDEX account_resets_status ON account_resets (status, requested_at);

-- +goose Down
DROP TABLE account_resets;
ALTER TABLE users DROP COLUMN temporary_password_until, DROP COLUMN temporary_password_used_at;
