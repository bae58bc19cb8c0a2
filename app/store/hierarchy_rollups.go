package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// DepartmentRollup is one department's totals of a period, from the
// dashboard rollups, with its place in the hierarchy.
type DepartmentRollup struct {
	Code, Name, Parent string
	Level              int
	Projects           int
	Budget, Executed   decimal.Decimal
	ScoreSum           decimal.Decimal
	Scored, Reported   int
}

// Add sums another department's totals into r.
func (r *DepartmentRollup) Add(o DepartmentRollup) {
	r.Projects += o.Projects
	r.Budget, r.Executed, r.ScoreSum = r.Budget.Add(o.Budget), r.Executed.Add(o.Executed), r.ScoreSum.Add(o.ScoreSum)
	r.Scored += o.Scored
	r.Reported += o.Reported
}

// DepartmentRollups lists the totals of a period per department the scope
// sees (optionally a department and the units below it), by code: what a
// dashboard folds by hierarchy.
func (s *Store) DepartmentRollups(ctx context.Context, sc Scope, periodKey, department string) ([]DepartmentRollup, error) {
	var args []any
	cond := "true"
	if !sc.all {
		if len(sc.departments) == 0 {
			return nil, nil // a scope of single projects has no department rows
		}
		cond = inOrAny(&args, "d.code", sc.departments)
	}
	if department != "" {
		below := subtree("d.code", department)
		cond += " AND " + below.cond
		args = append(args, below.args...)
	}
	// every department in view, with projects or not, so that a 主管部门
	// without projects of its own still folds its units
	rows, err := s.lag().pg().query(ctx, `SELECT d.code, d.name, coalesce(d.parent_code, ''), d.level, coalesce(r.projects, 0),
		coalesce(r.budget_total, 0), coalesce(r.executed_total, 0), coalesce(r.score_sum, 0), coalesce(r.scored, 0),
		coalesce(r.status_submitted + r.status_approved, 0)
		FROM departments d LEFT JOIN dashboard_rollups r ON r.department_code = d.code AND r.period_key = ?
		WHERE `+cond+` ORDER BY d.code`, append([]any{periodKey}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("department rollups: %w", err)
	}
	defer rows.Close()
	var out []DepartmentRollup
	for rows.Next() {
		var d DepartmentRollup
		var budget, executed, sum pgtype.Numeric
		if err := rows.Scan(&d.Code, &d.Name, &d.Parent, &d.Level, &d.Projects, &budget, &executed, &sum, &d.Scored, &d.Reported); err != nil {
			return nil, fmt.Errorf("department rollups: %w", err)
		}
		d.Budget, d.Executed, d.ScoreSum = orZero(budget), orZero(executed), orZero(sum)
		out = append(out, d)
	}
	return out, rows.Err()
}

// FoldedDepartment is a department at the top of what a dashboard shows,
// its totals rolled up from the units below it, which it folds.
type FoldedDepartment struct {
	DepartmentRollup
	// Own is the department's own totals (its 本级 projects).
	Own   DepartmentRollup
	Units []DepartmentRollup
}

// FoldByHierarchy folds department rollups under their highest ancestor
// among them: one row per 主管部门 (or top department) with its units.
// Rows keep the order of rs (by code); units are by code too.
func FoldByHierarchy(rs []DepartmentRollup) []FoldedDepartment {
	byCode := make(map[string]DepartmentRollup, len(rs))
	for _, r := range rs {
		byCode[r.Code] = r
	}
	top := func(r DepartmentRollup) string {
		code := r.Code
		for range 3 { // the hierarchy has three levels
			p, ok := byCode[byCode[code].Parent]
			if !ok {
				break
			}
			code = p.Code
		}
		return code
	}
	index := map[string]int{}
	var out []FoldedDepartment
	for _, r := range rs {
		t := top(r)
		i, ok := index[t]
		if !ok {
			tr := byCode[t]
			i = len(out)
			index[t] = i
			out = append(out, FoldedDepartment{DepartmentRollup: DepartmentRollup{Code: tr.Code, Name: tr.Name, Parent: tr.Parent, Level: tr.Level,
				Budget: decimal.Zero, Executed: decimal.Zero, ScoreSum: decimal.Zero}})
		}
		out[i].Add(r)
		switch {
		case r.Code == t:
			out[i].Own = r
		case r.Projects > 0:
			out[i].Units = append(out[i].Units, r)
		}
	}
	// a department with nothing to report, itself or below, is no row
	return slices.DeleteFunc(out, func(f FoldedDepartment) bool { return f.Projects == 0 })
}
