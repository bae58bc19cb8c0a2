package monitor

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// need is one thing a line lacks before submission: the API field that holds
// it, its name, and the message that asks for it.
type need struct {
	field, label, message string
}

func ask(field, label, verb, why string) need {
	return need{field: field, label: label, message: why + verb + label}
}

// lineNeeds lists what a line lacks before the report can be submitted:
//   - a numeric line: its value (to date and projected at mid-year, the final
//     actual for the annual period);
//   - a qualitative line: a band;
//   - a deadline line: at mid-year, when not done, a likelihood, and a band
//     when the likelihood is not certain; for the annual period, when not
//     done on time, a band (or a completion date);
//   - a red or yellow light: deviation causes, an explanation and measures,
//     and at mid-year a likelihood;
//   - an overshoot: an explanation.
//
// A not-applicable line needs nothing more (its reason is checked by
// report.Validate).
func lineNeeds(rs rules.RuleSet, per period.Period, ind project.Indicator, l report.Line, light report.Light, ls scoring.LineScore) []need {
	if l.NotApplicable {
		return nil
	}
	final := per.Kind == period.KindFinal
	var out []need
	switch kind := ind.Kind(); {
	case kind.Numeric() && final:
		if l.Value == nil {
			out = append(out, ask("value", "全年实际完成值", "须填写", ""))
		}
	case kind.Numeric():
		if l.Value == nil {
			out = append(out, ask("value", fmt.Sprintf("1–%d月执行情况", per.CutoffMonth), "须填写", ""))
		}
		if l.Projected == nil {
			out = append(out, ask("projected", "全年预计完成情况", "须填写", ""))
		}
	case kind == project.KindQualitative:
		if l.Band == report.BandNone {
			out = append(out, ask("band", "达成档次", "须选择", ""))
		}
	case ls.Rule == scoring.RuleMissing: // a deadline neither on time nor banded
		switch {
		case final && l.CompletedOn == "":
			out = append(out, ask("completed_on", "完成日期或达成档次", "须填写", "未按时完成的时效指标"))
		case !final && l.CompletedOn == "" && l.Likelihood == report.LikelihoodNone:
			out = append(out, ask("likelihood", "完成目标可能性", "须选择", "尚未完成的时效指标"))
		default:
			out = append(out, ask("band", "达成档次", "须选择", "未按时完成的时效指标"))
		}
	}
	if light.Warning() {
		why := map[report.Light]string{report.LightRed: "红灯预警", report.LightYellow: "黄灯预警"}[light] + "："
		if len(l.DeviationCauses) == 0 {
			out = append(out, ask("deviation_causes", "偏差原因", "须选择", why))
		}
		if blank(l.Explanation) {
			out = append(out, ask("explanation", "原因说明", "须填写", why))
		}
		if blank(l.Measures) {
			out = append(out, ask("measures", "纠偏措施", "须填写", why))
		}
		if !final && l.Likelihood == report.LikelihoodNone && !has(out, "likelihood") {
			out = append(out, ask("likelihood", "完成目标可能性", "须选择", why))
		}
	}
	if ls.Overshoot && blank(l.Explanation) && !has(out, "explanation") {
		out = append(out, ask("explanation", "原因说明", "须填写",
			fmt.Sprintf("超额完成（达到目标值的%s%%及以上）：", rs.OvershootExplain.Shift(2))))
	}
	return out
}

// percent writes a rate as a percentage with 2 places ("87.50%").
func percent(rate *decimal.Decimal) string {
	if rate == nil {
		return ""
	}
	return rate.Shift(2).StringFixed(2) + "%"
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func has(ns []need, field string) bool {
	for _, n := range ns {
		if n.field == field {
			return true
		}
	}
	return false
}

// budgetNeeds lists what the budget lacks: the amounts executed (to date and
// projected at mid-year), and a reason when its light is red or yellow or
// the scored execution rate is below the rule set's threshold. The reason
// lives in report.Budget.Reason.
func budgetNeeds(rs rules.RuleSet, per period.Period, b report.Budget, light report.Light, exec scoring.ExecutionScore) []need {
	var out []need
	if per.Kind == period.KindFinal {
		if b.Executed == nil {
			out = append(out, ask("executed", "全年执行数", "须填写", ""))
		}
	} else {
		if b.Executed == nil {
			out = append(out, ask("executed", fmt.Sprintf("1–%d月执行数", per.CutoffMonth), "须填写", ""))
		}
		if b.Projected == nil {
			out = append(out, ask("projected", "全年预计执行数", "须填写", ""))
		}
	}
	if blank(b.Reason) {
		switch {
		case light.Warning():
			out = append(out, ask("reason", "执行偏差原因", "须说明",
				map[report.Light]string{report.LightRed: "预算执行红灯预警：", report.LightYellow: "预算执行黄灯预警："}[light]))
		case exec.NeedsReason:
			out = append(out, ask("reason", "执行偏差原因", "须说明",
				fmt.Sprintf("预算执行率%s低于%s%%：", percent(exec.Rate), rs.ExecutionReasonBelow.Shift(2))))
		}
	}
	return out
}

func labels(ns []need) []string {
	if len(ns) == 0 {
		return nil
	}
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.label
	}
	return out
}
