-- Users, their roles and assignments, server-side sessions, login attempts
-- (for the lockout) and the append-only audit trail. What each role may do
-- is the casbin policy in policies/, not a table.

-- +goose Up
CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[A-Za-z][A-Za-z0-9._-]{1,63}$'),
    display_name  text NOT NULL DEFAULT '',
    -- argon2id in PHC form, or bcrypt ($2a$/$2b$/$2y$) imported from elsewhere
    password_hash text NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- usernames are unique regardless of case
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('submitter', 'reviewer', 'admin', 'auditor')),
    PRIMARY KEY (user_id, role)
);

-- A submitter's own department, or the departments a reviewer reviews.
CREATE TABLE user_departments (
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department_code text NOT NULL REFERENCES departments (code),
    PRIMARY KEY (user_id, department_code)
);

-- The projects a submitter is assigned to (fills and submits their reports).
CREATE TABLE user_projects (
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_code text NOT NULL REFERENCES projects (code),
    PRIMARY KEY (user_id, project_code)
);
CREATE INDEX user_projects_project ON user_projects (project_code);

-- Only the SHA-256 of a session token is stored. A session ends when revoked
-- (logout, account change) or past its idle or absolute limit (settings).
CREATE TABLE sessions (
    id           bytea PRIMARY KEY CHECK (length(id) = 32),
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    revoked_at   timestamptz,
    ip           text NOT NULL DEFAULT '',
    user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Every login attempt, for the lockout; keyed by the username as typed
-- (lower case), whether or not such a user exists.
CREATE TABLE login_attempts (
    id       bigserial PRIMARY KEY,
    username text NOT NULL,
    at       timestamptz NOT NULL,
    success  boolean NOT NULL,
    ip       text NOT NULL DEFAULT ''
);
CREATE INDEX login_attempts_username_at ON login_attempts (lower(username), at);

-- The audit trail: who, when, from where, what, before and after. Rows are
-- only ever inserted; the triggers below refuse UPDATE, DELETE and TRUNCATE
-- even to a direct SQL session, unless it first disables them.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    actor_id    bigint,
    ip          text NOT NULL DEFAULT '',
    action      text NOT NULL,
    object_type text NOT NULL DEFAULT '',
    object_id   text NOT NULL DEFAULT '',
    status      integer NOT NULL DEFAULT 0,
    before      jsonb,
    after       jsonb,
    detail      jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at DESC);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE user_projects;
DROP TABLE user_departments;
DROP TABLE user_roles;
DROP TABLE users;
