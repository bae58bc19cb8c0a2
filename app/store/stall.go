package store

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A request that moves a file may take minutes for its transfer, and its
// database work is many statements (a workbook of two thousand projects,
// a province's export). It is not bounded as a whole by the request's
// short deadline, but each of its statements is: WithStatementTimeout marks
// its context, and the tracer of every connection gives each statement made
// with such a context a deadline of its own. So a database that stops
// answering ends such a request within the statement timeout (503), as it
// ends any other request, while a long piece of work of quick statements
// goes on.

type statementTimeoutKey struct{}
type statementCancelKey struct{}

// WithStatementTimeout marks ctx so that every database statement made
// with it (a query, an exec, a batch, a COPY) ends after d, its own
// deadline, whatever ctx's deadline is.
func WithStatementTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, statementTimeoutKey{}, d)
}

// statementTracer is the tracer of every connection: it applies the
// statement timeout of a context marked by WithStatementTimeout, and keeps
// in health when the database last answered and last timed out.
type statementTracer struct {
	health *health
}

// health is when a statement (or a connection) last succeeded and last
// timed out, as Unix nanoseconds, and what to do when a statement finds its
// server no longer takes writes (failover.go).
type health struct {
	ok, timeout atomic.Int64
	readOnly    readOnlyReset
}

// note records the outcome of a statement or a connection attempt.
func (h *health) note(err error) {
	if h == nil {
		return
	}
	switch {
	case err == nil:
		h.ok.Store(time.Now().UnixNano())
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		h.timeout.Store(time.Now().UnixNano())
	case isReadOnly(err) || lostConnection(err):
		h.readOnly.trigger()
	}
}

// StalledSince tells whether the database has stopped answering: a
// statement or connection timed out after since and nothing has succeeded
// since that timeout. A request that has waited on the database since
// before that can give up at once (503) instead of waiting for its own
// timeouts one after the other behind a pool of stuck connections.
func (s *Store) StalledSince(since time.Time) bool {
	t := s.health.timeout.Load()
	return t > since.UnixNano() && t > s.health.ok.Load()
}

// start gives the statement its deadline, if ctx asks for one; end
// releases it.
func (statementTracer) start(ctx context.Context) context.Context {
	d, ok := ctx.Value(statementTimeoutKey{}).(time.Duration)
	if !ok || d <= 0 {
		return ctx
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return context.WithValue(ctx, statementCancelKey{}, cancel)
}

func (t statementTracer) end(ctx context.Context, err error) {
	t.health.note(err)
	if cancel, ok := ctx.Value(statementCancelKey{}).(context.CancelFunc); ok {
		cancel()
	}
}

// TraceQueryStart bounds a query or exec.
func (t statementTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return t.start(ctx)
}

// TraceQueryEnd releases its deadline (for a query, once its rows are closed).
func (t statementTracer) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	t.end(ctx, data.Err)
}

// TraceBatchStart bounds a batch.
func (t statementTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return t.start(ctx)
}

// TraceBatchQuery is called for each query of a batch: nothing to do.
func (statementTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

// TraceBatchEnd releases a batch's deadline.
func (t statementTracer) TraceBatchEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchEndData) {
	t.end(ctx, data.Err)
}

// TraceCopyFromStart bounds a COPY.
func (t statementTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	return t.start(ctx)
}

// TraceCopyFromEnd releases a COPY's deadline.
func (t statementTracer) TraceCopyFromEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceCopyFromEndData) {
	t.end(ctx, data.Err)
}

// TraceConnectStart: a connection attempt is bounded by connect_timeout.
func (statementTracer) TraceConnectStart(ctx context.Context, _ pgx.TraceConnectStartData) context.Context {
	return ctx
}

// TraceConnectEnd records whether the database took the connection.
func (t statementTracer) TraceConnectEnd(_ context.Context, data pgx.TraceConnectEndData) {
	t.health.note(data.Err)
}
