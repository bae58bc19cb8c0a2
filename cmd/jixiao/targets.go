package main

import (
	"context"

	"jixiao/app/seed"
	"jixiao/app/store"
)

// saveBudget loads the department's project spending from its budget tables
// (for reconciliation with the targets).
func saveBudget(ctx context.Context, st *store.Store) error {
	b, err := seed.GolmudBudget2024()
	if err != nil {
		return err
	}
	return st.SaveBudgetSpending(ctx, b.Department, b.Year, b.Lines)
}
