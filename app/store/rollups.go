package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// PeriodTotals are a period's counts and sums over the projects a scope
// sees: what the dashboard shows above its list. The score, the grades and
// the lights are of reported reports only (submitted or approved); drafts,
// returned reports and projects nobody filled count in ByStatus beside them.
type PeriodTotals struct {
	Projects      int
	Saved         int
	BudgetTotal   decimal.Decimal // Σ adjusted budgets (the budget where none was adjusted), 万元
	ExecutedTotal decimal.Decimal
	ScoreSum      decimal.Decimal // Σ stored totals of reported reports
	Scored        int             // how many reported reports ScoreSum adds
	ByLight       map[string]int  // reported reports by project light
	ByGrade       map[string]int  // reported reports by grade
	// ByStatus counts saved reports by status and, under StatusUnfilled,
	// the projects whose report was never saved
	ByStatus map[string]int
}

// StatusUnfilled is the key of ByStatus for projects whose report was never
// saved (a draft is one saved at least once).
const StatusUnfilled = "unfilled"

// Page is a window of a list: Limit 0 means everything.
type Page struct {
	Offset, Limit int
}

// PeriodOverview reads a period's totals and one page of its project lines
// (ordered by code) for the scope, optionally of one department. Totals
// come from the dashboard rollups the database keeps on every save, so a
// whole province costs a sum over its departments; a scope of single
// projects (not whole departments) is aggregated from its projects.
func (s *Store) PeriodOverview(ctx context.Context, sc Scope, periodKey, department string, pg Page) (period.Period, PeriodTotals, []ProjectStatus, error) {
	if len(sc.projects) > 0 && !sc.all {
		per, ps, err := s.PeriodStatus(ctx, sc, periodKey, department)
		if err != nil {
			return period.Period{}, PeriodTotals{}, nil, err
		}
		t := totalsOf(ps)
		return per, t, pageOf(ps, pg), nil
	}
	db := s.lag().pg()
	// the page's codes first, in index order (projects_year_code), then only
	// their lines are joined
	pw := filter{cond: `WITH page AS (SELECT p.code FROM projects p WHERE p.year = (SELECT year FROM periods WHERE key = ?) AND p.status = 'approved'`,
		args: []any{periodKey}}
	scope, scopeArgs := sc.where("p")
	pw.and(scope, scopeArgs...)
	if department != "" {
		pw.andAlso(subtree("p.department_code", department))
	}
	pw.cond += ` ORDER BY p.code`
	if pg.Limit > 0 {
		pw.cond += ` LIMIT ? OFFSET ?`
		pw.args = append(pw.args, pg.Limit, pg.Offset)
	}
	pageSQL := pw.cond + `) ` + statusSelect + ` WHERE p.code IN (SELECT code FROM page) ORDER BY p.code`
	pargs := append(pw.args, periodKey)
	w := filter{cond: "true"}
	if !sc.all {
		w.cond = inOrAny(&w.args, "r.department_code", sc.departments)
	}
	if department != "" {
		w.andAlso(subtree("r.department_code", department))
	}
	totalsSQL := totalsSelect + w.cond + `) t WHERE pe.key = ?`
	args := append(w.args, periodKey)
	read := func(ctx context.Context) (cachedTotals, error) {
		b := &batch{}
		b.queue(totalsSQL, args...)
		b.queue(pageSQL, pargs...)
		res := db.sendBatch(ctx, b)
		defer res.Close()
		per, t, err := scanTotals(res.QueryRow(), periodKey)
		if err != nil {
			return cachedTotals{}, err
		}
		rows, err := res.Query()
		if err != nil {
			return cachedTotals{}, fmt.Errorf("period status: %w", err)
		}
		ps, err := scanStatus(rows)
		return cachedTotals{per: per, t: t, lines: ps}, err
	}
	var v cachedTotals
	var err error
	if sc.all && department == "" {
		// the whole province: the same view for every caller, kept a moment
		// and read by one request at a time
		v, err = s.provinceView(ctx, fmt.Sprintf("%s|%d|%d", periodKey, pg.Offset, pg.Limit), read)
	} else {
		v, err = read(ctx)
	}
	if err != nil {
		return period.Period{}, PeriodTotals{}, nil, err
	}
	return v.per, v.t, v.lines, nil
}

// totalsSelect sums the rollups of a period under a condition on the
// rollup rows r, to be appended with ") t WHERE pe.key = ?".
const totalsSelect = `SELECT pe.key, pe.kind, pe.year, pe.cutoff_month, t.* FROM periods pe, LATERAL (
	SELECT coalesce(sum(projects), 0)::int, coalesce(sum(saved), 0)::int, coalesce(sum(budget_total), 0), coalesce(sum(executed_total), 0),
	       coalesce(sum(score_sum), 0), coalesce(sum(scored), 0)::int,
	       coalesce(sum(light_red), 0)::int, coalesce(sum(light_yellow), 0)::int, coalesce(sum(light_green), 0)::int,
	       coalesce(sum(light_blue), 0)::int, coalesce(sum(light_grey), 0)::int,
	       coalesce(sum(grade_excellent), 0)::int, coalesce(sum(grade_good), 0)::int, coalesce(sum(grade_fair), 0)::int,
	       coalesce(sum(grade_poor), 0)::int,
	       coalesce(sum(status_draft), 0)::int, coalesce(sum(status_submitted), 0)::int, coalesce(sum(status_approved), 0)::int,
	       coalesce(sum(status_returned), 0)::int
	FROM dashboard_rollups r WHERE r.period_key = pe.key AND `

// provinceView is the whole province's view under key (period and page):
// the one kept when the cache holds it, else read by one request while the
// others asking at the same moment wait for its answer (not a read each).
// A view past half its life is still served, while one request reads it
// anew in the background: nobody waits for the reads that keep it fresh.
func (s *Store) provinceView(ctx context.Context, key string, read func(context.Context) (cachedTotals, error)) (cachedTotals, error) {
	// keyed by the generation too: a request made after a write through this
	// server does not take a read begun before it
	gen := s.totals.gen.Load()
	flightKey := fmt.Sprintf("%s@%d", key, gen)
	do := func() (any, error) {
		// the read is shared: it does not end with the request that started it
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		v, err := read(rctx)
		if err != nil {
			return nil, err
		}
		s.totals.put(key, gen, v, time.Now())
		// counted once kept, so that a test that sees the count move finds
		// the view it read in the cache
		s.totals.sums.Add(1)
		return v, nil
	}
	if v, ok, stale := s.totals.get(key, time.Now()); ok {
		if stale {
			s.totals.flight.DoChan(flightKey, do) // at most one at a time; its answer goes to the cache
		}
		return v, nil
	}
	v, err, _ := s.totals.flight.Do(flightKey, do)
	if err != nil {
		return cachedTotals{}, err
	}
	return v.(cachedTotals).clone(), nil
}

// scanTotals reads the row of totalsSelect.
func scanTotals(row pgx.Row, periodKey string) (period.Period, PeriodTotals, error) {
	var per period.Period
	var t PeriodTotals
	var kind string
	var budget, executed, scoreSum pgtype.Numeric
	var l [5]int
	var g [4]int
	var st [4]int
	err := row.Scan(&per.Key, &kind, &per.Year, &per.CutoffMonth, &t.Projects, &t.Saved, &budget, &executed, &scoreSum, &t.Scored,
		&l[0], &l[1], &l[2], &l[3], &l[4], &g[0], &g[1], &g[2], &g[3], &st[0], &st[1], &st[2], &st[3])
	if errors.Is(err, pgx.ErrNoRows) {
		return period.Period{}, PeriodTotals{}, fmt.Errorf("period %s: %w", periodKey, period.ErrNotFound)
	}
	if err != nil {
		return period.Period{}, PeriodTotals{}, fmt.Errorf("period totals: %w", err)
	}
	per.Kind = period.Kind(kind)
	t.BudgetTotal, t.ExecutedTotal, t.ScoreSum = *fromNumeric(budget), *fromNumeric(executed), *fromNumeric(scoreSum)
	t.ByLight = map[string]int{}
	for i, name := range []report.Light{report.LightRed, report.LightYellow, report.LightGreen, report.LightBlue, report.LightGrey} {
		if l[i] > 0 {
			t.ByLight[string(name)] = l[i]
		}
	}
	t.ByGrade = map[string]int{"优": g[0], "良": g[1], "中": g[2], "差": g[3]}
	// status_draft counts every project without a report too: those are
	// unfilled, not drafts
	st[0] -= t.Projects - t.Saved
	t.ByStatus = map[string]int{}
	for i, name := range []report.Status{report.StatusDraft, report.StatusSubmitted, report.StatusApproved, report.StatusReturned} {
		if st[i] > 0 {
			t.ByStatus[string(name)] = st[i]
		}
	}
	if n := t.Projects - t.Saved; n > 0 {
		t.ByStatus[StatusUnfilled] = n
	}
	return per, t, nil
}

// statusSelect reads project lines for a period, its one argument.
const statusSelect = `SELECT p.code, p.name, p.department_code, d.name, p.budget::text,
	r.id IS NOT NULL, coalesce(r.status, 'draft'), coalesce(r.version, 0), coalesce(r.light, 'grey'), r.total::text, r.computed_total::text,
	coalesce(r.grade, ''), coalesce(r.budget_adjusted, p.budget)::text, r.budget_executed::text, r.execution_rate::text,
	coalesce(r.budget_light, 'grey'), coalesce(jsonb_array_length(r.blocking), 0)
	FROM projects p JOIN departments d ON d.code = p.department_code
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = ?`

// scanStatus reads the rows of statusSelect. Its numbers come as text,
// which storedDecimal reads without the big-integer arithmetic of the
// binary numeric format: a dashboard page holds a hundred lines of six.
func scanStatus(rows pgx.Rows) ([]ProjectStatus, error) {
	defer rows.Close()
	var out []ProjectStatus
	for rows.Next() {
		var p ProjectStatus
		var status, light, budgetLight string
		var budget, adjusted string
		var total, computed, executed, rate pgtype.Text
		if err := rows.Scan(&p.Code, &p.Name, &p.DepartmentCode, &p.DepartmentName, &budget, &p.Saved, &status, &p.Version, &light,
			&total, &computed, &p.Grade, &adjusted, &executed, &rate, &budgetLight, &p.Blocking); err != nil {
			return nil, fmt.Errorf("period status: %w", err)
		}
		p.Status, p.Light, p.BudgetLight = report.Status(status), report.Light(light), report.Light(budgetLight)
		var err error
		if p.Budget, err = storedDecimal(budget); err == nil {
			p.Adjusted, err = storedDecimal(adjusted)
		}
		for _, f := range []struct {
			dst **decimal.Decimal
			src pgtype.Text
		}{{&p.Total, total}, {&p.ComputedTotal, computed}, {&p.Executed, executed}, {&p.ExecutionRate, rate}} {
			if err == nil && f.src.Valid {
				var d decimal.Decimal
				d, err = storedDecimal(f.src.String)
				*f.dst = &d
			}
		}
		if err != nil {
			return nil, fmt.Errorf("period status of %s: %w", p.Code, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("period status: %w", err)
	}
	return out, nil
}

// storedDecimal reads a numeric as PostgreSQL prints it ("-1234.50"): a
// coefficient of at most 18 digits directly, any other through the decimal
// package. It is decimal.NewFromString's value and exponent
// (TestStoredDecimalIsNewFromString).
func storedDecimal(s string) (decimal.Decimal, error) {
	i, neg := 0, false
	if s != "" && s[0] == '-' {
		i, neg = 1, true
	}
	var c int64
	var exp int32
	digits, dot := 0, false
	for ; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= '0' && ch <= '9' && digits < 18:
			c = c*10 + int64(ch-'0')
			digits++
			if dot {
				exp--
			}
		case ch == '.' && !dot:
			dot = true
		default:
			return decimal.NewFromString(s)
		}
	}
	if digits == 0 {
		return decimal.NewFromString(s)
	}
	if neg {
		c = -c
	}
	return decimal.New(c, exp), nil
}

// totalsOf aggregates project lines (for scopes the rollups do not cover).
func totalsOf(ps []ProjectStatus) PeriodTotals {
	t := PeriodTotals{Projects: len(ps), ByLight: map[string]int{}, ByStatus: map[string]int{},
		ByGrade: map[string]int{"优": 0, "良": 0, "中": 0, "差": 0}}
	for _, p := range ps {
		t.BudgetTotal = t.BudgetTotal.Add(p.Adjusted)
		if p.Executed != nil {
			t.ExecutedTotal = t.ExecutedTotal.Add(*p.Executed)
		}
		if !p.Saved {
			t.ByStatus[StatusUnfilled]++
			continue
		}
		t.Saved++
		t.ByStatus[string(p.Status)]++
		if !p.Status.Reported() {
			continue
		}
		t.ByLight[string(p.Light)]++
		if p.Total != nil {
			t.ByGrade[p.Grade]++
			t.ScoreSum = t.ScoreSum.Add(*p.Total)
			t.Scored++
		}
	}
	return t
}

func pageOf(ps []ProjectStatus, pg Page) []ProjectStatus {
	if pg.Limit <= 0 {
		return ps
	}
	if pg.Offset >= len(ps) {
		return nil
	}
	return ps[pg.Offset:min(len(ps), pg.Offset+pg.Limit)]
}

// DepartmentsWithSpending lists the codes of the departments the scope
// covers whole whose budget tables (project spending) are loaded for the
// year, optionally only one: the departments whose reconciliation can show a
// gap. One query, however many departments the province has.
func (s *Store) DepartmentsWithSpending(ctx context.Context, sc Scope, year int, only string) ([]string, error) {
	q, args := spendingQuery(sc, year, only)
	rows, err := s.lag().pg().query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("departments with budget tables: %w", err)
	}
	codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("departments with budget tables: %w", err)
	}
	return codes, nil
}

func spendingQuery(sc Scope, year int, only string) (string, []any) {
	args := []any{year, only, only}
	cond := "true"
	if !sc.all {
		cond = inOrAny(&args, "department_code", sc.departments)
	}
	return `SELECT DISTINCT department_code FROM budget_spending
		WHERE year = ? AND (?::text = '' OR department_code = ?) AND ` + cond + ` ORDER BY department_code`, args
}

// DashboardSides reads in one round trip what a dashboard of departments
// shows beside its totals: the departments with budget tables in the year
// (DepartmentsWithSpending) and how many of the period's reports are scored
// with another profile than ref (OtherProfileReports).
func (s *Store) DashboardSides(ctx context.Context, sc Scope, periodKey string, year int, only string, ref rules.ProfileRef) ([]string, int, error) {
	if sc.all {
		deps, err := s.DepartmentsWithSpending(ctx, sc, year, only)
		if err != nil {
			return nil, 0, err
		}
		n, err := s.OtherProfileReports(ctx, sc, periodKey, ref)
		return deps, n, err
	}
	b := &batch{}
	spendSQL, spendArgs := spendingQuery(sc, year, only)
	otherSQL, otherArgs := otherProfileQuery(sc, periodKey, ref)
	b.queue(spendSQL, spendArgs...)
	b.queue(otherSQL, otherArgs...)
	res := s.lag().pg().sendBatch(ctx, b)
	defer res.Close()
	rows, err := res.Query()
	if err != nil {
		return nil, 0, fmt.Errorf("departments with budget tables: %w", err)
	}
	deps, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, 0, fmt.Errorf("departments with budget tables: %w", err)
	}
	var n int
	if err := res.QueryRow().Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count reports on another profile: %w", err)
	}
	return deps, n, nil
}
