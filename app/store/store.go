// Package store is Jixiao's storage on PostgreSQL. gorm stays inside this
// package: its rows are converted to domain types here, and callers see only
// domain types and sentinel errors.
//
// One pgx pool per database serves everything: gorm for plain rows, pgx
// directly (batches) on the hot paths. SQL text is written one way, with ?
// placeholders, whichever of the two sends it (pg.go numbers them for pgx),
// and a scope is turned into SQL by one builder (Scope.where, scope.go).
// The methods that write what the kept dashboards read tell them after
// their commit (Store.wrote, totals_cache.go).
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is the one storage type; a file per concept adds its methods.
type Store struct {
	sql *sql.DB
	db  *gorm.DB
	// pool serves the hot reads and bulk loads with pgx directly: no
	// database/sql or gorm layer between the query and its rows.
	pool *pgxpool.Pool
	// replica, when set, is a streaming replica for reads that may lag a
	// moment (UseReplica, lag).
	replica *handles
	// totals are the whole-province dashboard totals, kept a moment
	// (SetTotalsCache)
	totals totalsCache
	// answers are whole answers of the province's views, kept as the totals are
	answers answerCache
	// moments are small reads every dashboard makes, kept as the totals are
	moments momentCache
	// mail says whether notifications are also mailed (SetMail): then a
	// notification to someone with an address queues a message.
	mail bool
	// health is when the database last answered and last timed out
	// (stall.go)
	health *health
	// reportRereads counts the report reads a save split, read again
	// (getReport)
	reportRereads atomic.Int64
}

// SetMail turns mailing of notifications on (a mailer is configured) or
// off; off, nothing is queued that no job would send.
func (s *Store) SetMail(on bool) { s.mail = on }

// Open connects to PostgreSQL at dsn, creating the database first when it
// does not exist yet (a fresh machine), and checks the connection. One pgx
// pool holds every connection to the database: gorm and goose are opened on
// it through database/sql (stdlib.OpenDBFromPool), so the configured size
// (pool_max_conns in DATABASE_URL, default 20) bounds them all.
func Open(ctx context.Context, dsn string) (*Store, error) {
	h := &health{}
	pool, err := openPool(ctx, dsn, h)
	if isMissingDatabase(err) {
		if err := CreateDatabase(ctx, dsn); err != nil {
			return nil, err
		}
		pool, err = openPool(ctx, dsn, h)
		// with several nodes in DATABASE_URL, a standby listed first may not
		// have replayed the new database yet (and pgx tries no further host
		// on "database does not exist"): a moment more, a few times
		for i := 0; i < 20 && isMissingDatabase(err); i++ {
			time.Sleep(250 * time.Millisecond)
			pool, err = openPool(ctx, dsn, h)
		}
	}
	if err != nil {
		return nil, err
	}
	sqlDB, db, err := onPool(pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	st := &Store{sql: sqlDB, db: db, pool: pool, health: h}
	// a statement that finds its server read-only drops the connections
	// made until then (failover.go)
	h.readOnly.onReset(pool.Reset)
	return st, nil
}

// onPool opens database/sql and gorm on a pgx pool: they borrow its
// connections statement by statement and keep none of their own.
func onPool(pool *pgxpool.Pool) (*sql.DB, *gorm.DB, error) {
	sqlDB := stdlib.OpenDBFromPool(pool)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		sqlDB.Close()
		return nil, nil, fmt.Errorf("open gorm: %w", err)
	}
	return sqlDB, db, nil
}

// DefaultPoolSize is the most connections a server opens to one database
// unless DATABASE_URL says pool_max_conns.
const DefaultPoolSize = 20

// openPool opens the pgx pool of a database and checks it answers;
// connections are made as needed, up to the pool's size.
func openPool(ctx context.Context, dsn string, h *health) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = DefaultPoolSize
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.Tracer = statementTracer{health: h}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = ConnectTimeout
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["statement_timeout"]; !ok {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(StatementTimeout.Milliseconds(), 10)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return pool, nil
}

// Timeouts of the connection to PostgreSQL, unless DATABASE_URL sets its
// own (connect_timeout in seconds, statement_timeout in milliseconds): a
// database that accepts connections and never answers must not hold a
// request or the start of the server for long.
const (
	ConnectTimeout   = 5 * time.Second
	StatementTimeout = 15 * time.Second
)

func connect(ctx context.Context, dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("read DATABASE_URL: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = ConnectTimeout
	}
	if _, ok := cfg.RuntimeParams["statement_timeout"]; !ok {
		cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(StatementTimeout.Milliseconds(), 10)
	}
	for k := range cfg.RuntimeParams {
		if strings.HasPrefix(k, "pool_") { // the pool's own settings
			delete(cfg.RuntimeParams, k)
		}
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(2)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return sqlDB, nil
}

// IsUnavailable tells whether err means the database could not be reached,
// did not answer in time, or is a node that no longer takes writes (a
// failover: failover.go), as opposed to refusing a statement: the API
// answers 503 then, and the client tries again.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	var ne *net.OpError
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) || errors.As(err, &ce) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		// the connection broke under a statement (the server stopped or restarted)
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.As(err, &ne) || pgconn.SafeToRetry(err) ||
		errors.Is(err, pgconn.ErrConnClosed) ||
		// the node no longer takes writes (a failover demoted it): the
		// connections are dropped and the client retries (failover.go)
		isReadOnly(err) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// query_canceled (statement_timeout), connection exceptions, shutdown
		return pgErr.Code == "57014" || strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	}
	return false
}

// Close releases the connection pool.
func (s *Store) Close() error {
	err := s.sql.Close()
	if s.replica != nil {
		s.replica.sql.Close()
		s.replica.pool.Close()
	}
	s.pool.Close()
	return err
}

// Ping tells whether the database answers (for /readyz).
func (s *Store) Ping(ctx context.Context) error { return s.sql.PingContext(ctx) }

// DB exposes the database/sql pool for migrations and for adapters in this
// module that need plain SQL (the casbin adapter, LISTEN/NOTIFY).
func (s *Store) DB() *sql.DB { return s.sql }

func isMissingDatabase(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "3D000"
}

// CreateDatabase creates the database named in dsn, connecting to the
// server's maintenance database "postgres". It succeeds if it exists already.
func CreateDatabase(ctx context.Context, dsn string) error {
	return onServer(ctx, dsn, func(db *sql.DB, name string) error {
		_, err := db.ExecContext(ctx, "CREATE DATABASE "+quoteIdent(name))
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505") {
			return nil // created meanwhile by another instance
		}
		if err != nil {
			return fmt.Errorf("create database %s: %w", name, err)
		}
		return nil
	})
}

// DropDatabase drops the database named in dsn, ending its sessions.
func DropDatabase(ctx context.Context, dsn string) error {
	return onServer(ctx, dsn, func(db *sql.DB, name string) error {
		if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		return nil
	})
}

// onServer runs fn on the maintenance database of dsn's server with the
// name of dsn's database.
func onServer(ctx context.Context, dsn string, fn func(db *sql.DB, name string) error) error {
	name, admin, err := splitDatabase(dsn)
	if err != nil {
		return err
	}
	db, err := connect(ctx, admin)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db, name)
}

// splitDatabase returns the database name of a URL-form dsn and the same dsn
// pointing at the maintenance database.
func splitDatabase(dsn string) (name, admin string, err error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", "", fmt.Errorf("DATABASE_URL must be a postgres:// URL")
	}
	name = strings.TrimPrefix(u.Path, "/")
	if name == "" {
		return "", "", fmt.Errorf("DATABASE_URL names no database")
	}
	u.Path = "/postgres"
	return name, u.String(), nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// handles are one database: its pool, and gorm and database/sql on it.
type handles struct {
	pool *pgxpool.Pool
	db   *gorm.DB
	sql  *sql.DB
}

// lag is the one way to choose where a read that may lag a moment behind
// the last save goes (dashboards, lists, exports): the replica when one is
// configured, else the primary. Reads of one report and every write use
// the primary (s.pool, s.db).
func (s *Store) lag() handles {
	if s.replica != nil {
		return *s.replica
	}
	return handles{pool: s.pool, db: s.db, sql: s.sql}
}

// UseReplica sends the reads that may lag a moment behind the last save
// (dashboards, project and report lists, exports) to a PostgreSQL streaming
// replica at dsn; reads of one report and every write stay on the primary,
// so a client always reads back what it saved.
func (s *Store) UseReplica(ctx context.Context, dsn string) error {
	pool, err := openPool(ctx, dsn, nil)
	if err != nil {
		return fmt.Errorf("replica: %w", err)
	}
	sqlDB, db, err := onPool(pool)
	if err != nil {
		pool.Close()
		return fmt.Errorf("replica: %w", err)
	}
	s.replica = &handles{pool: pool, db: db, sql: sqlDB}
	return nil
}

// PingReplica tells whether the replica answers; nil without one.
func (s *Store) PingReplica(ctx context.Context) error {
	if s.replica == nil {
		return nil
	}
	return s.replica.pool.Ping(ctx)
}
