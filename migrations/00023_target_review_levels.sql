-- Target submissions and target changes go through the same two review
-- levels as reports: each workflow step of a project's targets and each
-- decision on a change records the level it was taken at (1 the 主管部门,
-- 2 the finance bureau).

-- +goose Up
ALTER TABLE project_transitions ADD COLUMN level integer CHECK (level IN (1, 2));
ALTER TABLE target_changes
    ADD COLUMN endorsed_by text,
    ADD COLUMN endorsed_at timestamptz,
    ADD COLUMN endorse_comment text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE target_changes DROP COLUMN endorse_comment, DROP COLUMN endorsed_at, DROP COLUMN endorsed_by;
ALTER TABLE project_transitions DROP COLUMN level;
