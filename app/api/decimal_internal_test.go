package api

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestMoneyAndNumberRenderAsTheDecimalPackage: money is StringFixed(2) for
// an amount of at most two places, String otherwise; number is String.
func TestMoneyAndNumberRenderAsTheDecimalPackage(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	ds := []decimal.Decimal{decimal.RequireFromString("330.984"), decimal.RequireFromString("100"), decimal.RequireFromString("0.5"),
		decimal.RequireFromString("2150.780"), decimal.RequireFromString("-3.00"), decimal.RequireFromString("0.0000001"), decimal.Zero}
	for range 5000 {
		ds = append(ds, decimal.New(rnd.Int64N(2_000_000_000)-1_000_000_000, int32(rnd.IntN(14)-8)))
	}
	for _, d := range ds {
		want := d.String()
		if d.Equal(d.Round(2)) {
			want = d.StringFixed(2)
		}
		if got := money(d); got != want {
			t.Fatalf("money(%s) = %q, want %q", d, got, want)
		}
		if got := number(d); got != d.String() {
			t.Fatalf("number(%s) = %q, want %q", d, got, d.String())
		}
	}
}
