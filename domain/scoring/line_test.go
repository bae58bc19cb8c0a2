package scoring_test

import (
	"errors"
	"strings"
	"testing"

	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func linear() rules.RuleSet {
	rs, err := rules.National().With(map[string]string{"reverse_method": "linear"})
	if err != nil {
		panic(err)
	}
	return rs
}

func TestLine(t *testing.T) {
	national := rules.National()
	tests := []struct {
		name          string
		rs            rules.RuleSet
		input         scoring.Input
		want          string // score, 2 places
		wantRule      scoring.Rule
		wantOvershoot bool
		wantErr       bool
	}{
		// ── higher is better ──
		{name: "higher above target scores full", // 98 ≥ 95 → W
			input: scoring.Input{Indicator: higher("95", "20"), Value: dp("98")}, want: "20.00", wantRule: scoring.RuleHigherFull},
		{name: "higher exactly at target scores full", // 150 ≥ 150 → W
			input: scoring.Input{Indicator: higher("150", "10"), Value: dp("150")}, want: "10.00", wantRule: scoring.RuleHigherFull},
		{name: "higher below target scores in proportion", // 20 × 90 ÷ 95 = 18.947… → 18.95
			input: scoring.Input{Indicator: higher("95", "20"), Value: dp("90")}, want: "18.95", wantRule: scoring.RuleHigherRatio},
		{name: "higher rounds half up at .005", // 20 × 50.02 ÷ 80 = 1000.4 ÷ 80 = 12.505 → 12.51 (banker's would give 12.50)
			input: scoring.Input{Indicator: higher("80", "20"), Value: dp("50.02")}, want: "12.51", wantRule: scoring.RuleHigherRatio},
		{name: "higher rounds down just below .005", // 20 × 50.01 ÷ 80 = 12.5025 → 12.50
			input: scoring.Input{Indicator: higher("80", "20"), Value: dp("50.01")}, want: "12.50", wantRule: scoring.RuleHigherRatio},
		{name: "higher with zero value scores 0", // 20 × 0 ÷ 80 = 0
			input: scoring.Input{Indicator: higher("80", "20"), Value: dp("0")}, want: "0.00", wantRule: scoring.RuleHigherRatio},
		{name: "higher zero target with zero value scores full", // T = 0, A = 0 ≥ 0 → W
			input: scoring.Input{Indicator: higher("0", "10"), Value: dp("0")}, want: "10.00", wantRule: scoring.RuleHigherFull},
		{name: "higher zero target never overshoots", // T = 0, A = 3 → W, no 130 % of 0
			input: scoring.Input{Indicator: higher("0", "10"), Value: dp("3")}, want: "10.00", wantRule: scoring.RuleHigherFull},
		{name: "overshoot exactly at 130% scores full and flags", // 130 ≥ 1.3 × 100 → W, explain
			input: scoring.Input{Indicator: higher("100", "20"), Value: dp("130")}, want: "20.00", wantRule: scoring.RuleHigherFull, wantOvershoot: true},
		{name: "just below 130% does not flag", // 129.99 < 130
			input: scoring.Input{Indicator: higher("100", "20"), Value: dp("129.99")}, want: "20.00", wantRule: scoring.RuleHigherFull},
		{name: "strict greater-than nature scores like higher", // "> 50": 65 = 1.3 × 50 → W, explain
			input: scoring.Input{Indicator: numericInd(">", "50", "次", "10"), Value: dp("65")}, want: "10.00", wantRule: scoring.RuleHigherFull, wantOvershoot: true},
		{name: "higher without value is missing", // nothing entered → 0
			input: scoring.Input{Indicator: higher("95", "20")}, want: "0.00", wantRule: scoring.RuleMissing},
		{name: "negative value is an error",
			input: scoring.Input{Indicator: higher("95", "20"), Value: dp("-1")}, wantErr: true},
		{name: "target that is not a number is an error",
			input: scoring.Input{Indicator: numericInd(">=", "很多", "件", "20"), Value: dp("1")}, wantErr: true},

		// ── lower is better ──
		{name: "lower at target scores full", // 5 ≤ 5 → W
			input: scoring.Input{Indicator: lower("5", "10"), Value: dp("5")}, want: "10.00", wantRule: scoring.RuleLowerFull},
		{name: "lower ratio above target", // 10 × 5 ÷ 6 = 8.333… → 8.33
			input: scoring.Input{Indicator: lower("5", "10"), Value: dp("6")}, want: "8.33", wantRule: scoring.RuleLowerRatio},
		{name: "lower ratio rounds half up at .005", // 10 × 1 ÷ 16 = 0.625 → 0.63
			input: scoring.Input{Indicator: lower("1", "10"), Value: dp("16")}, want: "0.63", wantRule: scoring.RuleLowerRatio},
		{name: "lower never overshoots", // 0 ≤ 5 → W; less is simply better
			input: scoring.Input{Indicator: lower("5", "10"), Value: dp("0")}, want: "10.00", wantRule: scoring.RuleLowerFull},
		{name: "lower zero target with zero value scores full", // T = 0, A = 0 ≤ 0 → W
			input: scoring.Input{Indicator: lower("0", "10"), Value: dp("0")}, want: "10.00", wantRule: scoring.RuleLowerFull},
		{name: "lower zero target with any excess scores 0 (ratio)", // T = 0, A > 0 → 0
			input: scoring.Input{Indicator: lower("0", "10"), Value: dp("0.0001")}, want: "0.00", wantRule: scoring.RuleLowerZero},
		{name: "lower zero target with any excess scores 0 (linear)", // T = 0: no division by T
			rs: linear(), input: scoring.Input{Indicator: lower("0", "10"), Value: dp("1")}, want: "0.00", wantRule: scoring.RuleLowerZero},
		{name: "lower linear above target", // 10 × (1 − (6 − 5) ÷ 5) = 10 × 0.8 = 8.00
			rs: linear(), input: scoring.Input{Indicator: lower("5", "10"), Value: dp("6")}, want: "8.00", wantRule: scoring.RuleLowerLinear},
		{name: "lower linear rounds half up at .005", // 15 × (16 − 15.8) ÷ 8 = 3 ÷ 8 = 0.375 → 0.38
			rs: linear(), input: scoring.Input{Indicator: lower("8", "15"), Value: dp("15.8")}, want: "0.38", wantRule: scoring.RuleLowerLinear},
		{name: "lower linear just below twice the target", // 10 × (10 − 9.99) ÷ 5 = 0.02
			rs: linear(), input: scoring.Input{Indicator: lower("5", "10"), Value: dp("9.99")}, want: "0.02", wantRule: scoring.RuleLowerLinear},
		{name: "lower linear at exactly twice the target scores 0", // A = 2T → 0
			rs: linear(), input: scoring.Input{Indicator: lower("5", "10"), Value: dp("10")}, want: "0.00", wantRule: scoring.RuleLowerLinear},
		{name: "lower linear beyond twice the target scores 0, not negative", // A = 4T → 0
			rs: linear(), input: scoring.Input{Indicator: lower("5", "10"), Value: dp("20")}, want: "0.00", wantRule: scoring.RuleLowerLinear},
		{name: "lower ratio at twice the target still scores half", // 10 × 5 ÷ 10 = 5.00
			input: scoring.Input{Indicator: lower("5", "10"), Value: dp("10")}, want: "5.00", wantRule: scoring.RuleLowerRatio},

		// ── equal ──
		{name: "equal at target scores full", // 63 ≥ 63 → W
			input: scoring.Input{Indicator: equal("63", "20"), Value: dp("63")}, want: "20.00", wantRule: scoring.RuleEqualFull},
		{name: "equal below target scores like higher", // 20 × 60 ÷ 63 = 19.047… → 19.05
			input: scoring.Input{Indicator: equal("63", "20"), Value: dp("60")}, want: "19.05", wantRule: scoring.RuleEqualRatio},
		{name: "equal at 130% flags overshoot", // 81.9 = 1.3 × 63
			input: scoring.Input{Indicator: equal("63", "20"), Value: dp("81.9")}, want: "20.00", wantRule: scoring.RuleEqualFull, wantOvershoot: true},
		{name: "equal zero target with zero value scores full", // T = 0, A = 0 → W
			input: scoring.Input{Indicator: equal("0", "10"), Value: dp("0")}, want: "10.00", wantRule: scoring.RuleEqualZero},
		{name: "equal zero target with a value scores 0", // T = 0, A = 1 ≠ 0 → 0
			input: scoring.Input{Indicator: equal("0", "10"), Value: dp("1")}, want: "0.00", wantRule: scoring.RuleEqualZero},
		{name: "equal duration in years is numeric, not a deadline", // "= 1 年" under 时效: 20 × 0.5 ÷ 1 = 10
			input: scoring.Input{Indicator: deadlineInd("1", "20"), Value: dp("0.5")}, want: "10.00", wantRule: scoring.RuleEqualRatio},

		// ── deadline (= 2024 年: due 2024-12-31; W = 20, bands [16,20] [12,16) [0,12)) ──
		{name: "deadline done on the last day is on time",
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), CompletedOn: "2024-12-31"}, want: "20.00", wantRule: scoring.RuleDeadlineOnTime},
		{name: "deadline done late is graded by band", // partly, entered 14
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), CompletedOn: "2025-01-05", Band: report.BandPartly, ScoreInput: dp("14")}, want: "14.00", wantRule: scoring.RuleDeadlineBand},
		{name: "deadline done late with band and no score takes the band floor", // 0.6 × 20 = 12
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), CompletedOn: "2025-01-05", Band: report.BandPartly}, want: "12.00", wantRule: scoring.RuleDeadlineBandFloor},
		{name: "deadline not done and no band is missing",
			input: scoring.Input{Indicator: deadlineInd("2024", "20")}, want: "0.00", wantRule: scoring.RuleMissing},
		{name: "deadline certain counts as on time when projected",
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), Projected: true, Likelihood: report.LikelihoodCertain}, want: "20.00", wantRule: scoring.RuleDeadlineOnTime},
		{name: "deadline certain does not count in the final report",
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), Likelihood: report.LikelihoodCertain}, want: "0.00", wantRule: scoring.RuleMissing},
		{name: "deadline possible when projected is graded by band", // achieved, entered 17
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), Projected: true, Likelihood: report.LikelihoodPossible, Band: report.BandAchieved, ScoreInput: dp("17")}, want: "17.00", wantRule: scoring.RuleDeadlineBand},
		{name: "deadline impossible when projected with not-achieved floor", // floor of [0, 12) = 0
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), Projected: true, Likelihood: report.LikelihoodImpossible, Band: report.BandNotAchieved}, want: "0.00", wantRule: scoring.RuleDeadlineBandFloor},
		{name: "deadline with a date target done that day is on time",
			input: scoring.Input{Indicator: deadlineInd("2024-06-30", "20"), CompletedOn: "2024-06-30"}, want: "20.00", wantRule: scoring.RuleDeadlineOnTime},
		{name: "deadline with a date target done a day late is banded", // achieved floor 0.8 × 20 = 16
			input: scoring.Input{Indicator: deadlineInd("2024-06-30", "20"), CompletedOn: "2024-07-01", Band: report.BandAchieved}, want: "16.00", wantRule: scoring.RuleDeadlineBandFloor},
		{name: "deadline late score outside the band is an error",
			input: scoring.Input{Indicator: deadlineInd("2024", "20"), CompletedOn: "2025-01-05", Band: report.BandPartly, ScoreInput: dp("17")}, wantErr: true},

		// ── qualitative (W = 20: achieved [16, 20], partly [12, 16), not achieved [0, 12)) ──
		{name: "qualitative exactly 80% of W is achieved",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandAchieved, ScoreInput: dp("16")}, want: "16.00", wantRule: scoring.RuleQualitativeBand},
		{name: "qualitative 80% of W is not partly",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandPartly, ScoreInput: dp("16")}, wantErr: true},
		{name: "qualitative exactly 60% of W is partly",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandPartly, ScoreInput: dp("12")}, want: "12.00", wantRule: scoring.RuleQualitativeBand},
		{name: "qualitative 60% of W is not not-achieved",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandNotAchieved, ScoreInput: dp("12")}, wantErr: true},
		{name: "qualitative score of W is accepted",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandAchieved, ScoreInput: dp("20")}, want: "20.00", wantRule: scoring.RuleQualitativeBand},
		{name: "qualitative score of W + 0.01 is rejected",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandAchieved, ScoreInput: dp("20.01")}, wantErr: true},
		{name: "qualitative not achieved may score 0",
			input: scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandNotAchieved, ScoreInput: dp("0")}, want: "0.00", wantRule: scoring.RuleQualitativeBand},
		{name: "qualitative score without a band is an error",
			input: scoring.Input{Indicator: qualitativeInd("20"), ScoreInput: dp("18")}, wantErr: true},
		{name: "qualitative band without score takes the floor", // 0.6 × 15 = 9
			input: scoring.Input{Indicator: qualitativeInd("15"), Band: report.BandPartly}, want: "9.00", wantRule: scoring.RuleQualitativeBandFloor},
		{name: "qualitative floor rounds up to stay in the band", // 0.8 × 3.33 = 2.664 → 2.67 (2.66 would be partly)
			input: scoring.Input{Indicator: qualitativeInd("3.33"), Band: report.BandAchieved}, want: "2.67", wantRule: scoring.RuleQualitativeBandFloor},
		{name: "qualitative without band is missing",
			input: scoring.Input{Indicator: qualitativeInd("20")}, want: "0.00", wantRule: scoring.RuleMissing},

		// ── not applicable ──
		{name: "not applicable scores nothing whatever its value",
			input: scoring.Input{Indicator: higher("95", "20"), Value: dp("98"), NotApplicable: true}, want: "0.00", wantRule: scoring.RuleNotApplicable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := tt.rs
			if rs.Name == "" {
				rs = national
			}
			got, err := scoring.Line(rs, tt.input)
			if tt.wantErr {
				if !errors.Is(err, scoring.ErrInvalidInput) {
					t.Fatalf("Line() = %+v, %v; want ErrInvalidInput", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Line() error = %v", err)
			}
			if got.Score.StringFixed(2) != tt.want || !got.Score.Equal(got.Computed) {
				t.Errorf("score = %s (computed %s), want %s", got.Score, got.Computed, tt.want)
			}
			if got.Rule != tt.wantRule {
				t.Errorf("rule = %s, want %s", got.Rule, tt.wantRule)
			}
			if got.Overshoot != tt.wantOvershoot {
				t.Errorf("overshoot = %v, want %v", got.Overshoot, tt.wantOvershoot)
			}
			if got.Basis == "" {
				t.Error("no explanation")
			}
			if got.Computed.Exponent() < -2 {
				t.Errorf("computed %s has more than 2 places", got.Computed)
			}
		})
	}
}

func TestLineExplainsItsArithmetic(t *testing.T) {
	tests := []struct {
		name  string
		rs    rules.RuleSet
		input scoring.Input
		want  string
	}{
		{"higher ratio", rules.National(), scoring.Input{Indicator: higher("95", "20"), Value: dp("90")},
			"实际值 90 低于目标值 95，得分 = 20 × 90 ÷ 95 = 18.95"},
		{"projected value is named so", rules.National(), scoring.Input{Indicator: higher("95", "20"), Value: dp("90"), Projected: true},
			"全年预计值 90 低于目标值 95，得分 = 20 × 90 ÷ 95 = 18.95"},
		{"lower linear", linear(), scoring.Input{Indicator: lower("5", "10"), Value: dp("6")},
			"实际值 6 高于目标值 5，得分 = 10 × (1 − (6 − 5) ÷ 5) = 8.00"},
		{"overshoot", rules.National(), scoring.Input{Indicator: higher("100", "20"), Value: dp("130")},
			"达到目标值的 130% 及以上"},
		{"qualitative band", rules.National(), scoring.Input{Indicator: qualitativeInd("20"), Band: report.BandAchieved, ScoreInput: dp("18")},
			"选择“达成年度指标”档（[16, 20]），得分 18.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scoring.Line(tt.rs, tt.input)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Basis, tt.want) {
				t.Errorf("basis %q does not contain %q", got.Basis, tt.want)
			}
			if got.Target == "" || got.Weight == "" {
				t.Errorf("inputs not kept: T=%q W=%q", got.Target, got.Weight)
			}
		})
	}
}
