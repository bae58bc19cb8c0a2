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
