-- Departments, periods, projects and their published performance indicators.
-- Amounts are 万元 with two decimals; weights and numeric targets are exact.

-- +goose Up
CREATE TABLE departments (
    code text PRIMARY KEY CHECK (code <> ''),
    name text NOT NULL CHECK (name <> '')
);

CREATE TABLE periods (
    key          text PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('monitor', 'final')),
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    cutoff_month integer NOT NULL CHECK (cutoff_month BETWEEN 1 AND 12)
);

CREATE TABLE projects (
    code             text PRIMARY KEY CHECK (code <> ''),
    department_code  text NOT NULL REFERENCES departments (code),
    year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    name             text NOT NULL CHECK (name <> ''),
    category         text NOT NULL,
    budget           numeric(16, 2) NOT NULL CHECK (budget >= 0),
    goal             text NOT NULL DEFAULT '',
    execution_weight numeric(6, 2) NOT NULL CHECK (execution_weight >= 0)
);
CREATE INDEX projects_department_year ON projects (department_code, year);

CREATE TABLE indicators (
    id            bigserial PRIMARY KEY,
    project_code  text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    position      integer NOT NULL CHECK (position >= 0),
    level1        text NOT NULL,
    level2        text NOT NULL,
    name          text NOT NULL,
    nature        text NOT NULL CHECK (nature IN ('>=', '>', '<=', '<', '=', 'qualitative')),
    target        text NOT NULL,
    -- the target as a number, for numeric natures; NULL for qualitative ones
    target_number numeric(20, 4),
    unit          text NOT NULL DEFAULT '',
    weight        numeric(6, 2) NOT NULL CHECK (weight >= 0),
    -- '' means derived from unit and name (domain reference §2)
    accrual       text NOT NULL DEFAULT '' CHECK (accrual IN ('', 'cumulative', 'level')),
    UNIQUE (project_code, position)
);

-- +goose Down
DROP TABLE indicators;
DROP TABLE projects;
DROP TABLE periods;
DROP TABLE departments;
