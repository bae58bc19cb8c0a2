package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"jixiao/app/dbtest"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// TestAuditTrailRefusesUpdateDeleteAndTruncate: not even a direct SQL
// session rewrites history while the triggers are enabled.
func TestAuditTrailRefusesUpdateDeleteAndTruncate(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	if err := st.AppendAudit(ctx, audit.Entry{Actor: "tester", Action: "test.immutable", Detail: audit.JSON(map[string]int{"n": 1})}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE audit_log SET actor = 'someone else' WHERE action = 'test.immutable'`,
		`UPDATE audit_log SET detail = NULL`,
		`DELETE FROM audit_log WHERE action = 'test.immutable'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		_, err := st.DB().ExecContext(ctx, stmt)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" {
			t.Errorf("%s: %v, want refused (42501)", stmt, err)
		}
	}
	var actor string
	var n int
	if err := st.DB().QueryRowContext(ctx, `SELECT actor, (SELECT count(*) FROM audit_log WHERE action = 'test.immutable') FROM audit_log WHERE action = 'test.immutable'`).Scan(&actor, &n); err != nil {
		t.Fatal(err)
	}
	if actor != "tester" || n != 1 {
		t.Errorf("the row changed: actor %q, %d rows", actor, n)
	}
}

// TestAuditEntriesKeepWhatTheyAreGiven checks the round trip of an entry.
func TestAuditEntriesKeepWhatTheyAreGiven(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	at := time.Date(2024, 6, 30, 8, 0, 0, 0, time.UTC)
	in := audit.Entry{At: at, Actor: "roundtrip", ActorID: 7, IP: "10.0.0.1", Action: "test.roundtrip", ObjectType: "report",
		ObjectID: "P1/2024-06", Status: 200, Before: audit.JSON(map[string]string{"status": "draft"}),
		After: audit.JSON(map[string]string{"status": "submitted"}), Detail: audit.JSON(map[string]string{"comment": "好"})}
	if err := st.AppendAudit(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := st.AppendAudit(ctx, audit.Entry{Action: "x"}); err == nil {
		t.Error("an entry without actor was accepted")
	}
	es, total, err := st.ListAudit(ctx, audit.Filter{Actor: "roundtrip"})
	if err != nil || total != 1 || len(es) != 1 {
		t.Fatalf("list: %v %d %d", err, total, len(es))
	}
	got := es[0]
	if !got.At.Equal(at) || got.ActorID != 7 || got.IP != "10.0.0.1" || got.ObjectID != "P1/2024-06" || got.Status != 200 ||
		string(got.Before) != `{"status": "draft"}` || string(got.Detail) != `{"comment": "好"}` {
		t.Errorf("got %+v", got)
	}
}

// TestUserChangesAreAtomicWithTheirAuditRow: a change refused by
// validation leaves neither a change nor an audit row.
func TestUserChangesAreAtomicWithTheirAuditRow(t *testing.T) {
	st := dbtest.Open(t)
	seedGolmud(t, st)
	ctx := context.Background()
	entry := audit.Entry{Actor: audit.CLI}
	if _, err := st.CreateUser(ctx, user.Account{Username: "atomic", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}}, "$argon2id$x", entry); err != nil {
		t.Fatal(err)
	}
	_, err := st.UpdateUser(ctx, "atomic", func(a *user.Account) error {
		a.Departments = []string{"000000"}
		return nil
	}, audit.Entry{Actor: audit.CLI, Action: audit.UserAssigned})
	var ve *user.ValidationError
	if !errors.As(err, &ve) || ve.Fields["departments"] == "" {
		t.Fatalf("unknown department: %v", err)
	}
	a, err := st.GetUser(ctx, "ATOMIC")
	if err != nil || a.Departments[0] != "003001" {
		t.Errorf("after a refused change: %+v %v", a, err)
	}
	_, total, _ := st.ListAudit(ctx, audit.Filter{ObjectType: "user", ObjectID: "atomic", Action: audit.UserAssigned})
	if total != 0 {
		t.Errorf("%d audit rows for a refused change", total)
	}
	if _, err := st.CreateUser(ctx, user.Account{Username: "Atomic", Roles: []user.Role{user.Auditor}}, "$argon2id$x", entry); !errors.Is(err, user.ErrExists) {
		t.Errorf("same username in other case: %v, want ErrExists", err)
	}
	if _, err := st.GetUser(ctx, "nobody"); !errors.Is(err, user.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
}
