package targets_test

import (
	"context"
	"testing"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
)

// TestDraftsStayOutOfReportsAndReconciliation: a 2024 draft is neither on
// the 2024 dashboard nor in the report list, and the reconciliation counts
// approved targets only.
func TestDraftsStayOutOfReportsAndReconciliation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000009003"
	in := draft2025(code)
	in.Year, in.Name, in.Goal = 2024, "档案数字化专项资金", "完成机关历史档案数字化，方便调阅。"
	in.Indicators[2].Target = "2024-09-30"
	if _, err := f.svc.Create(ctx, sc, submitter(code), in); err != nil {
		t.Fatal(err)
	}
	dash, err := f.reports.Dashboard(ctx, sc, "2024-06", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(dash.Projects) != 12 {
		t.Errorf("dashboard lists %d projects, want the 12 approved", len(dash.Projects))
	}
	items, total, err := f.st.ListReports(ctx, sc, store.ReportFilter{Period: "2024-06"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 12 {
		t.Errorf("the 2024-06 report list has %d rows, want the 12 approved projects", total)
	}
	for _, it := range items {
		if it.ProjectCode == code {
			t.Errorf("the report list shows a draft project (total %d)", total)
		}
	}
	r, err := f.svc.Reconciliation(ctx, sc, "003001", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if r.TargetsTotal.StringFixed(2) != "2150.78" || r.Projects != 12 {
		t.Errorf("a draft counted: %s over %d projects", r.TargetsTotal, r.Projects)
	}
}

// TestLoadingThePublishedTableAgainKeepsAdjustments: the seed runs on every
// start; it must not undo an approved adjustment nor touch drafts.
func TestLoadingThePublishedTableAgainKeepsAdjustments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000705"
	p, _ := f.st.GetProject(ctx, sc, code)
	target := "60"
	ch, err := f.svc.RequestChange(ctx, sc, submitter(code), code, "新增单位", []project.ChangeItem{{Op: project.OpChange, IndicatorID: p.Indicators[0].ID, Target: &target}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Decide(ctx, sc, reviewer, ch.ID, true, "同意"); err != nil {
		t.Fatal(err)
	}
	ds, _ := seed.Golmud2024()
	if err := f.st.SaveProjects(ctx, ds.Projects); err != nil {
		t.Fatal(err)
	}
	after, _ := f.st.GetProject(ctx, sc, code)
	if after.TargetVersion != 2 || after.Indicators[0].Target != "60" || after.Indicators[0].ID != p.Indicators[0].ID {
		t.Errorf("the seed undid the adjustment: version %d target %s", after.TargetVersion, after.Indicators[0].Target)
	}
}

func TestRemovedIndicatorsStayForOldReports(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000704"
	sub := submitter(code)
	p, _ := f.st.GetProject(ctx, sc, code)
	if _, err := f.reports.Save(ctx, sc, asReports(sub), code, "2024-06", 0, fill(p, false)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.reports.Submit(ctx, sc, asReports(sub), code, "2024-06"); err != nil {
		t.Fatal(err)
	}
	// Remove the 可持续影响 indicator (10) and give its weight to the quantity one.
	sustain := p.Indicators[4]
	w := p.Indicators[0].Weight.Add(sustain.Weight)
	ch, err := f.svc.RequestChange(ctx, sc, sub, code, "删除与其他项目重复的表述", []project.ChangeItem{
		{Op: project.OpRemove, IndicatorID: sustain.ID},
		{Op: project.OpChange, IndicatorID: p.Indicators[0].ID, Weight: &w},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Decide(ctx, sc, reviewer, ch.ID, true, "同意"); err != nil {
		t.Fatal(err)
	}
	now, _ := f.st.GetProject(ctx, sc, code)
	if len(now.Indicators) != len(p.Indicators)-1 {
		t.Errorf("current targets: %d indicators", len(now.Indicators))
	}
	old, err := f.reports.Get(ctx, sc, code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := old.Project.Indicator(sustain.ID); !ok || len(old.Report.Lines) != len(p.Indicators) || old.TargetVersion != 1 {
		t.Errorf("the submitted report lost its line of the removed indicator: %d lines, version %d", len(old.Report.Lines), old.TargetVersion)
	}
	// A new report has the current indicators only.
	annual, err := f.reports.Get(ctx, sc, code, "2024")
	if err != nil {
		t.Fatal(err)
	}
	if annual.TargetVersion != 2 || len(annual.Project.Indicators) != len(p.Indicators)-1 {
		t.Errorf("a new report: version %d, %d indicators", annual.TargetVersion, len(annual.Project.Indicators))
	}
}
