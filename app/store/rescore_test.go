package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/gen"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func evaluator(rs rules.RuleSet) store.Evaluator {
	return func(p project.Project, per period.Period, r report.Report, adj []scoring.Adjustment) (monitor.Evaluation, error) {
		return monitor.Evaluate(rs, p, per, r, adj)
	}
}

// TestRescoreInManyChunks rescores a generated province a few reports per
// transaction, so that both lanes take many ranges, under other grade bands
// and back: each time every report, its lines and the rollups hold what a
// fresh evaluation gives, only the reports whose evaluation changed are
// counted, and after the way back every row is as it was, to the byte.
func TestRescoreInManyChunks(t *testing.T) {
	ctx := context.Background()
	st := migratedDatabase(t, "rescore")
	g, err := gen.New(gen.Options{Departments: 9, ProjectsPer: 12, Seed: 5}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	stats, err := gen.Load(ctx, st, g, "not a password hash", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.SetRescoreChunk(7)()
	before := snapshot(t, st)
	strict, err := rules.National().With(map[string]string{"grade_bands": "80,70,60"})
	if err != nil {
		t.Fatal(err)
	}
	rescore := func(rs rules.RuleSet) (changed int) {
		t.Helper()
		n, changed, err := st.Rescore(ctx, "2024-06", evaluator(rs), audit.Entry{At: time.Now(), Actor: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if n != stats.Reports {
			t.Fatalf("rescored %d of %d reports", n, stats.Reports)
		}
		return changed
	}
	if changed := rescore(rules.National()); changed != 0 {
		t.Errorf("the rules the reports were saved with changed %d", changed)
	}
	changed := rescore(strict)
	if changed == 0 || changed == stats.Reports {
		t.Errorf("other grade bands changed %d of %d reports", changed, stats.Reports)
	}
	if got := changedRows(before, snapshot(t, st)); got != changed {
		t.Errorf("%d reports counted as changed, %d rows changed", changed, got)
	}
	holdsFreshEvaluations(t, st, strict)
	if again := rescore(strict); again != 0 {
		t.Errorf("the same rules again changed %d", again)
	}
	if back := rescore(rules.National()); back != changed {
		t.Errorf("the way back changed %d, the way there %d", back, changed)
	}
	holdsFreshEvaluations(t, st, rules.National())
	if after := snapshot(t, st); !reflect.DeepEqual(before, after) {
		t.Errorf("after the way back %d reports differ from before", changedRows(before, after))
	}
	// other light thresholds change the lines' lights too
	lights, err := rules.National().With(map[string]string{"light_thresholds": "0.7,0.9,1.1"})
	if err != nil {
		t.Fatal(err)
	}
	changed = rescore(lights)
	if changed == 0 || changed != changedRows(before, snapshot(t, st)) {
		t.Errorf("other light thresholds: %d reports counted as changed", changed)
	}
	holdsFreshEvaluations(t, st, lights)
	if back := rescore(rules.National()); back != changed {
		t.Errorf("the way back changed %d, the way there %d", back, changed)
	}
	if after := snapshot(t, st); !reflect.DeepEqual(before, after) {
		t.Errorf("after the way back from other lights %d reports differ from before", changedRows(before, after))
	}
	var entries int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'report.rescore'`).Scan(&entries); err != nil || entries != 6 {
		t.Errorf("%d audit entries for 6 rescores, %v", entries, err)
	}
}

// snapshot is every report of 2024-06 with its lines, and every rollup, as
// text, by report id (rollups under 0).
func snapshot(t *testing.T, st *store.Store) map[int64]string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `
		SELECT r.id, to_jsonb(r)::text || (SELECT coalesce(string_agg(to_jsonb(l)::text, ',' ORDER BY l.indicator_id), '')
			FROM report_lines l WHERE l.report_id = r.id) FROM reports r WHERE r.period_key = '2024-06'
		UNION ALL SELECT 0, string_agg(to_jsonb(d)::text, ',' ORDER BY d.department_code) FROM dashboard_rollups d WHERE d.period_key = '2024-06'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			t.Fatal(err)
		}
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func changedRows(a, b map[int64]string) int {
	n := 0
	for id, s := range a {
		if id != 0 && b[id] != s {
			n++
		}
	}
	return n
}

// holdsFreshEvaluations checks every saved report of 2024-06: its stored
// evaluation, result columns and line results against a fresh evaluation by
// rs, and the rollups against a rebuild from the reports.
func holdsFreshEvaluations(t *testing.T, st *store.Store, rs rules.RuleSet) {
	t.Helper()
	ctx := context.Background()
	rows, err := st.DB().QueryContext(ctx, `SELECT project_code, light, grade, total::text, computed_total::text, indicator_sum::text,
		execution_score::text, coalesce(execution_rate::text, ''), time_progress::text, budget_light, blocking::text FROM reports WHERE period_key = '2024-06'`)
	if err != nil {
		t.Fatal(err)
	}
	type stored struct{ code, light, grade, total, computed, sum, exec, rate, progress, budgetLight, blocking string }
	var reps []stored
	for rows.Next() {
		var s stored
		if err := rows.Scan(&s.code, &s.light, &s.grade, &s.total, &s.computed, &s.sum, &s.exec, &s.rate, &s.progress, &s.budgetLight, &s.blocking); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, s)
	}
	rows.Close()
	if len(reps) == 0 {
		t.Fatal("no reports")
	}
	same := func(text string, d decimal.Decimal) bool { return decimal.RequireFromString(text).Equal(d) }
	for _, s := range reps {
		rec, err := st.GetReport(ctx, store.ScopeAll(), s.code, "2024-06")
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := monitor.Evaluate(rs, rec.Project, rec.Period, rec.Report, rec.Adjustments)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(rec.Evaluation)
		b, _ := json.Marshal(fresh)
		if string(a) != string(b) {
			t.Errorf("%s: stored evaluation\n%s\nfresh\n%s", s.code, a, b)
			continue
		}
		var blocking []monitor.Problem
		if err := json.Unmarshal([]byte(s.blocking), &blocking); err != nil {
			t.Fatal(err)
		}
		rate := ""
		if fresh.Budget.Rate != nil {
			rate = fresh.Budget.Rate.String()
		}
		if s.light != string(fresh.Light) || s.grade != string(fresh.Grade) || !same(s.total, fresh.Total) ||
			!same(s.computed, fresh.Score.ComputedTotal) || !same(s.sum, fresh.Score.IndicatorSum) || !same(s.exec, fresh.Score.Execution.Score) ||
			(rate == "") != (s.rate == "") || (rate != "" && !same(s.rate, *fresh.Budget.Rate)) || !same(s.progress, fresh.TimeProgress) ||
			s.budgetLight != string(fresh.Budget.Light) || len(blocking) != len(fresh.Blocking) || (len(blocking) > 0 && !reflect.DeepEqual(blocking, fresh.Blocking)) {
			t.Errorf("%s: stored columns %+v, fresh evaluation %+v", s.code, s, fresh)
		}
		lines, err := st.DB().QueryContext(ctx, `SELECT l.indicator_id, l.light, l.rule, l.computed::text, l.score::text, l.needs_explanation
			FROM report_lines l JOIN reports r ON r.id = l.report_id WHERE r.project_code = $1 AND r.period_key = '2024-06'`, s.code)
		if err != nil {
			t.Fatal(err)
		}
		for lines.Next() {
			var id int64
			var light, rule, computed, score string
			var needs bool
			if err := lines.Scan(&id, &light, &rule, &computed, &score, &needs); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(fresh.Lines, func(le monitor.LineEvaluation) bool { return le.IndicatorID == id })
			if i < 0 {
				t.Errorf("%s: line of indicator %d not evaluated", s.code, id)
				continue
			}
			le := fresh.Lines[i]
			if light != string(le.Light) || rule != string(le.Score.Rule) || !same(computed, le.Score.Computed) || !same(score, le.Score.Score) ||
				needs != le.NeedsExplanation() {
				t.Errorf("%s: indicator %d stored %s %s %s %s %v, fresh %+v", s.code, id, light, rule, computed, score, needs, le)
			}
		}
		lines.Close()
	}
	rollupsMatchRebuild(t, st)
}

// rollupsMatchRebuild checks the rollups of 2024-06 against what
// rebuild_dashboard_rollups computes from scratch (rolled back).
func rollupsMatchRebuild(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	const q = `SELECT string_agg(to_jsonb(d)::text, ',' ORDER BY d.department_code) FROM dashboard_rollups d WHERE d.period_key = '2024-06'`
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var kept, rebuilt string
	if err := tx.QueryRowContext(ctx, q).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT rebuild_dashboard_rollups('2024-06')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, q).Scan(&rebuilt); err != nil {
		t.Fatal(err)
	}
	if kept != rebuilt {
		t.Errorf("rollups\n%s\nrebuilt\n%s", kept, rebuilt)
	}
}
