// Package monitor applies mid-year monitoring (绩效运行监控, "双监控", domain
// reference §4) to a report: warning lights per indicator, for the budget and
// for the project, what must be explained before submission, and the one
// entry point the application calls on every save (Evaluate).
//
// The annual period (kind final) is lit the same way with cut-off month 12
// (time progress 1) from the final values; likelihoods are not used there.
package monitor

import (
	"time"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

var twelve = decimal.NewFromInt(12)

// Cutoff is the month whose end the values run to: the period's cut-off
// month, or 12 for the annual period.
func Cutoff(per period.Period) int {
	if per.Kind == period.KindFinal {
		return 12
	}
	return per.CutoffMonth
}

// Light is the warning light of one line (§4), from the value to date:
//   - cumulative higher and equal: r = value ÷ (T × m/12) against the rule
//     set's thresholds, compared exactly as value × 12 against x × T × m;
//     with T = 0, green when the value meets the target, else yellow;
//   - level accrual and lower-is-better: green when the value already meets
//     the target (scores full), otherwise yellow;
//   - qualitative: achieved green, partly yellow, not achieved red;
//   - deadline: green when done by the deadline; done late: by band, yellow
//     without one; not done: in a monitoring period by likelihood (certain
//     green, possible yellow, impossible red), in the annual period by band;
//   - grey when nothing is entered to tell from, and for a not-applicable line.
//
// In a monitoring period the likelihood then overrides: impossible makes any
// light red, possible makes green or blue yellow.
func Light(rs rules.RuleSet, per period.Period, ind project.Indicator, l report.Line) report.Light {
	if l.NotApplicable {
		return report.LightGrey
	}
	light := baseLight(rs, per, ind, l)
	if per.Kind == period.KindFinal {
		return light
	}
	switch l.Likelihood {
	case report.LikelihoodImpossible:
		return report.LightRed
	case report.LikelihoodPossible:
		if light == report.LightGreen || light == report.LightBlue {
			return report.LightYellow
		}
	}
	return light
}

func baseLight(rs rules.RuleSet, per period.Period, ind project.Indicator, l report.Line) report.Light {
	switch kind := ind.Kind(); kind {
	case project.KindQualitative:
		return bandLight(l.Band, report.LightGrey)
	case project.KindDeadline:
		return deadlineLight(per, ind, l)
	default:
		t, ok := ind.TargetNumber()
		if !ok || l.Value == nil {
			return report.LightGrey
		}
		a := *l.Value
		if kind == project.KindLower {
			return meets(a.LessThanOrEqual(t))
		}
		meetsTarget := a.GreaterThanOrEqual(t)
		if kind == project.KindEqual && t.IsZero() {
			meetsTarget = a.IsZero()
		}
		if ind.EffectiveAccrual() == project.AccrualLevel || t.IsZero() {
			return meets(meetsTarget)
		}
		return cumulativeLight(rs.LightThresholds, a, t, Cutoff(per))
	}
}

func meets(ok bool) report.Light {
	if ok {
		return report.LightGreen
	}
	return report.LightYellow
}

// cumulativeLight grades r = a ÷ (t × m/12) without dividing: r < x ⇔
// a × 12 < x × t × m (t > 0).
func cumulativeLight(th rules.LightThresholds, a, t decimal.Decimal, m int) report.Light {
	lhs := a.Mul(twelve)
	expected := t.Mul(decimal.NewFromInt(int64(m)))
	switch {
	case lhs.LessThan(th.Red.Mul(expected)):
		return report.LightRed
	case lhs.LessThan(th.Yellow.Mul(expected)):
		return report.LightYellow
	case lhs.LessThan(th.Blue.Mul(expected)):
		return report.LightGreen
	}
	return report.LightBlue
}

func bandLight(b report.Band, none report.Light) report.Light {
	switch b {
	case report.BandAchieved:
		return report.LightGreen
	case report.BandPartly:
		return report.LightYellow
	case report.BandNotAchieved:
		return report.LightRed
	}
	return none
}

func deadlineLight(per period.Period, ind project.Indicator, l report.Line) report.Light {
	due, ok := deadline(ind)
	if !ok {
		return report.LightGrey
	}
	if l.CompletedOn != "" {
		done, err := time.Parse(time.DateOnly, l.CompletedOn)
		if err != nil {
			return report.LightGrey
		}
		if !done.After(due) {
			return report.LightGreen
		}
		return bandLight(l.Band, report.LightYellow)
	}
	if per.Kind == period.KindFinal {
		return bandLight(l.Band, report.LightGrey)
	}
	switch l.Likelihood {
	case report.LikelihoodCertain:
		return report.LightGreen
	case report.LikelihoodPossible:
		return report.LightYellow
	case report.LikelihoodImpossible:
		return report.LightRed
	}
	return report.LightGrey
}

func deadline(ind project.Indicator) (time.Time, bool) {
	s, ok := ind.Deadline()
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// BudgetLight is the light of budget execution to date: r = (executed ÷
// adjusted) ÷ (m/12), compared exactly as executed × 12 against x × adjusted
// × m; r < red is red, < yellow yellow, otherwise green. Grey when either
// amount is missing or the adjusted budget is 0. A rule set with fixed
// execution checkpoints lights a monitoring period by them instead
// (CheckpointLight).
func BudgetLight(rs rules.RuleSet, per period.Period, adjusted, executed *decimal.Decimal) report.Light {
	if adjusted == nil || executed == nil || !adjusted.IsPositive() {
		return report.LightGrey
	}
	if light, _, ok := CheckpointLight(rs, per, adjusted, executed); ok {
		return light
	}
	lhs := executed.Mul(twelve)
	expected := adjusted.Mul(decimal.NewFromInt(int64(Cutoff(per))))
	th := rs.BudgetLightThresholds
	switch {
	case lhs.LessThan(th.Red.Mul(expected)):
		return report.LightRed
	case lhs.LessThan(th.Yellow.Mul(expected)):
		return report.LightYellow
	}
	return report.LightGreen
}
