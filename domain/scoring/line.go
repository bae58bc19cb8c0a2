// Package scoring applies the scoring rules of the domain reference (§3) to
// a report: one score per indicator with the rule and inputs that explain it,
// the budget execution score, reviewer adjustments, the rescaling for
// not-applicable indicators, the total and the grade. Everything is exact
// decimal; each line is rounded half-up to 2 places once, from the exact
// quotient, and totals add rounded lines.
package scoring

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// ErrInvalidInput is wrapped when a line cannot be scored as given (a score
// outside its band, a target that is not a number); Score reports these
// earlier, as a *report.ValidationError.
var ErrInvalidInput = errors.New("cannot score line")

// Rule names the rule that produced a score.
type Rule string

// The rules. ".full" is the whole weight, ".ratio" a proportional score.
const (
	RuleHigherFull           Rule = "higher.full"            // A ≥ T (T = 0: any A ≥ 0)
	RuleHigherRatio          Rule = "higher.ratio"           // W × A ÷ T
	RuleLowerFull            Rule = "lower.full"             // A ≤ T
	RuleLowerRatio           Rule = "lower.ratio"            // W × T ÷ A
	RuleLowerLinear          Rule = "lower.linear"           // W × (1 − (A − T) ÷ T), 0 from 2T
	RuleLowerZero            Rule = "lower.zero"             // T = 0 and A > 0: 0
	RuleEqualFull            Rule = "equal.full"             // T > 0, A ≥ T
	RuleEqualRatio           Rule = "equal.ratio"            // T > 0, W × A ÷ T
	RuleEqualZero            Rule = "equal.zero"             // T = 0: W when A = 0, else 0
	RuleDeadlineOnTime       Rule = "deadline.on_time"       // done by the deadline (or, projected, certain)
	RuleDeadlineBand         Rule = "deadline.band"          // late or not done: the entered score in its band
	RuleDeadlineBandFloor    Rule = "deadline.band_floor"    // late, band but no score: the band's lower bound
	RuleQualitativeBand      Rule = "qualitative.band"       // the entered score in its band
	RuleQualitativeBandFloor Rule = "qualitative.band_floor" // band but no score: the band's lower bound
	RuleNotApplicable        Rule = "not_applicable"         // left out; the rest is rescaled
	RuleMissing              Rule = "missing"                // nothing to score from: 0
)

// Input is what one indicator is scored from.
type Input struct {
	Indicator     project.Indicator
	Value         *decimal.Decimal // A: the final actual, or the projected full-year value when Projected
	Band          report.Band
	ScoreInput    *decimal.Decimal // entered score within Band
	CompletedOn   string           // deadline: YYYY-MM-DD when done
	Likelihood    report.Likelihood
	Projected     bool // mid-year projection: a deadline counts as on time when its likelihood is certain
	NotApplicable bool
}

// LineScore is the scored, explained line (得失分依据).
type LineScore struct {
	IndicatorID int64
	Kind        project.Kind
	Rule        Rule
	Target      string // T as published
	Value       string // A, or the completion date of a deadline; "" when none
	Weight      string // W
	Band        report.Band
	Computed    decimal.Decimal  // the rule's score, 2 places
	Adjusted    *decimal.Decimal // reviewer's score, nil when not adjusted
	Reason      string           // reviewer's reason for Adjusted
	Score       decimal.Decimal  // the final score: Adjusted when set, else Computed
	Overshoot   bool             // A ≥ overshoot_explain × T: full marks, but needs an explanation
	// Deduction is what the deviation deduction took off Computed (指标偏离,
	// a rule profile's variant); 0 when it does not apply.
	Deduction     decimal.Decimal
	NotApplicable bool
	Basis         string // the explanation in Chinese
}

// Line scores one indicator. Lines that are not applicable score 0 with rule
// not_applicable (Score rescales the rest); a numeric line without a value, a
// qualitative line without a band, and a deadline line neither on time nor
// banded score 0 with rule missing.
func Line(rs rules.RuleSet, in Input) (LineScore, error) {
	ind := in.Indicator
	ls := LineScore{
		IndicatorID:   ind.ID,
		Deduction:     decimal.Zero,
		Kind:          ind.Kind(),
		Target:        ind.Target,
		Weight:        report.FormatNumber(ind.Weight),
		Band:          in.Band,
		NotApplicable: in.NotApplicable,
	}
	var err error
	switch {
	case in.NotApplicable:
		ls.Rule, ls.Computed, ls.Basis = RuleNotApplicable, decimal.Zero, "标记为不适用，不计分，其余指标得分按权重折算"
	case ls.Kind.Numeric():
		err = numeric(rs, in, &ls)
	case ls.Kind == project.KindDeadline:
		err = deadline(rs, in, &ls)
	default:
		err = banded(rs, in, &ls, RuleQualitativeBand, RuleQualitativeBandFloor, "")
	}
	if err != nil {
		return LineScore{}, fmt.Errorf("%w: indicator %d: %w", ErrInvalidInput, ind.ID, err)
	}
	ls.Score = ls.Computed
	return ls, nil
}

func deadline(rs rules.RuleSet, in Input, ls *LineScore) error {
	due, ok := in.Indicator.Deadline()
	if !ok {
		return fmt.Errorf("deadline %q is not a date", in.Indicator.Target)
	}
	ls.Value = in.CompletedOn
	w := in.Indicator.Weight
	if in.CompletedOn != "" {
		done, err1 := time.Parse(time.DateOnly, in.CompletedOn)
		limit, err2 := time.Parse(time.DateOnly, due)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("completion date %q or deadline %q is not a date", in.CompletedOn, due)
		}
		if !done.After(limit) {
			ls.Rule, ls.Computed = RuleDeadlineOnTime, w
			ls.Basis = "于 " + in.CompletedOn + " 完成，未超过完成时限 " + due + "，得满分 " + report.FormatNumber(w)
			return nil
		}
		return banded(rs, in, ls, RuleDeadlineBand, RuleDeadlineBandFloor,
			"于 "+in.CompletedOn+" 完成，超过完成时限 "+due+"，")
	}
	if in.Projected && in.Likelihood == report.LikelihoodCertain {
		ls.Rule, ls.Computed = RuleDeadlineOnTime, w
		ls.Basis = "尚未完成，确定能在完成时限 " + due + " 前完成，预计得满分 " + report.FormatNumber(w)
		return nil
	}
	lead := "未在完成时限 " + due + " 前完成，"
	if in.Projected {
		lead = "尚未完成，也未确定能在完成时限 " + due + " 前完成，"
	}
	return banded(rs, in, ls, RuleDeadlineBand, RuleDeadlineBandFloor, lead)
}

// banded scores a line by its band: the entered score, which must lie in the
// band, or else the band's lower bound rounded up to cents (so that it stays
// in the band); without a band, rule missing.
func banded(rs rules.RuleSet, in Input, ls *LineScore, entered, floor Rule, lead string) error {
	w := in.Indicator.Weight
	qb := rs.QualitativeBands
	b := in.Band
	if b == report.BandNone {
		if in.ScoreInput != nil {
			return errors.New("a score was entered without a band")
		}
		ls.Rule, ls.Computed = RuleMissing, decimal.Zero
		ls.Basis = lead + "未选择达成档次，得 0 分"
		return nil
	}
	if _, err := report.ParseBand(string(b)); err != nil {
		return err
	}
	rng := b.RangeText(qb, w)
	if s := in.ScoreInput; s != nil {
		if !b.Contains(qb, w, *s) {
			return fmt.Errorf("score %s is outside band %s %s", s, b, rng)
		}
		ls.Rule, ls.Computed = entered, s.Round(2)
		ls.Basis = lead + "选择“" + b.Label() + "”档（" + rng + "），得分 " + report.FormatFixed(ls.Computed, 2)
		return nil
	}
	lo, _ := b.Range(qb, w)
	ls.Rule, ls.Computed = floor, lo.RoundCeil(2)
	ls.Basis = lead + "选择“" + b.Label() + "”档（" + rng + "），未填写得分，按档次下限计 " + report.FormatFixed(ls.Computed, 2)
	return nil
}
