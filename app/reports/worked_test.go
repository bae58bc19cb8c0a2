package reports_test

import (
	"context"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/report"
)

// TestWorkedExampleAnnualStaffProject scores the 2024 self-evaluation of
// 编制外长期聘用人员支出 (744.78 万元) by hand from domain reference §3:
//
//	编制外长期聘用人员数 = 63 人, W 20, actual 61:   20 × 61 ÷ 63 = 19.365… → 19.37
//	考核合格率 ≥ 95 %, W 20, actual 96:              96 ≥ 95 → 20
//	工资按时发放及时率 ≥ 95 %, W 20, actual 100:      100 ≥ 95 → 20 (100 < 1.3 × 95 = 123.5: no overshoot)
//	社会效益 (qualitative), W 20, achieved, 18:      18 in [16, 20] → 18
//	满意度 ≥ 95 %, W 10, actual 93:                  10 × 93 ÷ 95 = 9.789… → 9.79
//	indicator sum 19.37 + 20 + 20 + 18 + 9.79 = 87.16
//	execution 700.00 ÷ 744.78 = 0.93987…; 10 × 0.93987… = 9.398… → 9.40
//	total 87.16 + 9.40 = 96.56 → 优 (≥ 90)
func TestWorkedExampleAnnualStaffProject(t *testing.T) {
	f := newFixture(t)
	const code = "63280100024R000014831"
	_, ids := indicatorIDs(t, f.st, code)
	sub := submitter(code)
	in := report.Report{
		Budget: report.Budget{Executed: d("700.00")},
		Lines: []report.Line{
			{IndicatorID: ids[0], Value: d("61"), DeviationCauses: []report.Cause{report.CauseStaffing}, Explanation: "两人离职", Measures: "补充招聘"},
			{IndicatorID: ids[1], Value: d("96")},
			{IndicatorID: ids[2], Value: d("100")},
			{IndicatorID: ids[3], Band: report.BandAchieved, ScoreInput: d("18")},
			{IndicatorID: ids[4], Value: d("93"), DeviationCauses: []report.Cause{report.CauseOther}, Explanation: "个别人员不满意", Measures: "加强沟通"},
		},
	}
	rec, err := f.svc.Save(context.Background(), store.ScopeAll(), sub, code, "2024", 0, in)
	if err != nil {
		t.Fatal(err)
	}
	sc := rec.Evaluation.Score
	for i, want := range []string{"19.37", "20.00", "20.00", "18.00", "9.79"} {
		mustEqual(t, "line "+sc.Lines[i].Basis, sc.Lines[i].Score, want)
	}
	mustEqual(t, "indicator sum", sc.IndicatorSum, "87.16")
	mustEqual(t, "execution score", sc.Execution.Score, "9.40")
	mustEqual(t, "total", rec.Evaluation.Total, "96.56")
	if rec.Evaluation.Grade != "优" {
		t.Errorf("grade %s, want 优", rec.Evaluation.Grade)
	}
	if rec.Report.Version != 1 || rec.Report.Status != report.StatusDraft {
		t.Errorf("after the first save: version %d status %s", rec.Report.Version, rec.Report.Status)
	}
	assertStoredEqualsFresh(t, f, rec)
	if _, err := f.svc.Submit(context.Background(), store.ScopeAll(), sub, code, "2024"); err != nil {
		t.Fatalf("a complete report must submit: %v", err)
	}
}

// TestWorkedExampleMidYearSupervisionProject is the 2024-06 monitoring report
// of “710”政务督办系统运维专项资金 (6.50 万元), cut-off month 6, time progress 0.5.
// The projected score applies §3 to the projected full-year values:
//
//	政务督办数量 ≥ 150 件 (cumulative), W 20: to date 60, projected 140, certain.
//	  light: expected 150 × 6/12 = 75, 60 ÷ 75 = 0.80 → not below 80 % → green
//	  score: 20 × 140 ÷ 150 = 18.666… → 18.67
//	质量合格率 ≥ 95 % (level), W 20: 96 now and projected → green, 20
//	督办工作完成时间 = 2024 年 (deadline), W 20: not done yet, likelihood certain → green, on time → 20
//	社会效益 (qualitative), W 10: achieved, 9 → green, 9
//	可持续影响 (qualitative), W 10: partly, 7 (in [6, 8)) → yellow, 7
//	满意度 ≥ 95 % (level), W 10: 90 to date (below target → yellow), projected 96 → 10
//	indicator sum 18.67 + 20 + 20 + 9 + 7 + 10 = 84.67
//	budget: to date 2.60 ÷ 6.50 = 0.40; 0.40 ÷ 0.5 = 0.80 → green;
//	  projected 6.20 ÷ 6.50 → 10 × 0.9538… = 9.538… → 9.54
//	projected total 84.67 + 9.54 = 94.21 → 优; project light yellow (the worst)
func TestWorkedExampleMidYearSupervisionProject(t *testing.T) {
	f := newFixture(t)
	const code = "63280100024T000000700"
	_, ids := indicatorIDs(t, f.st, code)
	sub := submitter(code)
	explained := func(l report.Line) report.Line {
		l.DeviationCauses, l.Explanation, l.Measures = []report.Cause{report.CauseOther}, "进度说明", "纠偏措施"
		return l
	}
	in := report.Report{
		Budget: report.Budget{Executed: d("2.60"), Projected: d("6.20")},
		Lines: []report.Line{
			{IndicatorID: ids[0], Value: d("60"), Projected: d("140"), Likelihood: report.LikelihoodCertain},
			{IndicatorID: ids[1], Value: d("96"), Projected: d("96"), Likelihood: report.LikelihoodCertain},
			{IndicatorID: ids[2], Likelihood: report.LikelihoodCertain},
			{IndicatorID: ids[3], Band: report.BandAchieved, ScoreInput: d("9"), Likelihood: report.LikelihoodCertain},
			explained(report.Line{IndicatorID: ids[4], Band: report.BandPartly, ScoreInput: d("7"), Likelihood: report.LikelihoodPossible}),
			explained(report.Line{IndicatorID: ids[5], Value: d("90"), Projected: d("96"), Likelihood: report.LikelihoodPossible}),
		},
	}
	rec, err := f.svc.Save(context.Background(), store.ScopeAll(), sub, code, "2024-06", 0, in)
	if err != nil {
		t.Fatal(err)
	}
	ev := rec.Evaluation
	wantLights := []report.Light{report.LightGreen, report.LightGreen, report.LightGreen, report.LightGreen, report.LightYellow, report.LightYellow}
	for i, want := range wantLights {
		if ev.Lines[i].Light != want {
			t.Errorf("line %d light %s, want %s", i, ev.Lines[i].Light, want)
		}
	}
	for i, want := range []string{"18.67", "20.00", "20.00", "9.00", "7.00", "10.00"} {
		mustEqual(t, "line "+ev.Score.Lines[i].Basis, ev.Score.Lines[i].Score, want)
	}
	mustEqual(t, "indicator sum", ev.Score.IndicatorSum, "84.67")
	mustEqual(t, "execution score", ev.Score.Execution.Score, "9.54")
	mustEqual(t, "projected total", ev.Total, "94.21")
	if ev.Budget.Light != report.LightGreen || ev.Light != report.LightYellow || ev.Grade != "优" {
		t.Errorf("budget light %s, project light %s, grade %s", ev.Budget.Light, ev.Light, ev.Grade)
	}
	if len(ev.Blocking) != 0 {
		t.Errorf("nothing should block: %+v", ev.Blocking)
	}
	assertStoredEqualsFresh(t, f, rec)
}

// TestWorkedExampleNotApplicableRescaling is the 2024 self-evaluation of
// 政府公报办刊资金 (19.80 万元) with 每月发行数量 (W 10) not applicable:
//
//	年发行期数 ≥ 12 册, W 10: 12 → 10
//	每月发行数量 ≥ 800 本, W 10: not applicable (left out)
//	印刷合格率 ≥ 100 %, W 20: 99 → 20 × 99 ÷ 100 = 19.80
//	发行时间 = 2024 年 (deadline), W 20: done 2024-12-20 → 20
//	社会效益, W 10: achieved 10 → 10;  可持续影响, W 10: achieved 8 → 8 (8 = 80 % of 10 is "achieved")
//	满意度 ≥ 95 %, W 10: 97 → 10
//	applicable sum 10 + 19.80 + 20 + 10 + 8 + 10 = 77.80 over applicable weight 80
//	rescaled 77.80 × 90 ÷ 80 = 87.525 → half-up 87.53
//	execution 19.80 ÷ 19.80 = 1 → 10;  total 97.53 → 优
func TestWorkedExampleNotApplicableRescaling(t *testing.T) {
	f := newFixture(t)
	const code = "63280100024T000000639"
	_, ids := indicatorIDs(t, f.st, code)
	in := report.Report{
		Budget: report.Budget{Executed: d("19.80")},
		Lines: []report.Line{
			{IndicatorID: ids[0], Value: d("12")},
			{IndicatorID: ids[1], NotApplicable: true, NotApplicableReason: "改为电子发行"},
			{IndicatorID: ids[2], Value: d("99"), DeviationCauses: []report.Cause{report.CauseEquipment}, Explanation: "一期印刷瑕疵", Measures: "更换印刷厂"},
			{IndicatorID: ids[3], CompletedOn: "2024-12-20"},
			{IndicatorID: ids[4], Band: report.BandAchieved, ScoreInput: d("10")},
			{IndicatorID: ids[5], Band: report.BandAchieved, ScoreInput: d("8")},
			{IndicatorID: ids[6], Value: d("97")},
		},
	}
	rec, err := f.svc.Save(context.Background(), store.ScopeAll(), submitter(code), code, "2024", 0, in)
	if err != nil {
		t.Fatal(err)
	}
	sc := rec.Evaluation.Score
	mustEqual(t, "indicator sum", sc.IndicatorSum, "87.53")
	mustEqual(t, "execution", sc.Execution.Score, "10.00")
	mustEqual(t, "total", rec.Evaluation.Total, "97.53")
	assertStoredEqualsFresh(t, f, rec)
}
