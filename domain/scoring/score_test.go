package scoring_test

import (
	"errors"
	"strings"
	"testing"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// scoredProject has weights 20, 20, 20, 20, 10 and execution 10.
func scoredProject() project.Project {
	ind := func(id int64, in project.Indicator) project.Indicator { in.ID = id; return in }
	return project.Project{
		Code: "P1", Name: "政务督办", Year: 2024, Budget: d("800"), ExecutionWeight: d("10"),
		Indicators: []project.Indicator{
			ind(1, higher("150", "20")),
			ind(2, numericInd(project.NatureGE, "95", "%", "20")),
			ind(3, qualitativeInd("20")),
			ind(4, deadlineInd("2024", "20")),
			ind(5, lower("5", "10")),
		},
	}
}

func finalReport() report.Report {
	return report.Report{
		ProjectCode: "P1", PeriodKey: "2024", Status: report.StatusDraft,
		Budget: report.Budget{Executed: dp("700")},
		Lines: []report.Line{
			{IndicatorID: 1, Value: dp("150")},
			{IndicatorID: 2, Value: dp("90")},
			{IndicatorID: 3, Band: report.BandPartly, ScoreInput: dp("14")},
			{IndicatorID: 4, CompletedOn: "2024-11-30"},
			{IndicatorID: 5, Value: dp("10")},
		},
	}
}

func mustPeriod(key string) period.Period {
	p, err := period.Parse(key)
	if err != nil {
		panic(err)
	}
	return p
}

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		period     string
		modify     func(*report.Report)
		adj        []scoring.Adjustment
		wantLines  string // final line scores in project order
		wantSum    string // indicator sum after rescaling
		wantTotal  string
		wantGrade  rules.Grade
		wantErrKey string // field of the *report.ValidationError
	}{
		// 20 + 18.95 (20×90÷95) + 14 + 20 + 5.00 (10×5÷10) = 77.95; execution 10×700÷800 = 8.75; 86.70 良
		{name: "final report sums rounded lines", period: "2024", modify: func(*report.Report) {},
			wantLines: "20.00 18.95 14.00 20.00 5.00", wantSum: "77.95", wantTotal: "86.70", wantGrade: rules.GradeGood},
		// applicable 70 of 90: (20 + 18.95 + 20 + 5) × 90 ÷ 70 = 5755.5 ÷ 70 = 82.2214 → 82.22; + 8.75 = 90.97 优
		{name: "one 20 not applicable rescales the rest to 90", period: "2024",
			modify: func(r *report.Report) {
				r.Lines[2] = report.Line{IndicatorID: 3, NotApplicable: true, NotApplicableReason: "政策调整"}
			},
			wantLines: "20.00 18.95 0.00 20.00 5.00", wantSum: "82.22", wantTotal: "90.97", wantGrade: rules.GradeExcellent},
		// applicable 70, all full: 70 × 90 ÷ 70 = 90; + execution 10 = 100
		{name: "full marks with a line not applicable still reach 100", period: "2024",
			modify: func(r *report.Report) {
				r.Lines[1].Value = dp("95")
				r.Lines[2] = report.Line{IndicatorID: 3, NotApplicable: true, NotApplicableReason: "政策调整"}
				r.Lines[4].Value = dp("5")
				r.Budget.Executed = dp("800")
			},
			wantLines: "20.00 20.00 0.00 20.00 10.00", wantSum: "90.00", wantTotal: "100.00", wantGrade: rules.GradeExcellent},
		// reviewer sets 15 (partly [12, 16)) for the computed 14: 77.95 + 1 = 78.95; + 8.75 = 87.70
		{name: "adjusted score replaces the computed one", period: "2024", modify: func(*report.Report) {},
			adj:       []scoring.Adjustment{{IndicatorID: 3, Score: d("15"), Reason: "材料补充后复核"}},
			wantLines: "20.00 18.95 15.00 20.00 5.00", wantSum: "78.95", wantTotal: "87.70", wantGrade: rules.GradeGood},
		// a missing line scores 0: 20 + 18.95 + 14 + 0 + 5 = 57.95; + 8.75 = 66.70 中
		{name: "an indicator without a line scores 0", period: "2024",
			modify:    func(r *report.Report) { r.Lines = append(r.Lines[:3], r.Lines[4]) },
			wantLines: "20.00 18.95 14.00 0.00 5.00", wantSum: "57.95", wantTotal: "66.70", wantGrade: rules.GradeFair},
		// mid-year scores the projections: 20 + 20 + 18 + 20 (certain) + 10 (4 ≤ 5) = 88; projected 800 ÷ 800 → 10; 98
		{name: "monitoring period scores projected values", period: "2024-06",
			modify: func(r *report.Report) {
				r.PeriodKey = "2024-06"
				r.Budget = report.Budget{Executed: dp("300"), Projected: dp("800")}
				r.Lines = []report.Line{
					{IndicatorID: 1, Value: dp("60"), Projected: dp("150")},
					{IndicatorID: 2, Value: dp("50"), Projected: dp("95")},
					{IndicatorID: 3, Band: report.BandAchieved, ScoreInput: dp("18")},
					{IndicatorID: 4, Likelihood: report.LikelihoodCertain},
					{IndicatorID: 5, Value: dp("2"), Projected: dp("4")},
				}
			},
			wantLines: "20.00 20.00 18.00 20.00 10.00", wantSum: "88.00", wantTotal: "98.00", wantGrade: rules.GradeExcellent},
		{name: "a report wrong in itself is refused", period: "2024",
			modify: func(r *report.Report) { r.Lines[0].Value = dp("-1") }, wantErrKey: "lines[0].value"},
		{name: "adjustment outside the chosen band", period: "2024", modify: func(*report.Report) {},
			adj: []scoring.Adjustment{{IndicatorID: 3, Score: d("16"), Reason: "x"}}, wantErrKey: "adjustments[0].score"},
		{name: "adjustment above the weight", period: "2024", modify: func(*report.Report) {},
			adj: []scoring.Adjustment{{IndicatorID: 1, Score: d("20.01"), Reason: "x"}}, wantErrKey: "adjustments[0].score"},
		{name: "adjustment with 3 places", period: "2024", modify: func(*report.Report) {},
			adj: []scoring.Adjustment{{IndicatorID: 1, Score: d("19.999"), Reason: "x"}}, wantErrKey: "adjustments[0].score"},
		{name: "adjustment without a reason", period: "2024", modify: func(*report.Report) {},
			adj: []scoring.Adjustment{{IndicatorID: 1, Score: d("19"), Reason: " "}}, wantErrKey: "adjustments[0].reason"},
		{name: "adjustment of an unknown indicator", period: "2024", modify: func(*report.Report) {},
			adj: []scoring.Adjustment{{IndicatorID: 99, Score: d("1"), Reason: "x"}}, wantErrKey: "adjustments[0].indicator_id"},
		{name: "adjusting the same indicator twice", period: "2024", modify: func(*report.Report) {},
			adj:        []scoring.Adjustment{{IndicatorID: 1, Score: d("19"), Reason: "x"}, {IndicatorID: 1, Score: d("18"), Reason: "y"}},
			wantErrKey: "adjustments[1].indicator_id"},
		{name: "adjusting a line not applicable", period: "2024",
			modify: func(r *report.Report) {
				r.Lines[2] = report.Line{IndicatorID: 3, NotApplicable: true, NotApplicableReason: "政策调整"}
			},
			adj: []scoring.Adjustment{{IndicatorID: 3, Score: d("10"), Reason: "x"}}, wantErrKey: "adjustments[0].indicator_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := finalReport()
			tt.modify(&r)
			got, err := scoring.Score(rules.National(), scoredProject(), mustPeriod(tt.period), r, tt.adj)
			if tt.wantErrKey != "" {
				var ve *report.ValidationError
				if !errors.As(err, &ve) || ve.Fields[tt.wantErrKey] == "" {
					t.Fatalf("Score() error = %v, want a problem at %s", err, tt.wantErrKey)
				}
				return
			}
			if err != nil {
				t.Fatalf("Score() error = %v", err)
			}
			var lines []string
			for _, l := range got.Lines {
				lines = append(lines, l.Score.StringFixed(2))
			}
			if s := strings.Join(lines, " "); s != tt.wantLines {
				t.Errorf("lines = %s, want %s", s, tt.wantLines)
			}
			if got.IndicatorSum.StringFixed(2) != tt.wantSum || got.Total.StringFixed(2) != tt.wantTotal {
				t.Errorf("sum %s total %s, want %s %s", got.IndicatorSum, got.Total, tt.wantSum, tt.wantTotal)
			}
			if got.Grade != tt.wantGrade {
				t.Errorf("grade = %s, want %s", got.Grade, tt.wantGrade)
			}
		})
	}
}

func TestAdjustmentKeepsTheComputedScore(t *testing.T) {
	adj := []scoring.Adjustment{{IndicatorID: 3, Score: d("15"), Reason: "材料补充后复核"}}
	got, err := scoring.Score(rules.National(), scoredProject(), mustPeriod("2024"), finalReport(), adj)
	if err != nil {
		t.Fatal(err)
	}
	l := got.Lines[2]
	if !l.Computed.Equal(d("14")) || l.Adjusted == nil || !l.Adjusted.Equal(d("15")) || !l.Score.Equal(d("15")) {
		t.Errorf("computed %s adjusted %v score %s", l.Computed, l.Adjusted, l.Score)
	}
	if l.Reason != "材料补充后复核" || !strings.Contains(l.Basis, "审核调整为 15.00") {
		t.Errorf("reason %q basis %q", l.Reason, l.Basis)
	}
}

func TestGradeBandEdgesThroughTotals(t *testing.T) {
	rs := rules.National()
	tests := []struct {
		name  string
		total string
		want  rules.Grade
	}{
		{"90.00 is 优", "90.00", rules.GradeExcellent},
		{"89.99 is 良", "89.99", rules.GradeGood},
		{"60 is 中", "60", rules.GradeFair},
		{"59.99 is 差", "59.99", rules.GradePoor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// one indicator of 90 scoring total − 10 plus a full execution score of 10
			ind := higher("100", "90")
			ind.ID = 1
			p := project.Project{Code: "P", Year: 2024, Budget: d("1"), ExecutionWeight: d("10"), Indicators: []project.Indicator{ind}}
			// A = (total − 10) × 100 ÷ 90 to 4 places, so 90 × A ÷ 100 rounds back to
			// total − 10 (89.99: A = 88.8778, 90 × 88.8778 ÷ 100 = 79.99002 → 79.99).
			r := report.Report{Budget: report.Budget{Executed: dp("1")}, Lines: []report.Line{{IndicatorID: 1}}}
			want := d(tt.total).Sub(d("10"))
			a := want.Mul(d("100")).DivRound(d("90"), 4)
			r.Lines[0].Value = &a
			got, err := scoring.Score(rs, p, mustPeriod("2024"), r, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Total.Equal(d(tt.total)) || got.Grade != tt.want {
				t.Errorf("total %s grade %s, want %s %s", got.Total, got.Grade, tt.total, tt.want)
			}
		})
	}
}
