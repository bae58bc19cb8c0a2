package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
)

// TestStoredDecimalIsNewFromString: numbers as PostgreSQL prints a numeric
// read as decimal.NewFromString reads them, to the exponent.
func TestStoredDecimalIsNewFromString(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	ss := []string{"0", "-0", "0.00", "100.00", "-3.5", "330.984000", "2150.78", "0.000001", "999999999999999999",
		"1234567890123456789", "-1234567890123.4567890123", "12345678901234567890123456789.123456"}
	for range 20000 {
		n := rnd.Int64() >> rnd.IntN(63)
		places := rnd.IntN(12)
		s := fmt.Sprintf("%d", n)
		if places > 0 {
			for len(s) <= places {
				s = "0" + s
			}
			s = s[:len(s)-places] + "." + s[len(s)-places:]
		}
		if rnd.IntN(3) == 0 {
			s = "-" + s
		}
		ss = append(ss, s)
	}
	for _, s := range ss {
		want, werr := decimal.NewFromString(s)
		got, err := store.StoredDecimal(s)
		if (err == nil) != (werr == nil) || !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("%q: got %s (exp %d, %v), NewFromString %s (exp %d, %v)", s, got, got.Exponent(), err, want, want.Exponent(), werr)
		}
	}
	for _, bad := range []string{"", "-", "NaN", "1.2.3", "12a"} {
		if _, err := store.StoredDecimal(bad); err == nil {
			t.Errorf("%q read without error", bad)
		}
	}
}
