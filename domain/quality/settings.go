package quality

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/shopspring/decimal"
)

// ErrInvalidSetting is wrapped by With for an unknown key or a bad value.
var ErrInvalidSetting = errors.New("invalid quality setting")

// Settings are the thresholds of the quality review; a region may override
// any of them (JIXIAO_QUALITY_<KEY>).
type Settings struct {
	// Similarity is the bigram similarity (0–1) from which two texts count
	// as nearly the same (similar_text, name_copies_goal).
	Similarity decimal.Decimal
	// MinTextLength is the shortest text, in characters, compared for
	// reuse: short names such as 各单位满意度 are legitimately shared.
	MinTextLength int
	// QualitativeShare is the share of the indicator weight qualitative
	// indicators may carry before it is a finding (qualitative_weight).
	QualitativeShare decimal.Decimal
	// SatisfactionWeight is the largest weight of 满意度 indicators
	// (satisfaction_weight; 财预〔2020〕10号 gives 10).
	SatisfactionWeight decimal.Decimal
	// FrequencyMinimum is the per-interval count at or below which a
	// per-interval frequency target is implausibly low (frequency_low).
	FrequencyMinimum decimal.Decimal
	// BudgetGrowth is the budget growth over last year (a share: 0.1 is
	// 10%) beyond which an unchanged target is a finding
	// (unchanged_budget_grew).
	BudgetGrowth decimal.Decimal
}

// Defaults are the national defaults.
func Defaults() Settings {
	return Settings{
		Similarity:         decimal.RequireFromString("0.6"),
		MinTextLength:      12,
		QualitativeShare:   decimal.RequireFromString("0.5"),
		SatisfactionWeight: decimal.NewFromInt(10),
		FrequencyMinimum:   decimal.NewFromInt(1),
		BudgetGrowth:       decimal.RequireFromString("0.1"),
	}
}

// Keys lists the setting keys With accepts.
func Keys() []string {
	k := []string{"similarity", "min_text_length", "qualitative_share", "satisfaction_weight", "frequency_minimum", "budget_growth"}
	sort.Strings(k)
	return k
}

// With returns the settings with the given overrides by key.
func (s Settings) With(overrides map[string]string) (Settings, error) {
	for k, v := range overrides {
		var d decimal.Decimal
		var err error
		if k != "min_text_length" {
			d, err = decimal.NewFromString(v)
			if err == nil && d.IsNegative() {
				err = errors.New("negative")
			}
		}
		switch k {
		case "similarity", "qualitative_share":
			if err == nil && d.GreaterThan(decimal.NewFromInt(1)) {
				err = errors.New("above 1")
			}
			if k == "similarity" {
				s.Similarity = d
			} else {
				s.QualitativeShare = d
			}
		case "satisfaction_weight":
			s.SatisfactionWeight = d
		case "frequency_minimum":
			s.FrequencyMinimum = d
		case "budget_growth":
			s.BudgetGrowth = d
		case "min_text_length":
			var n int
			n, err = strconv.Atoi(v)
			if err == nil && n < 1 {
				err = errors.New("below 1")
			}
			s.MinTextLength = n
		default:
			return Settings{}, fmt.Errorf("%w: unknown key %q", ErrInvalidSetting, k)
		}
		if err != nil {
			return Settings{}, fmt.Errorf("%w: %s=%q: %v", ErrInvalidSetting, k, v, err)
		}
	}
	return s, nil
}
