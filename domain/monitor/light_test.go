package monitor_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

func per(key string) period.Period {
	p, err := period.Parse(key)
	if err != nil {
		panic(err)
	}
	return p
}

func ind(n project.Nature, level2, name, target, unit, weight string) project.Indicator {
	return project.Indicator{ID: 1, Level1: "产出指标", Level2: level2, Name: name,
		Nature: n, Target: target, Unit: unit, Weight: d(weight)}
}

var (
	count150   = ind(project.NatureGE, "数量指标", "政务督办数量", "150", "件", "20")   // cumulative
	count100   = ind(project.NatureGE, "数量指标", "培训人次", "100", "人次", "20")    // cumulative
	equal63    = ind(project.NatureEQ, "数量指标", "编外人员数", "63", "人", "20")     // cumulative
	equalZero  = ind(project.NatureEQ, "质量指标", "安全事故数", "0", "起", "10")      // cumulative, T = 0
	higherZero = ind(project.NatureGE, "数量指标", "新增数量", "0", "件", "10")       // cumulative, T = 0
	rate95     = ind(project.NatureGE, "质量指标", "工资按时发放及时率", "95", "%", "20") // level by unit
	monthly800 = ind(project.NatureGE, "数量指标", "每月发行数量", "800", "本", "20")   // level by name
	cost5      = ind(project.NatureLE, "成本指标", "印刷成本", "5", "万元", "10")      // lower
	due2024    = ind(project.NatureEQ, "时效指标", "完成时间", "2024", "年", "20")    // deadline 2024-12-31
	quality    = ind(project.NatureQualitative, "社会效益指标", "社会效益", "显著", "", "20")
)

func TestLight(t *testing.T) {
	tests := []struct {
		name   string
		period string
		ind    project.Indicator
		line   report.Line
		want   report.Light
	}{
		// cumulative, T = 150, m = 6: expected 150 × 6/12 = 75
		{"cumulative just below 60% is red", "2024-06", count150, report.Line{Value: dp("44.99")}, report.LightRed},       // 44.99 ÷ 75 = 0.59987
		{"cumulative exactly 60% is yellow", "2024-06", count150, report.Line{Value: dp("45")}, report.LightYellow},       // 45 ÷ 75 = 0.6
		{"cumulative just below 80% is yellow", "2024-06", count150, report.Line{Value: dp("59.99")}, report.LightYellow}, // 0.79987
		{"cumulative exactly 80% is green", "2024-06", count150, report.Line{Value: dp("60")}, report.LightGreen},         // 60 ÷ 75 = 0.8
		{"cumulative just below 120% is green", "2024-06", count150, report.Line{Value: dp("89.99")}, report.LightGreen},  // 1.19987
		{"cumulative exactly 120% is blue", "2024-06", count150, report.Line{Value: dp("90")}, report.LightBlue},          // 90 ÷ 75 = 1.2
		// m = 1, T = 100: expected 8.333…; 0.6 × 8.333… = 5 exactly. With time progress rounded to 0.0833
		// the expected value would be 8.33 and 4.9999 ÷ 8.33 = 0.60023 would wrongly be yellow.
		{"cumulative at m=1 compares exactly, not via 0.0833", "2024-01", count100, report.Line{Value: dp("4.9999")}, report.LightRed},
		{"cumulative at m=1 exactly 60% is yellow", "2024-01", count100, report.Line{Value: dp("5")}, report.LightYellow},
		// m = 7, T = 150: expected 87.5; 0.6 × 87.5 = 52.5
		{"cumulative at m=7 exactly 60% is yellow", "2024-07", count150, report.Line{Value: dp("52.5")}, report.LightYellow},
		{"cumulative at m=7 just below 60% is red", "2024-07", count150, report.Line{Value: dp("52.49")}, report.LightRed},
		// equal, cumulative: "= 63 人", m = 6: expected 31.5; 0.6 × 31.5 = 18.9
		{"equal cumulative exactly 60% is yellow", "2024-06", equal63, report.Line{Value: dp("18.9")}, report.LightYellow},
		{"equal cumulative just below 60% is red", "2024-06", equal63, report.Line{Value: dp("18.89")}, report.LightRed},
		// annual period: m = 12, expected = T
		{"annual cumulative at 120% is blue", "2024", count150, report.Line{Value: dp("180")}, report.LightBlue},
		{"annual cumulative just below 60% is red", "2024", count150, report.Line{Value: dp("89.99")}, report.LightRed},
		{"annual cumulative at target is green", "2024", count150, report.Line{Value: dp("150")}, report.LightGreen},
		// zero targets
		{"higher zero target is met by 0", "2024-06", higherZero, report.Line{Value: dp("0")}, report.LightGreen},
		{"equal zero target met", "2024-06", equalZero, report.Line{Value: dp("0")}, report.LightGreen},
		{"equal zero target missed is yellow", "2024-06", equalZero, report.Line{Value: dp("1")}, report.LightYellow},
		// level and lower: green when already met, else yellow
		{"level rate meeting target is green", "2024-06", rate95, report.Line{Value: dp("95")}, report.LightGreen},
		{"level rate just below target is yellow", "2024-06", rate95, report.Line{Value: dp("94.99")}, report.LightYellow},
		{"per-month level meeting target is green", "2024-06", monthly800, report.Line{Value: dp("800")}, report.LightGreen},
		{"per-month level is not prorated", "2024-06", monthly800, report.Line{Value: dp("400")}, report.LightYellow},
		{"lower within target is green", "2024-06", cost5, report.Line{Value: dp("5")}, report.LightGreen},
		{"lower above target is yellow", "2024-06", cost5, report.Line{Value: dp("5.01")}, report.LightYellow},
		// qualitative
		{"qualitative achieved is green", "2024-06", quality, report.Line{Band: report.BandAchieved}, report.LightGreen},
		{"qualitative partly is yellow", "2024-06", quality, report.Line{Band: report.BandPartly}, report.LightYellow},
		{"qualitative not achieved is red", "2024-06", quality, report.Line{Band: report.BandNotAchieved}, report.LightRed},
		{"qualitative without band is grey", "2024-06", quality, report.Line{}, report.LightGrey},
		// deadline
		{"deadline done on time is green", "2024-06", due2024, report.Line{CompletedOn: "2024-05-20"}, report.LightGreen},
		{"deadline certain is green", "2024-06", due2024, report.Line{Likelihood: report.LikelihoodCertain}, report.LightGreen},
		{"deadline possible is yellow", "2024-06", due2024, report.Line{Likelihood: report.LikelihoodPossible}, report.LightYellow},
		{"deadline impossible is red", "2024-06", due2024, report.Line{Likelihood: report.LikelihoodImpossible}, report.LightRed},
		{"deadline without anything is grey", "2024-06", due2024, report.Line{}, report.LightGrey},
		{"deadline done late follows its band", "2024", due2024, report.Line{CompletedOn: "2025-01-10", Band: report.BandNotAchieved}, report.LightRed},
		{"deadline done late without band is yellow", "2024", due2024, report.Line{CompletedOn: "2025-01-10"}, report.LightYellow},
		{"annual deadline not done follows its band", "2024", due2024, report.Line{Band: report.BandPartly}, report.LightYellow},
		{"annual deadline not done without band is grey", "2024", due2024, report.Line{}, report.LightGrey},
		// likelihood overrides (monitoring only)
		{"possible caps blue at yellow", "2024-06", count150, report.Line{Value: dp("90"), Likelihood: report.LikelihoodPossible}, report.LightYellow},
		{"possible caps green at yellow", "2024-06", rate95, report.Line{Value: dp("96"), Likelihood: report.LikelihoodPossible}, report.LightYellow},
		{"possible leaves red red", "2024-06", count150, report.Line{Value: dp("10"), Likelihood: report.LikelihoodPossible}, report.LightRed},
		{"impossible makes green red", "2024-06", rate95, report.Line{Value: dp("96"), Likelihood: report.LikelihoodImpossible}, report.LightRed},
		{"impossible makes an empty line red", "2024-06", count150, report.Line{Likelihood: report.LikelihoodImpossible}, report.LightRed},
		{"impossible is ignored in the annual period", "2024", rate95, report.Line{Value: dp("96"), Likelihood: report.LikelihoodImpossible}, report.LightGreen},
		// no light
		{"no value is grey", "2024-06", count150, report.Line{}, report.LightGrey},
		{"not applicable is grey", "2024-06", count150, report.Line{Value: dp("1"), NotApplicable: true, NotApplicableReason: "x"}, report.LightGrey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := monitor.Light(rules.National(), per(tt.period), tt.ind, tt.line); got != tt.want {
				t.Errorf("Light() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBudgetLight(t *testing.T) {
	tests := []struct {
		name               string
		period             string
		adjusted, executed *decimal.Decimal
		want               report.Light
	}{
		// m = 6, adjusted 100: r = (executed ÷ 100) ÷ 0.5; red below 30, yellow below 40
		{"just below 60% of time progress is red", "2024-06", dp("100"), dp("29.99"), report.LightRed},
		{"exactly 60% of time progress is yellow", "2024-06", dp("100"), dp("30"), report.LightYellow},
		{"just below 80% of time progress is yellow", "2024-06", dp("100"), dp("39.99"), report.LightYellow},
		{"exactly 80% of time progress is green", "2024-06", dp("100"), dp("40"), report.LightGreen},
		{"ahead of time progress is still green", "2024-06", dp("100"), dp("90"), report.LightGreen},
		// m = 7, adjusted 120: expected 70; 0.6 × 70 = 42
		{"m=7 exactly 60% is yellow", "2024-07", dp("120"), dp("42"), report.LightYellow},
		{"m=7 just below 60% is red", "2024-07", dp("120"), dp("41.99"), report.LightRed},
		// annual: time progress 1
		{"annual 79.99% is yellow", "2024", dp("100"), dp("79.99"), report.LightYellow},
		{"nothing executed entered is grey", "2024-06", dp("100"), nil, report.LightGrey},
		{"zero budget is grey", "2024-06", dp("0"), dp("0"), report.LightGrey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := monitor.BudgetLight(rules.National(), per(tt.period), tt.adjusted, tt.executed); got != tt.want {
				t.Errorf("BudgetLight() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLightThresholdsAreSettings(t *testing.T) {
	rs, err := rules.National().With(map[string]string{"light_thresholds": "0.5,0.7,1.5"})
	if err != nil {
		t.Fatal(err)
	}
	// m = 6, T = 150: expected 75; 0.5 × 75 = 37.5 → yellow under the region's thresholds, red nationally
	line := report.Line{Value: dp("40")}
	if got := monitor.Light(rs, per("2024-06"), count150, line); got != report.LightYellow {
		t.Errorf("regional light = %s, want yellow", got)
	}
	if got := monitor.Light(rules.National(), per("2024-06"), count150, line); got != report.LightRed {
		t.Errorf("national light = %s, want red", got)
	}
}
