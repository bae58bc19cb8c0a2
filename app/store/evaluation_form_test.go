package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"jixiao/app/gen"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/rules"
)

// TestEvaluationsStoredWithEveryLineScoreReadAlike: evaluations stored
// before the store left out a line's repeated score (json.Marshal of the
// domain's value, every line with its score) read as the same evaluation,
// and a rescore under the same rules finds nothing changed and leaves them
// as they are.
func TestEvaluationsStoredWithEveryLineScoreReadAlike(t *testing.T) {
	ctx := context.Background()
	st := migratedDatabase(t, "evaluationform")
	g, err := gen.New(gen.Options{Departments: 3, ProjectsPer: 6, Seed: 3}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Load(ctx, st, g, "not a password hash", time.Now()); err != nil {
		t.Fatal(err)
	}
	type stored struct {
		code, text    string
		lines, scored int // lines, and lines stored with their score
	}
	read := func() map[int64]stored {
		t.Helper()
		rows, err := st.DB().QueryContext(ctx, `SELECT id, project_code, evaluation::text, jsonb_array_length(evaluation->'Lines'),
			(SELECT count(*) FROM jsonb_array_elements(evaluation->'Lines') l WHERE l ? 'Score')
			FROM reports WHERE period_key = '2024-06' AND jsonb_array_length(evaluation->'Lines') > 0`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int64]stored{}
		for rows.Next() {
			var id int64
			var s stored
			if err := rows.Scan(&id, &s.code, &s.text, &s.lines, &s.scored); err != nil {
				t.Fatal(err)
			}
			out[id] = s
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	evaluations := func(reps map[int64]stored) map[int64]monitor.Evaluation {
		t.Helper()
		out := map[int64]monitor.Evaluation{}
		for id, s := range reps {
			rec, err := st.GetReport(ctx, store.ScopeAll(), s.code, "2024-06")
			if err != nil {
				t.Fatal(err)
			}
			out[id] = rec.Evaluation
		}
		return out
	}
	written := read()
	if len(written) < 10 {
		t.Fatalf("only %d reports with lines", len(written))
	}
	for id, s := range written {
		if s.scored != 0 {
			t.Fatalf("report %d written with %d of %d lines scored", id, s.scored, s.lines)
		}
	}
	want := evaluations(written)
	for id, ev := range want {
		full, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE reports SET evaluation = $2::jsonb WHERE id = $1`, id, string(full)); err != nil {
			t.Fatal(err)
		}
	}
	full := read()
	for id, s := range full {
		if s.scored != s.lines || len(s.text) <= len(written[id].text) {
			t.Fatalf("report %d in the full form: %d of %d lines scored, %d bytes (written %d)", id, s.scored, s.lines, len(s.text), len(written[id].text))
		}
	}
	if got := evaluations(full); !reflect.DeepEqual(got, want) {
		t.Fatal("the full form reads otherwise")
	}
	n, changed, err := st.Rescore(ctx, "2024-06", evaluator(rules.National()), audit.Entry{At: time.Now(), Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if n < len(full) || changed != 0 {
		t.Errorf("rescore under the same rules: %d reports, %d changed", n, changed)
	}
	if after := read(); !reflect.DeepEqual(after, full) {
		t.Error("the rescore rewrote evaluations it found the same")
	}
}
