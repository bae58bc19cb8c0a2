package main

import (
	"context"
	"time"

	"jixiao/app/seed"
	"jixiao/app/store"
)

// saveBudget loads the department's project spending from its budget tables
// (for reconciliation with the targets) and its overall draft (部门整体).
func saveBudget(ctx context.Context, st *store.Store) error {
	return seed.SaveGolmudBudget2024(ctx, st, time.Now())
}
