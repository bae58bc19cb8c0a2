-- Hardening (issue 7 B): failed logins counted per client address; one
-- role per user, held by the database.

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

-- +goose Down
ALTER TABLE user_roles DROP CONSTRAINT user_roles_one_role;
DROP INDEX login_attempts_ip_at;
