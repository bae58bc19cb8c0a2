// Package rules holds the scoring and monitoring settings that may differ
// between regions (domain reference §3–§4). The product ships the national
// rule set; a region overrides single settings by key (see RuleSet.With).
package rules

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// ErrInvalid is wrapped by every error of Validate and With.
var ErrInvalid = errors.New("invalid rule set")

// ErrUnknownSetting is wrapped by With for a key it does not know.
var ErrUnknownSetting = errors.New("unknown setting")

// ErrUnknownMethod is returned by ParseReverseMethod.
var ErrUnknownMethod = errors.New("unknown reverse method")

// ReverseMethod is how a lower-is-better (反向) indicator scores when the
// value exceeds the target.
type ReverseMethod string

// The reverse methods.
const (
	// ReverseRatio scores W × T ÷ A (the 自评表 form note).
	ReverseRatio ReverseMethod = "ratio"
	// ReverseLinear scores W × (1 − (A − T) ÷ T), and 0 once A ≥ 2T.
	ReverseLinear ReverseMethod = "linear"
)

// ParseReverseMethod accepts "ratio" and "linear".
func ParseReverseMethod(s string) (ReverseMethod, error) {
	switch m := ReverseMethod(s); m {
	case ReverseRatio, ReverseLinear:
		return m, nil
	}
	return "", fmt.Errorf("%w %q, want ratio or linear", ErrUnknownMethod, s)
}

// Grade is the grade of a project total (评价等级).
type Grade string

// The national grades.
const (
	GradeExcellent Grade = "优"
	GradeGood      Grade = "良"
	GradeFair      Grade = "中"
	GradePoor      Grade = "差"
)

// GradeBand gives a grade to totals from Min (inclusive) up to the Min of the
// band before it.
type GradeBand struct {
	Grade Grade
	Min   decimal.Decimal
}

// LightThresholds grade r = value ÷ expected-to-date of a cumulative
// indicator: r < Red is red, r < Yellow yellow, r < Blue green, else blue.
type LightThresholds struct {
	Red, Yellow, Blue decimal.Decimal
}

// BudgetLightThresholds grade r = execution rate ÷ time progress: r < Red is
// red, r < Yellow yellow, else green.
type BudgetLightThresholds struct {
	Red, Yellow decimal.Decimal
}

// QualitativeBands are the lower bounds of the qualitative bands as fractions
// of the weight W: achieved [Achieved·W, W], partly [Partly·W, Achieved·W),
// not achieved [0, Partly·W).
type QualitativeBands struct {
	Achieved, Partly decimal.Decimal
}

// RuleSet is one region's settings. Build it with National and With; a
// RuleSet used for scoring should have passed Validate.
type RuleSet struct {
	Name                  string
	Version               int // the version of the rule profile it was built from (1 for National)
	ReverseMethod         ReverseMethod
	OvershootExplain      decimal.Decimal // A ≥ this × T needs an explanation
	GradeBands            []GradeBand     // ordered by Min, highest first; the last Min is 0
	LightThresholds       LightThresholds
	BudgetLightThresholds BudgetLightThresholds
	ExecutionReasonBelow  decimal.Decimal // an execution rate below this needs a reason
	QualitativeBands      QualitativeBands
	DefaultCutoffMonth    int // cut-off month of a new monitoring period

	// The provincial variants; the zero value of each is "not used".
	ExecutionCaps         []ExecutionCap // self-evaluation total capped by execution rate
	DeviationDeduction    DeviationDeduction
	ExecutionCheckpoints  []Checkpoint          // replace the time-progress ratio of the budget light
	CompletionGap         decimal.Decimal       // a warning when |completion − execution| exceeds it; 0 is off
	SelfEvaluationWarning SelfEvaluationWarning // self-evaluation red/yellow warning

	// Sources says where each setting was read, by setting key; the key ""
	// holds the source of the whole rule set. Cited in explanations.
	Sources map[string]string
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// National returns the national defaults of the domain reference.
func National() RuleSet {
	return RuleSet{
		Name:             "national",
		ReverseMethod:    ReverseRatio,
		OvershootExplain: dec("1.3"),
		GradeBands: []GradeBand{
			{GradeExcellent, dec("90")},
			{GradeGood, dec("80")},
			{GradeFair, dec("60")},
			{GradePoor, decimal.Zero},
		},
		LightThresholds:       LightThresholds{Red: dec("0.6"), Yellow: dec("0.8"), Blue: dec("1.2")},
		BudgetLightThresholds: BudgetLightThresholds{Red: dec("0.6"), Yellow: dec("0.8")},
		ExecutionReasonBelow:  dec("0.9"),
		QualitativeBands:      QualitativeBands{Achieved: dec("0.8"), Partly: dec("0.6")},
		DefaultCutoffMonth:    6,
		Version:               1,
		Sources:               nationalSources(),
	}
}

// Grade returns the grade of a total: the first band whose Min the total
// reaches. A total below every band gets the last band's grade.
func (r RuleSet) Grade(total decimal.Decimal) Grade {
	for _, b := range r.GradeBands {
		if total.GreaterThanOrEqual(b.Min) {
			return b.Grade
		}
	}
	if len(r.GradeBands) == 0 {
		return ""
	}
	return r.GradeBands[len(r.GradeBands)-1].Grade
}

// clone copies the slice so that a derived rule set shares nothing.
func (r RuleSet) clone() RuleSet {
	r.GradeBands = append([]GradeBand(nil), r.GradeBands...)
	r.ExecutionCaps = append([]ExecutionCap(nil), r.ExecutionCaps...)
	r.ExecutionCheckpoints = append([]Checkpoint(nil), r.ExecutionCheckpoints...)
	sources := make(map[string]string, len(r.Sources))
	for k, v := range r.Sources {
		sources[k] = v
	}
	r.Sources = sources
	return r
}
