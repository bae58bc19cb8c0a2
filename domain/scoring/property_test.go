package scoring_test

import (
	"errors"
	"fmt"
	"testing"
	"testing/quick"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// cents turns any int64 into a non-negative amount with 2 places, below 10^9.
func cents(n int64) decimal.Decimal {
	if n < 0 {
		n = -(n + 1)
	}
	return decimal.New(n%100_000_000_000, -2)
}

var natures = []project.Nature{project.NatureGE, project.NatureGT, project.NatureLE, project.NatureLT, project.NatureEQ}

func numericScore(t *testing.T, rs rules.RuleSet, nature project.Nature, target, value, weight decimal.Decimal) scoring.LineScore {
	t.Helper()
	v := value
	ls, err := scoring.Line(rs, scoring.Input{
		Indicator: numericInd(nature, target.String(), "件", weight.String()),
		Value:     &v,
	})
	if err != nil {
		t.Fatalf("Line(%s %s, A=%s, W=%s): %v", nature, target, value, weight, err)
	}
	return ls
}

// checkWithinWeight is the property: 0 ≤ score ≤ W, with 2 places.
func checkWithinWeight(t *testing.T, natureIdx uint8, linearMethod bool, target, value, weight int64) {
	rs := rules.National()
	if linearMethod {
		rs.ReverseMethod = rules.ReverseLinear
	}
	w := cents(weight % 10_001) // up to 100.00
	ls := numericScore(t, rs, natures[int(natureIdx)%len(natures)], cents(target), cents(value), w)
	if ls.Score.IsNegative() || ls.Score.GreaterThan(w) || ls.Score.Exponent() < -2 {
		t.Errorf("score %s outside 0..%s (rule %s, T=%s, A=%s)", ls.Score, w, ls.Rule, ls.Target, ls.Value)
	}
}

func FuzzLineWithinWeight(f *testing.F) {
	f.Add(uint8(0), false, int64(9500), int64(9000), int64(2000))
	f.Add(uint8(2), false, int64(500), int64(1600), int64(1000))
	f.Add(uint8(2), true, int64(500), int64(1000), int64(1000))
	f.Add(uint8(3), true, int64(0), int64(1), int64(1000))
	f.Add(uint8(4), false, int64(0), int64(0), int64(1))
	f.Add(uint8(4), false, int64(6300), int64(100000), int64(2000))
	f.Add(uint8(1), false, int64(1), int64(-1), int64(-1))
	f.Fuzz(func(t *testing.T, natureIdx uint8, linearMethod bool, target, value, weight int64) {
		checkWithinWeight(t, natureIdx, linearMethod, target, value, weight)
	})
}

func TestLineWithinWeightQuick(t *testing.T) {
	err := quick.Check(func(natureIdx uint8, linearMethod bool, target, value, weight int64) bool {
		checkWithinWeight(t, natureIdx, linearMethod, target%1_000_000, value%2_000_000, weight)
		return !t.Failed()
	}, &quick.Config{MaxCount: 2000})
	if err != nil {
		t.Error(err)
	}
}

// checkHigherMonotone is the property: a higher-is-better score never falls
// when the value rises.
func checkHigherMonotone(t *testing.T, target, a, b int64) {
	rs := rules.National()
	lo, hi := cents(a), cents(b)
	if lo.GreaterThan(hi) {
		lo, hi = hi, lo
	}
	w := decimal.NewFromInt(20)
	sLo := numericScore(t, rs, project.NatureGE, cents(target), lo, w).Score
	sHi := numericScore(t, rs, project.NatureGE, cents(target), hi, w).Score
	if sHi.LessThan(sLo) {
		t.Errorf("T=%s: score(%s) = %s > score(%s) = %s", cents(target), lo, sLo, hi, sHi)
	}
}

func FuzzHigherNeverFallsWhenValueRises(f *testing.F) {
	f.Add(int64(9500), int64(9000), int64(9001))
	f.Add(int64(8000), int64(5001), int64(5002))
	f.Add(int64(0), int64(0), int64(1))
	f.Add(int64(100), int64(99), int64(100))
	f.Fuzz(checkHigherMonotone)
}

func TestHigherNeverFallsWhenValueRisesQuick(t *testing.T) {
	err := quick.Check(func(target, a, b int64) bool {
		checkHigherMonotone(t, target%1_000_000, a%1_000_000, b%1_000_000)
		return !t.Failed()
	}, &quick.Config{MaxCount: 2000})
	if err != nil {
		t.Error(err)
	}
}

// checkTotalWithinHundred is the property: a project total stays in 0–100,
// whatever the values, bands and lines left out.
func checkTotalWithinHundred(t *testing.T, values [5]int64, naMask uint8, band uint8, executed int64) {
	p := scoredProject()
	bands := []report.Band{report.BandNone, report.BandAchieved, report.BandPartly, report.BandNotAchieved}
	v := func(i int) *decimal.Decimal { x := cents(values[i] % 100_000); return &x }
	x := cents(executed % 200_000)
	r := report.Report{
		Budget: report.Budget{Executed: &x},
		Lines: []report.Line{
			{IndicatorID: 1, Value: v(0)},
			{IndicatorID: 2, Value: v(1)},
			{IndicatorID: 3, Band: bands[int(band)%len(bands)]},
			{IndicatorID: 4, CompletedOn: fmt.Sprintf("2024-12-%02d", 1+values[3]%30*sign(values[3]))},
			{IndicatorID: 5, Value: v(4)},
		},
	}
	if values[2]%2 == 0 { // not done within the year: graded by band
		r.Lines[3].CompletedOn = ""
		r.Lines[3].Band = bands[int(band/4)%len(bands)]
	}
	for i := range r.Lines {
		if naMask&(1<<i) != 0 {
			r.Lines[i].NotApplicable, r.Lines[i].NotApplicableReason = true, "不适用"
		}
	}
	got, err := scoring.Score(rules.National(), p, period.Period{Key: "2024", Kind: period.KindFinal, Year: 2024, CutoffMonth: 12}, r, nil)
	if naMask&0x1f == 0x1f { // every line not applicable: refused, never scored
		if !errors.Is(err, report.ErrInvalid) {
			t.Fatalf("every line not applicable: %v, want report.ErrInvalid", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	if got.Total.IsNegative() || got.Total.GreaterThan(decimal.NewFromInt(100)) || got.IndicatorSum.GreaterThan(decimal.NewFromInt(90)) {
		t.Errorf("total %s (indicators %s) outside 0–100 for %+v", got.Total, got.IndicatorSum, r)
	}
}

func sign(n int64) int64 {
	if n < 0 {
		return -1
	}
	return 1
}

func FuzzTotalWithinHundred(f *testing.F) {
	f.Add(int64(15000), int64(9000), int64(1), int64(2), int64(1000), uint8(0), uint8(1), int64(70000))
	f.Add(int64(99999), int64(99999), int64(0), int64(0), int64(0), uint8(4), uint8(2), int64(199999))
	f.Add(int64(0), int64(0), int64(0), int64(0), int64(99999), uint8(31), uint8(3), int64(0))
	f.Add(int64(1), int64(2), int64(3), int64(4), int64(5), uint8(2), uint8(9), int64(80000))
	f.Fuzz(func(t *testing.T, a, b, c, dd, e int64, naMask, band uint8, executed int64) {
		checkTotalWithinHundred(t, [5]int64{a, b, c, dd, e}, naMask, band, executed)
	})
}

func TestTotalWithinHundredQuick(t *testing.T) {
	err := quick.Check(func(values [5]int64, naMask, band uint8, executed int64) bool {
		checkTotalWithinHundred(t, values, naMask, band, executed)
		return !t.Failed()
	}, &quick.Config{MaxCount: 500})
	if err != nil {
		t.Error(err)
	}
}
