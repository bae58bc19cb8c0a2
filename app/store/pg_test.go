package store

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

func TestNumbered(t *testing.T) {
	many := strings.Repeat("?, ", 29) + "?"
	var wantMany strings.Builder
	for i := 1; i <= 30; i++ {
		if i > 1 {
			wantMany.WriteString(", ")
		}
		wantMany.WriteString("$" + itoa(i))
	}
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"", ""},
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"SELECT '?' , ?", "SELECT '?' , $1"},
		{"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"},
		{`SELECT "a?b" FROM t WHERE "x""?" = ?`, `SELECT "a?b" FROM t WHERE "x""?" = $1`},
		{"SELECT E'\\n' || ?", "SELECT E'\\n' || $1"},
		{"SELECT ?? , ?", "SELECT ? , $1"},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{"SELECT ? -- why?", "SELECT $1 -- why?"},
		{"SELECT 'unclosed ?", "SELECT 'unclosed ?"},
		{"x = ANY(?) AND y IN (?)", "x = ANY($1) AND y IN ($2)"},
		{many, wantMany.String()},
	} {
		if got := numbered(c.in); got != c.want {
			t.Errorf("numbered(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := numbered(c.in); got != c.want { // kept
			t.Errorf("numbered(%q) again = %q, want %q", c.in, got, c.want)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// textArray and ints reach PostgreSQL as one array each, through pgx and
// through gorm (which spreads a plain slice into a list).
func TestArraysThroughPgxAndGorm(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://postgres@127.0.0.1:5432/postgres?pool_max_conns=2")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	sqlDB, db, err := onPool(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	words := textArray{`a"b`, `c\d`, "e,f", "{g}", "", "NULL", "青海"}
	const q = "SELECT count(*) FROM unnest(?::text[]) w WHERE w = ANY(?) AND ?::bigint = ANY(?)"
	var n int
	if err := on(pool).queryRow(ctx, q, words, words, int64(7), ints{5, 7, -9}).Scan(&n); err != nil || n != len(words) {
		t.Fatalf("pgx: %d rows (%v), want %d", n, err, len(words))
	}
	n = 0
	if err := db.Raw(q, words, words, int64(7), ints{5, 7, -9}).Scan(&n).Error; err != nil || n != len(words) {
		t.Fatalf("gorm: %d rows (%v), want %d", n, err, len(words))
	}
	var got []string
	if err := on(pool).queryRow(ctx, "SELECT ?::text[]", words).Scan(&got); err != nil || strings.Join(got, "|") != strings.Join(words, "|") {
		t.Fatalf("pgx round trip: %q (%v)", got, err)
	}
	if err := on(pool).queryRow(ctx, "SELECT cardinality(?::text[]) + cardinality(?::bigint[])", textArray{}, ints{}).Scan(&n); err != nil || n != 0 {
		t.Fatalf("empty arrays: %d (%v)", n, err)
	}
	// nil is the empty array, not NULL, whichever way it goes: NOT x = ANY
	// of it holds
	const none = "SELECT NOT 'x' = ANY(?) AND NOT 5 = ANY(?)"
	holds := func(name string, row interface{ Scan(...any) error }) {
		var holds *bool
		if err := row.Scan(&holds); err != nil || holds == nil || !*holds {
			t.Errorf("%s: NOT = ANY(nil array) is %v (%v), want true", name, holds, err)
		}
	}
	holds("pgx", on(pool).queryRow(ctx, none, textArray(nil), ints(nil)))
	var b batch
	b.queue(none, textArray(nil), ints(nil))
	res := on(pool).sendBatch(ctx, &b)
	holds("pgx batch", res.QueryRow())
	res.Close()
	holds("gorm", db.Raw(none, textArray(nil), ints(nil)).Row())
	// pgx is given plain slices; the caller's arguments stay as they are,
	// for gorm
	args := []any{"a", textArray{"b"}, ints{1}}
	got2 := native(args)
	if _, ok := got2[1].([]string); !ok {
		t.Errorf("native: %T, want []string", got2[1])
	}
	if _, ok := got2[2].([]int64); !ok {
		t.Errorf("native: %T, want []int64", got2[2])
	}
	if _, ok := args[1].(textArray); !ok {
		t.Errorf("native changed its argument: %T", args[1])
	}
}
