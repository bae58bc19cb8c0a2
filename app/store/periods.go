package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/period"
)

type periodRow struct {
	Key         string `gorm:"primaryKey"`
	Kind        string
	Year        int
	CutoffMonth int
	// ReviewLevels is set by SetReviewLevels only (the column's default is 2).
	ReviewLevels int `gorm:"->"`
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
		out[i] = period.Period{Key: r.Key, Kind: period.Kind(r.Kind), Year: r.Year, CutoffMonth: r.CutoffMonth, ReviewLevels: r.ReviewLevels}
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
	defer s.wrote() // after the commit: the kept dashboards are read anew
	err := s.db.WithContext(ctx).Exec(`INSERT INTO periods (key, kind, year, cutoff_month) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, year = EXCLUDED.year, cutoff_month = EXCLUDED.cutoff_month`,
		p.Key, string(p.Kind), p.Year, p.CutoffMonth).Error
	if err != nil {
		return fmt.Errorf("save period %s: %w", p.Key, err)
	}
	return nil
}

// SetReviewLevels makes a period review in one level (the 主管部门's
// approval is final) or two; audited. Reports already on their way keep
// the status they have and go on by the new setting.
func (s *Store) SetReviewLevels(ctx context.Context, key string, levels int, e audit.Entry) (period.Period, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var out period.Period
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before []int
		if err := tx.Raw(`SELECT review_levels FROM periods WHERE key = ? FOR UPDATE`, key).Scan(&before).Error; err != nil {
			return err
		}
		if len(before) == 0 {
			return period.ErrNotFound
		}
		if err := tx.Exec(`UPDATE periods SET review_levels = ? WHERE key = ?`, levels, key).Error; err != nil {
			return err
		}
		var r periodRow
		if err := tx.Where("key = ?", key).Take(&r).Error; err != nil {
			return err
		}
		out = period.Period{Key: r.Key, Kind: period.Kind(r.Kind), Year: r.Year, CutoffMonth: r.CutoffMonth, ReviewLevels: r.ReviewLevels}
		e.Action, e.ObjectType, e.ObjectID = "period.review_levels", "period", key
		e.Before = audit.JSON(map[string]int{"review_levels": before[0]})
		e.After = audit.JSON(map[string]int{"review_levels": levels})
		return appendAudit(tx, e)
	})
	if err != nil {
		return period.Period{}, fmt.Errorf("set review levels of %s: %w", key, err)
	}
	return out, nil
}

// ReviewLevelsOf is how many levels review the targets of a year: its
// annual period's setting (2 when the year has none).
func (s *Store) ReviewLevelsOf(ctx context.Context, year int) (int, error) {
	var lv []int
	if err := s.db.WithContext(ctx).Raw(`SELECT review_levels FROM periods WHERE key = ?`, fmt.Sprint(year)).Scan(&lv).Error; err != nil {
		return 0, fmt.Errorf("review levels of %d: %w", year, err)
	}
	if len(lv) == 0 {
		return 2, nil
	}
	return lv[0], nil
}
