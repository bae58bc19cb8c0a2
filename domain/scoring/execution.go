package scoring

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// The rules of the execution score.
const (
	RuleExecutionFull     Rule = "execution.full"      // rate ≥ 1: the whole execution weight
	RuleExecutionRatio    Rule = "execution.ratio"     // weight × executed ÷ adjusted
	RuleExecutionNoBudget Rule = "execution.no_budget" // adjusted budget 0: no rate, 0
)

// RatePlaces is the precision of a displayed rate (0.8750 = 87.50 %).
const RatePlaces = 4

// ExecutionScore is the scored, explained budget execution (预算执行率).
type ExecutionScore struct {
	Rule     Rule
	Adjusted string // inputs; "" when none
	Executed string
	Weight   string
	// Rate is executed ÷ adjusted rounded half-up to RatePlaces, for display;
	// nil when it cannot be told. Comparisons use the exact quotient.
	Rate        *decimal.Decimal
	Score       decimal.Decimal // 2 places
	NeedsReason bool            // the exact rate is below the rule set's execution_reason_below
	Basis       string
}

// Execution scores budget execution: rate = executed ÷ adjusted, score =
// weight × min(rate, 1), rounded half-up to 2 places. Adjusted is the
// adjusted budget (the caller passes the annual budget when it was not
// adjusted). With nothing executed entered the rule is missing; with an
// adjusted budget of 0 there is no rate and the score is 0.
func Execution(rs rules.RuleSet, weight decimal.Decimal, adjusted, executed *decimal.Decimal) ExecutionScore {
	es := ExecutionScore{Weight: report.FormatNumber(weight), Score: decimal.Zero}
	if adjusted != nil {
		es.Adjusted = report.FormatNumber(*adjusted)
	}
	if executed == nil || adjusted == nil {
		es.Rule, es.Basis = RuleMissing, "未填写预算数或执行数，得 0 分"
		return es
	}
	es.Executed = report.FormatNumber(*executed)
	b, x := *adjusted, *executed
	if !b.IsPositive() {
		es.Rule, es.Basis = RuleExecutionNoBudget, "调整后预算数为 0，无法计算执行率，得 0 分"
		return es
	}
	rate := x.DivRound(b, RatePlaces)
	es.Rate = &rate
	es.NeedsReason = x.LessThan(rs.ExecutionReasonBelow.Mul(b))
	pct := report.FormatFixed(x.Shift(2).DivRound(b, 2), 2) + "%"
	if x.GreaterThanOrEqual(b) {
		es.Rule, es.Score = RuleExecutionFull, weight
		es.Basis = "执行率 = " + es.Executed + " ÷ " + es.Adjusted + " = " + pct + "，达到 100%，得满分 " + es.Weight
		return es
	}
	es.Rule, es.Score = RuleExecutionRatio, weight.Mul(x).DivRound(b, 2)
	es.Basis = "执行率 = " + es.Executed + " ÷ " + es.Adjusted + " = " + pct + "，得分 = " + es.Weight + " × " + es.Executed + " ÷ " +
		es.Adjusted + " = " + report.FormatFixed(es.Score, 2)
	if es.NeedsReason {
		es.Basis += "；执行率低于 " + report.FormatNumber(rs.ExecutionReasonBelow.Shift(2)) + "%，须说明原因"
	}
	return es
}
