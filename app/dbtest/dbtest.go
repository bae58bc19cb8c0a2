// Package dbtest gives each test package its own freshly created and
// migrated PostgreSQL database, dropped when the package's tests end.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"

	"jixiao/app/store"
)

// AdminURL is the server the test databases are created on: TEST_DATABASE_URL,
// or the local PostgreSQL of a development machine.
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// DSN is the URL of the package's database, set by Main.
var DSN string

// Main creates a database named after the package, migrates it with the
// production migrations, runs the tests and drops it. Use it as
//
//	func TestMain(m *testing.M) { dbtest.Main(m, "api") }
func Main(m *testing.M, name string) {
	code, err := run(m, name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M, name string) (int, error) {
	ctx := context.Background()
	u, err := url.Parse(AdminURL())
	if err != nil {
		return 0, err
	}
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		return 0, err
	}
	u.Path = "/jixiao_test_" + name + "_" + hex.EncodeToString(suffix)
	DSN = u.String()
	if err := store.CreateDatabase(ctx, DSN); err != nil {
		return 0, err
	}
	defer func() {
		if err := store.DropDatabase(ctx, DSN); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest:", err)
		}
	}()
	st, err := store.Open(ctx, DSN)
	if err != nil {
		return 0, err
	}
	err = st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
	st.Close()
	if err != nil {
		return 0, err
	}
	return m.Run(), nil
}

// Open opens the package's database for one test and closes it at the end.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), DSN)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
