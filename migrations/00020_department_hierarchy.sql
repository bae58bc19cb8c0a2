-- Departments in a hierarchy (财政 → 主管部门 → 二级预算单位): each may have a
-- parent, up to three levels; level is 1 for a department without parent.
-- The role supervisor (主管部门审核人) reviews the units below the
-- departments it is assigned. A period reviews in one level (the 主管部门's
-- approval is final) or two (the default). A report of a unit with a
-- 主管部门 passes endorsed (主管部门已审核) on its way to approved; every
-- transition records the level it was taken at.

-- +goose Up
ALTER TABLE departments
    ADD COLUMN parent_code text REFERENCES departments (code),
    ADD COLUMN level integer NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3),
    ADD CONSTRAINT departments_parent_not_self CHECK (parent_code IS NULL OR parent_code <> code);
CREATE INDEX departments_parent ON departments (parent_code) WHERE parent_code IS NOT NULL;

ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
    CHECK (role IN ('submitter', 'reviewer', 'supervisor', 'admin', 'auditor'));

ALTER TABLE reports DROP CONSTRAINT reports_status_check;
ALTER TABLE reports ADD CONSTRAINT reports_status_check
    CHECK (status IN ('draft', 'submitted', 'endorsed', 'approved', 'returned'));

ALTER TABLE projects DROP CONSTRAINT projects_status_check;
ALTER TABLE projects ADD CONSTRAINT projects_status_check
    CHECK (status IN ('draft', 'submitted', 'endorsed', 'approved', 'returned'));

ALTER TABLE target_changes DROP CONSTRAINT target_changes_status_check;
ALTER TABLE target_changes ADD CONSTRAINT target_changes_status_check
    CHECK (status IN ('pending', 'endorsed', 'approved', 'rejected'));

ALTER TABLE report_transitions ADD COLUMN level integer CHECK (level IN (1, 2));

ALTER TABLE periods ADD COLUMN review_levels integer NOT NULL DEFAULT 2 CHECK (review_levels IN (1, 2));

-- +goose Down
ALTER TABLE periods DROP COLUMN review_levels;
ALTER TABLE report_transitions DROP COLUMN level;
ALTER TABLE target_changes DROP CONSTRAINT target_changes_status_check;
ALTER TABLE target_changes ADD CONSTRAINT target_changes_status_check CHECK (status IN ('pending', 'approved', 'rejected'));
ALTER TABLE projects DROP CONSTRAINT projects_status_check;
ALTER TABLE projects ADD CONSTRAINT projects_status_check CHECK (status IN ('draft', 'submitted', 'approved', 'returned'));
ALTER TABLE reports DROP CONSTRAINT reports_status_check;
ALTER TABLE reports ADD CONSTRAINT reports_status_check CHECK (status IN ('draft', 'submitted', 'approved', 'returned'));
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('submitter', 'reviewer', 'admin', 'auditor'));
DROP INDEX departments_parent;
ALTER TABLE departments DROP CONSTRAINT departments_parent_not_self, DROP COLUMN level, DROP COLUMN parent_code;
