-- Reads join users by the exact username (the name of who saved a report, of
-- who moved it, of who is listed): users_username, on lower(username), does
-- not serve them, and each such join read the whole table, once per report
-- read and once per row of a list. Usernames are unique case-insensitively,
-- so they are unique as written too.

-- +goose Up
CREATE UNIQUE INDEX users_username_exact ON users (username);

-- +goose Down
DROP INDEX users_username_exact;
