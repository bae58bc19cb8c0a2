-- A project's first target version, loaded from the published budget table
-- (seed or import), was kept only when it was first adjusted, and took that
-- adjustment's time: the version seemed made when its successor was. Its
-- time is not known; it is null ("as published"), and so are the rows kept so.

-- +goose Up
ALTER TABLE target_versions ALTER COLUMN created_at DROP NOT NULL;
UPDATE target_versions SET created_at = NULL WHERE change_id IS NULL AND created_by = '';

-- +goose Down
UPDATE target_versions v SET created_at = coalesce(
    (SELECT n.created_at FROM target_versions n WHERE n.project_code = v.project_code AND n.version = v.version + 1), now())
    WHERE v.created_at IS NULL;
ALTER TABLE target_versions ALTER COLUMN created_at SET NOT NULL;
