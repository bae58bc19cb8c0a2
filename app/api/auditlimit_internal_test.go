package api

import (
	"testing"
	"time"
)

func TestAnonLimiterCountsWhatItSuppressesIntoTheNextRow(t *testing.T) {
	l := newAnonLimiter(2)
	t0 := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	for i, want := range []bool{true, true, false, false, false} {
		if ok, _ := l.allow("198.51.100.1", t0.Add(time.Duration(i)*time.Second)); ok != want {
			t.Errorf("refusal %d: allowed %v, want %v", i, ok, want)
		}
	}
	if ok, _ := l.allow("198.51.100.2", t0); !ok {
		t.Error("another address was limited")
	}
	ok, suppressed := l.allow("198.51.100.1", t0.Add(time.Minute))
	if !ok || suppressed != 3 {
		t.Errorf("the next minute: allowed %v with %d suppressed, want true with 3", ok, suppressed)
	}
}
