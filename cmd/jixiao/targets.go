package main

import (
	"context"
	"time"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
)

// saveBudget loads the department's project spending from its budget tables
// (for reconciliation with the targets).
func saveBudget(ctx context.Context, st *store.Store) error {
	b, err := seed.GolmudBudget2024()
	if err != nil {
		return err
	}
	if err := st.SaveBudgetSpending(ctx, b.Department, b.Year, b.Lines); err != nil {
		return err
	}
	// the department as a whole (部门整体): a draft with the disclosed budget, no indicators
	_, err = st.EnsureOverallDraft(ctx, store.OverallDraft{Department: b.Department, Year: b.Year,
		Name: "格尔木市人民政府办公室2024年部门整体支出绩效", Basic: b.Basic, Projects: b.Total},
		audit.Entry{At: time.Now().UTC(), Actor: audit.CLI})
	return err
}
