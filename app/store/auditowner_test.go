package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"testing"

	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
)

// dsnAs is the test server's URL for database db as role user.
func dsnAs(t *testing.T, user, db string) string {
	t.Helper()
	u, err := url.Parse(dbtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		u.User = url.User(user)
	}
	u.Path = "/" + db
	return u.String()
}

func openAs(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func randomName(t *testing.T, prefix string) string {
	t.Helper()
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

func ownerOfAuditLog(t *testing.T, st *store.Store) string {
	t.Helper()
	var owner string
	if err := st.DB().QueryRowContext(context.Background(), `SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'`).Scan(&owner); err != nil {
		t.Fatal(err)
	}
	return owner
}

// B7: the application's database role does not own audit_log, so that it
// cannot disable the append-only triggers, alter, truncate or drop it. As
// in the compose setup: a superuser migrates, the app signs in as a role
// that only gets the privileges granted by default.
func TestTheAppRoleDoesNotOwnTheAuditTrail(t *testing.T) {
	ctx := context.Background()
	admin := openAs(t, dbtest.AdminURL())
	var super bool
	if err := admin.DB().QueryRowContext(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil || !super {
		t.Skipf("the test server's role is not a superuser (%v)", err)
	}
	if owner := ownerOfAuditLog(t, openAs(t, dbtest.DSN)); owner != "jixiao_audit_owner" {
		t.Errorf("audit_log of the test database is owned by %s", owner)
	}

	app, db := randomName(t, "jixiao_t_app_"), randomName(t, "jixiao_t_compose_")
	if _, err := admin.DB().ExecContext(ctx, `CREATE ROLE `+app+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.DB().ExecContext(ctx, `DROP ROLE IF EXISTS `+app) })
	if err := store.CreateDatabase(ctx, dsnAs(t, "", db)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.DropDatabase(ctx, dsnAs(t, "", db)) })
	migrator := openAs(t, dsnAs(t, "", db))
	// what docker/initdb/10-app-role.sh grants the app role
	for _, q := range []string{
		`GRANT USAGE ON SCHEMA public TO ` + app,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ` + app,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ` + app,
	} {
		if _, err := migrator.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := migrator.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if owner := ownerOfAuditLog(t, migrator); owner != "jixiao_audit_owner" {
		t.Errorf("audit_log is owned by %s", owner)
	}
	as := openAs(t, dsnAs(t, app, db))
	if err := as.AppendAudit(ctx, audit.Entry{Actor: audit.CLI, Action: "test.append"}); err != nil {
		t.Fatalf("the app role cannot append to the audit trail: %v", err)
	}
	if _, err := as.DB().ExecContext(ctx, `SELECT count(*) FROM users`); err != nil {
		t.Errorf("the app role cannot read its tables: %v", err)
	}
	for _, q := range []string{
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`,
		`UPDATE audit_log SET actor = 'someone else'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
		`DROP TABLE audit_log`,
		`ALTER TABLE audit_log OWNER TO ` + app,
	} {
		if _, err := as.DB().ExecContext(ctx, q); err == nil {
			t.Errorf("the app role could: %s", q)
		}
	}
}

// B7: migrating as a role that is not a superuser still works; audit_log
// then stays with that role.
func TestMigratingWithoutASuperuserKeepsTheOwner(t *testing.T) {
	ctx := context.Background()
	admin := openAs(t, dbtest.AdminURL())
	owner, db := randomName(t, "jixiao_t_owner_"), randomName(t, "jixiao_t_plain_")
	if _, err := admin.DB().ExecContext(ctx, `CREATE ROLE `+owner+` LOGIN`); err != nil {
		t.Skipf("cannot create a role: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.DB().ExecContext(ctx, `DROP ROLE IF EXISTS `+owner) })
	if _, err := admin.DB().ExecContext(ctx, `CREATE DATABASE `+db+` OWNER `+owner); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.DropDatabase(ctx, dsnAs(t, "", db)) })
	st := openAs(t, dsnAs(t, owner, db))
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatalf("migrate as %s: %v", owner, err)
	}
	if got := ownerOfAuditLog(t, st); got != owner {
		t.Errorf("audit_log owned by %s, want %s", got, owner)
	}
}
