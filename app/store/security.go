package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Errors of the second factor.
var (
	// ErrNoPendingTOTP: a confirmation without an enrolment begun.
	ErrNoPendingTOTP = errors.New("no second factor being enrolled")
	// ErrTOTPEnrolled: enrolment asked by a user who has a second factor.
	ErrTOTPEnrolled = errors.New("second factor already enrolled")
	// ErrNoTOTP: a reset of a second factor the user does not have.
	ErrNoTOTP = errors.New("no second factor enrolled")
)

// insertSession starts a session (full or pending).
func insertSession(tx *gorm.DB, sess Session) error {
	stage := sess.Stage
	if stage == "" {
		stage = user.StageFull
	}
	// The id is not first: gorm spreads a slice placed right after "(".
	if err := tx.Exec(`INSERT INTO sessions (user_id, id, csrf_token, created_at, last_seen_at, ip, user_agent, stage)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sess.UserID, sess.ID, sess.CSRFToken, sess.CreatedAt, sess.CreatedAt,
		sess.IP, sess.UserAgent, string(stage)).Error; err != nil {
		return err
	}
	if stage == user.StageFull {
		return tx.Exec(`UPDATE users SET last_login_at = ? WHERE id = ?`, sess.CreatedAt, sess.UserID).Error
	}
	return nil
}

// recordPassword keeps a new password's hash in the user's history, and
// only the last user.PasswordHistory of them.
func recordPassword(tx *gorm.DB, userID int64, hash string) error {
	if err := tx.Exec(`INSERT INTO password_history (user_id, password_hash, set_at) VALUES (?, ?, now())`, userID, hash).Error; err != nil {
		return err
	}
	return tx.Exec(`DELETE FROM password_history WHERE user_id = ? AND id NOT IN
		(SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)`, userID, userID, user.PasswordHistory).Error
}

// RecentPasswordHashes lists the hashes of a user's last passwords, the
// current one first, at most user.PasswordHistory.
func (s *Store) RecentPasswordHashes(ctx context.Context, userID int64) ([]string, error) {
	var out []string
	if err := s.db.WithContext(ctx).Raw(`SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
		userID, user.PasswordHistory).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("password history: %w", err)
	}
	return out, nil
}

// PromoteSession ends a pending session and starts its successor (the next
// pending stage, or a full session with a new token), marking the login
// attempt that proved the step a success, with the audit entry, in one
// transaction. The pending session must still be live and at stage from.
func (s *Store) PromoteSession(ctx context.Context, pendingID []byte, from user.Stage, attemptID int64, next Session, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return promote(tx, pendingID, from, attemptID, next, e)
	})
	if err != nil {
		return fmt.Errorf("promote session: %w", err)
	}
	return nil
}

func promote(tx *gorm.DB, pendingID []byte, from user.Stage, attemptID int64, next Session, e audit.Entry) error {
	res := tx.Exec(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND stage = ? AND revoked_at IS NULL`, next.CreatedAt, pendingID, string(from))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return user.ErrNoSession
	}
	if attemptID != 0 {
		if err := tx.Exec(`UPDATE login_attempts SET success = true WHERE id = ?`, attemptID).Error; err != nil {
			return err
		}
	}
	if err := insertSession(tx, next); err != nil {
		return err
	}
	return appendAudit(tx, e)
}

// DisableIdle disables an account found idle at sign-in and ends its
// sessions, audited; the last enabled administrator stays (user.ErrLastAdmin).
func (s *Store) DisableIdle(ctx context.Context, userID int64, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var roles []string
		if err := tx.Raw(`SELECT role FROM user_roles WHERE user_id = ?`, userID).Scan(&roles).Error; err != nil {
			return err
		}
		for _, r := range roles {
			if r == string(user.Admin) {
				if err := checkOtherAdmin(tx, userID); err != nil {
					return err
				}
			}
		}
		res := tx.Exec(`UPDATE users SET disabled = true, updated_at = now() WHERE id = ? AND NOT disabled`, userID)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		ended := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`, userID)
		if ended.Error != nil {
			return ended.Error
		}
		e.Action, e.ObjectType = audit.UserDisabledIdle, "user"
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("disable idle account: %w", err)
	}
	return nil
}

// DisableIdleAccounts disables every enabled account whose last sign-in (or
// creation, if never) is at or before cutoff, one audited change each; the
// last enabled administrator stays. It returns the usernames disabled.
func (s *Store) DisableIdleAccounts(ctx context.Context, cutoff time.Time, e audit.Entry) ([]string, error) {
	type idle struct {
		ID       int64
		Username string
	}
	var found []idle
	if err := s.db.WithContext(ctx).Raw(`SELECT id, username FROM users
		WHERE NOT disabled AND greatest(created_at, coalesce(last_login_at, created_at)) <= ? ORDER BY id`, cutoff).
		Scan(&found).Error; err != nil {
		return nil, fmt.Errorf("find idle accounts: %w", err)
	}
	var out []string
	for _, u := range found {
		ue := e
		ue.ObjectID = u.Username
		ue.Detail = audit.JSON(map[string]string{"reason": "idle", "cutoff": cutoff.UTC().Format(time.RFC3339)})
		err := s.DisableIdle(ctx, u.ID, ue)
		if errors.Is(err, user.ErrLastAdmin) {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, u.Username)
	}
	return out, nil
}

// StartPending starts a pending sign-in after a right password: the
// attempt is neither a failure nor a success (it is removed), so that the
// lockout counts the second-factor tries that follow and only a completed
// sign-in clears it.
func (s *Store) StartPending(ctx context.Context, attemptID int64, sess Session, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`DELETE FROM login_attempts WHERE id = ?`, attemptID).Error; err != nil {
			return err
		}
		if err := insertSession(tx, sess); err != nil {
			return err
		}
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("start pending sign-in: %w", err)
	}
	return nil
}

// ForcedPasswordChange replaces the password of a pending sign-in at stage
// "password" and promotes it to next (a full session), in one transaction
// with the attempt that proved the current password and the audit entry.
func (s *Store) ForcedPasswordChange(ctx context.Context, pendingID []byte, attemptID, userID int64, hash string, next Session, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = false, password_changed_at = ?, updated_at = now(),
			temporary_password_until = NULL, temporary_password_used_at = NULL WHERE id = ?`, hash, next.CreatedAt, userID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return user.ErrNotFound
		}
		if err := recordPassword(tx, userID, hash); err != nil {
			return err
		}
		// every other session of the user ends with the old password
		if err := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL AND id <> ?`, userID, pendingID).Error; err != nil {
			return err
		}
		return promote(tx, pendingID, user.StagePassword, attemptID, next, e)
	})
	if err != nil {
		return fmt.Errorf("forced password change: %w", err)
	}
	return nil
}

// UseTemporaryPassword spends a user's temporary password as it signs in:
// false when there is none left to spend (used meanwhile by a parallel
// sign-in), so that it signs in once however many try at once.
func (s *Store) UseTemporaryPassword(ctx context.Context, userID int64, at time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE users SET temporary_password_used_at = ?
		WHERE id = ? AND temporary_password_until IS NOT NULL AND temporary_password_used_at IS NULL AND temporary_password_until > ?`, at, userID, at)
	if res.Error != nil {
		return false, fmt.Errorf("use temporary password: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}
