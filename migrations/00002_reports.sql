-- Reports (one project × one period), their lines, every saved version, and
-- the workflow transitions. Inputs are stored as entered; scores and lights are
-- computed by the domain on every save and stored beside them, so lists and
-- dashboards never recompute.

-- +goose Up
CREATE TABLE reports (
    id               bigserial PRIMARY KEY,
    project_code     text NOT NULL REFERENCES projects (code),
    period_key       text NOT NULL REFERENCES periods (key),
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    version          integer NOT NULL CHECK (version >= 1),
    -- budget execution, 万元
    budget_adjusted  numeric(16, 2) CHECK (budget_adjusted >= 0),
    budget_executed  numeric(16, 2) CHECK (budget_executed >= 0),
    budget_projected numeric(16, 2) CHECK (budget_projected >= 0),
    budget_reason    text NOT NULL DEFAULT '',
    -- computed on save
    time_progress    numeric(8, 6) NOT NULL,
    execution_rate   numeric(12, 6),
    execution_score  numeric(6, 2) NOT NULL,
    budget_light     text NOT NULL,
    light            text NOT NULL,
    indicator_sum    numeric(6, 2) NOT NULL,
    total            numeric(6, 2) NOT NULL CHECK (total BETWEEN 0 AND 100),
    computed_total   numeric(6, 2) NOT NULL CHECK (computed_total BETWEEN 0 AND 100),
    grade            text NOT NULL,
    -- what still blocks submission: [{field, message}]
    blocking         jsonb NOT NULL DEFAULT '[]',
    -- the full explanation of the score as computed (rules, inputs, sentences)
    evaluation       jsonb NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       text NOT NULL,
    UNIQUE (project_code, period_key)
);
CREATE INDEX reports_period ON reports (period_key);

CREATE TABLE report_lines (
    report_id             bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    indicator_id          bigint NOT NULL REFERENCES indicators (id),
    value                 numeric(20, 4) CHECK (value >= 0),
    projected             numeric(20, 4) CHECK (projected >= 0),
    score_input           numeric(6, 2) CHECK (score_input >= 0),
    band                  text NOT NULL DEFAULT '' CHECK (band IN ('', 'achieved', 'partly', 'not_achieved')),
    completed_on          date,
    not_applicable        boolean NOT NULL DEFAULT false,
    not_applicable_reason text NOT NULL DEFAULT '',
    deviation_causes      text[] NOT NULL DEFAULT '{}',
    explanation           text NOT NULL DEFAULT '',
    measures              text NOT NULL DEFAULT '',
    likelihood            text NOT NULL DEFAULT '' CHECK (likelihood IN ('', 'certain', 'possible', 'impossible')),
    -- reviewer adjustment (approve)
    adjusted              numeric(6, 2) CHECK (adjusted >= 0),
    adjust_reason         text NOT NULL DEFAULT '',
    -- computed on save
    light                 text NOT NULL,
    rule                  text NOT NULL,
    computed              numeric(6, 2) NOT NULL,
    score                 numeric(6, 2) NOT NULL,
    needs_explanation     boolean NOT NULL,
    PRIMARY KEY (report_id, indicator_id)
);

-- Every saved version of a report, so nothing entered is ever lost.
CREATE TABLE report_versions (
    report_id  bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    saved_at   timestamptz NOT NULL,
    saved_by   text NOT NULL,
    action     text NOT NULL,
    -- the report as saved (inputs and status)
    body       jsonb NOT NULL,
    -- what changed against the previous version: {"field path": {"from":…, "to":…}}
    changes    jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (report_id, version)
);

CREATE TABLE report_transitions (
    id          bigserial PRIMARY KEY,
    report_id   bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    action      text NOT NULL,
    from_status text NOT NULL,
    to_status   text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL,
    comment     text NOT NULL DEFAULT ''
);
CREATE INDEX report_transitions_report ON report_transitions (report_id, id);

-- +goose Down
DROP TABLE report_transitions;
DROP TABLE report_versions;
DROP TABLE report_lines;
DROP TABLE reports;
