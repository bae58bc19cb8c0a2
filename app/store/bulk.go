package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"jixiao/domain/audit"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/user"
)

// Loader bulk-loads a generated dataset with COPY, all in one transaction:
// after an error nothing of it is stored. The dashboard rollups are rebuilt
// once at the end instead of row by row.
type Loader struct {
	conn *pgxpool.Conn
	tx   pgx.Tx
	db   pg // tx, for ?-style SQL
	s    *Store
	// periods whose rollups are rebuilt at commit
	periods []string
}

// BeginLoad starts a bulk load (of new projects and their reports).
func (s *Store) BeginLoad(ctx context.Context) (*Loader, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin load: %w", err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		conn.Release()
		return nil, fmt.Errorf("begin load: %w", err)
	}
	l := &Loader{conn: conn, tx: tx, db: on(tx), s: s}
	if _, err := l.db.exec(ctx, deferRollups); err != nil {
		l.Rollback(ctx)
		return nil, fmt.Errorf("begin load: %w", err)
	}
	return l, nil
}

// Rollback abandons the load.
func (l *Loader) Rollback(ctx context.Context) {
	_ = l.tx.Rollback(ctx)
	l.conn.Release()
}

// Commit rebuilds the rollups of the loaded periods, records e in the audit
// trail and commits.
func (l *Loader) Commit(ctx context.Context, e audit.Entry) error {
	defer l.s.wrote() // after the commit: the kept dashboards are read anew
	defer l.conn.Release()
	for _, p := range l.periods {
		if _, err := l.db.exec(ctx, "SELECT rebuild_dashboard_rollups(?)", p); err != nil {
			_ = l.tx.Rollback(ctx)
			return fmt.Errorf("rebuild rollups of %s: %w", p, err)
		}
	}
	if _, err := l.db.exec(ctx, `INSERT INTO audit_log (at, actor, action, object_type, object_id, status, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)`, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Status, string(e.Detail)); err != nil {
		_ = l.tx.Rollback(ctx)
		return fmt.Errorf("audit load: %w", err)
	}
	if err := l.tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit load: %w", err)
	}
	return nil
}

// Periods stores the periods (existing ones are kept) and marks their
// rollups for rebuilding.
func (l *Loader) Periods(ctx context.Context, ps []period.Period) error {
	for _, p := range ps {
		if _, err := l.db.exec(ctx, `INSERT INTO periods (key, kind, year, cutoff_month) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
			p.Key, string(p.Kind), p.Year, p.CutoffMonth); err != nil {
			return fmt.Errorf("load period %s: %w", p.Key, err)
		}
		l.periods = append(l.periods, p.Key)
	}
	return nil
}

// Projects copies departments and their new projects with indicators, and
// returns the projects with their indicator ids. Every project is validated
// first; an existing code fails the load.
func (l *Loader) Projects(ctx context.Context, deps []project.Department, ps []project.Project) ([]project.Project, error) {
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("load project %s: %w", p.Code, err)
		}
	}
	rows := make([][]any, len(deps))
	for i, d := range deps {
		var parent *string
		if d.Parent != "" {
			parent = &d.Parent
		}
		rows[i] = []any{d.Code, d.Name, parent, max(d.Level, 1)}
	}
	// a parent comes before its units (in this copy or an earlier one)
	if err := l.copy(ctx, "departments", []string{"code", "name", "parent_code", "level"}, rows); err != nil {
		return nil, err
	}
	rows = make([][]any, len(ps))
	n := 0
	for i, p := range ps {
		rows[i] = []any{p.Code, p.Department.Code, p.Year, p.Name, p.Category, numeric(p.Budget), p.Goal, numeric(p.ExecutionWeight)}
		n += len(p.Indicators)
	}
	if err := l.copy(ctx, "projects", []string{"code", "department_code", "year", "name", "category", "budget", "goal", "execution_weight"}, rows); err != nil {
		return nil, err
	}
	ids, err := l.reserve(ctx, "indicators_id_seq", n)
	if err != nil {
		return nil, err
	}
	out := make([]project.Project, len(ps))
	rows = make([][]any, 0, n)
	for i, p := range ps {
		p.Indicators = append([]project.Indicator(nil), p.Indicators...)
		for pos := range p.Indicators {
			in := &p.Indicators[pos]
			in.ID, ids = ids[0], ids[1:]
			num := pgtype.Numeric{}
			if t, ok := in.TargetNumber(); ok {
				num = numeric(t)
			}
			rows = append(rows, []any{in.ID, p.Code, pos, in.Level1, in.Level2, in.Name, string(in.Nature), in.Target, num,
				in.Unit, numeric(in.Weight), string(in.Accrual)})
		}
		out[i] = p
	}
	if err := l.copy(ctx, "indicators", []string{"id", "project_code", "position", "level1", "level2", "name", "nature", "target",
		"target_number", "unit", "weight", "accrual"}, rows); err != nil {
		return nil, err
	}
	return out, nil
}

// LoadReport is a report to load with the workflow it went through: saved
// by Submitter, then submitted (version 2) and approved by Reviewer
// (version 3) as its status says.
type LoadReport struct {
	Project    project.Project
	Period     period.Period
	Record     ReportRecord // Report and Evaluation
	Submitter  string
	Reviewer   string
	At         time.Time
	ApproveFor string // comment of the approval
}

// Reports copies reports with their lines, every version and the
// transitions their status implies.
func (l *Loader) Reports(ctx context.Context, rs []LoadReport) error {
	ids, err := l.reserve(ctx, "reports_id_seq", len(rs))
	if err != nil {
		return err
	}
	var reps, lines, versions, trs [][]any
	for i, lr := range rs {
		id := ids[i]
		final := lr.Record
		final.Report.ProjectCode, final.Report.PeriodKey = lr.Project.Code, lr.Period.Key
		final.Saved, final.UpdatedAt, final.UpdatedBy = true, lr.At, lr.Submitter
		steps := []struct {
			action string
			status report.Status
			actor  string
		}{{"save", report.StatusDraft, lr.Submitter}, {"submit", report.StatusSubmitted, lr.Submitter}, {"approve", report.StatusApproved, lr.Reviewer}}
		prev := ReportRecord{Report: report.Report{ProjectCode: final.Report.ProjectCode, PeriodKey: final.Report.PeriodKey, Status: report.StatusDraft}}
		for v := 1; v <= final.Report.Version && v <= len(steps); v++ {
			st := steps[v-1]
			cur := final
			cur.Report.Version, cur.Report.Status = v, st.status
			at := lr.At.Add(time.Duration(v-1) * time.Hour)
			docs, err := newVersionDocs(prev, cur)
			if err != nil {
				return err
			}
			versions = append(versions, []any{id, v, at, st.actor, st.action, string(docs.after), string(docs.changes)})
			if v > 1 {
				trs = append(trs, []any{id, st.action, string(prev.Report.Status), string(st.status), st.actor, at, ""})
			}
			final.UpdatedAt, final.UpdatedBy = at, st.actor
			prev = cur
		}
		row, err := newReportRow(id, final)
		if err != nil {
			return err
		}
		reps = append(reps, []any{row.ID, row.ProjectCode, row.PeriodKey, row.Status, row.Version, nullNumeric(row.BudgetAdjusted),
			nullNumeric(row.BudgetExecuted), nullNumeric(row.BudgetProjected), row.BudgetReason, numeric(row.TimeProgress),
			nullNumeric(row.ExecutionRate), numeric(row.ExecutionScore), row.BudgetLight, row.Light, numeric(row.IndicatorSum),
			numeric(row.Total), numeric(row.ComputedTotal), row.Grade, string(row.Blocking), string(row.Evaluation), row.UpdatedAt, row.UpdatedBy})
		for _, lr := range lineRows(id, final) {
			var done any
			if lr.CompletedOn != nil {
				d, err := time.Parse(time.DateOnly, *lr.CompletedOn)
				if err != nil {
					return fmt.Errorf("completed_on of %s: %w", final.Report.ProjectCode, err)
				}
				done = d
			}
			lines = append(lines, []any{lr.ReportID, lr.IndicatorID, nullNumeric(lr.Value), nullNumeric(lr.Projected), nullNumeric(lr.ScoreInput),
				lr.Band, done, lr.NotApplicable, lr.NotApplicableReason, []string(lr.DeviationCauses), lr.Explanation, lr.Measures,
				lr.Likelihood, nullNumeric(lr.Adjusted), lr.AdjustReason, lr.Light, lr.Rule, numeric(lr.Computed), numeric(lr.Score), lr.NeedsExplanation})
		}
	}
	if err := l.copy(ctx, "reports", []string{"id", "project_code", "period_key", "status", "version", "budget_adjusted", "budget_executed",
		"budget_projected", "budget_reason", "time_progress", "execution_rate", "execution_score", "budget_light", "light", "indicator_sum",
		"total", "computed_total", "grade", "blocking", "evaluation", "updated_at", "updated_by"}, reps); err != nil {
		return err
	}
	if err := l.copy(ctx, "report_lines", []string{"report_id", "indicator_id", "value", "projected", "score_input", "band", "completed_on",
		"not_applicable", "not_applicable_reason", "deviation_causes", "explanation", "measures", "likelihood", "adjusted", "adjust_reason",
		"light", "rule", "computed", "score", "needs_explanation"}, lines); err != nil {
		return err
	}
	if err := l.copy(ctx, "report_versions", []string{"report_id", "version", "saved_at", "saved_by", "action", "body", "changes"}, versions); err != nil {
		return err
	}
	return l.copy(ctx, "report_transitions", []string{"report_id", "action", "from_status", "to_status", "actor", "at", "comment"}, trs)
}

// LoadUser is an account to load; its password hash is given (one hash may
// serve every generated account: hashing thousands of passwords with
// argon2id would take minutes).
type LoadUser struct {
	Account      user.Account
	PasswordHash string
}

// Users copies accounts with their roles and assignments.
func (l *Loader) Users(ctx context.Context, us []LoadUser, at time.Time) error {
	ids, err := l.reserve(ctx, "users_id_seq", len(us))
	if err != nil {
		return err
	}
	var users, roles, deps, projs [][]any
	for i, u := range us {
		id, a := ids[i], u.Account
		users = append(users, []any{id, a.Username, a.DisplayName, u.PasswordHash, false, at, at})
		for _, r := range a.Roles {
			roles = append(roles, []any{id, string(r)})
		}
		for _, d := range a.Departments {
			deps = append(deps, []any{id, d})
		}
		for _, p := range a.Projects {
			projs = append(projs, []any{id, p})
		}
	}
	if err := l.copy(ctx, "users", []string{"id", "username", "display_name", "password_hash", "disabled", "created_at", "updated_at"}, users); err != nil {
		return err
	}
	if err := l.copy(ctx, "user_roles", []string{"user_id", "role"}, roles); err != nil {
		return err
	}
	if err := l.copy(ctx, "user_departments", []string{"user_id", "department_code"}, deps); err != nil {
		return err
	}
	return l.copy(ctx, "user_projects", []string{"user_id", "project_code"}, projs)
}

func (l *Loader) copy(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := l.tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

// reserve takes n values of a sequence.
func (l *Loader) reserve(ctx context.Context, seq string, n int) ([]int64, error) {
	rows, err := l.db.query(ctx, "SELECT nextval(?::regclass) FROM generate_series(1, ?)", seq, n)
	if err != nil {
		return nil, fmt.Errorf("reserve %s: %w", seq, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("reserve %s: %w", seq, err)
	}
	return ids, nil
}

// deferRollups keeps the rollup triggers from refreshing row by row: the
// transaction refreshes what it touched itself before it commits.
const deferRollups = "SET LOCAL jixiao.defer_rollups = 'on'"

// numeric converts an exact decimal for pgx, without passing through text
// or a float.
func numeric(d decimal.Decimal) pgtype.Numeric {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

func nullNumeric(d decimal.NullDecimal) pgtype.Numeric {
	if !d.Valid {
		return pgtype.Numeric{}
	}
	return numeric(d.Decimal)
}

// fromNumeric converts a scanned numeric; NaN and infinities are not stored
// by the schema's columns.
func fromNumeric(n pgtype.Numeric) *decimal.Decimal {
	if !n.Valid || n.NaN || n.InfinityModifier != pgtype.Finite {
		return nil
	}
	d := decimal.NewFromBigInt(n.Int, n.Exp)
	return &d
}

// Analyze vacuums the tables a bulk load fills and refreshes the planner's
// statistics of them, as autovacuum would soon after on a served database:
// the visibility map lets the planner read from indexes only, and the rows'
// hint bits are set once here rather than by the first readers.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.exec(ctx, `VACUUM (ANALYZE) departments, projects, indicators, reports, report_lines, report_versions,
		report_transitions, users, user_departments, user_projects, dashboard_rollups`); err != nil {
		return fmt.Errorf("vacuum and analyze: %w", err)
	}
	return nil
}
