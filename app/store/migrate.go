package store

import (
	"jixiao/domain/library"
	"jixiao/domain/rules"

	"context"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"jixiao/migrations"
)

// Migrate applies the embedded migrations. A PostgreSQL advisory lock makes it
// safe when several instances start at once: the others wait, then find
// nothing left to do.
func (s *Store) Migrate(ctx context.Context, log *slog.Logger) error {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Migrations are numbered per branch and merged in any order (00007 came
	// before 00006): a lower number arriving after a higher one is applied,
	// not refused. Each migration stands on its own.
	p, err := goose.NewProvider(goose.DialectPostgres, s.sql, migrations.FS, goose.WithSessionLocker(locker),
		goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "took_ms", r.Duration.Milliseconds())
	}
	// the shipped rule profiles are data the product brings, like a migration
	if _, err := s.EnsureRuleProfiles(ctx, rules.Shipped(), nil); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// and so are the common entries of the indicator library
	var common []CommonEntry
	for _, e := range library.Common() {
		common = append(common, CommonEntry(e))
	}
	if _, err := s.EnsureCommonLibrary(ctx, common); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
