package report_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/report"
)

// FuzzParseNumber reads any text as an entered number (domain reference
// §3). What it accepts is a plain decimal (digits, at most one point, an
// optional leading minus; no exponent, sign "+", space, NaN or Infinity, not
// "-0"), at most 40 bytes, and it reads back to itself.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"95", "95.5", "0", "0.0001", "18000", "99999999999999.9999", "1.8E4", "-0", "-0.0", "-1", "NaN", "Infinity",
		" 1", "1 ", "1_000", "0x10", "1e-400", "100000000000000", "12.34567", "００１", "+5", ".5", "5.", "", "-", "1..2", "0000.10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := report.ParseNumber(s)
		if err != nil {
			return
		}
		if len(s) > 40 || strings.Trim(s, "0123456789.-") != "" || strings.Count(s, ".") > 1 || strings.LastIndex(s, "-") > 0 {
			t.Fatalf("%q accepted as %s", s, d)
		}
		if strings.HasPrefix(s, "-") && d.IsZero() {
			t.Fatalf("%q (a negative zero) accepted", s)
		}
		back, err := decimal.NewFromString(d.String())
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s does not read back: %v", s, d, err)
		}
		if want, err := decimal.NewFromString(s); err != nil || !want.Equal(d) {
			t.Fatalf("%q read as %s, not as the decimal it writes (%v)", s, d, err)
		}
	})
}
