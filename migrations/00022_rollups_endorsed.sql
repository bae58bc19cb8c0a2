-- The dashboard rollups count an endorsed report (主管部门已审核) as reported,
-- and in review beside the submitted ones (status_submitted). A project of
-- kind 'department' (部门整体) carries the department's whole budget, which
-- its projects' budgets are part of: its report is counted like any other,
-- its budget and execution are not, so that no amount is counted twice.

-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_dashboard_rollup(p_period text, p_department text) RETURNS void
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
        (SELECT count(*), count(r.id), coalesce(sum(coalesce(r.budget_adjusted, p.budget)) FILTER (WHERE p.kind = 'project'), 0),
                coalesce(sum(r.budget_executed) FILTER (WHERE p.kind = 'project'), 0),
                coalesce(sum(r.total) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved')), 0),
                count(r.total) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved')),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'red'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'yellow'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'green'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'blue'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'grey'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '优'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '良'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '中'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '差'),
                count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed')),
                count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
         FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
         WHERE p.department_code = p_department AND p.year = y AND p.status = 'approved')
    WHERE d.period_key = p_period AND d.department_code = p_department;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rebuild_dashboard_rollups(p_period text) RETURNS void
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
    SELECT p_period, p.department_code, count(*), count(r.id), coalesce(sum(coalesce(r.budget_adjusted, p.budget)) FILTER (WHERE p.kind = 'project'), 0),
           coalesce(sum(r.budget_executed) FILTER (WHERE p.kind = 'project'), 0),
           coalesce(sum(r.total) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved')), 0),
           count(r.total) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved')),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'red'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'yellow'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'green'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'blue'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.light = 'grey'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '优'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '良'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '中'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed', 'approved') AND r.grade = '差'),
           count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status IN ('submitted', 'endorsed')),
           count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
    FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
    WHERE p.year = y AND p.status = 'approved'
    GROUP BY p.department_code;
END
$$;
-- +goose StatementEnd

SELECT rebuild_dashboard_rollups(key) FROM periods;


-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_dashboard_rollup(p_period text, p_department text) RETURNS void
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
                coalesce(sum(r.budget_executed), 0),
                coalesce(sum(r.total) FILTER (WHERE r.status IN ('submitted', 'approved')), 0),
                count(r.total) FILTER (WHERE r.status IN ('submitted', 'approved')),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'red'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'yellow'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'green'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'blue'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'grey'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '优'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '良'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '中'),
                count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '差'),
                count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
                count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
         FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
         WHERE p.department_code = p_department AND p.year = y AND p.status = 'approved')
    WHERE d.period_key = p_period AND d.department_code = p_department;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rebuild_dashboard_rollups(p_period text) RETURNS void
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
           coalesce(sum(r.budget_executed), 0),
           coalesce(sum(r.total) FILTER (WHERE r.status IN ('submitted', 'approved')), 0),
           count(r.total) FILTER (WHERE r.status IN ('submitted', 'approved')),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'red'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'yellow'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'green'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'blue'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.light = 'grey'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '优'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '良'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '中'),
           count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.grade = '差'),
           count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
           count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
    FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = p_period
    WHERE p.year = y AND p.status = 'approved'
    GROUP BY p.department_code;
END
$$;
-- +goose StatementEnd

SELECT rebuild_dashboard_rollups(key) FROM periods;

