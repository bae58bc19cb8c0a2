package rules

import (
	"fmt"

	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

func invalid(key, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...))
}

// Validate checks every setting and names the first wrong one by its key
// (see With): thresholds positive and ascending, grade bands descending within
// 0–100 and ending at 0, ratios positive, a known reverse method, a cut-off
// month 1–11.
func (r RuleSet) Validate() error {
	if _, err := ParseReverseMethod(string(r.ReverseMethod)); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalid, KeyReverseMethod, err)
	}
	if r.OvershootExplain.LessThan(decimal.NewFromInt(1)) {
		return invalid(KeyOvershootExplain, "%s must be at least 1", r.OvershootExplain)
	}
	if err := r.validateGradeBands(); err != nil {
		return err
	}
	lt := r.LightThresholds
	if err := ascending(KeyLightThresholds, lt.Red, lt.Yellow, lt.Blue); err != nil {
		return err
	}
	bt := r.BudgetLightThresholds
	if err := ascending(KeyBudgetLightThresholds, bt.Red, bt.Yellow); err != nil {
		return err
	}
	if !r.ExecutionReasonBelow.IsPositive() || r.ExecutionReasonBelow.GreaterThan(decimal.NewFromInt(1)) {
		return invalid(KeyExecutionReasonBelow, "%s must be above 0 and at most 1", r.ExecutionReasonBelow)
	}
	qb := r.QualitativeBands
	if err := ascending(KeyQualitativeBands, qb.Partly, qb.Achieved); err != nil {
		return err
	}
	if qb.Achieved.GreaterThan(decimal.NewFromInt(1)) {
		return invalid(KeyQualitativeBands, "achieved bound %s must be at most 1", qb.Achieved)
	}
	if r.DefaultCutoffMonth < 1 || r.DefaultCutoffMonth > 11 {
		return invalid(KeyCutoffMonth, "%d must be 1–11", r.DefaultCutoffMonth)
	}
	return r.validateVariants()
}

// validateVariants checks the provincial variants: caps descending in rate
// and cap, within 0–1 and 0–100; a deduction ratio of at least 1 and points
// of 0–100; checkpoints in months 1–12 ascending with ascending minimums
// within 0–1; a completion gap and unspent share within 0–1.
func (r RuleSet) validateVariants() error {
	one := decimal.NewFromInt(1)
	for i, c := range r.ExecutionCaps {
		if !c.Below.IsPositive() || c.Below.GreaterThan(one) || c.Max.IsNegative() || c.Max.GreaterThan(hundred) {
			return invalid(KeyExecutionCaps, "rate %s must be above 0 and at most 1, cap %s 0–100", c.Below, c.Max)
		}
		if i > 0 && (!c.Below.LessThan(r.ExecutionCaps[i-1].Below) || c.Max.GreaterThan(r.ExecutionCaps[i-1].Max)) {
			return invalid(KeyExecutionCaps, "rates must descend and caps not rise, %s:%s follows %s:%s",
				c.Below, c.Max, r.ExecutionCaps[i-1].Below, r.ExecutionCaps[i-1].Max)
		}
	}
	if d := r.DeviationDeduction; d.Enabled() || !d.Points.IsZero() {
		if d.Ratio.LessThan(one) || !d.Points.IsPositive() || d.Points.GreaterThan(hundred) {
			return invalid(KeyDeviationDeduction, "ratio %s must be at least 1 and points %s above 0 and at most 100", d.Ratio, d.Points)
		}
	}
	for i, c := range r.ExecutionCheckpoints {
		if c.Month < 1 || c.Month > 12 || !c.Min.IsPositive() || c.Min.GreaterThan(one) {
			return invalid(KeyExecutionCheckpoints, "month %d must be 1–12 and rate %s above 0 and at most 1", c.Month, c.Min)
		}
		if i > 0 && (c.Month <= r.ExecutionCheckpoints[i-1].Month || c.Min.LessThan(r.ExecutionCheckpoints[i-1].Min)) {
			return invalid(KeyExecutionCheckpoints, "months and rates must ascend, %d:%s follows %d:%s",
				c.Month, c.Min, r.ExecutionCheckpoints[i-1].Month, r.ExecutionCheckpoints[i-1].Min)
		}
	}
	if r.CompletionGap.IsNegative() || r.CompletionGap.GreaterThan(one) {
		return invalid(KeyCompletionGap, "%s must be 0–1", r.CompletionGap)
	}
	w := r.SelfEvaluationWarning
	if w.Outrun.IsNegative() || w.Outrun.GreaterThan(one) || w.Unspent.IsNegative() || w.Unspent.GreaterThan(one) {
		return invalid(KeySelfEvaluationWarning, "%s and %s must be 0–1", w.Outrun, w.Unspent)
	}
	return nil
}

func (r RuleSet) validateGradeBands() error {
	if len(r.GradeBands) == 0 {
		return invalid(KeyGradeBands, "no bands")
	}
	seen := map[Grade]bool{}
	for i, b := range r.GradeBands {
		if b.Grade == "" || seen[b.Grade] {
			return invalid(KeyGradeBands, "band %d has an empty or repeated grade %q", i, b.Grade)
		}
		seen[b.Grade] = true
		if b.Min.IsNegative() || b.Min.GreaterThan(hundred) {
			return invalid(KeyGradeBands, "minimum %s is outside 0–100", b.Min)
		}
		if i > 0 && !b.Min.LessThan(r.GradeBands[i-1].Min) {
			return invalid(KeyGradeBands, "minimums must descend, %s follows %s", b.Min, r.GradeBands[i-1].Min)
		}
	}
	if last := r.GradeBands[len(r.GradeBands)-1]; !last.Min.IsZero() {
		return invalid(KeyGradeBands, "the lowest band must start at 0, not %s", last.Min)
	}
	return nil
}

func ascending(key string, ds ...decimal.Decimal) error {
	for i, d := range ds {
		if !d.IsPositive() {
			return invalid(key, "%s must be positive", d)
		}
		if i > 0 && !d.GreaterThan(ds[i-1]) {
			return invalid(key, "thresholds must ascend, %s follows %s", d, ds[i-1])
		}
	}
	return nil
}
