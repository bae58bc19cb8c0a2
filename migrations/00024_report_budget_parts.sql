-- 部门整体支出绩效: a department-kind report also records the execution of
-- its whole budget's two parts, 基本支出 (basic) and 项目支出 (projects),
-- beside the whole's. Empty on every other report.

-- +goose Up
ALTER TABLE reports
    ADD COLUMN basic_executed numeric(16, 2) CHECK (basic_executed >= 0),
    ADD COLUMN basic_projected numeric(16, 2) CHECK (basic_projected >= 0),
    ADD COLUMN projects_executed numeric(16, 2) CHECK (projects_executed >= 0),
    ADD COLUMN projects_projected numeric(16, 2) CHECK (projects_projected >= 0);

-- +goose Down
ALTER TABLE reports DROP COLUMN projects_projected, DROP COLUMN projects_executed, DROP COLUMN basic_projected, DROP COLUMN basic_executed;
