package store

import (
	"context"
	"fmt"

	"jixiao/domain/period"
)

type periodRow struct {
	Key         string `gorm:"primaryKey"`
	Kind        string
	Year        int
	CutoffMonth int
}

func (periodRow) TableName() string { return "periods" }

// ListPeriods lists the periods of a year (all years when year is 0),
// monitoring periods first, then the annual one.
func (s *Store) ListPeriods(ctx context.Context, year int) ([]period.Period, error) {
	q := s.db.WithContext(ctx).Order("year, cutoff_month, kind DESC")
	if year != 0 {
		q = q.Where("year = ?", year)
	}
	var rows []periodRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	out := make([]period.Period, len(rows))
	for i, r := range rows {
		out[i] = period.Period{Key: r.Key, Kind: period.Kind(r.Kind), Year: r.Year, CutoffMonth: r.CutoffMonth}
	}
	return out, nil
}

// GetPeriod reads one period by key; an unknown key is period.ErrNotFound.
func (s *Store) GetPeriod(ctx context.Context, key string) (period.Period, error) {
	var r periodRow
	err := s.db.WithContext(ctx).Where("key = ?", key).Take(&r).Error
	if errNotFound(err) {
		return period.Period{}, fmt.Errorf("get period %s: %w", key, period.ErrNotFound)
	}
	if err != nil {
		return period.Period{}, fmt.Errorf("get period %s: %w", key, err)
	}
	return period.Period{Key: r.Key, Kind: period.Kind(r.Kind), Year: r.Year, CutoffMonth: r.CutoffMonth}, nil
}

// SavePeriod inserts or updates a period.
func (s *Store) SavePeriod(ctx context.Context, p period.Period) error {
	err := s.db.WithContext(ctx).Exec(`INSERT INTO periods (key, kind, year, cutoff_month) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, year = EXCLUDED.year, cutoff_month = EXCLUDED.cutoff_month`,
		p.Key, string(p.Kind), p.Year, p.CutoffMonth).Error
	if err != nil {
		return fmt.Errorf("save period %s: %w", p.Key, err)
	}
	return nil
}
