package rules

import (
	"github.com/shopspring/decimal"
)

// ExecutionCap caps a self-evaluation total at Max while the budget
// execution rate is below Below (a fraction: 0.8 is 80 %).
type ExecutionCap struct {
	Below, Max decimal.Decimal
}

// DeviationDeduction takes Points off a line whose value reaches Ratio × its
// target (指标偏离: the target was set far too low). Disabled when Ratio is 0.
type DeviationDeduction struct {
	Ratio, Points decimal.Decimal
}

// Enabled reports whether the deduction applies at all.
func (d DeviationDeduction) Enabled() bool { return d.Ratio.IsPositive() }

// Checkpoint is a fixed execution checkpoint: by the end of Month the
// cumulative execution rate should be at least Min.
type Checkpoint struct {
	Month int
	Min   decimal.Decimal
}

// SelfEvaluationWarning lights a self-evaluation red when the indicators'
// score rate exceeds the execution score rate by more than Outrun (relative:
// 0.05 is 5 %), and yellow when more than Unspent of the budget is left
// unspent. Disabled when both are 0.
type SelfEvaluationWarning struct {
	Outrun, Unspent decimal.Decimal
}

// Enabled reports whether the warning applies at all.
func (w SelfEvaluationWarning) Enabled() bool { return w.Outrun.IsPositive() || w.Unspent.IsPositive() }

// CapFor returns the cap of a total at an execution rate: the lowest Max of
// the caps whose Below the rate does not reach; false when none applies.
func (r RuleSet) CapFor(rate decimal.Decimal) (ExecutionCap, bool) {
	var best ExecutionCap
	found := false
	for _, c := range r.ExecutionCaps {
		if rate.LessThan(c.Below) && (!found || c.Max.LessThan(best.Max)) {
			best, found = c, true
		}
	}
	return best, found
}

// CheckpointFor returns the latest checkpoint whose month is at or before
// month m; false when none is (or none is set).
func (r RuleSet) CheckpointFor(m int) (Checkpoint, bool) {
	var best Checkpoint
	found := false
	for _, c := range r.ExecutionCheckpoints {
		if c.Month <= m && (!found || c.Month > best.Month) {
			best, found = c, true
		}
	}
	return best, found
}

// Source returns where a setting comes from, by key: the setting's own
// source, else the rule set's, else "".
func (r RuleSet) Source(key string) string {
	if s := r.Sources[key]; s != "" {
		return s
	}
	return r.Sources[""]
}

// Cite is Source as a parenthesis to put after a sentence, "（来源：…）", or
// "" when the source is not known.
func (r RuleSet) Cite(key string) string {
	if s := r.Source(key); s != "" {
		return "（来源：" + s + "）"
	}
	return ""
}
