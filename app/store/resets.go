package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Reset is an administrator's request to reset a user's password or second
// factor, waiting for (or decided by) a second person.
type Reset struct {
	ID            int64
	Kind          user.ResetKind
	UserID        int64
	Username      string
	DisplayName   string
	Roles         []user.Role
	RequestedByID int64
	RequestedBy   string
	RequestedAt   time.Time
	ExpiresAt     time.Time
	Status        user.ResetStatus
	DecidedByID   *int64
	DecidedBy     string
	DecidedAt     *time.Time
	Comment       string
}

// ResetRequest is a reset an administrator asks for.
type ResetRequest struct {
	Kind         user.ResetKind
	Username     string
	PasswordHash string // ResetPassword: the new password's hash
	At           time.Time
	// TemporaryUntil is when a password set now lapses; ExpiresAt when a
	// request waiting for a second person does.
	TemporaryUntil time.Time
	ExpiresAt      time.Time
}

// ResetAccount resets a user's password or second factor (ResetRequest),
// in one transaction under the user's row lock: when needsSecond says the
// account's reset takes a second person, a request is stored and nothing
// else changes (user.ErrResetPending while one of its kind waits), else the
// reset is applied at once (the password temporary, the sessions ended).
// Nobody resets their own account (user.ErrSelfChange); a second factor
// the user does not have is ErrNoTOTP. notices gives what to tell whom of
// the outcome (reset is nil when applied). It returns the account and, for
// a request, the request.
func (s *Store) ResetAccount(ctx context.Context, r ResetRequest, needsSecond func(user.Account) bool, e audit.Entry,
	notices func(user.Account, *Reset, []Recipient) []Notice) (user.Account, *Reset, error) {
	var a user.Account
	var out *Reset
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := lockUserRow(tx, r.Username)
		if err != nil {
			return err
		}
		a = row.account()
		if e.ActorID != 0 && e.ActorID == a.ID {
			return user.ErrSelfChange
		}
		if r.Kind == user.ResetTOTP {
			var has bool
			if err := tx.Raw(`SELECT totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL FROM users WHERE id = ?`, a.ID).
				Row().Scan(&has); err != nil {
				return err
			}
			if !has {
				return ErrNoTOTP
			}
		}
		if !needsSecond(a) {
			return s.applyReset(tx, &a, r, e, notices)
		}
		if err := expireResets(tx, r.At); err != nil {
			return err
		}
		var hash *string
		if r.Kind == user.ResetPassword {
			hash = &r.PasswordHash
		}
		var id int64
		if err := tx.Raw(`INSERT INTO account_resets (kind, user_id, password_hash, requested_by_id, requested_by, requested_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, string(r.Kind), a.ID, hash, e.ActorID, e.Actor, r.At, r.ExpiresAt).Scan(&id).Error; err != nil {
			if isUniqueViolation(err) {
				return user.ErrResetPending
			}
			return err
		}
		got, err := getReset(tx, id)
		if err != nil {
			return err
		}
		out = &got
		e.Action, e.ObjectType, e.ObjectID, e.Status = audit.UserResetRequested, "user", a.Username, 202
		e.Detail = audit.JSON(map[string]any{"reset_id": id, "kind": r.Kind, "expires_at": r.ExpiresAt.UTC().Format(time.RFC3339)})
		if err := appendAudit(tx, e); err != nil {
			return err
		}
		confirmers, err := resetConfirmers(tx, e.ActorID, a.ID)
		if err != nil {
			return err
		}
		return notifyAll(tx, a, notices(a, out, confirmers))
	})
	if err != nil {
		return user.Account{}, nil, fmt.Errorf("reset the %s of %s: %w", r.Kind, r.Username, err)
	}
	return a, out, nil
}

// applyReset resets the account's password or second factor at once.
func (s *Store) applyReset(tx *gorm.DB, a *user.Account, r ResetRequest, e audit.Entry, notices func(user.Account, *Reset, []Recipient) []Notice) error {
	revoked, err := applyKind(tx, a.ID, r.Kind, r.PasswordHash, r.At, r.TemporaryUntil)
	if err != nil {
		return err
	}
	row, err := getUserRow(tx, a.Username)
	if err != nil {
		return err
	}
	*a = row.account()
	e.Action, e.ObjectType, e.ObjectID = resetAction(r.Kind), "user", a.Username
	e.Detail = audit.JSON(map[string]any{"sessions_revoked": revoked, "temporary": r.Kind == user.ResetPassword})
	if err := appendAudit(tx, e); err != nil {
		return err
	}
	return notifyAll(tx, *a, notices(*a, nil, nil))
}

// applyKind replaces the password (temporary until until) or removes the
// second factor, ending the sessions; it returns how many ended.
func applyKind(tx *gorm.DB, userID int64, kind user.ResetKind, hash string, at, until time.Time) (int64, error) {
	if kind == user.ResetTOTP {
		return resetTOTP(tx, userID)
	}
	return setPassword(tx, userID, hash, at, &until)
}

func resetAction(k user.ResetKind) string {
	if k == user.ResetTOTP {
		return audit.UserTOTPReset
	}
	return audit.UserPassword
}

// ResetDecision is the second person's answer to a reset request. Check
// runs on the request under its lock (who may decide).
type ResetDecision struct {
	Confirm        bool
	Comment        string
	At             time.Time
	TemporaryUntil time.Time // a confirmed password's lapse
	Check          func(Reset) error
}

// DecideReset confirms or rejects a pending reset request in one
// transaction: a confirmation applies the reset (as ResetAccount does
// without a second person), recorded as that change with both persons; a
// rejection changes nothing but the request. A request already decided or
// lapsed is user.ErrResetDecided; an unknown one user.ErrResetNotFound.
func (s *Store) DecideReset(ctx context.Context, id int64, d ResetDecision, e audit.Entry, notices func(user.Account, Reset) []Notice) (Reset, user.Account, error) {
	var out Reset
	var a user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := expireResets(tx, d.At); err != nil {
			return err
		}
		var hash *string
		if err := tx.Raw(`SELECT password_hash FROM account_resets WHERE id = ? FOR UPDATE`, id).Row().Scan(&hash); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return user.ErrResetNotFound
			}
			return err
		}
		r, err := getReset(tx, id)
		if err != nil {
			return err
		}
		if r.Status != user.ResetPending {
			return user.ErrResetDecided
		}
		if err := d.Check(r); err != nil {
			return err
		}
		row, err := lockUserRow(tx, r.Username)
		if err != nil {
			return err
		}
		status := user.ResetRejected
		detail := map[string]any{"reset_id": id, "kind": r.Kind, "requested_by": r.RequestedBy, "comment": d.Comment}
		e.Action = audit.UserResetRejected
		if d.Confirm {
			h := ""
			if hash != nil {
				h = *hash
			}
			revoked, err := applyKind(tx, row.ID, r.Kind, h, d.At, d.TemporaryUntil)
			if err != nil {
				return err
			}
			status, e.Action = user.ResetConfirmed, resetAction(r.Kind)
			detail["confirmed_by"], detail["sessions_revoked"] = e.Actor, revoked
			detail["temporary"] = r.Kind == user.ResetPassword
		}
		if err := tx.Exec(`UPDATE account_resets SET status = ?, password_hash = NULL, decided_by_id = ?, decided_by = ?, decided_at = ?, comment = ?
			WHERE id = ?`, string(status), e.ActorID, e.Actor, d.At, d.Comment, id).Error; err != nil {
			return err
		}
		if out, err = getReset(tx, id); err != nil {
			return err
		}
		if row, err = getUserRow(tx, r.Username); err != nil {
			return err
		}
		a = row.account()
		e.ObjectType, e.ObjectID, e.Status = "user", a.Username, 200
		e.Detail = audit.JSON(detail)
		if err := appendAudit(tx, e); err != nil {
			return err
		}
		return notifyAll(tx, a, notices(a, out))
	})
	if err != nil {
		return Reset{}, user.Account{}, fmt.Errorf("decide reset %d: %w", id, err)
	}
	return out, a, nil
}

// ListResets lists reset requests, newest first, of one status or all
// (""); requests that waited past their time are expired first.
func (s *Store) ListResets(ctx context.Context, status user.ResetStatus, at time.Time) ([]Reset, error) {
	var out []Reset
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := expireResets(tx, at); err != nil {
			return err
		}
		q := resetSelect
		args := []any{}
		if status != "" {
			q += ` WHERE r.status = ?`
			args = append(args, string(status))
		}
		var rows []resetRow
		if err := tx.Raw(q+` ORDER BY r.id DESC LIMIT 500`, args...).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out = append(out, r.reset())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list resets: %w", err)
	}
	return out, nil
}

// resetConfirmers lists the enabled users who may confirm a reset of
// target requested by requester: administrators and auditors other than
// the two, to tell them a request waits.
func resetConfirmers(tx *gorm.DB, requesterID, targetID int64) ([]Recipient, error) {
	var rows []Recipient
	err := tx.Raw(`SELECT u.id AS user_id, u.username, '' AS email FROM users u
		JOIN user_roles r ON r.user_id = u.id AND r.role IN ('admin', 'auditor')
		WHERE NOT u.disabled AND u.id NOT IN (?, ?) ORDER BY u.id`, requesterID, targetID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reset confirmers: %w", err)
	}
	return rows, nil
}

// expireResets marks the requests that waited past their time expired,
// dropping their password hashes.
func expireResets(tx *gorm.DB, at time.Time) error {
	return tx.Exec(`UPDATE account_resets SET status = 'expired', password_hash = NULL WHERE status = 'pending' AND expires_at <= ?`, at).Error
}

type resetRow struct {
	ID            int64
	Kind          string
	UserID        int64
	Username      string
	DisplayName   string
	Roles         string
	RequestedByID int64
	RequestedBy   string
	RequestedAt   time.Time
	ExpiresAt     time.Time
	Status        string
	DecidedByID   *int64
	DecidedBy     string
	DecidedAt     *time.Time
	Comment       string
}

const resetSelect = `SELECT r.id, r.kind, r.user_id, u.username, u.display_name,
	coalesce((SELECT string_agg(ur.role, ',' ORDER BY ur.role) FROM user_roles ur WHERE ur.user_id = u.id), '') AS roles,
	r.requested_by_id, r.requested_by, r.requested_at, r.expires_at, r.status, r.decided_by_id, r.decided_by, r.decided_at, r.comment
	FROM account_resets r JOIN users u ON u.id = r.user_id`

func (r resetRow) reset() Reset {
	out := Reset{ID: r.ID, Kind: user.ResetKind(r.Kind), UserID: r.UserID, Username: r.Username, DisplayName: r.DisplayName,
		RequestedByID: r.RequestedByID, RequestedBy: r.RequestedBy, RequestedAt: r.RequestedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(),
		Status: user.ResetStatus(r.Status), DecidedByID: r.DecidedByID, DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt, Comment: r.Comment}
	for _, role := range splitList(r.Roles) {
		out.Roles = append(out.Roles, user.Role(role))
	}
	return out
}

func getReset(tx *gorm.DB, id int64) (Reset, error) {
	var rows []resetRow
	if err := tx.Raw(resetSelect+` WHERE r.id = ?`, id).Scan(&rows).Error; err != nil {
		return Reset{}, err
	}
	if len(rows) == 0 {
		return Reset{}, user.ErrResetNotFound
	}
	return rows[0].reset(), nil
}
