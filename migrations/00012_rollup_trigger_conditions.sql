-- The dashboard rollups (00010) sum, per department and period, columns
-- of reports (status, light, grade, total, adjusted and executed budget)
-- and of projects (department, year, status, budget). An update that
-- changes none of them (a budget reason, an explanation, a target's
-- wording) leaves every rollup as it is, so it need not refresh one: the
-- update triggers fire only when one of those columns changes. Inserts and
-- deletes always do.

-- +goose Up
DROP TRIGGER dashboard_rollups_report ON reports;
CREATE CONSTRAINT TRIGGER dashboard_rollups_report AFTER INSERT OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_report();
CREATE CONSTRAINT TRIGGER dashboard_rollups_report_update AFTER UPDATE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD.project_code, OLD.period_key, OLD.status, OLD.light, OLD.grade, OLD.total, OLD.budget_adjusted, OLD.budget_executed)
          IS DISTINCT FROM
          (NEW.project_code, NEW.period_key, NEW.status, NEW.light, NEW.grade, NEW.total, NEW.budget_adjusted, NEW.budget_executed))
    EXECUTE FUNCTION dashboard_rollups_on_report();

DROP TRIGGER dashboard_rollups_project ON projects;
CREATE CONSTRAINT TRIGGER dashboard_rollups_project AFTER INSERT OR DELETE ON projects
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_project();
CREATE CONSTRAINT TRIGGER dashboard_rollups_project_update AFTER UPDATE ON projects
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD.code, OLD.department_code, OLD.year, OLD.status, OLD.budget)
          IS DISTINCT FROM (NEW.code, NEW.department_code, NEW.year, NEW.status, NEW.budget))
    EXECUTE FUNCTION dashboard_rollups_on_project();

-- +goose Down
DROP TRIGGER dashboard_rollups_project_update ON projects;
DROP TRIGGER dashboard_rollups_project ON projects;
CREATE CONSTRAINT TRIGGER dashboard_rollups_project AFTER INSERT OR UPDATE OR DELETE ON projects
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_project();
DROP TRIGGER dashboard_rollups_report_update ON reports;
DROP TRIGGER dashboard_rollups_report ON reports;
CREATE CONSTRAINT TRIGGER dashboard_rollups_report AFTER INSERT OR UPDATE OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_on_report();
