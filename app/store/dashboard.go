package store

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/report"
)

// ProjectStatus is one project's line on a dashboard: its report's stored
// status, light and score for a period. A project without a saved report
// shows as a draft with no score.
type ProjectStatus struct {
	Code           string
	Name           string
	DepartmentCode string
	DepartmentName string
	Budget         decimal.Decimal
	Saved          bool
	Status         report.Status
	Version        int
	Light          report.Light
	Total          *decimal.Decimal
	ComputedTotal  *decimal.Decimal
	Grade          string
	Adjusted       decimal.Decimal // the adjusted budget, or the budget
	Executed       *decimal.Decimal
	ExecutionRate  *decimal.Decimal
	BudgetLight    report.Light
	Blocking       int // how many problems block submission
}

// PeriodStatus lists the stored results of every project the scope may see
// for a period's year, optionally of one department, ordered by code. It
// reads what saves stored; nothing is recomputed.
func (s *Store) PeriodStatus(ctx context.Context, sc Scope, periodKey, department string) (period.Period, []ProjectStatus, error) {
	var pr periodRow
	db := s.lag().db.WithContext(ctx)
	if err := db.Where("key = ?", periodKey).Take(&pr).Error; err != nil {
		if errNotFound(err) {
			return period.Period{}, nil, fmt.Errorf("period %s: %w", periodKey, period.ErrNotFound)
		}
		return period.Period{}, nil, fmt.Errorf("period %s: %w", periodKey, err)
	}
	q := db.Table("projects").
		Select(`projects.code, projects.name, projects.department_code, departments.name AS department_name, projects.budget,
			r.id IS NOT NULL AS saved, coalesce(r.status, 'draft') AS status, coalesce(r.version, 0) AS version,
			coalesce(r.light, 'grey') AS light, r.total, r.computed_total, coalesce(r.grade, '') AS grade,
			coalesce(r.budget_adjusted, projects.budget) AS adjusted, r.budget_executed AS executed,
			r.execution_rate, coalesce(r.budget_light, 'grey') AS budget_light,
			coalesce(jsonb_array_length(r.blocking), 0) AS blocking`).
		Joins("JOIN departments ON departments.code = projects.department_code").
		Joins("LEFT JOIN reports r ON r.project_code = projects.code AND r.period_key = ?", periodKey).
		Where("projects.year = ? AND projects.status = 'approved'", pr.Year)
	cond, args := sc.where("projects")
	q = q.Where(cond, args...)
	if department != "" {
		// a department and the units below it
		below := subtree("projects.department_code", department)
		q = q.Where(below.cond, below.args...)
	}
	var rows []struct {
		Code, Name, DepartmentCode, DepartmentName string
		Budget                                     decimal.Decimal
		Saved                                      bool
		Status                                     string
		Version                                    int
		Light                                      string
		Total, ComputedTotal                       decimal.NullDecimal
		Grade                                      string
		Adjusted                                   decimal.Decimal
		Executed, ExecutionRate                    decimal.NullDecimal
		BudgetLight                                string
		Blocking                                   int
	}
	if err := q.Order("projects.code").Scan(&rows).Error; err != nil {
		return period.Period{}, nil, fmt.Errorf("period status: %w", err)
	}
	out := make([]ProjectStatus, len(rows))
	for i, r := range rows {
		out[i] = ProjectStatus{Code: r.Code, Name: r.Name, DepartmentCode: r.DepartmentCode, DepartmentName: r.DepartmentName,
			Budget: r.Budget, Saved: r.Saved, Status: report.Status(r.Status), Version: r.Version, Light: report.Light(r.Light),
			Total: ptr(r.Total), ComputedTotal: ptr(r.ComputedTotal), Grade: r.Grade, Adjusted: r.Adjusted,
			Executed: ptr(r.Executed), ExecutionRate: ptr(r.ExecutionRate), BudgetLight: report.Light(r.BudgetLight), Blocking: r.Blocking}
	}
	return pr.domain(), out, nil
}
