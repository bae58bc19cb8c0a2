package monitor_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

func TestLightBasisSaysWhyInASentence(t *testing.T) {
	count10 := ind(project.NatureGE, "数量指标", "举办银企对接会议次数", "10", "次", "10")
	tests := []struct {
		name   string
		period string
		ind    project.Indicator
		line   report.Line
		want   string
	}{
		{"cumulative yellow", "2024-06", count10, report.Line{Value: dp("3")},
			"截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯"},
		{"cumulative red", "2024-06", count10, report.Line{Value: dp("2")},
			"截至6月应完成5次（全年10次×6/12），已完成2次，为应完成的40%，低于60%：红灯"},
		{"cumulative green", "2024-06", count150, report.Line{Value: dp("75")},
			"截至6月应完成75件（全年150件×6/12），已完成75件，为应完成的100%，达到80%、低于120%：绿灯"},
		{"cumulative blue", "2024-06", count150, report.Line{Value: dp("90")},
			"截至6月应完成75件（全年150件×6/12），已完成90件，为应完成的120%，达到120%，超前完成：蓝灯"},
		{"a shown ratio never crosses its threshold", "2024-06", count150, report.Line{Value: dp("59.999")},
			"截至6月应完成75件（全年150件×6/12），已完成59.999件，为应完成的79.99%，低于80%：黄灯"},
		{"expected amounts are rounded to cents for display", "2024-07", count100, report.Line{Value: dp("60")},
			"截至7月应完成58.33人次（全年100人次×7/12），已完成60人次，为应完成的102.85%，达到80%、低于120%：绿灯"},
		{"annual cumulative", "2024", count150, report.Line{Value: dp("120")},
			"全年应完成150件，已完成120件，为应完成的80%，达到80%、低于120%：绿灯"},
		{"level met", "2024-06", rate95, report.Line{Value: dp("96")}, "时点指标，截至6月为96%，已达到目标值95%：绿灯"},
		{"level not met", "2024-06", monthly800, report.Line{Value: dp("700")}, "时点指标，截至6月为700本，未达到目标值800本：黄灯"},
		{"reverse met", "2024-06", cost5, report.Line{Value: dp("4.5")}, "反向指标，截至6月为4.5万元，不高于目标值5万元：绿灯"},
		{"reverse not met", "2024", cost5, report.Line{Value: dp("6")}, "反向指标，全年为6万元，高于目标值5万元：黄灯"},
		{"equal zero", "2024-06", equalZero, report.Line{Value: dp("1")}, "目标值为0，截至6月为1起：黄灯"},
		{"no value yet", "2024-06", count150, report.Line{}, "未填写1–6月执行情况：未亮灯"},
		{"no final value yet", "2024", count150, report.Line{}, "未填写全年实际完成值：未亮灯"},
		{"qualitative achieved", "2024-06", quality, report.Line{Band: report.BandAchieved}, "选择“达成年度指标”档：绿灯"},
		{"qualitative partly", "2024-06", quality, report.Line{Band: report.BandPartly}, "选择“部分达成并具有一定效果”档：黄灯"},
		{"qualitative none", "2024-06", quality, report.Line{}, "未选择达成档次：未亮灯"},
		{"deadline done", "2024-06", due2024, report.Line{CompletedOn: "2024-05-30"}, "于 2024-05-30 完成，未超过完成时限 2024-12-31：绿灯"},
		{"deadline certain", "2024-06", due2024, report.Line{Likelihood: report.LikelihoodCertain},
			"尚未完成（完成时限 2024-12-31），完成目标可能性为“确定能”：绿灯"},
		{"deadline possible", "2024-06", due2024, report.Line{Likelihood: report.LikelihoodPossible},
			"尚未完成（完成时限 2024-12-31），完成目标可能性为“有可能”：黄灯"},
		{"deadline not said", "2024-06", due2024, report.Line{}, "尚未完成（完成时限 2024-12-31），未选择完成目标可能性：未亮灯"},
		{"deadline annual not done", "2024", due2024, report.Line{Band: report.BandNotAchieved},
			"未在完成时限 2024-12-31 前完成，选择“未达成且效果较差”档：红灯"},
		{"not applicable", "2024-06", count150, report.Line{NotApplicable: true, Value: dp("1")}, "标记为不适用，不亮灯"},
		{"likelihood possible lowers green", "2024-06", count150, report.Line{Value: dp("75"), Likelihood: report.LikelihoodPossible},
			"截至6月应完成75件（全年150件×6/12），已完成75件，为应完成的100%，达到80%、低于120%：绿灯；完成目标可能性为“有可能”，绿灯调整为黄灯"},
		{"likelihood impossible makes red", "2024-06", rate95, report.Line{Value: dp("96"), Likelihood: report.LikelihoodImpossible},
			"时点指标，截至6月为96%，已达到目标值95%：绿灯；完成目标可能性为“完全不可能”，绿灯调整为红灯"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := rules.National()
			got := monitor.LightBasis(rs, per(tt.period), tt.ind, tt.line)
			if got != tt.want {
				t.Errorf("LightBasis\n got %s\nwant %s", got, tt.want)
			}
			// the sentence ends with the light Light gives
			light := monitor.Light(rs, per(tt.period), tt.ind, tt.line)
			if !tt.line.NotApplicable && !hasSuffix(got, monitor.LightName(light)) {
				t.Errorf("%q does not end with %s", got, monitor.LightName(light))
			}
		})
	}
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

func TestBudgetLightBasisSaysWhyInASentence(t *testing.T) {
	checkpoints := rules.National()
	checkpoints.ExecutionCheckpoints = []rules.Checkpoint{{Month: 6, Min: decimal.RequireFromString("0.4")}}
	checkpoints.Sources = nil // no source to cite
	tests := []struct {
		name               string
		rs                 rules.RuleSet
		period             string
		adjusted, executed *decimal.Decimal
		want               string
	}{
		{"green at the threshold", rules.National(), "2024-06", dp("15.80"), dp("6.32"),
			"执行率40%，序时进度50%（6/12），为序时进度的80%，达到80%：绿灯"},
		{"yellow", rules.National(), "2024-06", dp("100"), dp("35"),
			"执行率35%，序时进度50%（6/12），为序时进度的70%，低于80%：黄灯"},
		{"red", rules.National(), "2024-06", dp("100"), dp("20"),
			"执行率20%，序时进度50%（6/12），为序时进度的40%，低于60%：红灯"},
		{"a shown ratio never crosses its threshold", rules.National(), "2024-07", dp("120"), dp("55.99"),
			"执行率46.65%，序时进度58.33%（7/12），为序时进度的79.98%，低于80%：黄灯"},
		{"annual", rules.National(), "2024", dp("100"), dp("95"),
			"执行率95%，序时进度100%（12/12），为序时进度的95%，达到80%：绿灯"},
		{"nothing executed entered", rules.National(), "2024-06", dp("100"), nil, "未填写1–6月执行数：未亮灯"},
		{"nothing executed entered for the year", rules.National(), "2024", dp("100"), nil, "未填写全年执行数：未亮灯"},
		{"no budget", rules.National(), "2024-06", dp("0"), dp("1"), "调整后预算数为0，无法计算执行率：未亮灯"},
		{"a fixed checkpoint decides", checkpoints, "2024-06", dp("100"), dp("35"),
			"截至6月执行率35%，低于6月末节点40%，按固定执行进度节点规则：黄灯预警"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := monitor.BudgetLightBasis(tt.rs, per(tt.period), tt.adjusted, tt.executed)
			if got != tt.want {
				t.Errorf("BudgetLightBasis\n got %s\nwant %s", got, tt.want)
			}
			light := monitor.BudgetLight(tt.rs, per(tt.period), tt.adjusted, tt.executed)
			if !strings.Contains(got, monitor.LightName(light)) {
				t.Errorf("%q does not name the light %s", got, monitor.LightName(light))
			}
		})
	}
}
