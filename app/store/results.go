package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/results"
)

// ErrNoApprovedResult: the project has no approved annual self-evaluation
// for the year, so there is no result to apply.
var ErrNoApprovedResult = errors.New("no approved annual self-evaluation")

// ResultSettings reads what each grade proposes.
func (s *Store) ResultSettings(ctx context.Context) ([]results.Setting, error) {
	var rows []struct {
		Grade   string
		Action  string
		Percent decimal.Decimal
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT grade, action, percent FROM result_settings`).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("result settings: %w", err)
	}
	out := make([]results.Setting, len(rows))
	for i, r := range rows {
		out[i] = results.Setting{Grade: r.Grade, Action: results.Action(r.Action), Percent: r.Percent}
	}
	// best grade first, as the grade bands are
	rank := map[string]int{"优": 0, "良": 1, "中": 2, "差": 3}
	sort.Slice(out, func(i, j int) bool { return rank[out[i].Grade] < rank[out[j].Grade] })
	return out, nil
}

// SetResultSettings replaces what each grade proposes (validated by the
// caller), audited with the settings before and after. Decisions already
// recorded keep what they were.
func (s *Store) SetResultSettings(ctx context.Context, ss []results.Setting, e audit.Entry) ([]results.Setting, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := s.ResultSettings(ctx)
		if err != nil {
			return err
		}
		for _, x := range ss {
			if err := tx.Exec(`UPDATE result_settings SET action = ?, percent = ? WHERE grade = ?`, string(x.Action), x.Percent, x.Grade).Error; err != nil {
				return err
			}
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "result.settings", "result_settings", "grades", 200
		e.Before, e.After = audit.JSON(before), audit.JSON(ss)
		return appendAudit(tx, e)
	})
	if err != nil {
		return nil, fmt.Errorf("set result settings: %w", err)
	}
	return s.ResultSettings(ctx)
}

// ResultDecision is what the finance bureau decided for a project's next budget.
type ResultDecision struct {
	Action    results.Action
	Percent   decimal.Decimal
	Note      string
	DecidedBy string
	DecidedAt time.Time
}

// ResultRow is one approved annual self-evaluation with its decision.
type ResultRow struct {
	ProjectCode    string
	ProjectName    string
	DepartmentCode string
	DepartmentName string
	Budget         decimal.Decimal
	Total          decimal.Decimal
	Grade          string
	Decision       *ResultDecision
}

type resultRowScan struct {
	ProjectCode    string
	ProjectName    string
	DepartmentCode string
	DepartmentName string
	Budget         decimal.Decimal
	Total          decimal.Decimal
	Grade          string
	Action         *string
	Percent        decimal.NullDecimal
	Note           *string
	DecidedBy      *string
	DecidedAt      *time.Time
}

func (r resultRowScan) row() ResultRow {
	out := ResultRow{ProjectCode: r.ProjectCode, ProjectName: r.ProjectName, DepartmentCode: r.DepartmentCode,
		DepartmentName: r.DepartmentName, Budget: r.Budget, Total: r.Total, Grade: r.Grade}
	if r.Action != nil {
		out.Decision = &ResultDecision{Action: results.Action(*r.Action), Percent: r.Percent.Decimal, Note: deref2(r.Note),
			DecidedBy: deref2(r.DecidedBy)}
		if r.DecidedAt != nil {
			out.Decision.DecidedAt = *r.DecidedAt
		}
	}
	return out
}

func deref2(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

const resultRowsSQL = `SELECT p.code AS project_code, p.name AS project_name, p.department_code, d.name AS department_name, p.budget,
	  r.total, r.grade, x.action, x.percent, x.note, x.decided_by, x.decided_at
	FROM projects p JOIN departments d ON d.code = p.department_code
	JOIN reports r ON r.project_code = p.code AND r.period_key = p.year::text AND r.status = 'approved'
	LEFT JOIN result_decisions x ON x.project_code = p.code AND x.year = p.year
	WHERE p.year = ? AND `

// ResultRows lists the approved annual self-evaluations of year the scope
// sees, with the decisions taken, by department and code.
func (s *Store) ResultRows(ctx context.Context, sc Scope, year int, department string) ([]ResultRow, error) {
	cond, args := sc.where("p")
	w := filter{cond: resultRowsSQL + cond, args: append([]any{year}, args...)}
	if department != "" {
		w.and("p.department_code = ?", department)
	}
	q, args := w.cond, w.args
	var rows []resultRowScan
	if err := s.db.WithContext(ctx).Raw(q+" ORDER BY p.department_code, p.code LIMIT 5000", args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("results %d: %w", year, err)
	}
	out := make([]ResultRow, len(rows))
	for i, r := range rows {
		out[i] = r.row()
	}
	return out, nil
}

func resultRow(db *gorm.DB, sc Scope, year int, code string) (ResultRow, error) {
	cond, args := sc.where("p")
	var rows []resultRowScan
	if err := db.Raw(resultRowsSQL+"p.code = ? AND "+cond, append([]any{year, code}, args...)...).Scan(&rows).Error; err != nil {
		return ResultRow{}, fmt.Errorf("result %s %d: %w", code, year, err)
	}
	if len(rows) == 0 {
		return ResultRow{}, fmt.Errorf("result %s %d: %w", code, year, ErrNoApprovedResult)
	}
	return rows[0].row(), nil
}

// ResultOf is a project's result for year (ErrNoApprovedResult when none).
func (s *Store) ResultOf(ctx context.Context, sc Scope, year int, code string) (ResultRow, error) {
	return resultRow(s.db.WithContext(ctx), sc, year, code)
}

// DecideResult records (or replaces) the decision on a project's result;
// check sees the row before the change. Audited with before and after.
func (s *Store) DecideResult(ctx context.Context, sc Scope, year int, code string, d ResultDecision, ip string, actorID int64,
	check func(ResultRow) error) (ResultRow, error) {
	var out ResultRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SELECT 1 FROM projects WHERE code = ? FOR UPDATE`, code).Error; err != nil {
			return fmt.Errorf("lock %s: %w", code, err)
		}
		before, err := resultRow(tx, sc, year, code)
		if err != nil {
			return err
		}
		if err := check(before); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO result_decisions (project_code, year, action, percent, note, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_code, year) DO UPDATE SET action = EXCLUDED.action, percent = EXCLUDED.percent, note = EXCLUDED.note,
			  decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
			code, year, string(d.Action), d.Percent, d.Note, d.DecidedBy, d.DecidedAt).Error; err != nil {
			return fmt.Errorf("decide result %s %d: %w", code, year, err)
		}
		if out, err = resultRow(tx, sc, year, code); err != nil {
			return err
		}
		return appendAudit(tx, audit.Entry{At: d.DecidedAt, Actor: d.DecidedBy, ActorID: actorID, IP: ip, Action: "result.decide",
			ObjectType: "project", ObjectID: code, Status: 200, Before: audit.JSON(before.Decision), After: audit.JSON(out.Decision),
			Detail: audit.JSON(map[string]any{"year": year, "grade": out.Grade, "total": out.Total.StringFixed(2)})})
	})
	return out, err
}
