package store

import (
	"context"
	"database/sql/driver"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Every SQL text in this package writes its parameters as ?, gorm's style.
// gorm numbers them itself; the statements sent with pgx directly (the hot
// paths: report read and save, dashboards, rescore) go through pg, which
// numbers them $1, $2, … as PostgreSQL wants, once per distinct text.

// querier is what a pgx pool, a pooled connection and a transaction share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// pg sends ?-style SQL to a pgx pool, connection or transaction.
type pg struct{ q querier }

// on wraps a pool, a pooled connection or a transaction.
func on(q querier) pg { return pg{q} }

func (p pg) query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	return p.q.Query(ctx, numbered(q), native(args)...)
}

func (p pg) queryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return p.q.QueryRow(ctx, numbered(q), native(args)...)
}

func (p pg) exec(ctx context.Context, q string, args ...any) (pgconn.CommandTag, error) {
	return p.q.Exec(ctx, numbered(q), native(args)...)
}

// native is args with the arrays written for gorm (textArray, ints: a
// driver.Valuer's text literal, which pgx would parse back into an array
// before sending it) as the plain slices pgx encodes itself. args is left
// as it is: a caller may pass the same arguments to gorm.
func native(args []any) []any {
	var out []any
	for i, a := range args {
		var v any
		switch a := a.(type) {
		case textArray:
			if v = []string(a); a == nil {
				v = []string{} // the empty array, as its literal {} says, not NULL
			}
		case ints:
			if v = []int64(a); a == nil {
				v = []int64{}
			}
		default:
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = v
	}
	if out == nil {
		return args
	}
	return out
}

func (p pg) sendBatch(ctx context.Context, b *batch) pgx.BatchResults {
	return p.q.SendBatch(ctx, &b.b)
}

// query, queryRow and exec run ?-style SQL on the primary's pool.
func (s *Store) query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	return on(s.pool).query(ctx, q, args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return on(s.pool).queryRow(ctx, q, args...)
}

func (s *Store) exec(ctx context.Context, q string, args ...any) (pgconn.CommandTag, error) {
	return on(s.pool).exec(ctx, q, args...)
}

// batch is a pgx batch of ?-style statements, sent in one round trip by
// pg.sendBatch.
type batch struct{ b pgx.Batch }

// queue adds a statement to the batch.
func (b *batch) queue(q string, args ...any) *pgx.QueuedQuery {
	return b.b.Queue(numbered(q), native(args)...)
}

// len is the number of statements queued.
func (b *batch) len() int { return b.b.Len() }

// numberedTexts keeps each SQL text's numbered form: the texts are a fixed
// set (constants, and conditions built from a scope's few shapes).
var numberedTexts sync.Map

// maxNumbered bounds the texts kept, should a caller ever build unbounded
// many; beyond it texts are numbered on every call.
const maxNumbered = 4096

var numberedCount struct {
	sync.Mutex
	n int
}

// numbered is q with its ? placeholders numbered $1, $2, …; a ? inside a
// single-quoted literal, a double-quoted identifier or a comment is left as
// it is, and ?? stands for a literal ?. (The package uses no JSONB ?
// operators: jsonb_exists and its kin say the same without a ?.)
func numbered(q string) string {
	if v, ok := numberedTexts.Load(q); ok {
		return v.(string)
	}
	out := number(q)
	numberedCount.Lock()
	if numberedCount.n < maxNumbered {
		numberedCount.n++
		numberedTexts.Store(q, out)
	}
	numberedCount.Unlock()
	return out
}

// number does numbered's work.
func number(q string) string {
	if !strings.ContainsRune(q, '?') {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			// to the closing quote; a doubled quote stays inside
			j := i + 1
			for j < len(q) {
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j >= len(q) {
				j = len(q) - 1
			}
			b.WriteString(q[i : j+1])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i - 1
			}
			b.WriteString(q[i : i+j+1])
			i += j
		case c == '?' && i+1 < len(q) && q[i+1] == '?':
			b.WriteByte('?')
			i++
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ints is a bigint[] parameter that gorm passes whole, as textArray is.
type ints []int64

// Value is the array in PostgreSQL's text form.
func (a ints) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(v, 10))
	}
	b.WriteByte('}')
	return b.String(), nil
}

// pg is pgx on the database of h, for ?-style SQL.
func (h handles) pg() pg { return on(h.pool) }
