package store_test

import (
	"context"
	"testing"

	"jixiao/app/dbtest"
)

// TestRollupsEqualAFreshRebuildAfterEveryKindOfUpdate: the rollup triggers
// fire on an update only when a column the rollups sum changes (migration
// 00012). After updates of every kind, those that change a summed column
// and those that do not, the rollups kept by the triggers equal the ones
// rebuild_dashboard_rollups computes from scratch.
func TestRollupsEqualAFreshRebuildAfterEveryKindOfUpdate(t *testing.T) {
	st := dbtest.Open(t)
	ds := seedGolmud(t, st)
	ctx := context.Background()
	db := st.DB()
	a, b := ds.Projects[len(ds.Projects)-1].Code, ds.Projects[len(ds.Projects)-2].Code
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// the package's other tests share the database: leave the projects as seeded
	t.Cleanup(func() {
		exec(`DELETE FROM reports WHERE project_code IN ($1, $2)`, a, b)
		exec(`UPDATE projects SET status = 'approved' WHERE code IN ($1, $2)`, a, b)
		seedGolmud(t, st)
	})
	// reports to update, written as the importers and gen write them
	exec(`INSERT INTO reports (project_code, period_key, status, version, time_progress, execution_score, budget_light, light,
		indicator_sum, total, computed_total, grade, blocking, evaluation, updated_at, updated_by, target_version)
		SELECT code, '2024-06', 'draft', 1, 50, 10, 'green', 'green', 80, 90, 90, '优', '[]', '{}', now(), 'test', 1
		FROM projects WHERE code IN ($1, $2)`, a, b)
	steps := []struct {
		what string
		sql  string
		args []any
	}{
		{"a reason only", `UPDATE reports SET budget_reason = 'x' WHERE project_code = $1`, []any{a}},
		{"a light", `UPDATE reports SET light = 'red' WHERE project_code = $1`, []any{a}},
		{"a total and grade", `UPDATE reports SET total = 55, grade = '差' WHERE project_code = $1`, []any{b}},
		{"an executed budget", `UPDATE reports SET budget_executed = 12.5 WHERE project_code = $1`, []any{a}},
		{"an adjusted budget", `UPDATE reports SET budget_adjusted = 99.125 WHERE project_code = $1`, []any{b}},
		{"a status", `UPDATE reports SET status = 'submitted' WHERE project_code = $1`, []any{b}},
		{"a project's name only", `UPDATE projects SET name = name || '（改）' WHERE code = $1`, []any{a}},
		{"a project's budget", `UPDATE projects SET budget = budget + 1 WHERE code = $1`, []any{a}},
		{"a project's status", `UPDATE projects SET status = 'draft' WHERE code = $1`, []any{b}},
		{"a deleted report", `DELETE FROM reports WHERE project_code = $1`, []any{a}},
	}
	for _, s := range steps {
		exec(s.sql, s.args...)
		var differ int
		// compare inside a transaction that rebuilds and rolls back
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.ExecContext(ctx, `CREATE TEMP TABLE kept ON COMMIT DROP AS SELECT * FROM dashboard_rollups`)
		if err == nil {
			_, err = tx.ExecContext(ctx, `SELECT rebuild_dashboard_rollups(key) FROM periods`)
		}
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT count(*) FROM ((SELECT * FROM kept EXCEPT SELECT * FROM dashboard_rollups)
				UNION ALL (SELECT * FROM dashboard_rollups EXCEPT SELECT * FROM kept)) d`).Scan(&differ)
		}
		_ = tx.Rollback()
		if err != nil {
			t.Fatalf("after %s: %v", s.what, err)
		}
		if differ != 0 {
			t.Errorf("after %s: %d rollup rows differ from a fresh rebuild", s.what, differ)
		}
	}
}
