package store_test

import (
	"context"
	"testing"
	"time"

	"jixiao/app/dbtest"
	"jixiao/app/store"
)

// TestEachStatementOfAMarkedContextHasItsOwnDeadline: a context marked
// with a statement timeout may last long, but each statement made with it
// ends after the timeout (through gorm and database/sql as through pgx),
// and the store then sees the database stalled until a statement succeeds.
func TestEachStatementOfAMarkedContextHasItsOwnDeadline(t *testing.T) {
	st := dbtest.Open(t)
	began := time.Now()
	ctx, cancel := context.WithTimeout(store.WithStatementTimeout(context.Background(), 300*time.Millisecond), time.Minute)
	defer cancel()
	// quick statements one after the other outlast the statement timeout together
	for range 4 {
		if _, err := st.DB().ExecContext(ctx, `SELECT pg_sleep(0.1)`); err != nil {
			t.Fatalf("a quick statement: %v", err)
		}
	}
	if st.StalledSince(began) {
		t.Error("stalled after quick statements")
	}
	t0 := time.Now()
	_, err := st.DB().ExecContext(ctx, `SELECT pg_sleep(3)`)
	took := time.Since(t0)
	if err == nil || !store.IsUnavailable(err) || took > 1500*time.Millisecond {
		t.Fatalf("a statement longer than its timeout: %v after %s, want unavailable after about 300 ms", err, took)
	}
	if ctx.Err() != nil {
		t.Fatalf("the request's context ended with its statement: %v", ctx.Err())
	}
	if !st.StalledSince(began) {
		t.Error("not seen stalled after a statement timed out")
	}
	if st.StalledSince(time.Now()) {
		t.Error("seen stalled since after the timeout")
	}
	if _, err := st.DB().ExecContext(context.Background(), `SELECT 1`); err != nil {
		t.Fatal(err)
	}
	if st.StalledSince(began) {
		t.Error("still stalled once a statement succeeded")
	}
	// a context without the mark is bounded by its own deadline only
	if _, err := st.DB().ExecContext(context.Background(), `SELECT pg_sleep(0.5)`); err != nil {
		t.Errorf("an unmarked statement of 500 ms: %v", err)
	}
}
