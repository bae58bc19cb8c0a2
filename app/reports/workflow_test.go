package reports_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// completeAnnual saves a complete annual report of 机关事务综合管理 (…634)
// that may be submitted, and returns its version.
func completeAnnual(t *testing.T, f *fixture, code string) int {
	t.Helper()
	p, ids := indicatorIDs(t, f.st, code)
	in := report.Report{Budget: report.Budget{Executed: d(p.Budget.String())}}
	for i, ind := range p.Indicators {
		l := report.Line{IndicatorID: ids[i]}
		switch ind.Kind() {
		case "qualitative":
			l.Band, l.ScoreInput = report.BandAchieved, d(ind.Weight.String())
		case "deadline":
			l.CompletedOn = "2024-11-30"
		default:
			l.Value = d(ind.Target)
		}
		in.Lines = append(in.Lines, l)
	}
	rec, err := f.svc.Save(context.Background(), store.ScopeAll(), submitter(code), code, "2024", 0, in)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Report.Version
}

func TestEachTransitionFromEachState(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000634"
	sub := submitter(code)
	sc := store.ScopeAll()
	type step struct {
		name string
		do   func() (store.ReportRecord, error)
		want report.Status
		err  error
	}
	submit := func() (store.ReportRecord, error) { return f.svc.Submit(ctx, sc, sub, code, "2024") }
	approve := func() (store.ReportRecord, error) {
		return f.svc.Approve(ctx, sc, f.reviewer, code, "2024", "同意", nil)
	}
	ret := func() (store.ReportRecord, error) {
		return f.svc.Return(ctx, sc, f.reviewer, code, "2024", "请补充说明")
	}
	reopen := func() (store.ReportRecord, error) {
		return f.svc.Reopen(ctx, sc, f.reviewer, code, "2024", "发现数据错误")
	}

	version := completeAnnual(t, f, code)
	steps := []step{
		{"draft: approve is refused", approve, report.StatusDraft, report.ErrWrongState},
		{"draft: return is refused", ret, report.StatusDraft, report.ErrWrongState},
		{"draft: reopen is refused", reopen, report.StatusDraft, report.ErrWrongState},
		{"draft → submitted", submit, report.StatusSubmitted, nil},
		{"submitted: submit again is refused", submit, report.StatusSubmitted, report.ErrWrongState},
		{"submitted: reopen is refused", reopen, report.StatusSubmitted, report.ErrWrongState},
		{"submitted → returned", ret, report.StatusReturned, nil},
		{"returned: approve is refused", approve, report.StatusReturned, report.ErrWrongState},
		{"returned: return is refused", ret, report.StatusReturned, report.ErrWrongState},
		{"returned: reopen is refused", reopen, report.StatusReturned, report.ErrWrongState},
		{"returned → submitted", submit, report.StatusSubmitted, nil},
		{"submitted → approved", approve, report.StatusApproved, nil},
		{"approved: submit is refused", submit, report.StatusApproved, report.ErrWrongState},
		{"approved: approve is refused", approve, report.StatusApproved, report.ErrWrongState},
		{"approved: return is refused", ret, report.StatusApproved, report.ErrWrongState},
		{"approved → returned by reopen", reopen, report.StatusReturned, nil},
	}
	for _, s := range steps {
		rec, err := s.do()
		if !errors.Is(err, s.err) {
			t.Fatalf("%s: err %v, want %v", s.name, err, s.err)
		}
		cur, _ := f.svc.Get(ctx, sc, code, "2024")
		if cur.Report.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.name, cur.Report.Status, s.want)
		}
		if err == nil {
			version++
			if rec.Report.Version != version {
				t.Errorf("%s: version %d, want %d", s.name, rec.Report.Version, version)
			}
		}
	}
	cur, _ := f.svc.Get(ctx, sc, code, "2024")
	if len(cur.Transitions) != 5 {
		t.Fatalf("want 5 recorded transitions, got %+v", cur.Transitions)
	}
	last := cur.Transitions[4]
	if last.Action != report.ActionReopen || last.From != report.StatusApproved || last.To != report.StatusReturned ||
		last.Actor != "reviewer" || last.Comment != "发现数据错误" {
		t.Errorf("last transition %+v", last)
	}
}

func TestEditsOnlyInDraftAndReturned(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000641"
	sub := submitter(code)
	v := completeAnnual(t, f, code)
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), sub, code, "2024"); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Save(ctx, store.ScopeAll(), sub, code, "2024", v+1, report.Report{})
	if !errors.Is(err, report.ErrNotEditable) {
		t.Errorf("saving a submitted report: %v, want ErrNotEditable", err)
	}
}

func TestStaleVersionChangesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000638"
	sub := submitter(code)
	v := completeAnnual(t, f, code)
	before, _ := f.svc.Get(ctx, store.ScopeAll(), code, "2024")
	_, err := f.svc.Save(ctx, store.ScopeAll(), sub, code, "2024", v-1, report.Report{})
	if !errors.Is(err, report.ErrStaleVersion) {
		t.Fatalf("stale save: %v", err)
	}
	after, _ := f.svc.Get(ctx, store.ScopeAll(), code, "2024")
	if after.Report.Version != before.Report.Version || len(after.Report.Lines) != len(before.Report.Lines) {
		t.Errorf("a stale save changed the report: v%d → v%d", before.Report.Version, after.Report.Version)
	}
}

func TestOnlyAssignedSubmittersAndTheDepartmentsReviewersAct(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000642"
	other := submitter("63280100024T000000700")
	if _, err := f.svc.Save(ctx, store.ScopeAll(), other, code, "2024", 0, report.Report{}); !errors.Is(err, report.ErrNotAssigned) {
		t.Errorf("unassigned save: %v", err)
	}
	completeAnnual(t, f, code)
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), other, code, "2024"); !errors.Is(err, report.ErrNotAssigned) {
		t.Errorf("unassigned submit: %v", err)
	}
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), submitter(code), code, "2024"); err != nil {
		t.Fatal(err)
	}
	stranger := f.reviewer
	stranger.Caller.Departments = []string{"999999"}
	if _, err := f.svc.Approve(ctx, store.ScopeAll(), stranger, code, "2024", "", nil); !errors.Is(err, reports.ErrNotReviewer) {
		t.Errorf("approve by a reviewer of another department: %v", err)
	}
}

func TestSubmitListsWhatStillNeedsAnExplanation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000702"
	_, ids := indicatorIDs(t, f.st, code)
	sub := submitter(code)
	// 热线平台运维数量 ≥ 2 条 with only 1 at year end: yellow, needs causes, explanation, measures.
	if _, err := f.svc.Patch(ctx, store.ScopeAll(), sub, code, "2024", 0, patchOf(report.Report{Lines: []report.Line{{IndicatorID: ids[0], Value: d("1")}}})); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Submit(ctx, store.ScopeAll(), sub, code, "2024")
	var ve *report.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("submit of an incomplete report: %v", err)
	}
	if ve.Fields["lines[0].explanation"] == "" && ve.Fields["lines[0].deviation_causes"] == "" {
		t.Errorf("line 0's missing explanation is not listed: %v", ve.Fields)
	}
	cur, _ := f.svc.Get(ctx, store.ScopeAll(), code, "2024")
	if cur.Report.Status != report.StatusDraft || cur.Report.Version != 1 {
		t.Errorf("a refused submit changed the report: %s v%d", cur.Report.Status, cur.Report.Version)
	}
}

func TestApproveAgainstReturnRaceHasOneWinner(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000703"
	completeAnnual(t, f, code)
	for round := 0; round < 5; round++ {
		if _, err := f.svc.Submit(ctx, store.ScopeAll(), submitter(code), code, "2024"); err != nil {
			t.Fatalf("round %d submit: %v", round, err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			_, errs[0] = f.svc.Approve(ctx, store.ScopeAll(), f.reviewer, code, "2024", "同意", nil)
		}()
		go func() {
			defer wg.Done()
			<-start
			_, errs[1] = f.svc.Return(ctx, store.ScopeAll(), f.reviewer, code, "2024", "请修改")
		}()
		close(start)
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, report.ErrWrongState):
				t.Fatalf("round %d: loser failed with %v, want ErrWrongState", round, err)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d winners (%v)", round, wins, errs)
		}
		cur, _ := f.svc.Get(ctx, store.ScopeAll(), code, "2024")
		if cur.Report.Status == report.StatusApproved {
			if _, err := f.svc.Reopen(ctx, store.ScopeAll(), f.reviewer, code, "2024", "下一轮"); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestApproveKeepsTheComputedScoreBesideTheAdjustedOne(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000704"
	p, ids := indicatorIDs(t, f.st, code)
	completeAnnual(t, f, code)
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), submitter(code), code, "2024"); err != nil {
		t.Fatal(err)
	}
	// 社会效益 (index 4) is qualitative W 10, entered achieved 10; the reviewer sets 8.5.
	if p.Indicators[4].Kind() != "qualitative" {
		t.Fatalf("indicator 4 is %s", p.Indicators[4].Kind())
	}
	bad := []scoring.Adjustment{{IndicatorID: ids[4], Score: *d("7.5"), Reason: "效果一般"}}
	if _, err := f.svc.Approve(ctx, store.ScopeAll(), f.reviewer, code, "2024", "", bad); !errors.Is(err, report.ErrInvalid) {
		t.Errorf("an adjustment outside the achieved band [8, 10]: %v", err)
	}
	noReason := []scoring.Adjustment{{IndicatorID: ids[4], Score: *d("8.5")}}
	if _, err := f.svc.Approve(ctx, store.ScopeAll(), f.reviewer, code, "2024", "", noReason); !errors.Is(err, report.ErrInvalid) {
		t.Errorf("an adjustment without a reason: %v", err)
	}
	adj := []scoring.Adjustment{{IndicatorID: ids[4], Score: *d("8.5"), Reason: "效益证明材料不足"}}
	rec, err := f.svc.Approve(ctx, store.ScopeAll(), f.reviewer, code, "2024", "同意，调整一项", adj)
	if err != nil {
		t.Fatal(err)
	}
	line := rec.Evaluation.Score.Lines[4]
	mustEqual(t, "computed", line.Computed, "10.00")
	mustEqual(t, "score", line.Score, "8.50")
	// 100 computed; 100 − 10 + 8.5 = 98.50 after adjustment.
	mustEqual(t, "computed total", rec.Evaluation.Score.ComputedTotal, "100.00")
	mustEqual(t, "total", rec.Evaluation.Total, "98.50")
	assertStoredEqualsFresh(t, f, rec)
}

func TestReturnNeedsACommentAndReopenAReason(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000705"
	completeAnnual(t, f, code)
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), submitter(code), code, "2024"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Return(ctx, store.ScopeAll(), f.reviewer, code, "2024", "  "); !errors.Is(err, report.ErrInvalid) {
		t.Errorf("return without comment: %v", err)
	}
	if _, err := f.svc.Approve(ctx, store.ScopeAll(), f.reviewer, code, "2024", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Reopen(ctx, store.ScopeAll(), f.reviewer, code, "2024", ""); !errors.Is(err, report.ErrInvalid) {
		t.Errorf("reopen without reason: %v", err)
	}
}

func TestHistoryKeepsEveryVersionWithWhatChanged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const code = "63280100024T000000637"
	_, ids := indicatorIDs(t, f.st, code)
	sub := submitter(code)
	r1 := report.Report{Lines: []report.Line{{IndicatorID: ids[1], Value: d("90")}}}
	if _, err := f.svc.Patch(ctx, store.ScopeAll(), sub, code, "2024-06", 0, patchOf(r1)); err != nil {
		t.Fatal(err)
	}
	r2 := report.Report{Lines: []report.Line{{IndicatorID: ids[1], Value: d("96")}}, Budget: report.Budget{Executed: d("3.00")}}
	if _, err := f.svc.Patch(ctx, store.ScopeAll(), sub, code, "2024-06", 1, patchOf(r2)); err != nil {
		t.Fatal(err)
	}
	hist, err := f.st.ReportHistory(ctx, store.ScopeAll(), code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Version != 1 || hist[1].Version != 2 || hist[1].SavedBy != "xzcw" {
		t.Fatalf("history %+v", hist)
	}
	key := "lines[id=" + itoa(ids[1]) + "].value"
	ch, ok := hist[1].Changes[key]
	if !ok || ch.From != "90" || ch.To != "96" {
		t.Errorf("change of %s: %+v (all: %v)", key, ch, hist[1].Changes)
	}
	if ch := hist[1].Changes["budget.executed"]; ch.From != nil || ch.To != "3" {
		t.Errorf("budget change %+v", ch)
	}
	// Nothing is listed that did not change: a field empty before and after
	// (null → null, null → "", null → [], null → false) is no change.
	empty := func(v any) bool {
		switch x := v.(type) {
		case nil:
			return true
		case string:
			return x == ""
		case bool:
			return !x
		case []any:
			return len(x) == 0
		}
		return false
	}
	for _, h := range hist {
		for k, ch := range h.Changes {
			if empty(ch.From) && empty(ch.To) {
				t.Errorf("version %d lists %s: %v → %v, which did not change", h.Version, k, ch.From, ch.To)
			}
		}
	}
	if len(hist[0].Changes) == 0 {
		t.Error("the first version lists no change at all")
	}
}

// patchOf is a partial save sending every field of the report's lines and budget.
func patchOf(r report.Report) report.Patch {
	b := r.Budget
	pt := report.Patch{Budget: report.BudgetPatch{Adjusted: report.Set(b.Adjusted), Executed: report.Set(b.Executed),
		Projected: report.Set(b.Projected), Reason: report.Set(b.Reason)}}
	for _, l := range r.Lines {
		pt.Lines = append(pt.Lines, report.LinePatch{IndicatorID: l.IndicatorID, Value: report.Set(l.Value),
			Projected: report.Set(l.Projected), ScoreInput: report.Set(l.ScoreInput), Band: report.Set(l.Band),
			CompletedOn: report.Set(l.CompletedOn), NotApplicable: report.Set(l.NotApplicable),
			NotApplicableReason: report.Set(l.NotApplicableReason), DeviationCauses: report.Set(l.DeviationCauses),
			Explanation: report.Set(l.Explanation), Measures: report.Set(l.Measures), Likelihood: report.Set(l.Likelihood)})
	}
	return pt
}
