package monitor

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// The warnings of the provincial variants (rule profiles), beside the lights.
const (
	// WarningCompletionGap: target completion and budget execution differ by
	// more than the completion_gap setting.
	WarningCompletionGap = "variant.completion_gap"
	// WarningSelfEvalOutrun: the indicators' score rate outruns the
	// execution score rate (self-evaluation).
	WarningSelfEvalOutrun = "variant.self_evaluation_outrun"
	// WarningSelfEvalUnspent: too much of the budget is left unspent
	// (self-evaluation).
	WarningSelfEvalUnspent = "variant.self_evaluation_unspent"
)

// Warning is a project-level warning of a rule profile's variant: its rule,
// its light (which counts towards the project's) and why, in Chinese.
type Warning struct {
	Rule  string
	Light report.Light
	Basis string
}

var one = decimal.NewFromInt(1)

func pct(d decimal.Decimal) string { return report.FormatNumber(d.Shift(2).Round(2)) + "%" }

// CheckpointLight is the budget light under fixed execution checkpoints (in
// a monitoring period): yellow when the execution rate to date is below the
// latest checkpoint at or before the cut-off month, else green; with no
// checkpoint reached yet, green. The sentence says why. ok is false when the
// rule set has no checkpoints, the period is the annual one, or an amount
// is missing: the national ratio applies.
func CheckpointLight(rs rules.RuleSet, per period.Period, adjusted, executed *decimal.Decimal) (light report.Light, basis string, ok bool) {
	if len(rs.ExecutionCheckpoints) == 0 || per.Kind == period.KindFinal || adjusted == nil || executed == nil || !adjusted.IsPositive() {
		return "", "", false
	}
	return checkpointLight(rs, per.CutoffMonth, *adjusted, *executed)
}

func checkpointLight(rs rules.RuleSet, m int, adjusted, executed decimal.Decimal) (report.Light, string, bool) {
	rate := scoring.Percent(executed, adjusted)
	cp, found := rs.CheckpointFor(m)
	if !found {
		return report.LightGreen, CheckpointSentence(rs, m, rate, nil, false), true
	}
	below := executed.LessThan(cp.Min.Mul(adjusted))
	light := report.LightGreen
	if below {
		light = report.LightYellow
	}
	return light, CheckpointSentence(rs, m, rate, &cp, below), true
}

// CheckpointSentence explains the budget light under fixed checkpoints:
// "截至6月执行率35%，低于6月末节点40%：黄灯预警（来源：…）".
func CheckpointSentence(rs rules.RuleSet, m int, ratePercent string, cp *rules.Checkpoint, below bool) string {
	head := "截至" + itoa(m) + "月执行率" + ratePercent
	cite := rs.Cite(rules.KeyExecutionCheckpoints)
	switch {
	case cp == nil:
		return head + "，尚未到第一个执行进度节点，按固定节点规则不预警" + cite
	case below:
		return head + "，低于" + itoa(cp.Month) + "月末节点" + pct(cp.Min) + "，按固定执行进度节点规则：黄灯预警" + cite
	}
	return head + "，达到" + itoa(cp.Month) + "月末节点" + pct(cp.Min) + "，按固定执行进度节点规则：绿灯" + cite
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

// rates are the score rates and the execution rate a variant compares.
type rates struct {
	completion decimal.Decimal // indicator sum ÷ indicator weight
	execution  decimal.Decimal // executed ÷ adjusted, at most 1
	execScore  decimal.Decimal // execution score ÷ execution weight
	unspent    decimal.Decimal // (adjusted − executed) ÷ adjusted, at least 0
}

func rateOf(p project.Project, score scoring.Result, adjusted, executed *decimal.Decimal) (rates, bool) {
	iw := score.IndicatorWeight
	if !iw.IsPositive() || adjusted == nil || executed == nil || !adjusted.IsPositive() {
		return rates{}, false
	}
	r := rates{completion: score.IndicatorSum.Div(iw)}
	r.execution = decimal.Min(executed.Div(*adjusted), one)
	r.unspent = decimal.Max(adjusted.Sub(*executed).Div(*adjusted), decimal.Zero)
	r.execScore = r.execution
	if p.ExecutionWeight.IsPositive() {
		r.execScore = score.Execution.Score.Div(p.ExecutionWeight)
	}
	return r, true
}

// Warnings returns the project-level warnings of the rule set's variants
// for a scored report: the completion–execution gap (any period), and the
// self-evaluation warnings (the annual period). Executed is the amount
// scored (projected at mid-year).
func Warnings(rs rules.RuleSet, per period.Period, p project.Project, score scoring.Result, adjusted, executed *decimal.Decimal) []Warning {
	r, ok := rateOf(p, score, adjusted, executed)
	if !ok {
		return nil
	}
	var out []Warning
	if g := rs.CompletionGap; g.IsPositive() && r.completion.Sub(r.execution).Abs().GreaterThan(g) {
		out = append(out, Warning{WarningCompletionGap, report.LightYellow, GapSentence(rs, r.completion, r.execution)})
	}
	w := rs.SelfEvaluationWarning
	if per.Kind != period.KindFinal || !w.Enabled() {
		return out
	}
	if w.Outrun.IsPositive() && r.completion.GreaterThan(r.execScore.Mul(one.Add(w.Outrun))) {
		out = append(out, Warning{WarningSelfEvalOutrun, report.LightRed, OutrunSentence(rs, r.completion, r.execScore)})
	}
	if w.Unspent.IsPositive() && r.unspent.GreaterThan(w.Unspent) {
		out = append(out, Warning{WarningSelfEvalUnspent, report.LightYellow, UnspentSentence(rs, r.unspent)})
	}
	return out
}

// GapSentence explains the completion–execution gap warning.
func GapSentence(rs rules.RuleSet, completion, execution decimal.Decimal) string {
	gap := completion.Sub(execution).Abs().Shift(2).Round(2)
	return "指标完成率（指标得分÷指标权重）" + pct(completion) + "，预算执行率" + pct(execution) + "，相差" + report.FormatNumber(gap) +
		"个百分点，超过" + report.FormatNumber(rs.CompletionGap.Shift(2)) + "个百分点：黄灯预警" + rs.Cite(rules.KeyCompletionGap)
}

// OutrunSentence explains the self-evaluation red warning.
func OutrunSentence(rs rules.RuleSet, completion, execScore decimal.Decimal) string {
	return "指标得分率" + pct(completion) + "高于预算执行得分率" + pct(execScore) + "的" +
		report.FormatNumber(one.Add(rs.SelfEvaluationWarning.Outrun).Shift(2)) + "%：自评红灯预警" + rs.Cite(rules.KeySelfEvaluationWarning)
}

// UnspentSentence explains the self-evaluation yellow warning.
func UnspentSentence(rs rules.RuleSet, unspent decimal.Decimal) string {
	return "预算结余" + pct(unspent) + "，超过" + report.FormatNumber(rs.SelfEvaluationWarning.Unspent.Shift(2)) + "%：自评黄灯预警" +
		rs.Cite(rules.KeySelfEvaluationWarning)
}
