package scoring

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// The rules of the provincial variants (rule profiles).
const (
	// RuleExecutionCap: the self-evaluation total is capped by the budget
	// execution rate.
	RuleExecutionCap Rule = "variant.execution_cap"
	// RuleDeviation: a value at or above ratio × target (指标偏离) loses points.
	RuleDeviation Rule = "variant.deviation"
)

// Effect is what a provincial variant did to a total: the rule, the total
// before and after, and the sentence that says why.
type Effect struct {
	Rule          Rule
	Before, After decimal.Decimal
	Basis         string
}

// Percent writes an exact rate executed ÷ budget as a percentage with at
// most 2 places and no trailing zeros ("65%", "87.5%").
func Percent(executed, budget decimal.Decimal) string {
	if !budget.IsPositive() {
		return ""
	}
	return report.FormatNumber(executed.Shift(2).DivRound(budget, 2)) + "%"
}

// CapSentence explains an execution cap: "执行率65%，按执行率封顶规则总分不超过79分（来源：…）".
func CapSentence(rs rules.RuleSet, ratePercent string, c rules.ExecutionCap) string {
	return "执行率" + ratePercent + "，低于" + report.FormatNumber(c.Below.Shift(2)) + "%，按执行率封顶规则总分不超过" +
		report.FormatNumber(c.Max) + "分" + rs.Cite(rules.KeyExecutionCaps)
}

// DeviationSentence explains the deduction for 指标偏离 on a line whose value
// (noun: 实际值 or 全年预计值) reached the ratio of its target.
func DeviationSentence(rs rules.RuleSet, noun string) string {
	d := rs.DeviationDeduction
	return noun + "达到目标值的" + report.FormatNumber(d.Ratio.Shift(2)) + "%及以上，属指标偏离，扣" +
		report.FormatNumber(d.Points) + "分" + rs.Cite(rules.KeyDeviationDeduction)
}

// executionCap returns the cap that applies to a total at executed ÷
// adjusted, compared exactly: the lowest cap whose rate the execution does
// not reach. False without caps, amounts, or a positive budget.
func executionCap(rs rules.RuleSet, adjusted, executed *decimal.Decimal) (rules.ExecutionCap, bool) {
	if len(rs.ExecutionCaps) == 0 || adjusted == nil || executed == nil || !adjusted.IsPositive() {
		return rules.ExecutionCap{}, false
	}
	var best rules.ExecutionCap
	found := false
	for _, c := range rs.ExecutionCaps {
		if executed.LessThan(c.Below.Mul(*adjusted)) && (!found || c.Max.LessThan(best.Max)) {
			best, found = c, true
		}
	}
	return best, found
}

// applyCap caps the totals of a self-evaluation by its execution rate and
// records the effect; a total already within the cap is left alone.
func applyCap(rs rules.RuleSet, res *Result, adjusted, executed *decimal.Decimal) {
	c, ok := executionCap(rs, adjusted, executed)
	if !ok || !res.Total.GreaterThan(c.Max) && !res.ComputedTotal.GreaterThan(c.Max) {
		return
	}
	sentence := CapSentence(rs, Percent(*executed, *adjusted), c)
	before := res.Total
	res.Total = decimal.Min(res.Total, c.Max)
	res.ComputedTotal = decimal.Min(res.ComputedTotal, c.Max)
	res.Grade = rs.Grade(res.Total)
	res.Effects = append(res.Effects, Effect{Rule: RuleExecutionCap, Before: before, After: res.Total, Basis: sentence})
	res.Basis += "；" + sentence + "，总分计 " + report.FormatFixed(res.Total, 2)
}

// deduct applies the deviation deduction to a scored numeric line.
func deduct(rs rules.RuleSet, noun string, ls *LineScore) {
	d := rs.DeviationDeduction
	ls.Deduction = decimal.Min(d.Points, ls.Computed)
	ls.Computed = ls.Computed.Sub(ls.Deduction)
	ls.Basis += "；" + DeviationSentence(rs, noun) + "，得分 " + report.FormatFixed(ls.Computed, 2)
}
