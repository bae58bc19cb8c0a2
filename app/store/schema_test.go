package store_test

import (
	"context"
	"testing"

	"jixiao/app/dbtest"
)

// TestEveryBudgetColumnHoldsWhatProjectsHold: a copy of a project's budget
// (a target version's snapshot, say) must not round what projects.budget
// keeps, or an adjustment would silently change the budget of a project
// imported in 元 (330.984 万元).
func TestEveryBudgetColumnHoldsWhatProjectsHold(t *testing.T) {
	st := dbtest.Open(t)
	rows, err := st.DB().QueryContext(context.Background(), `
		SELECT table_name, numeric_precision, numeric_scale FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'budget'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type shape struct{ precision, scale int }
	got := map[string]shape{}
	for rows.Next() {
		var table string
		var sh shape
		if err := rows.Scan(&table, &sh.precision, &sh.scale); err != nil {
			t.Fatal(err)
		}
		got[table] = sh
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want, ok := got["projects"]
	if !ok || len(got) < 2 {
		t.Fatalf("budget columns found: %v", got)
	}
	for table, sh := range got {
		if sh.scale < want.scale || sh.precision-sh.scale < want.precision-want.scale {
			t.Errorf("%s.budget is numeric(%d,%d); projects.budget is numeric(%d,%d)", table, sh.precision, sh.scale, want.precision, want.scale)
		}
	}
}
