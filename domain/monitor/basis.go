package monitor

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// lightNames are the lights as the forms write them.
var lightNames = map[report.Light]string{
	report.LightRed: "红灯", report.LightYellow: "黄灯", report.LightGreen: "绿灯",
	report.LightBlue: "蓝灯", report.LightGrey: "未亮灯",
}

// LightName is the light in words: 红灯, 黄灯, 绿灯, 蓝灯, or 未亮灯 (grey).
func LightName(l report.Light) string {
	if n, ok := lightNames[l]; ok {
		return n
	}
	return lightNames[report.LightGrey]
}

// LightBasis says in a sentence why a line has the light Light gives it
// (预警依据), as the line's score has its basis: what was expected by the
// cut-off, what was done, the ratio and the threshold it fell under, e.g.
// "截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯";
// and, in a monitoring period, how the likelihood changed it.
func LightBasis(rs rules.RuleSet, per period.Period, ind project.Indicator, l report.Line) string {
	if l.NotApplicable {
		return "标记为不适用，不亮灯"
	}
	light := Light(rs, per, ind, l)
	base := baseLight(rs, per, ind, l)
	why := baseBasis(rs, per, ind, l, base)
	if per.Kind == period.KindFinal || light == base {
		return why
	}
	return why + "；完成目标可能性为“" + l.Likelihood.Label() + "”，" + LightName(base) + "调整为" + LightName(light)
}

// baseBasis explains baseLight.
func baseBasis(rs rules.RuleSet, per period.Period, ind project.Indicator, l report.Line, light report.Light) string {
	end := "：" + LightName(light)
	switch kind := ind.Kind(); kind {
	case project.KindQualitative:
		if l.Band == report.BandNone {
			return "未选择达成档次" + end
		}
		return "选择“" + l.Band.Label() + "”档" + end
	case project.KindDeadline:
		return deadlineBasis(per, ind, l) + end
	default:
		t, ok := ind.TargetNumber()
		if !ok {
			return "指标值不是数字，无法判断" + end
		}
		if l.Value == nil {
			if per.Kind == period.KindFinal {
				return "未填写全年实际完成值" + end
			}
			return fmt.Sprintf("未填写1–%d月执行情况", per.CutoffMonth) + end
		}
		a, u := *l.Value, ind.Unit
		asOf := "全年为"
		if per.Kind != period.KindFinal {
			asOf = fmt.Sprintf("截至%d月为", per.CutoffMonth)
		}
		switch {
		case kind == project.KindLower && light == report.LightGreen:
			return "反向指标，" + asOf + num(a, u) + "，不高于目标值" + num(t, u) + end
		case kind == project.KindLower:
			return "反向指标，" + asOf + num(a, u) + "，高于目标值" + num(t, u) + end
		case kind == project.KindEqual && t.IsZero():
			return "目标值为0，" + asOf + num(a, u) + end
		case t.IsZero():
			return "目标值为0，" + asOf + num(a, u) + "，已达到" + end
		case ind.EffectiveAccrual() == project.AccrualLevel && light == report.LightGreen:
			return "时点指标，" + asOf + num(a, u) + "，已达到目标值" + num(t, u) + end
		case ind.EffectiveAccrual() == project.AccrualLevel:
			return "时点指标，" + asOf + num(a, u) + "，未达到目标值" + num(t, u) + end
		}
		return cumulativeBasis(rs.LightThresholds, per, a, t, u) + end
	}
}

// cumulativeBasis explains cumulativeLight: expected = t × m/12 and r =
// a ÷ expected, shown rounded down to 2 places (so that a shown ratio never
// crosses the threshold it is compared with).
func cumulativeBasis(th rules.LightThresholds, per period.Period, a, t decimal.Decimal, u string) string {
	m := Cutoff(per)
	expected := t.Mul(decimal.NewFromInt(int64(m))).Div(twelve)
	var s string
	if per.Kind == period.KindFinal {
		s = "全年应完成" + num(t, u)
	} else {
		s = fmt.Sprintf("截至%d月应完成%s（全年%s×%d/12）", m, num(expected.Round(2), u), num(t, u), m)
	}
	r := a.Mul(twelve).Mul(decimal.NewFromInt(100)).DivRound(t.Mul(decimal.NewFromInt(int64(m))), 8).RoundFloor(2)
	s += "，已完成" + num(a, u) + "，为应完成的" + report.FormatNumber(r) + "%，"
	lhs, exp := a.Mul(twelve), t.Mul(decimal.NewFromInt(int64(m)))
	switch {
	case lhs.LessThan(th.Red.Mul(exp)):
		return s + "低于" + pct(th.Red)
	case lhs.LessThan(th.Yellow.Mul(exp)):
		return s + "低于" + pct(th.Yellow)
	case lhs.LessThan(th.Blue.Mul(exp)):
		return s + "达到" + pct(th.Yellow) + "、低于" + pct(th.Blue)
	}
	return s + "达到" + pct(th.Blue) + "，超前完成"
}

func deadlineBasis(per period.Period, ind project.Indicator, l report.Line) string {
	due, ok := deadline(ind)
	if !ok {
		return "完成时限不是日期，无法判断"
	}
	limit := due.Format(time.DateOnly)
	if l.CompletedOn != "" {
		done, err := time.Parse(time.DateOnly, l.CompletedOn)
		switch {
		case err != nil:
			return "完成日期无法识别"
		case !done.After(due):
			return "于 " + l.CompletedOn + " 完成，未超过完成时限 " + limit
		case l.Band == report.BandNone:
			return "于 " + l.CompletedOn + " 完成，超过完成时限 " + limit + "，未选择达成档次"
		}
		return "于 " + l.CompletedOn + " 完成，超过完成时限 " + limit + "，选择“" + l.Band.Label() + "”档"
	}
	if per.Kind == period.KindFinal {
		if l.Band == report.BandNone {
			return "未在完成时限 " + limit + " 前完成，未选择达成档次"
		}
		return "未在完成时限 " + limit + " 前完成，选择“" + l.Band.Label() + "”档"
	}
	if l.Likelihood == report.LikelihoodNone {
		return "尚未完成（完成时限 " + limit + "），未选择完成目标可能性"
	}
	return "尚未完成（完成时限 " + limit + "），完成目标可能性为“" + l.Likelihood.Label() + "”"
}

// num writes a number with its unit: "5次", "95%".
func num(d decimal.Decimal, unit string) string { return report.FormatNumber(d) + unit }

// BudgetLightBasis says in a sentence why the budget has the light
// BudgetLight gives it: the execution rate against the time progress
// (序时进度), e.g. "执行率40%，序时进度50%（6/12），为序时进度的80%，达到80%：绿灯",
// or, under a rule profile's fixed checkpoints, the checkpoint's sentence.
// Rates are shown rounded down to 2 places, so that a shown ratio never
// crosses the threshold it is compared with.
func BudgetLightBasis(rs rules.RuleSet, per period.Period, adjusted, executed *decimal.Decimal) string {
	end := "：" + LightName(BudgetLight(rs, per, adjusted, executed))
	switch {
	case adjusted == nil || !adjusted.IsPositive():
		return "调整后预算数为0，无法计算执行率" + end
	case executed == nil && per.Kind == period.KindFinal:
		return "未填写全年执行数" + end
	case executed == nil:
		return fmt.Sprintf("未填写1–%d月执行数", per.CutoffMonth) + end
	}
	if _, basis, ok := CheckpointLight(rs, per, adjusted, executed); ok {
		return basis
	}
	m := decimal.NewFromInt(int64(Cutoff(per)))
	hundred := decimal.NewFromInt(100)
	rate := executed.Mul(hundred).DivRound(*adjusted, 8).RoundFloor(2)
	progress := m.Mul(hundred).DivRound(twelve, 8).RoundFloor(2)
	lhs, expected := executed.Mul(twelve), adjusted.Mul(m)
	ratio := lhs.Mul(hundred).DivRound(expected, 8).RoundFloor(2)
	s := fmt.Sprintf("执行率%s%%，序时进度%s%%（%s/12），为序时进度的%s%%，",
		report.FormatNumber(rate), report.FormatNumber(progress), m, report.FormatNumber(ratio))
	th := rs.BudgetLightThresholds
	switch {
	case lhs.LessThan(th.Red.Mul(expected)):
		s += "低于" + pct(th.Red)
	case lhs.LessThan(th.Yellow.Mul(expected)):
		s += "低于" + pct(th.Yellow)
	default:
		s += "达到" + pct(th.Yellow)
	}
	return s + end
}
