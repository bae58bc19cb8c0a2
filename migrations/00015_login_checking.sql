-- A login attempt is recorded before its password is checked, so that
-- parallel tries of one username are counted under its lock (00003). Until
-- its outcome is known it is neither a success nor a failure: success is
-- NULL. The lockout and the address throttle count only failures (and
-- attempts left undecided for over a minute: a server that stopped while
-- checking); an attempt still being checked only makes the next try wait.

-- +goose Up
ALTER TABLE login_attempts ALTER COLUMN success DROP NOT NULL;
DROP INDEX login_attempts_ip_at;
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at) WHERE success IS NOT TRUE;

-- +goose Down
DROP INDEX login_attempts_ip_at;
UPDATE login_attempts SET success = false WHERE success IS NULL;
ALTER TABLE login_attempts ALTER COLUMN success SET NOT NULL;
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at) WHERE NOT success;
