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

// TOTPState is what storage holds of a user's second factor.
type TOTPState struct {
	Secret   []byte // sealed; nil when not enrolled
	Pending  []byte // sealed; nil when no enrolment is under way
	LastStep int64
}

// TOTP reads a user's second-factor state.
func (s *Store) TOTP(ctx context.Context, userID int64) (TOTPState, error) {
	var st TOTPState
	err := s.sql.QueryRowContext(ctx, `SELECT totp_secret, totp_pending_secret, totp_last_step FROM users WHERE id = $1`, userID).
		Scan(&st.Secret, &st.Pending, &st.LastStep)
	if err != nil {
		return TOTPState{}, fmt.Errorf("read second factor: %w", err)
	}
	return st, nil
}

// BeginTOTP keeps a new sealed secret awaiting its first code, replacing
// one begun before; ErrTOTPEnrolled when the user has a second factor.
func (s *Store) BeginTOTP(ctx context.Context, userID int64, sealed []byte, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`UPDATE users SET totp_pending_secret = ? WHERE id = ? AND totp_secret IS NULL`, sealed, userID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrTOTPEnrolled
		}
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("begin second factor: %w", err)
	}
	return nil
}

// ConfirmTOTP makes the pending secret the user's second factor once its
// first code (of step) was right, with the hashes of new recovery codes;
// the step is used up. ErrNoPendingTOTP when there is no pending secret.
func (s *Store) ConfirmTOTP(ctx context.Context, userID int64, pending []byte, step int64, recovery [][]byte, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enrolled_at = now(),
			totp_last_step = ? WHERE id = ? AND totp_secret IS NULL AND totp_pending_secret = ?`, step, userID, pending)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNoPendingTOTP
		}
		if err := replaceRecoveryCodes(tx, userID, recovery); err != nil {
			return err
		}
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("confirm second factor: %w", err)
	}
	return nil
}

func replaceRecoveryCodes(tx *gorm.DB, userID int64, hashes [][]byte) error {
	if err := tx.Exec(`DELETE FROM totp_recovery_codes WHERE user_id = ?`, userID).Error; err != nil {
		return err
	}
	for _, h := range hashes {
		if err := tx.Exec(`INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, h).Error; err != nil {
			return err
		}
	}
	return nil
}

// UseTOTPStep uses up the step of an accepted code: false when that step
// or a later one was used already (a replayed code, or two requests racing
// with the same code).
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, userID, step)
	if res.Error != nil {
		return false, fmt.Errorf("use second-factor code: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// UseRecoveryCode uses up an unused recovery code by its hash; false when
// there is none such. It returns how many stay unused.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash []byte, at time.Time) (bool, int, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE totp_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		at, userID, hash)
	if res.Error != nil {
		return false, 0, fmt.Errorf("use recovery code: %w", res.Error)
	}
	var left int
	if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).
		Scan(&left).Error; err != nil {
		return false, 0, fmt.Errorf("count recovery codes: %w", err)
	}
	return res.RowsAffected == 1, left, nil
}

// ResetTOTP removes a user's second factor and recovery codes (an
// administrator's reset) and ends every session of theirs, audited; the
// user enrols again at the next sign-in. ErrNoTOTP when there is none.
func (s *Store) ResetTOTP(ctx context.Context, username string, e audit.Entry) (user.Account, error) {
	var a user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := getUserRow(tx, username)
		if err != nil {
			return err
		}
		a = r.account()
		if e.ActorID != 0 && e.ActorID == a.ID {
			return user.ErrSelfChange
		}
		res := tx.Exec(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enrolled_at = NULL
			WHERE id = ? AND (totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL)`, a.ID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNoTOTP
		}
		if err := tx.Exec(`DELETE FROM totp_recovery_codes WHERE user_id = ?`, a.ID).Error; err != nil {
			return err
		}
		ended := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`, a.ID)
		if ended.Error != nil {
			return ended.Error
		}
		a.TOTPEnrolled = false
		e.Action, e.ObjectType, e.ObjectID = audit.UserTOTPReset, "user", a.Username
		e.Detail = audit.JSON(map[string]int64{"sessions_revoked": ended.RowsAffected})
		return appendAudit(tx, e)
	})
	if err != nil {
		return user.Account{}, fmt.Errorf("reset second factor of %s: %w", username, err)
	}
	return a, nil
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

// SealedSecret is one sealed second-factor secret and whose it is.
type SealedSecret struct {
	UserID  int64
	Column  string // "totp_secret" or "totp_pending_secret"
	Sealed  []byte
	Opened  []byte // filled by the caller of ReplaceSealedSecrets
	Changed bool
}

// SealedSecrets lists every sealed secret in the database.
func (s *Store) SealedSecrets(ctx context.Context) ([]SealedSecret, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT id, 'totp_secret', totp_secret FROM users WHERE totp_secret IS NOT NULL
		UNION ALL SELECT id, 'totp_pending_secret', totp_pending_secret FROM users WHERE totp_pending_secret IS NOT NULL ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("sealed secrets: %w", err)
	}
	defer rows.Close()
	var out []SealedSecret
	for rows.Next() {
		var x SealedSecret
		if err := rows.Scan(&x.UserID, &x.Column, &x.Sealed); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// ResealSecrets replaces every sealed secret in one transaction: reseal
// gets each as stored and returns it sealed anew (under a new key). A
// secret that changed meanwhile aborts the whole. It returns how many it
// replaced.
func (s *Store) ResealSecrets(ctx context.Context, reseal func(SealedSecret) ([]byte, error), e audit.Entry) (int, error) {
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SELECT 1 FROM users WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL FOR UPDATE`).Error; err != nil {
			return err
		}
		all, err := s.SealedSecrets(ctx)
		if err != nil {
			return err
		}
		for _, x := range all {
			fresh, err := reseal(x)
			if err != nil {
				return err
			}
			// the column name comes from SealedSecrets, never from input
			res := tx.Exec(`UPDATE users SET `+x.Column+` = ? WHERE id = ? AND `+x.Column+` = ?`, fresh, x.UserID, x.Sealed)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return fmt.Errorf("the secret of user %d changed during the rotation: run it again", x.UserID)
			}
			n++
		}
		e.Action, e.ObjectType = audit.SecretRotated, "secret_key"
		e.Detail = audit.JSON(map[string]int{"secrets": n})
		return appendAudit(tx, e)
	})
	if err != nil {
		return 0, fmt.Errorf("rotate secret key: %w", err)
	}
	return n, nil
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
		res := tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = false, password_changed_at = ?, updated_at = now()
			WHERE id = ?`, hash, next.CreatedAt, userID)
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

// RecoveryCodesLeft counts a user's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.sql.QueryRowContext(ctx, `SELECT count(*) FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count recovery codes: %w", err)
	}
	return n, nil
}
