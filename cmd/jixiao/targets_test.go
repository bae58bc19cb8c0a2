package main

import (
	"context"
	"testing"

	"jixiao/app/store"
)

// TestSeedLoadsTheBudgetTables: after seed (twice), the reconciliation of
// the Golmud data is 2,150.78 against 2,153.78.
func TestSeedLoadsTheBudgetTables(t *testing.T) {
	for i := 0; i < 2; i++ {
		if out, err := jixiao(t, "", "seed"); err != nil {
			t.Fatalf("seed: %v\n%s", err, out)
		}
	}
	r, err := openStore(t).Reconciliation(context.Background(), store.ScopeAll(), "003001", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if r.TargetsTotal.StringFixed(2) != "2150.78" || r.BudgetTotal == nil || r.BudgetTotal.StringFixed(2) != "2153.78" || r.Difference.StringFixed(2) != "3.00" {
		t.Errorf("reconciliation after seed: %s, %v, %v", r.TargetsTotal, r.BudgetTotal, r.Difference)
	}
}
