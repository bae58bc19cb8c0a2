package report_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/report"
)

// formatSamples are decimals of every shape: signs, zero, exponents both
// ways, leading and trailing zeros, coefficients near and past int64.
func formatSamples() []decimal.Decimal {
	rnd := rand.New(rand.NewPCG(3, 4))
	var out []decimal.Decimal
	for range 20000 {
		var c int64
		switch rnd.IntN(4) {
		case 0:
			c = rnd.Int64N(2001) - 1000
		case 1:
			c = rnd.Int64N(2_000_000) - 1_000_000
		case 2:
			c = rnd.Int64() - rnd.Int64()
		default:
			c = (rnd.Int64N(2000) - 1000) * 1000
		}
		out = append(out, decimal.New(c, int32(rnd.IntN(44)-24)))
	}
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	out = append(out, decimal.NewFromBigInt(huge, -7), decimal.NewFromBigInt(huge, 2), decimal.Decimal{}, decimal.New(0, -5),
		decimal.New(0, 4), decimal.New(-9223372036854775808, -3), decimal.New(9223372036854775807, 0), decimal.New(999999999999999999, -2),
		decimal.RequireFromString("17.00"), decimal.RequireFromString("0.0050"), decimal.RequireFromString("-0.5"))
	return out
}

func TestFormatNumberIsString(t *testing.T) {
	for _, d := range formatSamples() {
		if got, want := report.FormatNumber(d), d.String(); got != want {
			t.Fatalf("FormatNumber(%d×10^%d) = %q, String %q", d.Coefficient(), d.Exponent(), got, want)
		}
		if got, want := string(report.AppendNumber([]byte("x"), d)), "x"+d.String(); got != want {
			t.Fatalf("AppendNumber(%d×10^%d) = %q, want %q", d.Coefficient(), d.Exponent(), got, want)
		}
	}
}

func TestFormatFixedIsStringFixed(t *testing.T) {
	for _, d := range formatSamples() {
		for _, places := range []int32{0, 1, 2, 4, 18, 19, -1} {
			if got, want := report.FormatFixed(d, places), d.StringFixed(places); got != want {
				t.Fatalf("FormatFixed(%d×10^%d, %d) = %q, StringFixed %q", d.Coefficient(), d.Exponent(), places, got, want)
			}
		}
	}
}
