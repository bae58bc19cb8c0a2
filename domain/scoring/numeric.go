package scoring

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

var two = decimal.NewFromInt(2)

// numeric scores the higher, lower and equal kinds.
func numeric(rs rules.RuleSet, in Input, ls *LineScore) error {
	t, ok := in.Indicator.TargetNumber()
	if !ok || t.IsNegative() {
		return fmt.Errorf("target %q is not a non-negative number", in.Indicator.Target)
	}
	noun := "实际值"
	if in.Projected {
		noun = "全年预计值"
	}
	if in.Value == nil {
		ls.Rule, ls.Computed, ls.Basis = RuleMissing, decimal.Zero, "未填写"+noun+"，得 0 分"
		return nil
	}
	a := *in.Value
	if a.IsNegative() {
		return errors.New("a value is never negative")
	}
	ls.Value = report.FormatNumber(a)
	w := in.Indicator.Weight
	switch ls.Kind {
	case project.KindLower:
		lower(rs.ReverseMethod, t, a, w, noun, ls)
	case project.KindEqual:
		if t.IsZero() {
			equalZero(a, w, noun, ls)
			break
		}
		higher(t, a, w, noun, RuleEqualFull, RuleEqualRatio, ls)
	default:
		higher(t, a, w, noun, RuleHigherFull, RuleHigherRatio, ls)
	}
	// Over-achievement is judged only against a positive target of the
	// kinds that reward more; a lower-is-better line cannot overshoot.
	if ls.Kind != project.KindLower && t.IsPositive() && a.GreaterThanOrEqual(rs.OvershootExplain.Mul(t)) {
		ls.Overshoot = true
		ls.Basis += fmt.Sprintf("；%s达到目标值的 %s%% 及以上，仍得满分，但须说明超额原因",
			noun, rs.OvershootExplain.Shift(2))
	}
	if d := rs.DeviationDeduction; d.Enabled() && ls.Kind != project.KindLower && t.IsPositive() && a.GreaterThanOrEqual(d.Ratio.Mul(t)) {
		deduct(rs, noun, ls)
	}
	return nil
}

// higher: A ≥ T → W, else W × A ÷ T; with T = 0 any A ≥ 0 meets the target.
func higher(t, a, w decimal.Decimal, noun string, full, ratio Rule, ls *LineScore) {
	as, ts, ws := report.FormatNumber(a), report.FormatNumber(t), report.FormatNumber(w)
	switch {
	case t.IsZero():
		ls.Rule, ls.Computed = full, w
		ls.Basis = "目标值为 0，" + noun + " " + as + " 不低于目标值，得满分 " + ws
	case a.GreaterThanOrEqual(t):
		ls.Rule, ls.Computed = full, w
		ls.Basis = noun + " " + as + " 达到目标值 " + ts + "，得满分 " + ws
	default:
		ls.Rule, ls.Computed = ratio, w.Mul(a).DivRound(t, 2)
		ls.Basis = noun + " " + as + " 低于目标值 " + ts + "，得分 = " + ws + " × " + as + " ÷ " + ts + " = " + report.FormatFixed(ls.Computed, 2)
	}
}

// equalZero: with T = 0 only A = 0 meets an "=" target.
func equalZero(a, w decimal.Decimal, noun string, ls *LineScore) {
	ls.Rule = RuleEqualZero
	if a.IsZero() {
		ls.Computed = w
		ls.Basis = "目标值为 0，" + noun + "为 0，得满分 " + report.FormatNumber(w)
		return
	}
	ls.Computed = decimal.Zero
	ls.Basis = "目标值为 0，" + noun + " " + report.FormatNumber(a) + " 不等于目标值，得 0 分"
}

// lower: A ≤ T → W; T = 0 and A > 0 → 0 (neither method divides by 0);
// otherwise the rule set's reverse method.
func lower(m rules.ReverseMethod, t, a, w decimal.Decimal, noun string, ls *LineScore) {
	as, ts, ws := report.FormatNumber(a), report.FormatNumber(t), report.FormatNumber(w)
	switch {
	case a.LessThanOrEqual(t):
		ls.Rule, ls.Computed = RuleLowerFull, w
		ls.Basis = noun + " " + as + " 不高于目标值 " + ts + "，得满分 " + ws
	case t.IsZero():
		ls.Rule, ls.Computed = RuleLowerZero, decimal.Zero
		ls.Basis = "目标值为 0，" + noun + " " + as + " 高于目标值，得 0 分"
	case m == rules.ReverseLinear && a.GreaterThanOrEqual(two.Mul(t)):
		ls.Rule, ls.Computed = RuleLowerLinear, decimal.Zero
		ls.Basis = noun + " " + as + " 达到目标值 " + ts + " 的 2 倍及以上，得 0 分"
	case m == rules.ReverseLinear:
		// W × (1 − (A − T) ÷ T) = W × (2T − A) ÷ T, divided once.
		ls.Rule, ls.Computed = RuleLowerLinear, w.Mul(two.Mul(t).Sub(a)).DivRound(t, 2)
		ls.Basis = noun + " " + as + " 高于目标值 " + ts + "，得分 = " + ws + " × (1 − (" + as + " − " + ts + ") ÷ " + ts + ") = " +
			report.FormatFixed(ls.Computed, 2)
	default:
		ls.Rule, ls.Computed = RuleLowerRatio, w.Mul(t).DivRound(a, 2)
		ls.Basis = noun + " " + as + " 高于目标值 " + ts + "，得分 = " + ws + " × " + ts + " ÷ " + as + " = " + report.FormatFixed(ls.Computed, 2)
	}
}
