-- Which rule profile scored a saved report is in its evaluation (a JSON
-- document of every line); the dashboard counts the reports of a period
-- scored with another profile than the period's, and reading it out of every
-- report's document took the whole province's evaluations per dashboard.
-- The name and version are kept beside it by PostgreSQL itself, so no write
-- can forget them, with indexes for the count and for whether a profile
-- version was ever used (which read every evaluation too).

-- +goose Up
ALTER TABLE reports
    ADD COLUMN rule_profile_name text GENERATED ALWAYS AS (evaluation->'RuleProfile'->>'Name') STORED,
    ADD COLUMN rule_profile_version int GENERATED ALWAYS AS ((evaluation->'RuleProfile'->>'Version')::int) STORED;
CREATE INDEX reports_period_rule_profile ON reports (period_key, rule_profile_name, rule_profile_version);
-- whether a profile version scored any report (then it is never edited)
CREATE INDEX reports_rule_profile ON reports (rule_profile_name, rule_profile_version);

-- +goose Down
DROP INDEX reports_rule_profile;
DROP INDEX reports_period_rule_profile;
ALTER TABLE reports DROP COLUMN rule_profile_name, DROP COLUMN rule_profile_version;
