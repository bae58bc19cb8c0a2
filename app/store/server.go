package store

import (
	"context"
	"fmt"
)

// ServerVersion is the PostgreSQL server's version: its number (150020 for
// 15.20) and its text.
func (s *Store) ServerVersion(ctx context.Context) (int, string, error) {
	var num int
	var text string
	if err := s.sql.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version')`).Scan(&num, &text); err != nil {
		return 0, "", fmt.Errorf("server version: %w", err)
	}
	return num, text, nil
}

// Empty tells whether the database holds no table of its own (outside the
// system schemas), as a database to restore into must.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.sql.QueryRowContext(ctx, `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'`).Scan(&n); err != nil {
		return false, fmt.Errorf("is the database empty: %w", err)
	}
	return n == 0, nil
}
