package seed

import (
	"context"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
)

// SaveGolmudBudget2024 stores 003001's project spending of 2024 from its
// budget tables (for reconciliation with the targets) and starts its
// overall target set 003001-ZT2024 (部门整体支出绩效) as a draft whose budget
// is the disclosed 4,397.85 = 基本支出 2,244.07 + 项目支出 2,153.78, with no
// indicators: the disclosure publishes none. Idempotent.
func SaveGolmudBudget2024(ctx context.Context, st *store.Store, now time.Time) error {
	b, err := GolmudBudget2024()
	if err != nil {
		return err
	}
	if err := st.SaveBudgetSpending(ctx, b.Department, b.Year, b.Lines); err != nil {
		return err
	}
	ds, err := Golmud2024()
	if err != nil {
		return err
	}
	_, err = st.EnsureOverallDraft(ctx, store.OverallDraft{Department: b.Department, Year: b.Year,
		Name: ds.Department.Name + "2024年部门整体支出绩效", Basic: b.Basic, Projects: b.Total},
		audit.Entry{At: now.UTC(), Actor: audit.CLI})
	return err
}
