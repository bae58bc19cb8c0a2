package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/rectify"
)

type rectificationRow struct {
	ID          int64 `gorm:"primaryKey"`
	ProjectCode string
	PeriodKey   string
	Text        string
	Due         *time.Time `gorm:"type:date"`
	Status      string
	Answer      string
	CreatedBy   string
	CreatedAt   time.Time
	AnsweredBy  string
	AnsweredAt  *time.Time
	ClosedBy    string
	ClosedAt    *time.Time
}

func (rectificationRow) TableName() string { return "rectifications" }

func (r rectificationRow) domain() rectify.Item {
	it := rectify.Item{ID: r.ID, ProjectCode: r.ProjectCode, Period: r.PeriodKey, Text: r.Text, Status: rectify.Status(r.Status),
		Answer: r.Answer, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, AnsweredBy: r.AnsweredBy, ClosedBy: r.ClosedBy}
	if r.Due != nil {
		d := time.Date(r.Due.Year(), r.Due.Month(), r.Due.Day(), 0, 0, 0, 0, time.UTC)
		it.Due = &d
	}
	if r.AnsweredAt != nil {
		it.AnsweredAt = *r.AnsweredAt
	}
	if r.ClosedAt != nil {
		it.ClosedAt = *r.ClosedAt
	}
	return it
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func rectificationAudit(it rectify.Item) map[string]any {
	m := map[string]any{"report": it.ProjectCode + "/" + it.Period, "text": it.Text, "status": it.Status, "answer": it.Answer}
	if it.Due != nil {
		m["due"] = it.Due.Format(time.DateOnly)
	}
	return m
}

// ListRectifications lists the rectification items of a report the scope
// sees, oldest first.
func (s *Store) ListRectifications(ctx context.Context, sc Scope, code, periodKey string) ([]rectify.Item, error) {
	if _, err := getProject(s.db.WithContext(ctx), sc, code); err != nil {
		return nil, err
	}
	var rows []rectificationRow
	if err := s.db.WithContext(ctx).Where("project_code = ? AND period_key = ?", code, periodKey).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list rectifications: %w", err)
	}
	out := make([]rectify.Item, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// UpdateRectification runs fn on an item of a project the scope sees
// (rectify.ErrNotFound otherwise) under its row lock, with the project's
// department, and stores what fn leaves, audited as action.
func (s *Store) UpdateRectification(ctx context.Context, sc Scope, id int64, action string, e audit.Entry, fn func(it *rectify.Item, department string) error) (rectify.Item, error) {
	var it rectify.Item
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row rectificationRow
		res := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Limit(1).Find(&row)
		if res.Error != nil {
			return fmt.Errorf("read rectification: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("rectification %d: %w", id, rectify.ErrNotFound)
		}
		p, err := getProject(tx, sc, row.ProjectCode)
		if err != nil {
			return fmt.Errorf("rectification %d: %w", id, rectify.ErrNotFound)
		}
		before := row.domain()
		it = before
		if err := fn(&it, p.Department.Code); err != nil {
			return err
		}
		if err := tx.Table("rectifications").Where("id = ?", id).Updates(map[string]any{
			"status": string(it.Status), "answer": it.Answer, "answered_by": it.AnsweredBy, "answered_at": optTime(it.AnsweredAt),
			"closed_by": it.ClosedBy, "closed_at": optTime(it.ClosedAt),
		}).Error; err != nil {
			return fmt.Errorf("update rectification: %w", err)
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = action, "rectification", fmt.Sprint(id), 200
		e.Before, e.After = audit.JSON(rectificationAudit(before)), audit.JSON(rectificationAudit(it))
		return appendAudit(tx, e)
	})
	return it, err
}

// rectificationStatus reads an item's status for the attachment checks.
func rectificationStatus(tx *gorm.DB, id int64) (rectify.Status, error) {
	var st string
	if err := tx.Raw("SELECT status FROM rectifications WHERE id = ?", id).Row().Scan(&st); err != nil {
		return "", fmt.Errorf("read rectification %d: %w", id, err)
	}
	return rectify.Status(st), nil
}
