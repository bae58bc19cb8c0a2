package scoring_test

import (
	"strings"
	"testing"

	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func profileRules(t *testing.T, name string) rules.RuleSet {
	t.Helper()
	for _, p := range rules.Shipped() {
		if p.Name == name {
			rs, err := p.RuleSet()
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}
	}
	t.Fatalf("no shipped profile %s", name)
	return rules.RuleSet{}
}

// fullMarksBut88 is finalReport with every line full but the qualitative
// one at 18 of 20: indicator sum 20 + 20 + 18 + 20 + 10 = 88.
func fullMarksBut88(executed string) report.Report {
	r := finalReport()
	r.Lines[1].Value = dp("95")
	r.Lines[2] = report.Line{IndicatorID: 3, Band: report.BandAchieved, ScoreInput: dp("18")}
	r.Lines[4].Value = dp("5")
	r.Budget.Executed = dp(executed)
	return r
}

// TestExecutionCapsByHand: budget 800, indicator sum 88.
//
//	executed 520: rate 65 %, execution 10 × 520 ÷ 800 = 6.50, 88 + 6.50 = 94.50;
//	              65 % is below 70 %: the total is capped at 79 → 79.00, 中
//	executed 360: 45 %, 4.50, 92.50, below 50 %: 59 → 59.00, 差
//	executed 640: 80 %, 8.00, 96.00, no cap (70–80 % is below 80 %, 80 % is not)
//	executed 600: 75 %, 7.50, 95.50, below 80 %: 89 → 89.00, 良
//	national, executed 520: 94.50, 优
func TestExecutionCapsByHand(t *testing.T) {
	caps := profileRules(t, rules.ProfileExecutionCaps)
	tests := []struct {
		name             string
		rs               rules.RuleSet
		period, executed string
		total, grade     string
		capped           bool
	}{
		{"65 % caps 94.50 at 79", caps, "2024", "520", "79.00", "中", true},
		{"45 % caps 92.50 at 59", caps, "2024", "360", "59.00", "差", true},
		{"80 % is not capped", caps, "2024", "640", "96.00", "优", false},
		{"75 % caps 95.50 at 89", caps, "2024", "600", "89.00", "良", true},
		{"national does not cap", rules.National(), "2024", "520", "94.50", "优", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := scoring.Score(tt.rs, scoredProject(), mustPeriod(tt.period), fullMarksBut88(tt.executed), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.IndicatorSum.StringFixed(2) != "88.00" {
				t.Fatalf("indicator sum %s, want 88.00", res.IndicatorSum)
			}
			if res.Total.StringFixed(2) != tt.total || string(res.Grade) != tt.grade {
				t.Errorf("total %s %s, want %s %s (%s)", res.Total.StringFixed(2), res.Grade, tt.total, tt.grade, res.Basis)
			}
			if !res.ComputedTotal.Equal(res.Total) {
				t.Errorf("computed total %s, total %s", res.ComputedTotal, res.Total)
			}
			if (len(res.Effects) == 1) != tt.capped {
				t.Fatalf("effects %v", res.Effects)
			}
			if tt.capped {
				e := res.Effects[0]
				if e.Rule != scoring.RuleExecutionCap || !strings.Contains(res.Basis, e.Basis) || !strings.Contains(e.Basis, "（来源：") {
					t.Errorf("effect %+v, basis %s", e, res.Basis)
				}
			}
		})
	}
	res, _ := scoring.Score(caps, scoredProject(), mustPeriod("2024"), fullMarksBut88("520"), nil)
	want := "执行率65%，低于70%，按执行率封顶规则总分不超过79分（来源："
	if !strings.HasPrefix(res.Effects[0].Basis, want) {
		t.Errorf("sentence %q, want it to begin %q", res.Effects[0].Basis, want)
	}
}

func TestExecutionCapsLeaveMidYearProjectionsAlone(t *testing.T) {
	r := fullMarksBut88("0")
	r.PeriodKey = "2024-06"
	r.Budget = report.Budget{Executed: dp("100"), Projected: dp("520")}
	for i := range r.Lines {
		r.Lines[i].Projected = r.Lines[i].Value
	}
	r.Lines[3] = report.Line{IndicatorID: 4, Likelihood: report.LikelihoodCertain}
	res, err := scoring.Score(profileRules(t, rules.ProfileExecutionCaps), scoredProject(), mustPeriod("2024-06"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total.StringFixed(2) != "94.50" || res.Effects != nil {
		t.Errorf("projected total %s, effects %v", res.Total, res.Effects)
	}
}

// TestDeviationDeductionByHand: W 20, T 100.
//
//	A 130 (130 %): full 20, 指标偏离 −2 → 18.00
//	A 129.99: 20.00, no deduction; A 200: 18.00
//	national, A 130: 20.00 (an explanation is asked, nothing deducted)
//	lower-is-better ≤ 100, A 130: 20 × 100 ÷ 130 = 15.38, never "deviating"
func TestDeviationDeductionByHand(t *testing.T) {
	dev := profileRules(t, rules.ProfileDeviation)
	tests := []struct {
		name      string
		rs        rules.RuleSet
		lowerKind bool
		value     string
		score     string
		deducted  string
	}{
		{"130 % loses 2", dev, false, "130", "18.00", "2"},
		{"129.99 keeps 20", dev, false, "129.99", "20.00", "0"},
		{"200 % loses 2", dev, false, "200", "18.00", "2"},
		{"national keeps 20", rules.National(), false, "130", "20.00", "0"},
		{"lower-is-better is not deviation", dev, true, "130", "15.38", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := higher("100", "20")
			if tt.lowerKind {
				ind = lower("100", "20")
			}
			ls, err := scoring.Line(tt.rs, scoring.Input{Indicator: ind, Value: dp(tt.value)})
			if err != nil {
				t.Fatal(err)
			}
			if ls.Score.StringFixed(2) != tt.score || ls.Deduction.String() != tt.deducted {
				t.Errorf("score %s deduction %s, want %s %s (%s)", ls.Score, ls.Deduction, tt.score, tt.deducted, ls.Basis)
			}
			if (tt.deducted != "0") != strings.Contains(ls.Basis, "属指标偏离，扣2分（来源：") {
				t.Errorf("basis %q", ls.Basis)
			}
		})
	}
	// a deduction never takes a line below 0
	ls, err := scoring.Line(dev, scoring.Input{Indicator: higher("100", "1.5"), Value: dp("150")})
	if err != nil || !ls.Score.IsZero() || ls.Deduction.String() != "1.5" {
		t.Errorf("W 1.5: score %s deduction %s, %v", ls.Score, ls.Deduction, err)
	}
}
