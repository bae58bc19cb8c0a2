package scoring_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func TestExecution(t *testing.T) {
	tests := []struct {
		name            string
		weight          string
		adjusted        *decimal.Decimal
		executed        *decimal.Decimal
		want            string // score
		wantRate        string // "" when none
		wantRule        scoring.Rule
		wantNeedsReason bool
	}{
		{"rate above 100% is capped at the weight", // 120 ÷ 100 = 1.2 → 10 × min(1.2, 1) = 10
			"10", dp("100"), dp("120"), "10.00", "1.2", scoring.RuleExecutionFull, false},
		{"rate of exactly 100% scores full", // 744.78 ÷ 744.78 = 1
			"10", dp("744.78"), dp("744.78"), "10.00", "1", scoring.RuleExecutionFull, false},
		{"rate below 90% scores in proportion and needs a reason", // 10 × 700 ÷ 800 = 8.75
			"10", dp("800"), dp("700"), "8.75", "0.875", scoring.RuleExecutionRatio, true},
		{"rate of exactly 90% needs no reason", // 10 × 90 ÷ 100 = 9
			"10", dp("100"), dp("90"), "9.00", "0.9", scoring.RuleExecutionRatio, false},
		{"rate just below 90% needs a reason though it rounds to 9.00", // 10 × 89.99 ÷ 100 = 8.999 → 9.00; 89.99 < 0.9 × 100
			"10", dp("100"), dp("89.99"), "9.00", "0.8999", scoring.RuleExecutionRatio, true},
		{"execution rounds half up at .005", // 10 × 50.04 ÷ 80 = 500.4 ÷ 80 = 6.255 → 6.26
			"10", dp("80"), dp("50.04"), "6.26", "0.6255", scoring.RuleExecutionRatio, true},
		{"rate is rounded to 4 places for display only", // 2 ÷ 3 = 0.6667; 10 × 2 ÷ 3 = 6.666… → 6.67
			"10", dp("3"), dp("2"), "6.67", "0.6667", scoring.RuleExecutionRatio, true},
		{"another execution weight replaces 10", // 20 × 50 ÷ 100 = 10
			"20", dp("100"), dp("50"), "10.00", "0.5", scoring.RuleExecutionRatio, true},
		{"nothing executed entered is missing", "10", dp("100"), nil, "0.00", "", scoring.RuleMissing, false},
		{"zero adjusted budget has no rate", "10", dp("0"), dp("0"), "0.00", "", scoring.RuleExecutionNoBudget, false},
		{"nothing executed scores 0", "10", dp("100"), dp("0"), "0.00", "0", scoring.RuleExecutionRatio, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scoring.Execution(rules.National(), d(tt.weight), tt.adjusted, tt.executed)
			if got.Score.StringFixed(2) != tt.want {
				t.Errorf("score = %s, want %s", got.Score, tt.want)
			}
			rate := ""
			if got.Rate != nil {
				rate = got.Rate.String()
			}
			if rate != tt.wantRate {
				t.Errorf("rate = %q, want %q", rate, tt.wantRate)
			}
			if got.Rule != tt.wantRule || got.NeedsReason != tt.wantNeedsReason {
				t.Errorf("rule %s needsReason %v, want %s %v", got.Rule, got.NeedsReason, tt.wantRule, tt.wantNeedsReason)
			}
			if got.Basis == "" {
				t.Error("no explanation")
			}
		})
	}
}

func TestRescale(t *testing.T) {
	tests := []struct {
		name                   string
		sum, total, applicable string
		want                   string
	}{
		{"nothing left out keeps the sum", "63.95", "90", "90", "63.95"},
		// 70 × 90 ÷ 70 = 90: full marks on the applicable lines reach 90
		{"one 20 of 20,20,20,20,10 left out, full marks", "70", "90", "70", "90.00"},
		// 63.95 × 90 ÷ 70 = 5755.5 ÷ 70 = 82.2214… → 82.22
		{"one 20 of 20,20,20,20,10 left out, partial", "63.95", "90", "70", "82.22"},
		// 60.04 × 90 ÷ 80 = 5403.6 ÷ 80 = 67.545 → 67.55 (half up)
		{"rescaling rounds half up at .005", "60.04", "90", "80", "67.55"},
		{"everything left out gives 0", "0", "90", "0", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scoring.Rescale(d(tt.sum), d(tt.total), d(tt.applicable))
			if !got.Equal(d(tt.want)) {
				t.Errorf("Rescale = %s, want %s", got, tt.want)
			}
		})
	}
}
