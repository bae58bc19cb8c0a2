package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Session is a signed-in session. Only the SHA-256 of its token is kept.
type Session struct {
	ID         []byte // SHA-256 of the token
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

// LoginAttempt is one try to sign in, kept for the lockout.
type LoginAttempt struct {
	Username string // as typed; compared in lower case
	At       time.Time
	Success  bool
	IP       string
}

// RecordLogin records a login attempt and, for a successful one, starts
// the session, together with the audit entry, in one transaction.
func (s *Store) RecordLogin(ctx context.Context, a LoginAttempt, sess *Session, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO login_attempts (username, at, success, ip) VALUES (?, ?, ?, ?)`,
			a.Username, a.At, a.Success, a.IP).Error; err != nil {
			return err
		}
		if sess != nil {
			// The id is not first: gorm spreads a slice placed right after "(".
			if err := tx.Exec(`INSERT INTO sessions (user_id, id, csrf_token, created_at, last_seen_at, ip, user_agent)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, sess.UserID, sess.ID, sess.CSRFToken, sess.CreatedAt, sess.CreatedAt,
				sess.IP, sess.UserAgent).Error; err != nil {
				return err
			}
		}
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("record login: %w", err)
	}
	return nil
}

// LoginFailures lists the times of failed logins under a username (any
// case) at or after since and after its last successful login.
func (s *Store) LoginFailures(ctx context.Context, username string, since time.Time) ([]time.Time, error) {
	var at []time.Time
	err := s.db.WithContext(ctx).Raw(`SELECT at FROM login_attempts
		WHERE lower(username) = lower(?) AND at >= ? AND NOT success
		  AND at > coalesce((SELECT max(at) FROM login_attempts WHERE lower(username) = lower(?) AND success AND at >= ?), '-infinity')
		ORDER BY at`, username, since, username, since).Scan(&at).Error
	if err != nil {
		return nil, fmt.Errorf("login failures: %w", err)
	}
	return at, nil
}

type sessionCallerRow struct {
	ID          []byte
	UserID      int64
	CSRFToken   string
	CreatedAt   time.Time
	LastSeenAt  time.Time
	IP          string
	UserAgent   string
	Username    string
	DisplayName string
	Roles       string
	Departments string
	Projects    string
}

// SessionCaller reads a live session and its user's roles and assignments
// in one query, so that every request sees the current grants, whichever
// server made them. A token that names no session, a revoked one or one of a
// disabled user is user.ErrNoSession; expiry is the caller's rule to apply.
func (s *Store) SessionCaller(ctx context.Context, id []byte) (user.Caller, Session, error) {
	var rows []sessionCallerRow
	err := s.db.WithContext(ctx).Raw(`SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.ip, s.user_agent,
		u.username, u.display_name,
		coalesce((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '') AS roles,
		coalesce((SELECT string_agg(d.department_code, ',' ORDER BY d.department_code) FROM user_departments d WHERE d.user_id = u.id), '') AS departments,
		coalesce((SELECT string_agg(p.project_code, ',' ORDER BY p.project_code) FROM user_projects p WHERE p.user_id = u.id), '') AS projects
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = ? AND s.revoked_at IS NULL AND NOT u.disabled`, id).Scan(&rows).Error
	if err != nil {
		return user.Caller{}, Session{}, fmt.Errorf("read session: %w", err)
	}
	if len(rows) == 0 {
		return user.Caller{}, Session{}, user.ErrNoSession
	}
	r := rows[0]
	c := user.Caller{
		ID: r.UserID, Username: r.Username, DisplayName: r.DisplayName,
		Departments: splitList(r.Departments), Projects: splitList(r.Projects),
	}
	for _, role := range splitList(r.Roles) {
		c.Roles = append(c.Roles, user.Role(role))
	}
	sess := Session{
		ID: r.ID, UserID: r.UserID, CSRFToken: r.CSRFToken, CreatedAt: r.CreatedAt,
		LastSeenAt: r.LastSeenAt, IP: r.IP, UserAgent: r.UserAgent,
	}
	return c, sess, nil
}

// TouchSession records that a session was used at at.
func (s *Store) TouchSession(ctx context.Context, id []byte, at time.Time) error {
	if err := s.db.WithContext(ctx).Exec(`UPDATE sessions SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL AND last_seen_at < ?`,
		at, id, at).Error; err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// EndSession revokes a session (logout) and records e in the audit trail.
func (s *Store) EndSession(ctx context.Context, id []byte, at time.Time, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, at, id).Error; err != nil {
			return err
		}
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}
