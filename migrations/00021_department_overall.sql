-- 部门整体支出绩效: a department reports on itself as a whole through a
-- project of kind 'department' (code <department>-ZT<year>), whose budget is
-- the department's whole budget: 基本支出 (basic) plus 项目支出 (projects).

-- +goose Up
ALTER TABLE projects
    ADD COLUMN kind text NOT NULL DEFAULT 'project' CHECK (kind IN ('project', 'department')),
    ADD COLUMN budget_basic numeric(16, 2) CHECK (budget_basic >= 0),
    ADD COLUMN budget_projects numeric(16, 2) CHECK (budget_projects >= 0),
    ADD CONSTRAINT projects_department_budget CHECK (
        kind = 'project' AND budget_basic IS NULL AND budget_projects IS NULL
        OR kind = 'department' AND budget_basic IS NOT NULL AND budget_projects IS NOT NULL
           AND budget = budget_basic + budget_projects);
CREATE UNIQUE INDEX projects_one_overall ON projects (department_code, year) WHERE kind = 'department';

-- +goose Down
DROP INDEX projects_one_overall;
ALTER TABLE projects DROP CONSTRAINT projects_department_budget, DROP COLUMN budget_projects, DROP COLUMN budget_basic, DROP COLUMN kind;
