package targets_test

import (
	"context"
	"errors"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/report"
)

const gazette = "63280100024T000000639" // 政府公报办刊资金

func scoreLine(t *testing.T, rec store.ReportRecord, id int64) (target, score string) {
	t.Helper()
	for _, l := range rec.Evaluation.Score.Lines {
		if l.IndicatorID == id {
			return l.Target, l.Score.StringFixed(2)
		}
	}
	t.Fatalf("no score line for indicator %d", id)
	return "", ""
}

// TestAdjustmentMakesANewTargetVersion follows the targets' life: a 2024-06 report
// filled against version 1; a rejected request changes nothing; an approved
// change of 每月发行数量 from 800 to 600 本 makes version 2; the annual report
// (a draft) scores against 600, the submitted 2024-06 report still shows 800
// and its version.
func TestAdjustmentMakesANewTargetVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := submitter(gazette)
	p, err := f.st.GetProject(ctx, sc, gazette)
	if err != nil {
		t.Fatal(err)
	}
	monthly := indicatorNamed(t, p, "每月发行数量")
	if p.TargetVersion != 1 || p.Status != project.StatusApproved || monthly.Target != "800" {
		t.Fatalf("seeded project: version %d status %s target %s", p.TargetVersion, p.Status, monthly.Target)
	}

	// The 2024-06 report, filled against version 1 and submitted.
	mid, err := f.reports.Save(ctx, sc, asReports(sub), gazette, "2024-06", 0, fill(p, false))
	if err != nil {
		t.Fatal(err)
	}
	if mid, err = f.reports.Submit(ctx, sc, asReports(sub), gazette, "2024-06"); err != nil {
		t.Fatal(err)
	}
	if mid.TargetVersion != 1 {
		t.Errorf("2024-06 report filled against version %d, want 1", mid.TargetVersion)
	}
	// The annual report, a draft with 700 本 a month: under 800 it loses points.
	annualIn := fill(p, true)
	for i := range annualIn.Lines {
		if annualIn.Lines[i].IndicatorID == monthly.ID {
			annualIn.Lines[i].Value = dec("700")
		}
	}
	annual, err := f.reports.Save(ctx, sc, asReports(sub), gazette, "2024", 0, annualIn)
	if err != nil {
		t.Fatal(err)
	}
	if target, score := scoreLine(t, annual, monthly.ID); target != "800" || score != "8.75" {
		t.Errorf("annual under version 1: target %s score %s, want 800 and 8.75 (10 × 700 ÷ 800)", target, score)
	}

	six := "600"
	items := []project.ChangeItem{{Op: project.OpChange, IndicatorID: monthly.ID, Target: &six}}

	// A rejected request changes nothing.
	five := "500"
	rejected, err := f.svc.RequestChange(ctx, sc, sub, gazette, "印刷费上涨", []project.ChangeItem{{Op: project.OpChange, IndicatorID: monthly.ID, Target: &five}})
	if err != nil {
		t.Fatal(err)
	}
	if rejected.Status != project.ChangePending {
		t.Errorf("status %s", rejected.Status)
	}
	if _, err := f.svc.Decide(ctx, sc, reviewer, rejected.ID, false, ""); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("reject without comment: %v", err)
	}
	if _, err := f.svc.Decide(ctx, sc, reviewer, rejected.ID, false, "理由不充分"); err != nil {
		t.Fatal(err)
	}
	after, _ := f.st.GetProject(ctx, sc, gazette)
	if after.TargetVersion != 1 || indicatorNamed(t, after, "每月发行数量").Target != "800" {
		t.Errorf("rejection changed the targets: version %d", after.TargetVersion)
	}
	if vs, _ := f.svc.Versions(ctx, sc, gazette); len(vs) != 1 {
		t.Errorf("rejection made a version: %d versions", len(vs))
	}
	if _, err := f.svc.Decide(ctx, sc, reviewer, rejected.ID, true, ""); !errors.Is(err, project.ErrWrongState) {
		t.Errorf("deciding a rejected request again: %v", err)
	}

	// A submitter cannot decide; the reviewer approves 800 → 600.
	change, err := f.svc.RequestChange(ctx, sc, sub, gazette, "纸张预算压减，每月发行量调整为600本", items)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Decide(ctx, sc, sub, change.ID, true, ""); !errors.Is(err, project.ErrNotReviewer) {
		t.Errorf("a submitter approved a change: %v", err)
	}
	change, err = f.svc.Decide(ctx, sc, reviewer, change.ID, true, "同意调整")
	if err != nil {
		t.Fatal(err)
	}
	if change.Status != project.ChangeApproved || change.ResultVersion == nil || *change.ResultVersion != 2 {
		t.Errorf("approved change: %+v", change)
	}

	after, _ = f.st.GetProject(ctx, sc, gazette)
	if m := indicatorNamed(t, after, "每月发行数量"); after.TargetVersion != 2 || m.Target != "600" || m.ID != monthly.ID {
		t.Errorf("after approval: version %d, %+v", after.TargetVersion, m)
	}
	vs, err := f.svc.Versions(ctx, sc, gazette)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 || !vs[1].Current || vs[1].ChangeID == nil || *vs[1].ChangeID != change.ID {
		t.Fatalf("versions: %+v", vs)
	}
	// each version carries the time it was made: the published one's is not
	// known (never the adjustment's), the adjusted one's is the approval's
	if vs[0].CreatedAt != nil || vs[1].CreatedAt == nil || vs[1].CreatedBy == "" {
		t.Errorf("version times: v1 %v, v2 %v by %q", vs[0].CreatedAt, vs[1].CreatedAt, vs[1].CreatedBy)
	}
	if a, b := indicatorNamed(t, project.Project{Indicators: vs[0].Indicators}, "每月发行数量").Target,
		indicatorNamed(t, project.Project{Indicators: vs[1].Indicators}, "每月发行数量").Target; a != "800" || b != "600" {
		t.Errorf("versions side by side: %s and %s", a, b)
	}

	// The annual draft moved by itself and scores against 600.
	annual, err = f.reports.Get(ctx, sc, gazette, "2024")
	if err != nil {
		t.Fatal(err)
	}
	if target, score := scoreLine(t, annual, monthly.ID); annual.TargetVersion != 2 || target != "600" || score != "10.00" {
		t.Errorf("annual draft: version %d target %s score %s, want 2, 600, 10.00", annual.TargetVersion, target, score)
	}
	if annual.Transitions[len(annual.Transitions)-1].Action != "retarget" {
		t.Errorf("the move is recorded: %+v", annual.Transitions)
	}
	// The submitted 2024-06 report stays on version 1 and shows 800.
	mid, err = f.reports.Get(ctx, sc, gazette, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if target, _ := scoreLine(t, mid, monthly.ID); mid.TargetVersion != 1 || target != "800" ||
		indicatorNamed(t, mid.Project, "每月发行数量").Target != "800" || mid.Report.Status != report.StatusSubmitted {
		t.Errorf("submitted 2024-06: version %d target %s status %s", mid.TargetVersion, target, mid.Report.Status)
	}
	// Approving it keeps version 1; a submitted report cannot be moved.
	if _, err := f.svc.MoveReport(ctx, sc, sub, gazette, "2024-06"); !errors.Is(err, report.ErrNotEditable) {
		t.Errorf("moving a submitted report: %v", err)
	}
	// Returned, its submitter moves it to version 2.
	if _, err := f.reports.Return(ctx, sc, asReports(reviewer), gazette, "2024-06", "请按调整后的目标重新填报"); err != nil {
		t.Fatal(err)
	}
	moved, err := f.svc.MoveReport(ctx, sc, sub, gazette, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if target, _ := scoreLine(t, moved, monthly.ID); moved.TargetVersion != 2 || target != "600" {
		t.Errorf("moved 2024-06: version %d target %s", moved.TargetVersion, target)
	}
}

func TestChangeRequestsAreValidated(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := submitter("63280100024T000000642")
	p, _ := f.st.GetProject(ctx, sc, "63280100024T000000642")
	w := "25"
	var fe interface{ FieldErrors() map[string]string }
	_, err := f.svc.RequestChange(ctx, sc, sub, p.Code, "", []project.ChangeItem{{Op: project.OpChange, IndicatorID: p.Indicators[0].ID, Target: &w}})
	if !errors.As(err, &fe) || fe.FieldErrors()["reason"] == "" {
		t.Errorf("no reason: %v", err)
	}
	weight := p.Indicators[0].Weight.Add(p.Indicators[0].Weight)
	_, err = f.svc.RequestChange(ctx, sc, sub, p.Code, "调整", []project.ChangeItem{{Op: project.OpChange, IndicatorID: p.Indicators[0].ID, Weight: &weight}})
	if !errors.As(err, &fe) || fe.FieldErrors()["indicators"] == "" {
		t.Errorf("weights no longer 100: %v", err)
	}
	other := targetsActorOtherDept()
	if _, err := f.svc.RequestChange(ctx, store.ScopeDepartments("009001"), other, p.Code, "调整", nil); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("another department's submitter: %v", err)
	}
	if cs, _ := f.svc.Changes(ctx, sc, p.Code); len(cs) != 0 {
		t.Errorf("refused requests were stored: %+v", cs)
	}
}
