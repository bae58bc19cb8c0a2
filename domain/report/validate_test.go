package report_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

func dp(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

func testProject() project.Project {
	w := decimal.RequireFromString
	return project.Project{
		Code: "P1", Name: "政务督办", Category: "3-特定目标类", Year: 2024,
		Department: project.Department{Code: "003001", Name: "格尔木市人民政府办公室"},
		Budget:     w("100"), ExecutionWeight: w("10"),
		Indicators: []project.Indicator{
			{ID: 1, Level1: "产出指标", Level2: "数量指标", Name: "政务督办数量", Nature: project.NatureGE, Target: "150", Unit: "件", Weight: w("20")},
			{ID: 2, Level1: "效益指标", Level2: "社会效益指标", Name: "服务水平", Nature: project.NatureQualitative, Target: "显著", Weight: w("20")},
			{ID: 3, Level1: "产出指标", Level2: "时效指标", Name: "完成时间", Nature: project.NatureEQ, Target: "2024", Unit: "年", Weight: w("20")},
			{ID: 4, Level1: "成本指标", Level2: "经济成本指标", Name: "印刷成本", Nature: project.NatureLE, Target: "5", Unit: "万元", Weight: w("20")},
			{ID: 5, Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "满意度", Nature: project.NatureGE, Target: "95", Unit: "%", Weight: w("10")},
		},
	}
}

func validReport() report.Report {
	return report.Report{
		ProjectCode: "P1", PeriodKey: "2024-06", Status: report.StatusDraft,
		Budget: report.Budget{Executed: dp("50"), Projected: dp("100")},
		Lines: []report.Line{
			{IndicatorID: 1, Value: dp("80"), Projected: dp("160")},
			{IndicatorID: 2, Band: report.BandAchieved, ScoreInput: dp("18")},
			{IndicatorID: 3, Likelihood: report.LikelihoodCertain},
			{IndicatorID: 4, Value: dp("2"), Projected: dp("4.5")},
			{IndicatorID: 5, Value: dp("96"), Projected: dp("96")},
		},
	}
}

func TestValidateNamesTheBadField(t *testing.T) {
	long := strings.Repeat("字", report.MaxTextLength+1)
	tests := []struct {
		name      string
		modify    func(*report.Report)
		wantField string // "" for no error
		wantMsg   string
	}{
		{"a valid report passes", func(*report.Report) {}, "", ""},
		{"an empty draft passes", func(r *report.Report) { r.Lines = nil; r.Budget = report.Budget{} }, "", ""},
		{"16 integer digits pass", func(r *report.Report) { r.Lines[0].Value = dp("9999999999999999.9999") }, "", ""},
		{"completed on the cut-off date passes", func(r *report.Report) { r.Lines[2].CompletedOn = "2024-06-30" }, "", ""},
		{"executed at 1000 times the budget passes", func(r *report.Report) { r.Budget.Executed = dp("100000") }, "", ""},
		{"some lines not applicable pass", func(r *report.Report) {
			for i := range r.Lines[1:] {
				r.Lines[i+1].NotApplicable, r.Lines[i+1].NotApplicableReason = true, "本年度未开展"
			}
		}, "", ""},
		{"completed after the cut-off date", func(r *report.Report) { r.Lines[2].CompletedOn = "2024-07-01" }, "lines[2].completed_on", "2024-06-30"},
		{"every line not applicable", func(r *report.Report) {
			for i := range r.Lines {
				r.Lines[i].NotApplicable, r.Lines[i].NotApplicableReason = true, "本年度未开展"
			}
		}, "lines", "至少须有一个指标适用"},
		{"executed beyond 1000 times the budget", func(r *report.Report) { r.Budget.Executed = dp("100000.01") }, "budget.executed", "1000倍"},
		{"executed 1000000 against an adjusted budget of 1", func(r *report.Report) {
			r.Budget.Adjusted, r.Budget.Executed, r.Budget.Projected = dp("1"), dp("1000000"), nil
		}, "budget.executed", "1000倍"},
		{"projected beyond 1000 times the budget", func(r *report.Report) { r.Budget.Projected = dp("999999") }, "budget.projected", "1000倍"},
		{"trailing zeros do not count as places", func(r *report.Report) { r.Lines[0].Value = dp("95.000000") }, "", ""},
		{"a text of exactly 1000 characters passes", func(r *report.Report) { r.Lines[0].Explanation = long[:len(long)-len("字")] }, "", ""},
		{"negative value", func(r *report.Report) { r.Lines[0].Value = dp("-1") }, "lines[0].value", "数值不能为负数"},
		{"negative projected", func(r *report.Report) { r.Lines[3].Projected = dp("-0.01") }, "lines[3].projected", "数值不能为负数"},
		{"17 integer digits", func(r *report.Report) { r.Lines[0].Value = dp("10000000000000000") }, "lines[0].value", "整数部分不能超过16位"},
		{"a score of 5 integer digits", func(r *report.Report) { r.Lines[1].ScoreInput = dp("10000") }, "lines[1].score_input", "整数部分不能超过4位"},
		{"5 decimal places in a value", func(r *report.Report) { r.Lines[4].Value = dp("95.00001") }, "lines[4].value", "最多4位小数"},
		{"negative executed amount", func(r *report.Report) { r.Budget.Executed = dp("-5") }, "budget.executed", "金额不能为负数"},
		{"3 decimal places in an amount", func(r *report.Report) { r.Budget.Adjusted = dp("100.001") }, "budget.adjusted", "最多2位小数"},
		{"budget projected too long", func(r *report.Report) { r.Budget.Projected = dp("123456789012345") }, "budget.projected", "整数部分"},
		{"3 decimal places in a score", func(r *report.Report) { r.Lines[1].ScoreInput = dp("18.001") }, "lines[1].score_input", "最多2位小数"},
		{"score below its band", func(r *report.Report) { r.Lines[1].ScoreInput = dp("15.99") }, "lines[1].score_input", "[16, 20]"},
		{"partly score at the achieved bound", func(r *report.Report) {
			r.Lines[1].Band, r.Lines[1].ScoreInput = report.BandPartly, dp("16")
		}, "lines[1].score_input", "[12, 16)"},
		{"score above the weight", func(r *report.Report) { r.Lines[1].ScoreInput = dp("20.01") }, "lines[1].score_input", "不能超过分值权重20"},
		{"score without a band", func(r *report.Report) { r.Lines[1].Band = report.BandNone }, "lines[1].score_input", "先选择达成档次"},
		{"score on a numeric line", func(r *report.Report) { r.Lines[0].ScoreInput = dp("10") }, "lines[0].score_input", "系统计算"},
		{"band on a numeric line", func(r *report.Report) { r.Lines[0].Band = report.BandPartly }, "lines[0].band", "不选择档次"},
		{"unknown band", func(r *report.Report) { r.Lines[1].Band = "excellent" }, "lines[1].band", "未知的达成档次"},
		{"unknown indicator", func(r *report.Report) { r.Lines = append(r.Lines, report.Line{IndicatorID: 99}) }, "lines[5].indicator_id", "未知的绩效指标"},
		{"duplicate line", func(r *report.Report) { r.Lines = append(r.Lines, report.Line{IndicatorID: 1}) }, "lines[5].indicator_id", "重复"},
		{"completed_on not a date", func(r *report.Report) { r.Lines[2].CompletedOn = "2024-02-30" }, "lines[2].completed_on", "YYYY-MM-DD"},
		{"completed_on in another format", func(r *report.Report) { r.Lines[2].CompletedOn = "2024/12/01" }, "lines[2].completed_on", "YYYY-MM-DD"},
		{"completed_on on a numeric line", func(r *report.Report) { r.Lines[0].CompletedOn = "2024-05-01" }, "lines[0].completed_on", "时效"},
		{"value on a qualitative line", func(r *report.Report) { r.Lines[1].Value = dp("1") }, "lines[1].value", "定性指标"},
		{"value on a deadline line", func(r *report.Report) { r.Lines[2].Projected = dp("2024") }, "lines[2].projected", "完成日期"},
		{"not applicable without reason", func(r *report.Report) { r.Lines[3].NotApplicable = true; r.Lines[3].NotApplicableReason = " " }, "lines[3].not_applicable_reason", "理由"},
		{"explanation too long", func(r *report.Report) { r.Lines[0].Explanation = long }, "lines[0].explanation", "1000"},
		{"measures too long", func(r *report.Report) { r.Lines[0].Measures = long }, "lines[0].measures", "1000"},
		{"budget reason too long", func(r *report.Report) { r.Budget.Reason = long }, "budget.reason", "1000"},
		{"unknown deviation cause", func(r *report.Report) { r.Lines[0].DeviationCauses = []report.Cause{"weather"} }, "lines[0].deviation_causes", "未知的偏差原因"},
		{"repeated deviation cause", func(r *report.Report) {
			r.Lines[0].DeviationCauses = []report.Cause{report.CauseFunding, report.CauseFunding}
		}, "lines[0].deviation_causes", "重复"},
		{"unknown likelihood", func(r *report.Report) { r.Lines[0].Likelihood = "maybe" }, "lines[0].likelihood", "完成目标可能性"},
		{"report of another project", func(r *report.Report) { r.ProjectCode = "P2" }, "project_code", "不一致"},
		{"report of another period", func(r *report.Report) { r.PeriodKey = "2024-07" }, "period", "不一致"},
	}
	per, err := period.Parse("2024-06")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validReport()
			tt.modify(&r)
			err := r.Validate(testProject(), per)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ve *report.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, report.ErrInvalid) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			msg, ok := ve.Fields[tt.wantField]
			if !ok {
				t.Fatalf("no problem at %s; got %v", tt.wantField, ve.Fields)
			}
			if !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("%s: %q does not say %q", tt.wantField, msg, tt.wantMsg)
			}
			if len(ve.Fields) != 1 {
				t.Errorf("want one problem, got %v", ve.Fields)
			}
		})
	}
}

func TestValidateRejectsAPeriodOfAnotherYear(t *testing.T) {
	per, _ := period.Parse("2025")
	r := validReport()
	r.PeriodKey = ""
	var ve *report.ValidationError
	if err := r.Validate(testProject(), per); !errors.As(err, &ve) || ve.Fields["period"] == "" {
		t.Errorf("Validate() = %v, want a period problem", err)
	}
}

func TestValidationErrorListsFieldsInOrder(t *testing.T) {
	e := &report.ValidationError{Kind: report.ErrInvalid, Fields: map[string]string{"lines[1].value": "b", "budget.executed": "a"}}
	if got := e.Error(); got != "invalid report: budget.executed: a; lines[1].value: b" {
		t.Errorf("Error() = %q", got)
	}
}

func TestBandRanges(t *testing.T) {
	qb := rules.National().QualitativeBands
	w := decimal.RequireFromString("20")
	tests := []struct {
		name  string
		band  report.Band
		score string
		want  bool
	}{
		{"achieved includes 80% of W", report.BandAchieved, "16", true},
		{"achieved includes W", report.BandAchieved, "20", true},
		{"achieved excludes W+0.01", report.BandAchieved, "20.01", false},
		{"achieved excludes just below 80%", report.BandAchieved, "15.99", false},
		{"partly includes 60% of W", report.BandPartly, "12", true},
		{"partly excludes 80% of W", report.BandPartly, "16", false},
		{"partly includes just below 80%", report.BandPartly, "15.99", true},
		{"not achieved includes 0", report.BandNotAchieved, "0", true},
		{"not achieved excludes 60% of W", report.BandNotAchieved, "12", false},
		{"not achieved includes just below 60%", report.BandNotAchieved, "11.99", true},
		{"no band contains nothing", report.BandNone, "0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.band.Contains(qb, w, decimal.RequireFromString(tt.score)); got != tt.want {
				t.Errorf("Contains(%s) = %v", tt.score, got)
			}
		})
	}
}
