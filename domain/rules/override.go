package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// The keys With accepts. The application reads each from the environment
// variable JIXIAO_ + the key in upper case (JIXIAO_REVERSE_METHOD).
const (
	KeyName                  = "name"                    // the rule set's name, e.g. "qinghai"
	KeyReverseMethod         = "reverse_method"          // "ratio" or "linear"
	KeyOvershootExplain      = "overshoot_explain"       // "1.3"
	KeyGradeBands            = "grade_bands"             // minimums of 优,良,中: "90,80,60"; 差 starts at 0
	KeyLightThresholds       = "light_thresholds"        // red,yellow,blue: "0.6,0.8,1.2"
	KeyBudgetLightThresholds = "budget_light_thresholds" // red,yellow: "0.6,0.8"
	KeyExecutionReasonBelow  = "execution_reason_below"  // "0.9"
	KeyQualitativeBands      = "qualitative_bands"       // achieved,partly lower bounds: "0.8,0.6"
	KeyCutoffMonth           = "cutoff_month"            // default cut-off month: "6"

	// The provincial variants; "none" turns one off (the national default).
	KeyExecutionCaps         = "execution_caps"          // rate below:cap, …: "0.8:89,0.7:79,0.6:69,0.5:59"
	KeyDeviationDeduction    = "deviation_deduction"     // ratio:points: "1.3:2"
	KeyExecutionCheckpoints  = "execution_checkpoints"   // month:minimum rate, …: "4:0.25,6:0.4,8:0.6,10:0.8"
	KeyCompletionGap         = "completion_gap"          // "0.1": a gap of more than 10 points is a warning
	KeySelfEvaluationWarning = "self_evaluation_warning" // outrun,unspent: "0.05,0.2"
)

// Off is the value that turns a variant setting off.
const Off = "none"

// Keys lists every key With accepts, sorted.
func Keys() []string {
	keys := make([]string, 0, len(setters))
	for k := range setters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var setters = map[string]func(*RuleSet, string) error{
	KeyName: func(r *RuleSet, v string) error {
		if v == "" {
			return fmt.Errorf("empty name")
		}
		r.Name = v
		return nil
	},
	KeyReverseMethod: func(r *RuleSet, v string) error {
		m, err := ParseReverseMethod(v)
		r.ReverseMethod = m
		return err
	},
	KeyOvershootExplain: func(r *RuleSet, v string) error {
		return decimals(v, &r.OvershootExplain)
	},
	KeyGradeBands: func(r *RuleSet, v string) error {
		var mins [3]decimal.Decimal
		if err := decimals(v, &mins[0], &mins[1], &mins[2]); err != nil {
			return err
		}
		r.GradeBands = []GradeBand{
			{GradeExcellent, mins[0]}, {GradeGood, mins[1]}, {GradeFair, mins[2]}, {GradePoor, decimal.Zero},
		}
		return nil
	},
	KeyLightThresholds: func(r *RuleSet, v string) error {
		t := &r.LightThresholds
		return decimals(v, &t.Red, &t.Yellow, &t.Blue)
	},
	KeyBudgetLightThresholds: func(r *RuleSet, v string) error {
		t := &r.BudgetLightThresholds
		return decimals(v, &t.Red, &t.Yellow)
	},
	KeyExecutionReasonBelow: func(r *RuleSet, v string) error {
		return decimals(v, &r.ExecutionReasonBelow)
	},
	KeyQualitativeBands: func(r *RuleSet, v string) error {
		q := &r.QualitativeBands
		return decimals(v, &q.Achieved, &q.Partly)
	},
	KeyCutoffMonth: func(r *RuleSet, v string) error {
		m, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		r.DefaultCutoffMonth = m
		return nil
	},
	KeyExecutionCaps: func(r *RuleSet, v string) error {
		r.ExecutionCaps = nil
		return pairs(v, func(a, b decimal.Decimal) { r.ExecutionCaps = append(r.ExecutionCaps, ExecutionCap{Below: a, Max: b}) })
	},
	KeyDeviationDeduction: func(r *RuleSet, v string) error {
		r.DeviationDeduction = DeviationDeduction{}
		n := 0
		err := pairs(v, func(a, b decimal.Decimal) { r.DeviationDeduction, n = DeviationDeduction{Ratio: a, Points: b}, n+1 })
		if err == nil && n > 1 {
			return fmt.Errorf("%q needs one ratio:points pair", v)
		}
		return err
	},
	KeyExecutionCheckpoints: func(r *RuleSet, v string) error {
		r.ExecutionCheckpoints = nil
		var bad error
		err := pairs(v, func(a, b decimal.Decimal) {
			if !a.IsInteger() && bad == nil {
				bad = fmt.Errorf("month %s is not a whole number", a)
			}
			r.ExecutionCheckpoints = append(r.ExecutionCheckpoints, Checkpoint{Month: int(a.IntPart()), Min: b})
		})
		if err != nil {
			return err
		}
		return bad
	},
	KeyCompletionGap: func(r *RuleSet, v string) error {
		r.CompletionGap = decimal.Zero
		if v == Off {
			return nil
		}
		return decimals(v, &r.CompletionGap)
	},
	KeySelfEvaluationWarning: func(r *RuleSet, v string) error {
		r.SelfEvaluationWarning = SelfEvaluationWarning{}
		if v == Off {
			return nil
		}
		w := &r.SelfEvaluationWarning
		return decimals(v, &w.Outrun, &w.Unspent)
	},
}

// pairs parses "a:b,c:d" (or "none", no pairs) and hands each pair to add.
func pairs(v string, add func(a, b decimal.Decimal)) error {
	if v == Off {
		return nil
	}
	for _, part := range strings.Split(v, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), ":")
		var da, db decimal.Decimal
		if !ok || decimals(a, &da) != nil || decimals(b, &db) != nil {
			return fmt.Errorf("%q needs pairs of numbers such as 0.8:89, or %s", v, Off)
		}
		add(da, db)
	}
	return nil
}

// Settings renders every setting of the rule set but its name, by key, as
// With reads them: National().With(r.Settings()) equals r but for the name,
// the version and the sources.
func (r RuleSet) Settings() map[string]string {
	dec := func(ds ...decimal.Decimal) string {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = d.String()
		}
		return strings.Join(out, ",")
	}
	out := map[string]string{
		KeyReverseMethod:         string(r.ReverseMethod),
		KeyOvershootExplain:      dec(r.OvershootExplain),
		KeyLightThresholds:       dec(r.LightThresholds.Red, r.LightThresholds.Yellow, r.LightThresholds.Blue),
		KeyBudgetLightThresholds: dec(r.BudgetLightThresholds.Red, r.BudgetLightThresholds.Yellow),
		KeyExecutionReasonBelow:  dec(r.ExecutionReasonBelow),
		KeyQualitativeBands:      dec(r.QualitativeBands.Achieved, r.QualitativeBands.Partly),
		KeyCutoffMonth:           strconv.Itoa(r.DefaultCutoffMonth),
		KeyExecutionCaps:         Off,
		KeyDeviationDeduction:    Off,
		KeyExecutionCheckpoints:  Off,
		KeyCompletionGap:         Off,
		KeySelfEvaluationWarning: Off,
	}
	if len(r.GradeBands) == 4 {
		out[KeyGradeBands] = dec(r.GradeBands[0].Min, r.GradeBands[1].Min, r.GradeBands[2].Min)
	}
	if len(r.ExecutionCaps) > 0 {
		parts := make([]string, len(r.ExecutionCaps))
		for i, c := range r.ExecutionCaps {
			parts[i] = c.Below.String() + ":" + c.Max.String()
		}
		out[KeyExecutionCaps] = strings.Join(parts, ",")
	}
	if d := r.DeviationDeduction; d.Enabled() {
		out[KeyDeviationDeduction] = d.Ratio.String() + ":" + d.Points.String()
	}
	if len(r.ExecutionCheckpoints) > 0 {
		parts := make([]string, len(r.ExecutionCheckpoints))
		for i, c := range r.ExecutionCheckpoints {
			parts[i] = strconv.Itoa(c.Month) + ":" + c.Min.String()
		}
		out[KeyExecutionCheckpoints] = strings.Join(parts, ",")
	}
	if r.CompletionGap.IsPositive() {
		out[KeyCompletionGap] = dec(r.CompletionGap)
	}
	if w := r.SelfEvaluationWarning; w.Enabled() {
		out[KeySelfEvaluationWarning] = dec(w.Outrun, w.Unspent)
	}
	return out
}

// decimals parses a comma-separated list of exactly len(dst) decimals.
func decimals(v string, dst ...*decimal.Decimal) error {
	parts := strings.Split(v, ",")
	if len(parts) != len(dst) {
		return fmt.Errorf("%q needs %d comma-separated numbers", v, len(dst))
	}
	for i, p := range parts {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil {
			return fmt.Errorf("%q is not a number", p)
		}
		*dst[i] = d
	}
	return nil
}

// With returns a copy of r with the settings named by the keys above replaced,
// then validated. Values are trimmed of spaces; an unknown key, a value that
// does not parse, or a result that fails Validate is an error naming the key.
// Keys are applied in sorted order so that the first error reported is stable.
func (r RuleSet) With(overrides map[string]string) (RuleSet, error) {
	out := r.clone()
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set, ok := setters[k]
		if !ok {
			return RuleSet{}, fmt.Errorf("%w: %s: %w", ErrInvalid, k, ErrUnknownSetting)
		}
		if err := set(&out, strings.TrimSpace(overrides[k])); err != nil {
			return RuleSet{}, fmt.Errorf("%w: %s: %w", ErrInvalid, k, err)
		}
	}
	if err := out.Validate(); err != nil {
		return RuleSet{}, err
	}
	return out, nil
}
