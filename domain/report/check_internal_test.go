package report

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestDigitChecksAreTheDecimalOnes holds integerDigitsOver and placesOver
// to the decimal package's own arithmetic over numbers of every size,
// exponent and trailing zeros, at the limits the storage uses and beyond.
func TestDigitChecksAreTheDecimalOnes(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	var ds []decimal.Decimal
	for range 30000 {
		var c int64
		switch rnd.IntN(4) {
		case 0:
			c = rnd.Int64N(100000)
		case 1:
			c = rnd.Int64N(100) * 10000
		case 2:
			c = rnd.Int64() >> rnd.IntN(63)
		default:
			c = rnd.Int64N(10) * pow10[rnd.IntN(19)]
		}
		ds = append(ds, decimal.New(c, int32(rnd.IntN(50)-30)))
	}
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	ds = append(ds, decimal.NewFromBigInt(huge, -10), decimal.NewFromBigInt(huge, -30), decimal.NewFromBigInt(huge, 0),
		decimal.Decimal{}, decimal.New(0, -40), decimal.New(0, 40), decimal.RequireFromString("95.00000"),
		decimal.RequireFromString("9999999999999999.9999"), decimal.RequireFromString("10000000000000000"),
		decimal.RequireFromString("0.00001"), decimal.RequireFromString("9999.99"))
	for _, d := range ds {
		for _, digits := range []int32{0, 1, 4, 14, 16, 20} {
			if got, want := integerDigitsOver(d, digits), d.Truncate(0).GreaterThanOrEqual(decimal.New(1, digits)); got != want {
				t.Fatalf("integerDigitsOver(%s, %d) = %v, want %v", d, digits, got, want)
			}
		}
		for _, places := range []int32{0, 1, 2, 4, 10, 20} {
			if got, want := placesOver(d, places), !d.Equal(d.Truncate(places)); got != want {
				t.Fatalf("placesOver(%s, %d) = %v, want %v", d, places, got, want)
			}
		}
	}
}
