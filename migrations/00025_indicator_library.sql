-- Targets that learn from the years: the indicator library (指标库) with its
-- common (共性) and department (个性) entries, each indicator's library entry,
-- the basis of its target value (指标值依据) and the indicator it was copied
-- from, and the budget decisions taken on the results (结果应用).

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE indicator_library (
    id              bigserial PRIMARY KEY,
    scope           text NOT NULL CHECK (scope IN ('common', 'department')),
    department_code text REFERENCES departments (code),
    level1          text NOT NULL CHECK (level1 <> ''),
    level2          text NOT NULL CHECK (level2 <> ''),
    name            text NOT NULL CHECK (name <> ''),
    nature          text NOT NULL DEFAULT '' CHECK (nature IN ('', '>=', '>', '<=', '<', '=', 'qualitative')),
    unit            text NOT NULL DEFAULT '',
    value_basis     text NOT NULL DEFAULT '' CHECK (value_basis IN ('', '计划标准', '行业标准', '历史标准', '其他标准')),
    guidance        text NOT NULL DEFAULT '',
    source          text NOT NULL CHECK (source <> ''),
    -- proposed (部门指标确认 pending), accepted, or merged into another entry
    status          text NOT NULL DEFAULT 'accepted' CHECK (status IN ('proposed', 'accepted', 'merged')),
    merged_into     bigint REFERENCES indicator_library (id),
    -- names merged into this entry, one per line: searched like the name
    aliases         text NOT NULL DEFAULT '',
    search          text GENERATED ALWAYS AS (name || E'\n' || aliases) STORED,
    proposed_by     text NOT NULL DEFAULT '',
    proposed_at     timestamptz,
    decided_by      text NOT NULL DEFAULT '',
    decided_at      timestamptz,
    CHECK ((scope = 'common') = (department_code IS NULL)),
    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);
-- one live entry per department (or the common set), levels and name
CREATE UNIQUE INDEX indicator_library_unique ON indicator_library (coalesce(department_code, ''), level1, level2, name)
    WHERE status <> 'merged';
CREATE INDEX indicator_library_search ON indicator_library USING gin (search gin_trgm_ops);
CREATE INDEX indicator_library_department ON indicator_library (department_code, level1, level2);

ALTER TABLE indicators
    ADD COLUMN library_id  bigint REFERENCES indicator_library (id) ON DELETE SET NULL,
    ADD COLUMN value_basis text NOT NULL DEFAULT ''
        CHECK (value_basis IN ('', '计划标准', '行业标准', '历史标准', '其他标准')),
    -- the indicator of last year's project this one was copied from
    ADD COLUMN copy_of     bigint REFERENCES indicators (id) ON DELETE SET NULL;
CREATE INDEX indicators_library ON indicators (library_id) WHERE library_id IS NOT NULL;
CREATE INDEX indicators_copy_of ON indicators (copy_of) WHERE copy_of IS NOT NULL;

-- 结果应用: what each grade proposes for next year's budget (settings), and
-- what the finance bureau decided per project and year.
CREATE TABLE result_settings (
    grade   text PRIMARY KEY CHECK (grade IN ('优', '良', '中', '差')),
    action  text NOT NULL CHECK (action IN ('priority', 'maintain', 'reduce', 'cancel')),
    percent numeric(6, 2) NOT NULL CHECK (percent BETWEEN -100 AND 100)
);
INSERT INTO result_settings (grade, action, percent) VALUES
    ('优', 'priority', 0), ('良', 'maintain', 0), ('中', 'reduce', -10), ('差', 'cancel', -100);

CREATE TABLE result_decisions (
    project_code text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    action       text NOT NULL CHECK (action IN ('priority', 'maintain', 'reduce', 'cancel')),
    percent      numeric(6, 2) NOT NULL CHECK (percent BETWEEN -100 AND 100),
    note         text NOT NULL DEFAULT '',
    decided_by   text NOT NULL,
    decided_at   timestamptz NOT NULL,
    PRIMARY KEY (project_code, year)
);

-- +goose Down
DROP TABLE result_decisions;
DROP TABLE result_settings;
ALTER TABLE indicators DROP COLUMN copy_of, DROP COLUMN value_basis, DROP COLUMN library_id;
DROP TABLE indicator_library;
