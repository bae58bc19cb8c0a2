package user

import (
	"errors"
	"slices"
	"time"
)

// An administrator resets a user's password or second factor when they
// lost it. The reset of an account that can approve, administer or audit
// (admin, reviewer, auditor) takes two people (二人复核): the administrator
// who asks and another administrator or an auditor who confirms; until then
// nothing changes. A password set by an administrator is temporary: it
// signs in once, within TemporaryPasswordLifetime, and must then be
// replaced. So no administrator can sign in as another user unseen: alone
// they change nothing of a privileged account, and a temporary password
// used by anyone but its holder is spent when the holder comes to use it.

// ResetKind is what a reset replaces.
type ResetKind string

// The kinds of reset.
const (
	ResetPassword ResetKind = "password"
	ResetTOTP     ResetKind = "totp"
)

// Label is the kind in Chinese, for notifications.
func (k ResetKind) Label() string {
	if k == ResetTOTP {
		return "双因素认证"
	}
	return "密码"
}

// ResetStatus is where a reset request stands.
type ResetStatus string

// The statuses of a reset request.
const (
	ResetPending   ResetStatus = "pending"
	ResetConfirmed ResetStatus = "confirmed"
	ResetRejected  ResetStatus = "rejected"
	ResetExpired   ResetStatus = "expired"
)

// TemporaryPasswordLifetime is how long a password an administrator set may
// be used to sign in (once).
const TemporaryPasswordLifetime = 24 * time.Hour

// ResetRequestLifetime is how long a reset request waits for its second
// person before it lapses.
const ResetRequestLifetime = 24 * time.Hour

// Errors of resets and temporary passwords.
var (
	ErrResetNotFound = errors.New("reset request not found")
	// ErrResetPending: a request of the same kind for the user waits already.
	ErrResetPending = errors.New("a reset of this kind is waiting for confirmation")
	// ErrResetDecided: the request was confirmed, rejected or lapsed.
	ErrResetDecided = errors.New("reset request no longer pending")
	// ErrSecondPerson: whoever asked for a reset cannot also confirm it.
	ErrSecondPerson = errors.New("a reset is confirmed by a second person")
	// ErrTemporaryPasswordExpired: a password an administrator set was not
	// used within TemporaryPasswordLifetime.
	ErrTemporaryPasswordExpired = errors.New("temporary password expired")
	// ErrTemporaryPasswordUsed: a temporary password signs in once.
	ErrTemporaryPasswordUsed = errors.New("temporary password used")
)

// NeedsSecondPerson tells whether a reset of an account with these roles
// takes a second person's confirmation: those that approve, administer or
// audit.
func NeedsSecondPerson(roles []Role) bool {
	for _, r := range roles {
		if r == Admin || r == Reviewer || r == Auditor {
			return true
		}
	}
	return false
}

// Confirms tells whether a caller of these roles may be the second person
// of a reset: another administrator or an auditor.
func Confirms(roles []Role) bool {
	return slices.Contains(roles, Admin) || slices.Contains(roles, Auditor)
}

// CheckConfirmer lets the caller confirm (or reject) a reset that
// requesterID asked for of targetID: not the one who asked
// (ErrSecondPerson), not the account itself (ErrSelfChange), and only an
// administrator or an auditor (ErrSecondPerson too).
func CheckConfirmer(c Caller, requesterID, targetID int64) error {
	switch {
	case c.ID == targetID:
		return ErrSelfChange
	case c.ID == requesterID || !Confirms(c.Roles):
		return ErrSecondPerson
	}
	return nil
}

// CheckTemporaryPassword refuses a right password an administrator set
// (until is when it lapses, nil for a password of the user's own) once it
// lapsed or was used to sign in.
func CheckTemporaryPassword(until, usedAt *time.Time, now time.Time) error {
	switch {
	case until == nil:
		return nil
	case usedAt != nil:
		return ErrTemporaryPasswordUsed
	case !now.Before(*until):
		return ErrTemporaryPasswordExpired
	}
	return nil
}
