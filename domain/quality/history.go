package quality

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// LastYear is what an indicator had last year: its target and unit, and
// its actual from that year's annual self-evaluation (nil when not filled).
type LastYear struct {
	Target string
	Unit   string
	Actual *decimal.Decimal
	Year   int
}

// History is what the review knows of a project's last year: per indicator
// (by position in the project's list; nil when none) and last year's budget
// (nil when the project was not copied from one).
type History struct {
	Lines  []*LastYear
	Budget *decimal.Decimal
}

func (c context) lastYear(i int) *LastYear {
	if i < len(c.h.Lines) {
		return c.h.Lines[i]
	}
	return nil
}

func sameUnit(a, b string) bool { return strings.TrimSpace(a) == strings.TrimSpace(b) }

// belowLastActual: a higher-is-better or equal target set below what was
// actually achieved last year.
func belowLastActual(c context) []Finding {
	var out []Finding
	for i, in := range c.p.Indicators {
		ly := c.lastYear(i)
		if ly == nil || ly.Actual == nil || !sameUnit(ly.Unit, in.Unit) {
			continue
		}
		if in.Kind() != project.KindHigher && in.Kind() != project.KindEqual {
			continue
		}
		t, ok := in.TargetNumber()
		if !ok || !t.LessThan(*ly.Actual) {
			continue
		}
		out = append(out, indicatorFinding(in, fmt.Sprintf("「%s」的目标为%s%s%s，低于%d年实际完成的%s%s：按往年实际（历史标准）设定的目标不应低于已经达到的水平。"+
			"请提高目标值，或说明今年条件变化的原因。", in.Name, natureWord(in.Nature), t.String(), in.Unit, ly.Year, ly.Actual.String(), in.Unit)))
	}
	return out
}

// unchangedWhileBudgetGrew: a numeric target copied unchanged while the
// budget grew by more than the setting.
func unchangedWhileBudgetGrew(c context) []Finding {
	if c.h.Budget == nil || !c.h.Budget.IsPositive() {
		return nil
	}
	growth := c.p.Budget.Sub(*c.h.Budget).Div(*c.h.Budget)
	if !growth.GreaterThan(c.s.BudgetGrowth) {
		return nil
	}
	pct := growth.Mul(decimal.NewFromInt(100)).Round(1).String()
	var out []Finding
	for i, in := range c.p.Indicators {
		ly := c.lastYear(i)
		if ly == nil || !in.Nature.Numeric() || in.Kind() == project.KindDeadline || !sameUnit(ly.Unit, in.Unit) {
			continue
		}
		t, ok := in.TargetNumber()
		last, err := decimal.NewFromString(strings.TrimSpace(ly.Target))
		if !ok || err != nil || !t.Equal(last) {
			continue
		}
		out = append(out, indicatorFinding(in, fmt.Sprintf("预算比上年增加%s%%（%s→%s万元），「%s」的目标却仍为%s%s%s：绩效目标应与预算资金量相匹配，"+
			"资金增加而产出不变，说明目标偏低或预算偏高。请按增加的资金调整目标，或说明增加的资金用于什么。", pct, c.h.Budget.String(),
			c.p.Budget.String(), in.Name, natureWord(in.Nature), t.String(), in.Unit)))
	}
	return out
}

// valueBasisMissing: targets that do not say what their value rests on;
// one finding for the project, naming how many. Only targets written in the
// product (a draft, returned or submitted): a published table loaded as
// approved has no column for the basis.
func valueBasisMissing(c context) []Finding {
	if c.p.Status == "" || c.p.Status == project.StatusApproved {
		return nil
	}
	var names []string
	for _, in := range c.p.Indicators {
		if strings.TrimSpace(in.ValueBasis) == "" {
			names = append(names, "「"+in.Name+"」")
		}
	}
	if len(names) == 0 {
		return nil
	}
	list := strings.Join(names, "、")
	if len(names) > 3 {
		list = strings.Join(names[:3], "、") + fmt.Sprintf("等%d个指标", len(names))
	}
	return []Finding{projectFinding(fmt.Sprintf("%s未说明指标值依据：财预〔2021〕101号要求指标值说明取值依据（计划标准、行业标准、历史标准或其他标准），"+
		"以便审核判断目标是否合理。请为每个指标选择依据。", list))}
}

// economicCostMissing: the project sets 成本指标 but none of the economic
// kind, which every project spending money has (its direct cost). A project
// with no 成本指标 at all is cost_missing's finding.
func economicCostMissing(c context) []Finding {
	if !c.p.Budget.IsPositive() {
		return nil
	}
	anyCost := false
	for _, in := range c.p.Indicators {
		if strings.Contains(in.Level1, "成本") || strings.Contains(in.Level2, "成本") {
			anyCost = true
			if strings.Contains(in.Level2, "经济成本") || (strings.Contains(in.Level2, "成本") && !strings.Contains(in.Level2, "社会") &&
				!strings.Contains(in.Level2, "生态")) {
				return nil
			}
		}
	}
	if !anyCost {
		return nil
	}
	return []Finding{projectFinding(fmt.Sprintf("成本指标中没有经济成本指标：财预〔2021〕101号的成本指标包括经济成本、社会成本和生态环境成本，"+
		"经济成本指标反映项目的直接经济成本；本项目预算%s万元，应设定总成本或单位成本的控制数（如「项目总成本控制数 ≤ %s 万元」）。",
		c.p.Budget.String(), c.p.Budget.String()))}
}
