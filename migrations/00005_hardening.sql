-- Hardening (issue 7 B): failed logins counted per client address.

-- +goose Up
-- The per-address throttle reads an address's recent failures.
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at) WHERE NOT success;

-- +goose Down
DROP INDEX login_attempts_ip_at;
