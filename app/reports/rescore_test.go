package reports_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// TestRescoreStoresWhatTheNewRulesCompute saves a report, rescores the
// period under other grade bands and checks that what is stored equals a
// fresh evaluation by those rules, the rollups follow, and the inputs,
// version and history stay as they were.
func TestRescoreStoresWhatTheNewRulesCompute(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000638"
	p, ids := indicatorIDs(t, f.st, code)
	in := report.Report{Budget: report.Budget{Executed: d("30"), Projected: d("60")}}
	for i, ind := range p.Indicators {
		l := report.Line{IndicatorID: ids[i]}
		if ind.Kind().Numeric() {
			l.Value, l.Projected = d(ind.Target), d(ind.Target)
		}
		in.Lines = append(in.Lines, l)
	}
	cur, err := f.svc.Get(ctx, store.ScopeAll(), code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := f.svc.Save(ctx, store.ScopeAll(), submitter(code), code, "2024-06", cur.Report.Version, in)
	if err != nil {
		t.Fatal(err)
	}
	strict, err := rules.National().With(map[string]string{"grade_bands": "30,20,10"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { // back to the national rules for the other tests
		if _, _, err := f.svc.Rescore(ctx, "2024-06", "test"); err != nil {
			t.Fatal(err)
		}
	}()
	// the same rules change nothing
	if n, changed, err := f.svc.Rescore(ctx, "2024-06", "test"); err != nil || n < 1 || changed != 0 {
		t.Fatalf("rescore under the same rules: %d reports, %d changed, %v", n, changed, err)
	}
	n, changed, err := reports.New(f.st, strict, func() time.Time { return f.clock }).Rescore(ctx, "2024-06", "test")
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 || changed < 1 {
		t.Fatalf("rescored %d reports, %d changed", n, changed)
	}
	got, err := f.st.GetReport(ctx, store.ScopeAll(), code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := monitor.Evaluate(strict, got.Project, got.Period, got.Report, got.Adjustments)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got.Evaluation)
	b, _ := json.Marshal(fresh)
	if string(a) != string(b) {
		t.Errorf("stored after rescore:\n%s\nfresh under the new rules:\n%s", a, b)
	}
	if got.Evaluation.Grade == saved.Evaluation.Grade {
		t.Errorf("grade %s did not change under bands 30/20/10", got.Evaluation.Grade)
	}
	if got.Report.Version != saved.Report.Version || got.UpdatedBy != saved.UpdatedBy || len(got.Report.Lines) != len(saved.Report.Lines) {
		t.Errorf("rescore changed the inputs: version %d → %d, by %s → %s", saved.Report.Version, got.Report.Version, saved.UpdatedBy, got.UpdatedBy)
	}
	dash, err := f.svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "003001")
	if err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchProjects(t, dash)
	for _, ps := range dash.Projects {
		if ps.Code == code && ps.Grade != string(fresh.Grade) {
			t.Errorf("dashboard grade %s, rescored %s", ps.Grade, fresh.Grade)
		}
	}
}
