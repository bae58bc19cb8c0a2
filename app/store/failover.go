package store

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Jixiao survives a failover of its PostgreSQL cluster by itself (README
// "High availability"). DATABASE_URL names every node
// (postgres://u@db1:5432,db2:5432/jixiao?target_session_attrs=read-write),
// so that a new connection goes to the node that takes writes. When the
// primary dies, the connections to it break: a request that was using one
// fails with a connection error and is answered 503 (IsUnavailable), the
// connections made until then (all to the same dead server) are dropped
// from both pools, and the next request connects to whichever node is the
// primary by then (503 again until one is). When a node is still up but no
// longer takes writes (demoted, or made read-only), the first statement to
// find it out (SQLSTATE 25006) is answered 503 and the connections are
// dropped the same way, so that the next ones are made anew to the node
// that takes writes. A write answered
// 200 was committed on the primary and, with Patroni's synchronous mode,
// on its synchronous standby too: a failover loses none.

// isReadOnly tells whether err means the server refused a write because it
// is (or has become) read-only: a standby, or a primary set read-only.
func isReadOnly(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "25006"
}

// lostConnection tells whether err means the connection broke under a
// statement: the server went away (crashed, killed, restarted, shut down).
func lostConnection(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// admin_shutdown, crash_shutdown, cannot_connect_now
		return pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	var ne *net.OpError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.As(err, &ne) || errors.Is(err, pgconn.ErrConnClosed)
}

// readOnlyReset drops the connections made before a statement found its
// server gone or read-only: the pool, which gorm's connections come from
// too, is reset. At most once a second, however many statements find it out.
type readOnlyReset struct {
	last atomic.Int64
	mu   sync.Mutex
	pool func() // resets the pgx pools
}

// trigger resets the pools.
func (r *readOnlyReset) trigger() {
	now := time.Now().UnixNano()
	if last := r.last.Load(); now-last < int64(time.Second) || !r.last.CompareAndSwap(last, now) {
		return
	}
	r.mu.Lock()
	reset := r.pool
	r.mu.Unlock()
	if reset != nil {
		go reset() // not under the statement that found it out
	}
}

// onReset sets what resets the pgx pools.
func (r *readOnlyReset) onReset(fn func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pool = fn
}
