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
)

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
