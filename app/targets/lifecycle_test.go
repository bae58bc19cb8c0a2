package targets_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
)

func draft2025(code string) project.Project {
	w := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	return project.Project{
		Code: code, Name: "政务公开专项资金", Category: "3-特定目标类", Year: 2025,
		Department: project.Department{Code: "003001"}, Budget: decimal.RequireFromString("12.00"),
		Goal: "按期编印政务公开资料，方便群众查询政策。", ExecutionWeight: w(10),
		Indicators: []project.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Name: "政务公开资料编印册数", Nature: project.NatureGE, Target: "2000", Unit: "册", Weight: w(30), ValueBasis: "计划标准"},
			{Level1: "产出指标", Level2: "质量指标", Name: "资料差错率", Nature: project.NatureLE, Target: "1", Unit: "%", Weight: w(20), ValueBasis: "计划标准"},
			{Level1: "产出指标", Level2: "时效指标", Name: "年度资料印发时间", Nature: project.NatureEQ, Target: "2025-03-31", Unit: "日", Weight: w(10), ValueBasis: "计划标准"},
			{Level1: "成本指标", Level2: "经济成本指标", Name: "单册印制成本", Nature: project.NatureLE, Target: "60", Unit: "元", Weight: w(10), ValueBasis: "计划标准"},
			{Level1: "效益指标", Level2: "社会效益", Name: "群众查询政策便利程度", Nature: project.NatureQualitative, Target: "显著", Weight: w(10), ValueBasis: "计划标准"},
			{Level1: "满意度指标", Level2: "服务对象满意度", Name: "群众满意度", Nature: project.NatureGE, Target: "90", Unit: "%", Weight: w(10), ValueBasis: "计划标准"},
		},
	}
}

// TestTargetLifecycle: draft → submit → return → submit → approve; no report
// before approval; edits only while draft or returned, with the version read.
func TestTargetLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100025T000009001"
	sub := submitter(code)
	if err := f.st.SavePeriod(ctx, period.Period{Key: "2025-06", Kind: period.KindMonitor, Year: 2025, CutoffMonth: 6}); err != nil {
		t.Fatal(err)
	}

	if _, err := f.svc.Create(ctx, sc, reviewer, draft2025(code)); !errors.Is(err, project.ErrNotSubmitter) {
		t.Errorf("a reviewer drafted: %v", err)
	}
	bad := draft2025(code)
	bad.Indicators[0].Weight = decimal.NewFromInt(31)
	var fe interface{ FieldErrors() map[string]string }
	if _, err := f.svc.Create(ctx, sc, sub, bad); !errors.As(err, &fe) || fe.FieldErrors()["indicators"] == "" {
		t.Errorf("weights adding to 101 were accepted: %v", err)
	}
	p, err := f.svc.Create(ctx, sc, sub, draft2025(code))
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != project.StatusDraft || p.Version != 1 || p.TargetVersion != 1 || p.Department.Name != "格尔木市人民政府办公室" || len(p.Indicators) != 6 {
		t.Fatalf("draft: %+v", p)
	}
	if _, err := f.svc.Create(ctx, sc, sub, draft2025(code)); !errors.Is(err, project.ErrExists) {
		t.Errorf("the same code twice: %v", err)
	}

	// No report for an unapproved project.
	if _, err := f.reports.Save(ctx, sc, asReports(sub), code, "2025-06", 0, report.Report{}); !errors.Is(err, project.ErrNotApproved) {
		t.Errorf("report on a draft project: %v", err)
	}

	edit := draft2025(code)
	edit.Indicators[0].Target = "2500"
	if _, err := f.svc.Edit(ctx, sc, sub, code, 7, edit); !errors.Is(err, project.ErrStaleVersion) {
		t.Errorf("stale edit: %v", err)
	}
	if p, err = f.svc.Edit(ctx, sc, sub, code, 1, edit); err != nil || p.Version != 2 || p.Indicators[0].Target != "2500" {
		t.Fatalf("edit: %v %+v", err, p)
	}
	if _, err := f.svc.Approve(ctx, sc, reviewer, code, "同意"); !errors.Is(err, project.ErrWrongState) {
		t.Errorf("approve a draft: %v", err)
	}
	if p, err = f.svc.Submit(ctx, sc, sub, code); err != nil || p.Status != project.StatusSubmitted {
		t.Fatalf("submit: %v %s", err, p.Status)
	}
	if _, err := f.svc.Edit(ctx, sc, sub, code, p.Version, edit); !errors.Is(err, project.ErrNotEditable) {
		t.Errorf("edit while submitted: %v", err)
	}
	if _, err := f.svc.Return(ctx, sc, sub, code, "x"); !errors.Is(err, project.ErrNotReviewer) {
		t.Errorf("a submitter returned: %v", err)
	}
	if _, err := f.svc.Return(ctx, sc, reviewer, code, " "); !errors.As(err, &fe) || fe.FieldErrors()["comment"] == "" {
		t.Errorf("return without comment: %v", err)
	}
	if p, err = f.svc.Return(ctx, sc, reviewer, code, "满意度目标偏低"); err != nil || p.Status != project.StatusReturned {
		t.Fatalf("return: %v %s", err, p.Status)
	}
	edit.Indicators[5].Target = "95"
	if p, err = f.svc.Edit(ctx, sc, sub, code, p.Version, edit); err != nil {
		t.Fatal(err)
	}
	if p, err = f.svc.Submit(ctx, sc, sub, code); err != nil || p.Status != project.StatusSubmitted {
		t.Fatalf("submit again: %v %s", err, p.Status)
	}
	// This draft is clean: no findings, so no reason is needed.
	findings, err := f.svc.Review(ctx, sc, code)
	if err != nil || len(findings) != 0 {
		t.Fatalf("review of a clean draft: %v %+v", err, findings)
	}
	if p, err = f.svc.Approve(ctx, sc, reviewer, code, ""); err != nil || p.Status != project.StatusApproved {
		t.Fatalf("approve: %v %s", err, p.Status)
	}
	trs, _ := f.svc.Transitions(ctx, sc, code)
	var path []string
	for _, tr := range trs {
		path = append(path, string(tr.From)+"→"+string(tr.To))
	}
	if want := "draft→submitted returned→submitted submitted→approved"; len(trs) != 4 || trs[1].Comment != "满意度目标偏低" {
		t.Errorf("transitions %v (want the path of %s with the return between)", path, want)
	}
	if _, err := f.reports.Save(ctx, sc, asReports(sub), code, "2025-06", 0, fill(p, false)); err != nil {
		t.Errorf("report on the approved project: %v", err)
	}
	if vs, _ := f.svc.Versions(ctx, sc, code); len(vs) != 1 || vs[0].CreatedAt == nil || vs[0].CreatedBy != "reviewer" {
		t.Errorf("approval keeps version 1: %+v", vs)
	}
}

func TestApproveDespiteFindingsNeedsAKeptReason(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100025T000009002"
	sub := submitter(code)
	in := draft2025(code)
	in.Goal, in.Name = "建设政务公开查询终端，群众就近自助查询政府文件。", "政务公开查询终端专项资金"
	in.Indicators[2].Target, in.Indicators[2].Unit = "2025", "年" // restates the year
	if _, err := f.svc.Create(ctx, sc, sub, in); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(ctx, sc, sub, code); err != nil {
		t.Fatal(err)
	}
	findings, _ := f.svc.Review(ctx, sc, code)
	if len(findings) != 1 || findings[0].Rule != "deadline_restates_year" || findings[0].IndicatorID == nil {
		t.Fatalf("findings: %+v", findings)
	}
	var fe interface{ FieldErrors() map[string]string }
	if _, err := f.svc.Approve(ctx, sc, reviewer, code, ""); !errors.As(err, &fe) || fe.FieldErrors()["reason"] == "" {
		t.Errorf("approve despite findings without a reason: %v", err)
	}
	if p, _ := f.st.GetProject(ctx, sc, code); p.Status != project.StatusSubmitted {
		t.Errorf("a refused approval changed the status to %s", p.Status)
	}
	if _, err := f.svc.Approve(ctx, sc, reviewer, code, "年内完成即可，下年细化"); err != nil {
		t.Fatal(err)
	}
	trs, _ := f.svc.Transitions(ctx, sc, code)
	last := trs[len(trs)-1]
	if last.Comment != "年内完成即可，下年细化" || len(last.Findings) < 10 || string(last.Findings) == "[]" {
		t.Errorf("the reason and the findings are kept: %+v %s", last, last.Findings)
	}
}

// TestCopyForNextYearCarriesEveryIndicator copies 政府公报办刊资金 to 2025.
func TestCopyForNextYearCarriesEveryIndicator(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	src, _ := f.st.GetProject(ctx, sc, gazette)
	cp, err := f.svc.Copy(ctx, sc, submitter(), gazette, 2025, "")
	if err != nil {
		t.Fatal(err)
	}
	if cp.Code != "63280100025T000000639" || cp.Year != 2025 || cp.Status != project.StatusDraft || cp.CopiedFrom != gazette || cp.Name != src.Name {
		t.Errorf("copy: %s %d %s %s", cp.Code, cp.Year, cp.Status, cp.CopiedFrom)
	}
	if len(cp.Indicators) != len(src.Indicators) {
		t.Fatalf("%d indicators, want %d", len(cp.Indicators), len(src.Indicators))
	}
	for i, in := range src.Indicators {
		c := cp.Indicators[i]
		want := in.Target
		if in.Kind() == project.KindDeadline {
			want = "2025"
		}
		if c.Name != in.Name || c.Level1 != in.Level1 || c.Level2 != in.Level2 || c.Nature != in.Nature || c.Target != want ||
			c.Unit != in.Unit || !c.Weight.Equal(in.Weight) || c.ID == in.ID {
			t.Errorf("indicator %d: %+v, from %+v", i, c, in)
		}
	}
	if _, err := f.svc.Copy(ctx, sc, submitter(), gazette, 2024, ""); err == nil {
		t.Error("copy into the same year")
	}
	if _, err := f.svc.Copy(ctx, store.ScopeDepartments("009001"), targetsActorOtherDept(), gazette, 2025, "X1"); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("copy another department's project: %v", err)
	}
}

func TestReconciliationOfTheSeed(t *testing.T) {
	f := newFixture(t)
	r, err := f.svc.Reconciliation(context.Background(), sc, "003001", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if r.TargetsTotal.StringFixed(2) != "2150.78" || r.BudgetTotal == nil || r.BudgetTotal.StringFixed(2) != "2153.78" ||
		r.Difference.StringFixed(2) != "3.00" || r.Projects != 12 || !r.HasGap() {
		t.Errorf("reconciliation: targets %s budget %v difference %v projects %d", r.TargetsTotal, r.BudgetTotal, r.Difference, r.Projects)
	}
	gaps, err := f.svc.Gaps(context.Background(), sc, 2024, "")
	if err != nil || len(gaps) != 1 || gaps[0].Department.Code != "003001" {
		t.Errorf("gaps: %v %+v", err, gaps)
	}
	if _, err := f.svc.Reconciliation(context.Background(), store.ScopeDepartments("009001"), "003001", 2024); !errors.Is(err, project.ErrNoDepartment) {
		t.Errorf("another department's reconciliation: %v", err)
	}
}
