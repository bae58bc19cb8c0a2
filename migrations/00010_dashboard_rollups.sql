-- Dashboard rollups: per period and department, the counts and sums the
-- dashboard shows (over projects whose targets are approved), kept up to date inside every transaction that changes a
-- report, a project or a period, so a whole-province dashboard adds a few
-- thousand rows instead of aggregating every project from scratch. Triggers
-- keep them, so every writer (API, CLI, importers) does without knowing.

-- +goose Up
CREATE TABLE dashboard_rollups (
    period_key       text NOT NULL REFERENCES periods (key) ON DELETE CASCADE,
    department_code  text NOT NULL REFERENCES departments (code) ON DELETE CASCADE,
    projects         integer NOT NULL DEFAULT 0,
    saved            integer NOT NULL DEFAULT 0,
    -- Σ adjusted budget (the budget where a report adjusted none, or none was saved), 万元, exact as summed
    budget_total     numeric NOT NULL DEFAULT 0,
    executed_total   numeric NOT NULL DEFAULT 0,
    -- Σ stored totals of saved reports, and how many
    score_sum        numeric NOT NULL DEFAULT 0,
    scored           integer NOT NULL DEFAULT 0,
    light_red        integer NOT NULL DEFAULT 0,
    light_yellow     integer NOT NULL DEFAULT 0,
    light_green      integer NOT NULL DEFAULT 0,
    light_blue       integer NOT NULL DEFAULT 0,
    light_grey       integer NOT NULL DEFAULT 0,
    grade_excellent  integer NOT NULL DEFAULT 0, -- 优
    grade_good       integer NOT NULL DEFAULT 0, -- 良
    grade_fair       integer NOT NULL DEFAULT 0, -- 中
    grade_poor       integer NOT NULL DEFAULT 0, -- 差
    status_draft     integer NOT NULL DEFAULT 0,
    status_submitted integer NOT NULL DEFAULT 0,
    status_approved  integer NOT NULL DEFAULT 0,
    status_returned  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (period_key, department_code)
);

-- refresh_dashboard_rollup recomputes one department's row for a period. It
-- first takes the row's lock, so two transactions refreshing one department
-- run one after the other and the second, reading afresh after the wait
-- (READ COMMITTED takes a snapshot per statement), sees the first's change.
-- +goose StatementBegin
CREATE FUNCTION refresh_dashboard_rollup(p_period text, p_department text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    y integer;
BEGIN
    SELECT year INTO y FROM periods WHERE key = p_period;
    IF y IS NULL OR NOT EXISTS (SELECT 1 FROM departments WHERE code = p_department) THEN
        RETURN;
    END IF;
    INSERT INTO dashboard_rollups (period_key, department_code) VALUES (p_period, p_department)
        ON CONFLICT DO NOTHING;
    PERFORM 1 FROM dashboard_rollups WHERE period_key = p_period AND department_code = p_department FOR UPDATE;
    UPDATE dashboard_rollups d SET
        (projects, saved, budget_total, executed_total, score_sum, scored,
         light_red, light_yellow, light_green, light_blue, light_grey,
         grade_excellent, grade_good, grade_fair, grade_poor,
         status_draft, status_submitted, status_approved, status_returned) =
        (SELECT count(*), count(r.id), coalesce(sum(coalesce(r.budget_adjusted, p.budget)), 0),
                coalesce(sum(r.budget_executed), 0), coalesce(sum(r.total), 0), count(r.total),
                count(*) FILTER (WHERE r.light = 'red'), count(*) FILTER (WHERE r.light = 'yellow'),
                count(*) FILTER (WHERE r.light = 'green'), count(*) FILTER (WHERE r.light = 'blue'),
                count(*) FILTER (WHERE coalesce(r.light, 'grey') = 'grey'),
                count(*) FILTER (WHERE r.grade = '优'), count(*) FILTER (WHERE r.grade = '良'),
                count(*) FILTER (WHERE r.grade = '中'), count(*) FILTER (WHERE r.grade = '差'),
                count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
                count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
         FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
         WHERE p.department_code = p_department AND p.year = y AND p.status = 'approved')
    WHERE d.period_key = p_period AND d.department_code = p_department;
END
$$;
-- +goose StatementEnd

-- rebuild_dashboard_rollups recomputes every department's row of a period
-- in one pass (after a bulk load, or to repair).
-- +goose StatementBegin
CREATE FUNCTION rebuild_dashboard_rollups(p_period text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    y integer;
BEGIN
    SELECT year INTO y FROM periods WHERE key = p_period;
    DELETE FROM dashboard_rollups WHERE period_key = p_period;
    IF y IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO dashboard_rollups (period_key, department_code, projects, saved, budget_total, executed_total, score_sum, scored,
         light_red, light_yellow, light_green, light_blue, light_grey,
         grade_excellent, grade_good, grade_fair, grade_poor,
         status_draft, status_submitted, status_approved, status_returned)
    SELECT p_period, p.department_code, count(*), count(r.id), coalesce(sum(coalesce(r.budget_adjusted, p.budget)), 0),
           coalesce(sum(r.budget_executed), 0), coalesce(sum(r.total), 0), count(r.total),
           count(*) FILTER (WHERE r.light = 'red'), count(*) FILTER (WHERE r.light = 'yellow'),
           count(*) FILTER (WHERE r.light = 'green'), count(*) FILTER (WHERE r.light = 'blue'),
           count(*) FILTER (WHERE coalesce(r.light, 'grey') = 'grey'),
           count(*) FILTER (WHERE r.grade = '优'), count(*) FILTER (WHERE r.grade = '良'),
           count(*) FILTER (WHERE r.grade = '中'), count(*) FILTER (WHERE r.grade = '差'),
           count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
           count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
    FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
    WHERE p.year = y AND p.status = 'approved'
    GROUP BY p.department_code;
END
$$;
-- +goose StatementEnd

-- The triggers run at commit (deferred), when the transaction's changes are
-- complete, holding the rollup row's lock only for the commit's duration. A
-- transaction that writes thousands of rows sets jixiao.defer_rollups (SET
-- LOCAL) and refreshes the departments it touched once, itself.
-- +goose StatementBegin
CREATE FUNCTION dashboard_rollups_on_report() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rec reports%ROWTYPE;
BEGIN
    IF current_setting('jixiao.defer_rollups', true) = 'on' THEN
        RETURN NULL; -- a bulk writer (jixiao gen, the rescore) refreshes the rollups itself
    END IF;
    IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
    PERFORM refresh_dashboard_rollup(rec.period_key, p.department_code) FROM projects p WHERE p.code = rec.project_code;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION dashboard_rollups_on_project() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('jixiao.defer_rollups', true) = 'on' THEN
        RETURN NULL; -- a bulk writer (jixiao gen, the rescore) refreshes the rollups itself
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM refresh_dashboard_rollup(pe.key, OLD.department_code) FROM periods pe WHERE pe.year = OLD.year;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM refresh_dashboard_rollup(pe.key, NEW.department_code) FROM periods pe WHERE pe.year = NEW.year;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION dashboard_rollups_on_period() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('jixiao.defer_rollups', true) = 'on' THEN
        RETURN NULL; -- a bulk writer (jixiao gen, the rescore) refreshes the rollups itself
    END IF;
    PERFORM rebuild_dashboard_rollups(NEW.key);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER dashboard_rollups_report AFTER INSERT OR UPDATE OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_report();
CREATE CONSTRAINT TRIGGER dashboard_rollups_project AFTER INSERT OR UPDATE OR DELETE ON projects
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_project();
CREATE CONSTRAINT TRIGGER dashboard_rollups_period AFTER INSERT OR UPDATE ON periods
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_period();

-- Whatever exists already.
SELECT rebuild_dashboard_rollups(key) FROM periods;

-- The reviewer's queue and lists by status read reports of one period and status.
CREATE INDEX reports_period_status ON reports (period_key, status, project_code);
-- A page of a year's projects in code order.
CREATE INDEX projects_year_code ON projects (year, code);

-- +goose Down
DROP INDEX projects_year_code;
DROP INDEX reports_period_status;
DROP TRIGGER dashboard_rollups_period ON periods;
DROP TRIGGER dashboard_rollups_project ON projects;
DROP TRIGGER dashboard_rollups_report ON reports;
DROP FUNCTION dashboard_rollups_on_period();
DROP FUNCTION dashboard_rollups_on_project();
DROP FUNCTION dashboard_rollups_on_report();
DROP FUNCTION rebuild_dashboard_rollups(text);
DROP FUNCTION refresh_dashboard_rollup(text, text);
DROP TABLE dashboard_rollups;
