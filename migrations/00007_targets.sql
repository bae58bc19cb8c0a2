-- Targets through their whole life: a project's status (draft →
-- submitted → approved, or → returned), the published versions of its
-- targets, adjustment requests, which target version each report was filled
-- against, and the department's project spending from its budget tables.

-- +goose Up
-- Projects loaded from a published table (seed, import) are approved: the
-- default. Drafts are created with an explicit status.
ALTER TABLE projects
    ADD COLUMN status         text NOT NULL DEFAULT 'approved'
        CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    -- the edit version, for optimistic locking of PUT
    ADD COLUMN version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- the published version of the targets; an approved adjustment adds one
    ADD COLUMN target_version integer NOT NULL DEFAULT 1 CHECK (target_version >= 1),
    ADD COLUMN copied_from    text NOT NULL DEFAULT '',
    ADD COLUMN updated_at     timestamptz,
    ADD COLUMN updated_by     text NOT NULL DEFAULT '';

-- An indicator removed by an adjustment stays (old reports' lines refer to
-- it) but leaves the current targets: retired_in is the target version that
-- no longer has it, and its position moves out of the way (-id).
ALTER TABLE indicators ADD COLUMN retired_in integer;
ALTER TABLE indicators DROP CONSTRAINT indicators_position_check;
ALTER TABLE indicators ADD CONSTRAINT indicators_position_check CHECK (position >= 0 OR retired_in IS NOT NULL);

-- The target version a report was filled against.
ALTER TABLE reports ADD COLUMN target_version integer NOT NULL DEFAULT 1 CHECK (target_version >= 1);

-- Every workflow step of a project's targets; an approval despite findings
-- keeps its reason and the findings it overrode.
CREATE TABLE project_transitions (
    id           bigserial PRIMARY KEY,
    project_code text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    action       text NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    actor        text NOT NULL,
    at           timestamptz NOT NULL,
    comment      text NOT NULL DEFAULT '',
    findings     jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX project_transitions_project ON project_transitions (project_code, id);

-- Each published version of a project's targets: the indicators as they were
-- (ids kept, so report lines still match), written when the version is made.
CREATE TABLE target_versions (
    project_code text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    version      integer NOT NULL CHECK (version >= 1),
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    change_id    bigint,
    budget       numeric(16, 2) NOT NULL,
    execution_weight numeric(6, 2) NOT NULL,
    indicators   jsonb NOT NULL,
    PRIMARY KEY (project_code, version)
);

-- Requests to adjust the targets of an approved project (财预〔2015〕88号 第二十八条).
CREATE TABLE target_changes (
    id             bigserial PRIMARY KEY,
    project_code   text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason         text NOT NULL CHECK (reason <> ''),
    -- [{op: change|add|remove, indicator_id, target, unit, weight, indicator}]
    items          jsonb NOT NULL,
    base_version   integer NOT NULL,
    result_version integer,
    requested_by   text NOT NULL,
    requested_at   timestamptz NOT NULL,
    decided_by     text NOT NULL DEFAULT '',
    decided_at     timestamptz,
    comment        text NOT NULL DEFAULT ''
);
CREATE INDEX target_changes_project ON target_changes (project_code, id);

-- The department's project spending (项目支出) by function subject, from its
-- budget tables (支出总表), for reconciliation with the targets.
CREATE TABLE budget_spending (
    department_code text NOT NULL REFERENCES departments (code),
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    subject_code    text NOT NULL CHECK (subject_code <> ''),
    subject_name    text NOT NULL,
    amount          numeric(16, 2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (department_code, year, subject_code)
);

-- +goose Down
DROP TABLE budget_spending;
DROP TABLE target_changes;
DROP TABLE target_versions;
DROP TABLE project_transitions;
ALTER TABLE reports DROP COLUMN target_version;
ALTER TABLE indicators DROP CONSTRAINT indicators_position_check;
DELETE FROM indicators WHERE retired_in IS NOT NULL;
ALTER TABLE indicators ADD CONSTRAINT indicators_position_check CHECK (position >= 0);
ALTER TABLE indicators DROP COLUMN retired_in;
ALTER TABLE projects DROP COLUMN updated_by, DROP COLUMN updated_at, DROP COLUMN copied_from,
    DROP COLUMN target_version, DROP COLUMN version, DROP COLUMN status;
