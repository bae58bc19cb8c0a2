package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

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
// every matching row.
func (s *Store) ListReports(ctx context.Context, sc Scope, f ReportFilter) ([]ReportListItem, int, error) {
	q := s.lag().db.WithContext(ctx).Table("projects").
		Joins("JOIN departments ON departments.code = projects.department_code").
		Joins("JOIN periods ON periods.year = projects.year").
		Joins("LEFT JOIN reports r ON r.project_code = projects.code AND r.period_key = periods.key")
	q = sc.projectsWhere(q, "projects").Where("projects.status = 'approved'") // only approved targets have reports
	if f.Period != "" {
		q = q.Where("periods.key = ?", f.Period)
	}
	if f.Status != "" {
		q = q.Where("coalesce(r.status, 'draft') = ?", string(f.Status))
	}
	if f.Department != "" {
		q = q.Where("projects.department_code = ?", f.Department)
	}
	if f.Light != "" {
		q = q.Where("coalesce(r.light, 'grey') = ?", string(f.Light))
	}
	if f.Q != "" {
		like := likePattern(f.Q)
		q = q.Where("(projects.code ILIKE ? OR projects.name ILIKE ?)", like, like)
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count reports: %w", err)
	}
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	order := "periods.year, periods.cutoff_month, projects.code"
	if expr, ok := reportSorts[f.Sort]; ok {
		if strings.Contains(expr, "%[1]s") {
			expr = fmt.Sprintf(expr, dir)
		} else {
			expr += " " + dir
		}
		order = expr + ", " + order
	}
	// names of people, and why a returned report came back: joined for the
	// rows of the page only
	q = q.Joins("LEFT JOIN users uu ON uu.username = r.updated_by").
		Joins(`LEFT JOIN LATERAL (SELECT t.action, t.actor, t.at, t.comment FROM report_transitions t
			WHERE t.report_id = r.id ORDER BY t.id DESC LIMIT 1) lt ON r.status = 'returned'`).
		Joins("LEFT JOIN users tu ON tu.username = lt.actor")
	q = q.Select(`projects.code AS project_code, projects.name AS project_name, projects.department_code,
		departments.name AS department_name, periods.key AS period_key, periods.kind AS period_kind,
		periods.year AS period_year, periods.cutoff_month AS period_cutoff,
		r.id IS NOT NULL AS saved, coalesce(r.status, 'draft') AS status, coalesce(r.version, 0) AS version,
		coalesce(r.light, 'grey') AS light, r.total, coalesce(r.grade, '') AS grade, r.execution_rate,
		coalesce(jsonb_array_length(r.blocking), 0) AS blocking, r.updated_at, coalesce(r.updated_by, '') AS updated_by,
		coalesce(uu.display_name, '') AS updated_by_name, lt.action AS returned_action, coalesce(lt.actor, '') AS returned_by,
		lt.at AS returned_at, coalesce(lt.comment, '') AS returned_comment, coalesce(tu.display_name, '') AS returned_by_name`).
		Order(order)
	if f.Size > 0 {
		q = q.Offset((max(f.Page, 1) - 1) * f.Size).Limit(f.Size)
	}
	var rows []struct {
		ProjectCode, ProjectName, DepartmentCode, DepartmentName string
		PeriodKey, PeriodKind                                    string
		PeriodYear, PeriodCutoff                                 int
		Saved                                                    bool
		Status                                                   string
		Version                                                  int
		Light                                                    string
		Total                                                    decimal.NullDecimal
		Grade                                                    string
		ExecutionRate                                            decimal.NullDecimal
		Blocking                                                 int
		UpdatedAt                                                *time.Time
		UpdatedBy, UpdatedByName                                 string
		ReturnedAction                                           *string
		ReturnedBy, ReturnedComment, ReturnedByName              string
		ReturnedAt                                               *time.Time
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list reports: %w", err)
	}
	out := make([]ReportListItem, len(rows))
	for i, r := range rows {
		out[i] = ReportListItem{ProjectCode: r.ProjectCode, ProjectName: r.ProjectName, DepartmentCode: r.DepartmentCode,
			DepartmentName: r.DepartmentName, Saved: r.Saved, Status: report.Status(r.Status), Version: r.Version,
			Period: period.Period{Key: r.PeriodKey, Kind: period.Kind(r.PeriodKind), Year: r.PeriodYear, CutoffMonth: r.PeriodCutoff},
			Light:  report.Light(r.Light), Total: ptr(r.Total), Grade: r.Grade, ExecutionRate: ptr(r.ExecutionRate),
			Blocking: r.Blocking, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, UpdatedByName: r.UpdatedByName}
		if r.ReturnedAction != nil && r.ReturnedAt != nil {
			out[i].Returned = &Transition{Action: report.Action(*r.ReturnedAction), To: report.StatusReturned, Actor: r.ReturnedBy,
				At: *r.ReturnedAt, Comment: r.ReturnedComment}
			out[i].ReturnedByName = r.ReturnedByName
		}
	}
	return out, int(total), nil
}
