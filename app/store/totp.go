package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// TOTPState is what storage holds of a user's second factor.
type TOTPState struct {
	Secret   []byte // sealed; nil when not enrolled
	Pending  []byte // sealed; nil when no enrolment is under way
	LastStep int64
}

// TOTP reads a user's second-factor state.
func (s *Store) TOTP(ctx context.Context, userID int64) (TOTPState, error) {
	var st TOTPState
	err := s.sql.QueryRowContext(ctx, numbered(`SELECT totp_secret, totp_pending_secret, totp_last_step FROM users WHERE id = ?`), userID).
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
// administrator's reset) and ends every session of theirs, audited, with
// notices in the same transaction; the user enrols again at the next
// sign-in. ErrNoTOTP when there is none.
func (s *Store) ResetTOTP(ctx context.Context, username string, e audit.Entry, notices ...Notice) (user.Account, error) {
	var a user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockUserRow(tx, username)
		if err != nil {
			return err
		}
		a = r.account()
		if e.ActorID != 0 && e.ActorID == a.ID {
			return user.ErrSelfChange
		}
		revoked, err := resetTOTP(tx, a.ID)
		if err != nil {
			return err
		}
		a.TOTPEnrolled = false
		e.Action, e.ObjectType, e.ObjectID = audit.UserTOTPReset, "user", a.Username
		e.Detail = audit.JSON(map[string]int64{"sessions_revoked": revoked})
		if err := appendAudit(tx, e); err != nil {
			return err
		}
		return notifyAll(tx, a, notices)
	})
	if err != nil {
		return user.Account{}, fmt.Errorf("reset second factor of %s: %w", username, err)
	}
	return a, nil
}

// resetTOTP removes a user's second factor and recovery codes and ends
// their sessions (ErrNoTOTP when there is none); it returns how many ended.
func resetTOTP(tx *gorm.DB, userID int64) (int64, error) {
	res := tx.Exec(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enrolled_at = NULL
		WHERE id = ? AND (totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL)`, userID)
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected == 0 {
		return 0, ErrNoTOTP
	}
	if err := tx.Exec(`DELETE FROM totp_recovery_codes WHERE user_id = ?`, userID).Error; err != nil {
		return 0, err
	}
	ended := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`, userID)
	return ended.RowsAffected, ended.Error
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.sql.QueryRowContext(ctx, numbered(`SELECT count(*) FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL`), userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count recovery codes: %w", err)
	}
	return n, nil
}
