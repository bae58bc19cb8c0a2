-- A target version keeps the project's budget as it was: it must hold what
-- projects.budget holds (numeric(22, 6) since 00006), or an adjustment of a
-- project imported in 元 (330.984 万元) would round its snapshot to 330.98.
-- +goose Up
ALTER TABLE target_versions ALTER COLUMN budget TYPE numeric(22, 6);

-- +goose Down
ALTER TABLE target_versions ALTER COLUMN budget TYPE numeric(16, 2);
