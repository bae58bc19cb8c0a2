package monitor_test

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func evalProject() project.Project {
	with := func(id int64, in project.Indicator) project.Indicator { in.ID = id; return in }
	return project.Project{
		Code: "P1", Name: "政务督办", Year: 2024, Budget: d("100"), ExecutionWeight: d("10"),
		Indicators: []project.Indicator{
			with(1, count150), with(2, rate95), with(3, quality), with(4, due2024), with(5, cost5),
		},
	}
}

// midYear is a complete, all-green report for 2024-06.
func midYear() report.Report {
	return report.Report{
		ProjectCode: "P1", PeriodKey: "2024-06", Status: report.StatusDraft,
		Budget: report.Budget{Executed: dp("50"), Projected: dp("95")},
		Lines: []report.Line{
			{IndicatorID: 1, Value: dp("80"), Projected: dp("150")}, // 80 ÷ 75 = 1.07 green
			{IndicatorID: 2, Value: dp("96"), Projected: dp("96")},
			{IndicatorID: 3, Band: report.BandAchieved, ScoreInput: dp("18")},
			{IndicatorID: 4, Likelihood: report.LikelihoodCertain},
			{IndicatorID: 5, Value: dp("2"), Projected: dp("4")},
		},
	}
}

func explained(l *report.Line) {
	l.DeviationCauses = []report.Cause{report.CauseStaffing}
	l.Explanation, l.Measures, l.Likelihood = "人员不足", "增派人员", report.LikelihoodPossible
}

func TestEvaluateBlocksSubmission(t *testing.T) {
	tests := []struct {
		name      string
		period    string
		modify    func(*report.Report)
		wantLight report.Light
		want      []string // blocking field paths, sorted
	}{
		{"a complete green report may be submitted", "2024-06", func(*report.Report) {}, report.LightGreen, nil},
		{"a yellow line needs causes, explanation, measures and likelihood", "2024-06",
			func(r *report.Report) { r.Lines[0].Value = dp("50") }, // 50 ÷ 75 = 0.67
			report.LightYellow,
			[]string{"lines[0].deviation_causes", "lines[0].explanation", "lines[0].likelihood", "lines[0].measures"}},
		{"an explained yellow line may be submitted", "2024-06",
			func(r *report.Report) { r.Lines[0].Value = dp("50"); explained(&r.Lines[0]) }, report.LightYellow, nil},
		{"an overshoot needs only an explanation", "2024-06",
			func(r *report.Report) { r.Lines[0].Projected = dp("195") }, // 195 = 1.3 × 150
			report.LightGreen, []string{"lines[0].explanation"}},
		{"a qualitative line needs a band", "2024-06",
			func(r *report.Report) { r.Lines[2] = report.Line{IndicatorID: 3} }, report.LightGreen, []string{"lines[2].band"}},
		{"an open deadline needs a likelihood", "2024-06",
			func(r *report.Report) { r.Lines[3].Likelihood = "" }, report.LightGreen, []string{"lines[3].likelihood"}},
		{"a possible deadline needs a band and explanations", "2024-06",
			func(r *report.Report) { r.Lines[3].Likelihood = report.LikelihoodPossible }, report.LightYellow,
			[]string{"lines[3].band", "lines[3].deviation_causes", "lines[3].explanation", "lines[3].measures"}},
		{"missing values are asked for", "2024-06",
			func(r *report.Report) { r.Lines[0].Value, r.Lines[0].Projected = nil, nil }, report.LightGreen,
			[]string{"lines[0].projected", "lines[0].value"}},
		{"an indicator without a line blocks", "2024-06",
			func(r *report.Report) { r.Lines = r.Lines[1:] }, report.LightGreen, []string{"lines"}},
		{"a not-applicable line needs nothing", "2024-06",
			func(r *report.Report) {
				r.Lines[0] = report.Line{IndicatorID: 1, NotApplicable: true, NotApplicableReason: "政策调整"}
			}, report.LightGreen, nil},
		{"projected execution below 90% needs a reason", "2024-06",
			func(r *report.Report) { r.Budget.Projected = dp("89.99") }, report.LightGreen, []string{"budget.reason"}},
		{"a red budget light needs a reason", "2024-06",
			func(r *report.Report) { r.Budget.Executed = dp("20") }, // (20 ÷ 100) ÷ 0.5 = 0.4
			report.LightRed, []string{"budget.reason"}},
		{"a budget reason lifts the block", "2024-06",
			func(r *report.Report) { r.Budget.Executed, r.Budget.Reason = dp("20"), "政府采购延迟" }, report.LightRed, nil},
		{"missing amounts are asked for", "2024-06",
			func(r *report.Report) { r.Budget = report.Budget{} }, report.LightGreen,
			[]string{"budget.executed", "budget.projected"}},
		{"the annual report needs final values only", "2024",
			func(r *report.Report) {
				r.PeriodKey = "2024"
				r.Budget = report.Budget{Executed: dp("100")}
				r.Lines[0] = report.Line{IndicatorID: 1, Projected: dp("150")}
				r.Lines[1].Projected = nil
				r.Lines[3] = report.Line{IndicatorID: 4, CompletedOn: "2024-10-01"}
				r.Lines[4].Projected = nil
			}, report.LightGreen, []string{"lines[0].value"}},
		{"an annual deadline not done needs a date or a band", "2024",
			func(r *report.Report) {
				r.PeriodKey = "2024"
				r.Budget = report.Budget{Executed: dp("100")}
				r.Lines[0].Value = dp("150")
				r.Lines[3] = report.Line{IndicatorID: 4}
			}, report.LightGreen, []string{"lines[3].completed_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := midYear()
			tt.modify(&r)
			ev, err := monitor.Evaluate(rules.National(), evalProject(), per(tt.period), r, nil)
			if err != nil {
				t.Fatalf("Evaluate() error = %v", err)
			}
			var got []string
			for _, p := range ev.Blocking {
				if p.Message == "" {
					t.Errorf("%s has no message", p.Field)
				}
				got = append(got, p.Field)
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("blocking = %v, want %v", got, tt.want)
			}
			if ev.Light != tt.wantLight {
				t.Errorf("project light = %s, want %s", ev.Light, tt.wantLight)
			}
			if err := ev.SubmitError(); (err == nil) != (len(tt.want) == 0) || (err != nil && !errors.Is(err, report.ErrInvalid)) {
				t.Errorf("SubmitError() = %v", err)
			}
		})
	}
}

func TestEvaluateGreenMidYear(t *testing.T) {
	ev, err := monitor.Evaluate(rules.National(), evalProject(), per("2024-06"), midYear(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// projected: 20 + 20 + 18 + 20 (certain) + 10 = 88; execution 10 × 95 ÷ 100 = 9.50; 97.50 优
	if ev.Total.StringFixed(2) != "97.50" || ev.Grade != rules.GradeExcellent {
		t.Errorf("total %s grade %s", ev.Total, ev.Grade)
	}
	if ev.TimeProgress.String() != "0.5" {
		t.Errorf("time progress = %s", ev.TimeProgress)
	}
	// budget to date: 50 ÷ 100 = 0.5, r = 0.5 ÷ 0.5 = 1 → green
	if ev.Budget.Rate == nil || ev.Budget.Rate.String() != "0.5" || ev.Budget.Light != report.LightGreen || ev.Budget.NeedsReason {
		t.Errorf("budget = %+v", ev.Budget)
	}
	if ev.Score.Execution.Rate.String() != "0.95" {
		t.Errorf("scored execution rate = %s, want the projected 0.95", ev.Score.Execution.Rate)
	}
	for _, l := range ev.Lines {
		if l.Light != report.LightGreen || l.NeedsExplanation() {
			t.Errorf("line %d: light %s missing %v", l.IndicatorID, l.Light, l.Missing)
		}
	}
	if ev.Lines[3].Score.Rule != scoring.RuleDeadlineOnTime {
		t.Errorf("deadline rule = %s", ev.Lines[3].Score.Rule)
	}
}

func TestEvaluateListsWhatALineLacksInChinese(t *testing.T) {
	r := midYear()
	r.Lines[0].Value = dp("30") // 30 ÷ 75 = 0.4 → red
	ev, err := monitor.Evaluate(rules.National(), evalProject(), per("2024-06"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := ev.Lines[0]
	if l.Light != report.LightRed || strings.Join(l.Missing, "、") != "偏差原因、原因说明、纠偏措施、完成目标可能性" {
		t.Errorf("light %s missing %v", l.Light, l.Missing)
	}
	var ve *report.ValidationError
	if err := ev.SubmitError(); !errors.As(err, &ve) || !strings.Contains(ve.Fields["lines[0].explanation"], "红灯预警") {
		t.Errorf("SubmitError() = %v", err)
	}
}

func TestEvaluateRefusesBadInput(t *testing.T) {
	bad := midYear()
	bad.Lines[0].Value = dp("-1")
	badRules := rules.National()
	badRules.ReverseMethod = "square"
	tests := []struct {
		name    string
		rs      rules.RuleSet
		per     period.Period
		r       report.Report
		adj     []scoring.Adjustment
		wantErr error
	}{
		{"a negative value", rules.National(), per("2024-06"), bad, nil, report.ErrInvalid},
		{"an adjustment outside the band", rules.National(), per("2024-06"), midYear(),
			[]scoring.Adjustment{{IndicatorID: 3, Score: d("15"), Reason: "x"}}, report.ErrInvalid},
		{"an invalid rule set", badRules, per("2024-06"), midYear(), nil, rules.ErrInvalid},
		{"a monitoring period at month 12", rules.National(),
			period.Period{Key: "2024-12", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 12}, midYear(), nil, monitor.ErrInvalidPeriod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.PeriodKey = tt.per.Key
			if _, err := monitor.Evaluate(tt.rs, evalProject(), tt.per, tt.r, tt.adj); !errors.Is(err, tt.wantErr) {
				t.Errorf("Evaluate() error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
