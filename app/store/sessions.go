package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Session is a signed-in session. Only the SHA-256 of its token is kept.
type Session struct {
	ID         []byte // SHA-256 of the token
	UserID     int64
	CSRFToken  string // auth.CSRFDigest of the CSRF token
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
	// Stage is user.StageFull, or the next step of a pending sign-in.
	Stage user.Stage
}

// LoginAttempt is one try to sign in, kept for the lockout.
type LoginAttempt struct {
	Username string // as typed; compared in lower case
	At       time.Time
	Success  bool
	IP       string
}

// LoginGate decides, under the username's lock, whether a login may go on
// to check a password, given the username's attempts since its last success
// and the address's attempts (within the lookbacks of BeginLogin): their
// failures and how many are still being checked.
type LoginGate func(username, address user.Attempts) error

// BeginLogin admits a login attempt or refuses it, atomically per username:
// under a transaction-scoped advisory lock on the username (any case) it
// reads the failures and the attempts still being checked, asks gate, and
// records the attempt as being checked (success NULL) before any password
// is checked. So however many tries arrive at once, each sees the ones
// before it, and no more tries check a password than the lockout allows,
// while a try still being checked is never taken for a failure.
// FinishLogin records the outcome; CancelLogin removes the attempt when no
// password was checked. An attempt undecided for user.CheckingLimit (its
// server stopped) counts as a failure. It returns the attempt's id and the
// username's earlier failures.
func (s *Store) BeginLogin(ctx context.Context, a LoginAttempt, userSince, addressSince time.Time, gate LoginGate) (int64, []time.Time, error) {
	var id int64
	var byUser, byAddress user.Attempts
	undecided := a.At.Add(-user.CheckingLimit)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended('jixiao.login:' || lower(?), 0))`, a.Username).Error; err != nil {
			return err
		}
		var err error
		if byUser, err = attempts(tx, `lower(username) = lower(?) AND at >= ?
			  AND at > coalesce((SELECT max(at) FROM login_attempts WHERE lower(username) = lower(?) AND success AND at >= ?), '-infinity')`,
			undecided, a.Username, userSince, a.Username, userSince); err != nil {
			return err
		}
		if a.IP != "" {
			if byAddress, err = attempts(tx, `ip = ? AND at >= ?`, undecided, a.IP, addressSince); err != nil {
				return err
			}
		}
		if err := gate(byUser, byAddress); err != nil {
			return err
		}
		return tx.Raw(`INSERT INTO login_attempts (username, at, success, ip) VALUES (?, ?, NULL, ?) RETURNING id`,
			a.Username, a.At, a.IP).Scan(&id).Error
	})
	if err != nil {
		return 0, nil, fmt.Errorf("begin login: %w", err)
	}
	return id, byUser.Failures, nil
}

// attempts reads the failures (oldest first) and the number of attempts
// still being checked among the login attempts where cond holds; one
// undecided since before undecided counts as a failure.
func attempts(tx *gorm.DB, cond string, undecided time.Time, args ...any) (user.Attempts, error) {
	var rows []struct {
		At      time.Time
		Success *bool
	}
	if err := tx.Raw(`SELECT at, success FROM login_attempts WHERE success IS NOT TRUE AND `+cond+` ORDER BY at`, args...).
		Scan(&rows).Error; err != nil {
		return user.Attempts{}, err
	}
	var out user.Attempts
	for _, r := range rows {
		if r.Success == nil && !r.At.Before(undecided) {
			out.Checking++
			continue
		}
		out.Failures = append(out.Failures, r.At)
	}
	return out, nil
}

// CancelLogin removes an attempt BeginLogin recorded whose password was
// never checked (the server was too busy to hash it).
func (s *Store) CancelLogin(ctx context.Context, attemptID int64) error {
	if err := s.db.WithContext(ctx).Exec(`DELETE FROM login_attempts WHERE id = ?`, attemptID).Error; err != nil {
		return fmt.Errorf("cancel login: %w", err)
	}
	return nil
}

// FinishLogin records the outcome of an attempt BeginLogin admitted: a
// failure (sess nil), or a success that starts the session; either way it
// appends the audit entry, in one transaction.
func (s *Store) FinishLogin(ctx context.Context, attemptID int64, sess *Session, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if sess == nil {
			if err := tx.Exec(`UPDATE login_attempts SET success = false WHERE id = ?`, attemptID).Error; err != nil {
				return err
			}
		} else {
			if err := tx.Exec(`UPDATE login_attempts SET success = true WHERE id = ?`, attemptID).Error; err != nil {
				return err
			}
			if err := insertSession(tx, *sess); err != nil {
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

// SessionCaller reads a live session and its user's roles and assignments
// in one query, so that every request sees the current grants, whichever
// server made them. A token that names no session, a revoked one or one of a
// disabled user is user.ErrNoSession; expiry is the caller's rule to apply.
// It runs on every request, so it goes through pgx directly.
func (s *Store) SessionCaller(ctx context.Context, id []byte) (user.Caller, Session, error) {
	var c user.Caller
	var sess Session
	var roles, deps, projs, units []string
	var stage string
	err := s.queryRow(ctx, `SELECT s.stage, s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.ip, s.user_agent,
		u.username, u.display_name,
		array(SELECT r.role FROM user_roles r WHERE r.user_id = u.id ORDER BY r.role),
		array(SELECT d.department_code FROM user_departments d WHERE d.user_id = u.id ORDER BY d.department_code),
		array(SELECT p.project_code FROM user_projects p WHERE p.user_id = u.id ORDER BY p.project_code)
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = ? AND s.revoked_at IS NULL AND NOT u.disabled`, id).Scan(&stage, &sess.ID, &sess.UserID, &sess.CSRFToken, &sess.CreatedAt,
		&sess.LastSeenAt, &sess.IP, &sess.UserAgent, &c.Username, &c.DisplayName, &roles, &deps, &projs)
	if errors.Is(err, pgx.ErrNoRows) {
		return user.Caller{}, Session{}, user.ErrNoSession
	}
	if err != nil {
		return user.Caller{}, Session{}, fmt.Errorf("read session: %w", err)
	}
	c.ID, c.Departments, c.Projects, sess.Stage = sess.UserID, nilIfEmpty(deps), nilIfEmpty(projs), user.Stage(stage)
	for _, r := range roles {
		c.Roles = append(c.Roles, user.Role(r))
	}
	if len(deps) > 0 && (c.Has(user.Reviewer) || c.Has(user.Supervisor)) {
		// the units below the departments they review, read afresh like the grants
		if err := s.queryRow(ctx, `SELECT array(`+unitsBelowSQL+`) FROM users u WHERE u.id = ?`, sess.UserID).Scan(&units); err != nil {
			return user.Caller{}, Session{}, fmt.Errorf("read session: %w", err)
		}
		c.Units = nilIfEmpty(units)
	}
	sess.CreatedAt, sess.LastSeenAt = sess.CreatedAt.UTC(), sess.LastSeenAt.UTC()
	return c, sess, nil
}

// unitsBelowSQL selects, for the user u of the enclosing query, the
// departments strictly below the ones assigned to them (at most two levels
// down: the hierarchy has three), by code.
const unitsBelowSQL = `SELECT DISTINCT d.code FROM departments d
	LEFT JOIN departments p ON p.code = d.parent_code
	WHERE d.parent_code IN (SELECT ud.department_code FROM user_departments ud WHERE ud.user_id = u.id)
	   OR p.parent_code IN (SELECT ud.department_code FROM user_departments ud WHERE ud.user_id = u.id)
	ORDER BY d.code`

func nilIfEmpty(v []string) []string {
	if len(v) == 0 {
		return nil
	}
	return v
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
