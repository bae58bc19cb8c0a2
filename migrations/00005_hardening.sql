-- Hardening: failed logins counted per client address; one
-- role per user, held by the database; audit_log owned by a role of its own.

-- +goose Up
-- The per-address throttle reads an address's recent failures.
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at) WHERE NOT success;

-- Roles do not combine (separation of duties): each user holds exactly one.
-- +goose StatementBegin
DO $$
DECLARE
    several text;
BEGIN
    SELECT string_agg(u.username, ', ') INTO several
      FROM users u WHERE (SELECT count(*) FROM user_roles r WHERE r.user_id = u.id) > 1;
    IF several IS NOT NULL THEN
        RAISE EXCEPTION 'these users hold more than one role; keep one each before migrating: %', several;
    END IF;
END
$$;
-- +goose StatementEnd
ALTER TABLE user_roles ADD CONSTRAINT user_roles_one_role UNIQUE (user_id);

-- The audit trail belongs to a role of its own, jixiao_audit_owner (NOLOGIN),
-- so that the application's role is not its owner: an owner may disable the
-- append-only triggers, alter, drop or truncate the table. Every other role
-- keeps at most SELECT and INSERT on it. Creating a role and giving a table
-- away needs a superuser: when migrations run as one (as the compose setup
-- does, README "Docker"), it is done; otherwise audit_log stays with the
-- migrating role and a notice says so.
-- +goose StatementBegin
DO $$
DECLARE
    g record;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'audit_log stays owned by %: only a superuser can give it to jixiao_audit_owner', current_user;
        RETURN;
    END IF;
    BEGIN
        CREATE ROLE jixiao_audit_owner NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database of the cluster created it
    END;
    ALTER TABLE audit_log OWNER TO jixiao_audit_owner;
    ALTER FUNCTION audit_log_append_only() OWNER TO jixiao_audit_owner;
    FOR g IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
              WHERE c.oid = 'audit_log'::regclass AND a.grantee <> c.relowner
                AND a.privilege_type NOT IN ('SELECT', 'INSERT') LOOP
        IF g.grantee = 0 THEN
            REVOKE ALL ON audit_log FROM PUBLIC;
        ELSE
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM %s', g.grantee::regrole);
        END IF;
    END LOOP;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('ALTER TABLE audit_log OWNER TO %I', current_user);
        EXECUTE format('ALTER FUNCTION audit_log_append_only() OWNER TO %I', current_user);
    END IF;
END
$$;
-- +goose StatementEnd
ALTER TABLE user_roles DROP CONSTRAINT user_roles_one_role;
DROP INDEX login_attempts_ip_at;
