package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/report"
)

// ReportFilter narrows the report list; zero fields do not filter.
type ReportFilter struct {
	Period     string
	Status     report.Status
	Department string
	Light      report.Light
	Q          string // part of the project's code or name
	Sort       ReportSort
	Desc       bool
	Page, Size int // 1-based page of Size rows; Size 0 means every row
	// TopLevelOnly keeps the reports of departments without a parent: a
	// finance reviewer's queue of submitted reports (a unit's go to its
	// 主管部门 first).
	TopLevelOnly bool
	// Within, when not nil, keeps the reports of these departments only (a
	// supervisor's queue of submitted reports: the units below it).
	Within []string
}

// ReportSort names an order of the report list.
type ReportSort string

// The orders of the report list; each ends with period and project code, so
// that pages never overlap.
const (
	SortProject   ReportSort = "project"
	SortPeriod    ReportSort = "period"
	SortStatus    ReportSort = "status"
	SortLight     ReportSort = "light"
	SortScore     ReportSort = "score"
	SortUpdatedAt ReportSort = "updated_at"
)

var reportSorts = map[ReportSort]string{
	SortProject: "projects.code",
	SortPeriod:  "periods.year %[1]s, periods.cutoff_month %[1]s",
	SortStatus:  "coalesce(r.status, 'draft') %[1]s",
	// worst first when descending: red > yellow > green > blue > grey (domain reference §4)
	SortLight:     "array_position(ARRAY['grey','blue','green','yellow','red'], coalesce(r.light, 'grey')) %[1]s",
	SortScore:     "r.total %[1]s NULLS LAST",
	SortUpdatedAt: "r.updated_at %[1]s NULLS LAST",
}

// ParseReportSort accepts the names of the orders.
func ParseReportSort(s string) (ReportSort, bool) {
	_, ok := reportSorts[ReportSort(s)]
	return ReportSort(s), ok
}

// ReportListItem is one project × period of the report list, as stored; a
// report never saved is a draft at version 0 with no score.
type ReportListItem struct {
	ProjectCode, ProjectName       string
	DepartmentCode, DepartmentName string
	Period                         period.Period
	Saved                          bool
	Status                         report.Status
	Version                        int
	Light                          report.Light
	Total                          *decimal.Decimal
	Grade                          string
	ExecutionRate                  *decimal.Decimal
	Blocking                       int // problems blocking submission, as stored; see Saved
	UpdatedAt                      *time.Time
	UpdatedBy                      string
	UpdatedByName                  string // the display name of UpdatedBy, "" when none
	// Returned is the step that sent a returned report back (who, when,
	// why); nil for a report in any other state.
	Returned *Transition
	// ReturnedByName is the display name of Returned.Actor.
	ReturnedByName string
}

// ListReports lists one row per project × period of the project's year that
// the scope may see, saved or not, filtered, ordered and paged; total counts
// every matching row. It is the reviewer's queue, opened again and again on
// the deadline's days, so it is one round trip through pgx (on the replica
// when there is one): the count of every match (from the rollups where they
// count it, else a window over the matches) and the page, cut first, whose
// rows only are joined with the names of departments and people and the
// step that returned a report.
//
// When every match has a report (a status other than draft, a light other
// than grey) the matches are the reports of that status joined with their
// projects, not every project × period joined with its report and then
// filtered; and a scope of departments is narrowed by the department
// filters before the projects are read, so that only the projects of the
// departments that can match are looked at.
func (s *Store) ListReports(ctx context.Context, sc Scope, f ReportFilter) ([]ReportListItem, int, error) {
	saved := (f.Status != "" && f.Status != report.StatusDraft) || (f.Light != "" && f.Light != report.LightGrey)
	w := reportDepartments(sc, f)
	w.and("projects.status = 'approved'") // only approved targets have reports
	from := `projects JOIN periods ON periods.year = projects.year
		LEFT JOIN reports r ON r.project_code = projects.code AND r.period_key = periods.key`
	// a project never saved is a draft with a grey light
	periodCol, statusCol, lightCol := "periods.key", "coalesce(r.status, 'draft')", "coalesce(r.light, 'grey')"
	if saved {
		// r is never null here: its columns are compared as they are, so
		// that the index of reports by period and status can be used
		from = `reports r JOIN projects ON projects.code = r.project_code
		JOIN periods ON periods.key = r.period_key AND periods.year = projects.year`
		periodCol, statusCol, lightCol = "r.period_key", "r.status", "r.light"
	}
	if f.Period != "" {
		w.and(periodCol+" = ?", f.Period)
	}
	if f.Status != "" {
		w.and(statusCol+" = ?", string(f.Status))
	}
	if f.Light != "" {
		w.and(lightCol+" = ?", string(f.Light))
	}
	if f.Q != "" {
		like := likePattern(f.Q)
		w.and("(projects.code ILIKE ? OR projects.name ILIKE ?)", like, like)
	}
	cond, args := w.cond, w.args
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	order := "periods.year, periods.cutoff_month, projects.code"
	if f.Period != "" {
		// one period: its year and month are the same on every row, and the
		// projects' code order is their index's
		order = "projects.code"
	}
	if expr, ok := reportSorts[f.Sort]; ok {
		if strings.Contains(expr, "%[1]s") {
			expr = fmt.Sprintf(expr, dir)
		} else {
			expr += " " + dir
		}
		order = expr + ", " + order
	}
	page := ""
	if f.Size > 0 {
		page = " LIMIT ? OFFSET ?"
		args = append(args, f.Size, (max(f.Page, 1)-1)*f.Size)
	}
	// the count of every match: from the rollups the database keeps per
	// department and period when the filter is one they count (a period, a
	// status, departments), else a window over the matches
	countSQL, countArgs := rollupCount(sc, f)
	count := "count(*) OVER ()"
	if countSQL != "" {
		count = "0"
	}
	q := `WITH m AS MATERIALIZED (SELECT projects.code, projects.name, projects.department_code,
		periods.key, periods.kind, periods.year, periods.cutoff_month, r.id, r.status, r.version, r.light, r.total, r.grade,
		r.execution_rate, r.blocking, r.updated_at, r.updated_by,
		` + count + ` AS total_count, row_number() OVER (ORDER BY ` + order + `) AS ord
		FROM ` + from + `
		WHERE ` + cond + ` ORDER BY ` + order + page + `)
	SELECT m.code, m.name, m.department_code, (SELECT d.name FROM departments d WHERE d.code = m.department_code), m.key, m.kind, m.year, m.cutoff_month,
		m.id IS NOT NULL, coalesce(m.status, 'draft'), coalesce(m.version, 0), coalesce(m.light, 'grey'), m.total, coalesce(m.grade, ''),
		m.execution_rate, coalesce(jsonb_array_length(m.blocking), 0), m.updated_at, coalesce(m.updated_by, ''),
		coalesce((SELECT u.display_name FROM users u WHERE u.username = m.updated_by), ''),
		lt.action, coalesce(lt.actor, ''), lt.at, coalesce(lt.comment, ''),
		coalesce((SELECT u.display_name FROM users u WHERE u.username = lt.actor), ''), m.total_count
	FROM m LEFT JOIN LATERAL (SELECT t.action, t.actor, t.at, t.comment FROM report_transitions t
		WHERE t.report_id = m.id AND m.status = 'returned' ORDER BY t.id DESC LIMIT 1) lt ON true
	ORDER BY m.ord`
	b := &batch{}
	if countSQL != "" {
		b.queue(countSQL, countArgs...)
	}
	b.queue(q, args...)
	res := s.lag().pg().sendBatch(ctx, b)
	defer res.Close()
	counted := -1
	if countSQL != "" {
		if err := res.QueryRow().Scan(&counted); err != nil {
			return nil, 0, fmt.Errorf("count reports: %w", err)
		}
	}
	rows, err := res.Query()
	if err != nil {
		return nil, 0, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	out, total := []ReportListItem{}, 0
	for rows.Next() {
		var (
			it                                   ReportListItem
			kind, status, light                  string
			totalScore, rate                     pgtype.Numeric
			updatedAt, returnedAt                pgtype.Timestamptz
			returnedAction                       pgtype.Text
			returnedBy, returnedComment, retName string
			n                                    int64
		)
		if err := rows.Scan(&it.ProjectCode, &it.ProjectName, &it.DepartmentCode, &it.DepartmentName, &it.Period.Key, &kind, &it.Period.Year,
			&it.Period.CutoffMonth, &it.Saved, &status, &it.Version, &light, &totalScore, &it.Grade, &rate, &it.Blocking, &updatedAt,
			&it.UpdatedBy, &it.UpdatedByName, &returnedAction, &returnedBy, &returnedAt, &returnedComment, &retName, &n); err != nil {
			return nil, 0, fmt.Errorf("list reports: %w", err)
		}
		it.Period.Kind, it.Status, it.Light = period.Kind(kind), report.Status(status), report.Light(light)
		it.Total, it.ExecutionRate = fromNumeric(totalScore), fromNumeric(rate)
		if updatedAt.Valid {
			at := updatedAt.Time
			it.UpdatedAt = &at
		}
		if returnedAction.Valid && returnedAt.Valid {
			it.Returned = &Transition{Action: report.Action(returnedAction.String), To: report.StatusReturned, Actor: returnedBy,
				At: returnedAt.Time, Comment: returnedComment}
			it.ReturnedByName = retName
		}
		out = append(out, it)
		total = int(n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list reports: %w", err)
	}
	if counted >= 0 {
		return out, counted, nil
	}
	if len(out) == 0 && f.Size > 0 && f.Page > 1 {
		// past the last page: the total still counts every match
		g := f
		g.Page, g.Size = 1, 1
		_, n, err := s.ListReports(ctx, sc, g)
		return out, n, err
	}
	return out, total, nil
}

// reportDepartments is the condition on the report list's projects.department_code
// of the scope and of the filters on a project's department: a department
// and the units below it, departments without a parent, a list of
// departments. For a scope of departments with such a filter, or of every
// department with a filter naming departments, it is one list, the
// departments that pass the scope and the filters, read before the projects
// (a reviewer's queue: the departments without 主管部门 among the fifty the
// reviewer reviews), so that only their projects are read.
func reportDepartments(sc Scope, f ReportFilter) filter {
	var d filter // conditions on the departments d
	if f.TopLevelOnly {
		d.and("d.parent_code IS NULL")
	}
	if f.Within != nil {
		d.and("d.code = ANY(?)", textArray(f.Within))
	}
	if f.Department != "" {
		// a department and the units below it
		d.andAlso(subtree("d.code", f.Department))
	}
	departmentsOnly := !sc.all && len(sc.departments) > 0 && len(sc.projects) == 0
	if d.cond != "" && (departmentsOnly || sc.all && (f.Within != nil || f.Department != "")) {
		var args []any
		scope := "true"
		if !sc.all {
			scope = inOrAny(&args, "d.code", sc.departments)
		}
		cond := "projects.department_code = ANY(ARRAY(SELECT d.code FROM departments d WHERE " + scope + d.cond + "))"
		return filter{cond: cond, args: append(args, d.args...)}
	}
	w := filter{}
	w.cond, w.args = sc.where("projects")
	if d.cond != "" {
		w.and("projects.department_code IN (SELECT d.code FROM departments d WHERE true"+d.cond+")", d.args...)
	}
	return w
}

// rollupStatus is the column of dashboard_rollups counting the rows of the
// report list of a status (a project never saved is a draft, as the list
// shows it); "" counts them all.
var rollupStatus = map[report.Status]string{
	// status_submitted counts the endorsed reports too (in review at either
	// level): a list of one of the two is counted over its matches
	"": "projects", report.StatusDraft: "status_draft",
	report.StatusApproved: "status_approved", report.StatusReturned: "status_returned",
}

// rollupCount is the query counting the report list's matches from the
// dashboard rollups (one row per department and period, kept by the
// database on every write), when the filter is one they count: one period,
// perhaps a status and a department, for a scope of whole departments;
// "" otherwise.
func rollupCount(sc Scope, f ReportFilter) (string, []any) {
	col, ok := rollupStatus[f.Status]
	if !ok || f.Period == "" || f.Light != "" || f.Q != "" || (!sc.all && len(sc.projects) > 0) || f.TopLevelOnly || f.Within != nil {
		return "", nil
	}
	w := filter{cond: `SELECT coalesce(sum(` + col + `), 0)::int FROM dashboard_rollups WHERE period_key = ?`, args: []any{f.Period}}
	if !sc.all {
		w.and(inOrAny(&w.args, "department_code", sc.departments))
	}
	if f.Department != "" {
		w.andAlso(subtree("department_code", f.Department))
	}
	return w.cond, w.args
}
