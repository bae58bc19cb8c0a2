package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
)

type auditRow struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	Actor      string
	ActorID    *int64
	IP         string `gorm:"column:ip"`
	Action     string
	ObjectType string
	ObjectID   string
	Status     int
	Before     []byte
	After      []byte
	Detail     []byte
}

// TableName is the table of audit rows.
func (auditRow) TableName() string { return "audit_log" }

// jsonb turns an optional JSON document into a value for a jsonb column.
func jsonb(m json.RawMessage) any {
	if len(m) == 0 {
		return nil
	}
	return string(m)
}

// rollupsNow refreshes, at once, the dashboard rollups a transaction's
// changes so far call for (their triggers are deferred to the commit,
// migration 00010). Every audited transaction runs it just before its audit
// row, so that the rollups' work (and any failure of it) comes before the
// audit row and the commit. The audit row itself takes no shared lock: it
// is written unsealed and linked into the hash chain after the commit
// (migration 00032, SealAudit).
const rollupsNow = "SET CONSTRAINTS ALL IMMEDIATE"

// auditInsertSQL appends one row to the audit trail (through gorm, or pgx
// in a batch).
const auditInsertSQL = `INSERT INTO audit_log (at, actor, actor_id, ip, action, object_type, object_id, status, before, after, detail)
		VALUES (coalesce(?::timestamptz, now()), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)`

// auditArgs checks an entry and returns the arguments of auditInsertSQL.
func auditArgs(e audit.Entry) ([]any, error) {
	if e.Actor == "" || e.Action == "" {
		return nil, fmt.Errorf("append audit: actor and action are required")
	}
	// text from clients (paths, usernames tried) may hold NUL, which
	// PostgreSQL refuses, or be of any length: stored cleaned and bounded
	e = audit.Sanitized(e)
	var actorID *int64
	if e.ActorID != 0 {
		actorID = &e.ActorID
	}
	var at *time.Time
	if !e.At.IsZero() {
		at = &e.At
	}
	return []any{at, e.Actor, actorID, e.IP, e.Action, e.ObjectType, e.ObjectID, e.Status,
		jsonb(e.Before), jsonb(e.After), jsonb(e.Detail)}, nil
}

// appendAudit appends one entry to the audit trail inside tx, so that a
// change and its record commit or fail together. Storage code of every
// package calls it from within its write transactions, last.
func appendAudit(tx *gorm.DB, e audit.Entry) error {
	if err := tx.Exec(rollupsNow).Error; err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return insertAudit(tx, e)
}

func insertAudit(db *gorm.DB, e audit.Entry) error {
	args, err := auditArgs(e)
	if err != nil {
		return err
	}
	if err := db.Exec(auditInsertSQL, args...).Error; err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return nil
}

// AppendAudit appends one entry to the audit trail on its own, for what
// changes no data (a refused request, a failed or locked login).
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) error {
	return insertAudit(s.db.WithContext(ctx), e)
}

// ListAudit lists the audit trail newest first, one page of it, with the
// number of entries that match the filter.
func (s *Store) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	f = f.Normalized()
	var total int64
	if err := auditWhere(s.db.WithContext(ctx).Model(&auditRow{}), f).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count audit: %w", err)
	}
	var rows []auditRow
	if err := auditWhere(s.db.WithContext(ctx), f).Order("at DESC, id DESC").
		Offset((f.Page - 1) * f.PageSize).Limit(f.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	out := make([]audit.Entry, len(rows))
	for i, r := range rows {
		out[i] = audit.Entry{
			ID: r.ID, At: r.At, Actor: r.Actor, IP: r.IP, Action: r.Action,
			ObjectType: r.ObjectType, ObjectID: r.ObjectID, Status: r.Status,
			Before: r.Before, After: r.After, Detail: r.Detail,
		}
		if r.ActorID != nil {
			out[i].ActorID = *r.ActorID
		}
	}
	return out, int(total), nil
}

func auditWhere(q *gorm.DB, f audit.Filter) *gorm.DB {
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To)
	}
	return q
}
