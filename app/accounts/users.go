package accounts

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"jixiao/app/store"
	"jixiao/domain/user"
)

// ErrOwnPassword: an administrator's reset of their own password; their
// own password is changed with the current one (ChangeOwnPassword), so
// that a stolen session cannot take the account over.
var ErrOwnPassword = errors.New("an administrator's own password is changed with the current one")

// UsersPage lists a page of the users the filter matches, by username, with
// the count of every match: a province has thousands.
func (s *Service) UsersPage(ctx context.Context, f store.UserFilter) ([]user.Account, int, error) {
	return s.store.PageUsers(ctx, f)
}

// User reads one user by username (any case); user.ErrNotFound if none.
func (s *Service) User(ctx context.Context, username string) (user.Account, error) {
	return s.store.GetUser(ctx, username)
}

// CreateUser creates an account for an administrator, with a password
// checked against the policy. A password an administrator set is
// temporary: it signs in once, within user.TemporaryPasswordLifetime, and
// is changed then. Separation of duties and the assignments are checked by
// the account's validation when stored.
func (s *Service) CreateUser(ctx context.Context, a Actor, acct user.Account, password string) (user.Account, error) {
	hash, err := s.HashNewPassword(ctx, password)
	if err != nil {
		return user.Account{}, err
	}
	until := s.now().UTC().Add(user.TemporaryPasswordLifetime)
	acct.MustChangePassword, acct.TemporaryPasswordUntil = true, &until
	e := s.entry(a)
	e.Status = http.StatusCreated
	return s.store.CreateUser(ctx, acct, hash, e)
}

// UpdateUser applies one audited change (action) to the user username.
func (s *Service) UpdateUser(ctx context.Context, a Actor, username, action string, change func(*user.Account) error) (user.Account, error) {
	e := s.entry(a)
	e.Action, e.Status = action, http.StatusOK
	return s.store.UpdateUser(ctx, username, change, e)
}

// SetPassword is an administrator's reset of another user's password to
// one they chose (checked against the policy): see ResetPassword.
func (s *Service) SetPassword(ctx context.Context, a Actor, username, password string) (Outcome, error) {
	if strings.EqualFold(username, a.Caller.Username) {
		return Outcome{}, ErrOwnPassword
	}
	hash, err := s.HashNewPassword(ctx, password)
	if err != nil {
		return Outcome{}, err
	}
	return s.ResetPassword(ctx, a, username, hash)
}

// OwnSecurity is what a user sees of their own second factor and password
// life, for the account page.
type OwnSecurity struct {
	Account           user.Account
	TOTPRequired      bool
	RecoveryCodesLeft int
	// PasswordExpiresAt is nil when passwords do not expire.
	PasswordExpiresAt *time.Time
	// ReminderEmail is where the user's notifications are mailed; "" for none.
	ReminderEmail string
}

// Own reads the caller's own second factor, password life and e-mail.
func (s *Service) Own(ctx context.Context, caller user.Caller) (OwnSecurity, error) {
	a, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return OwnSecurity{}, err
	}
	left, err := s.store.RecoveryCodesLeft(ctx, a.ID)
	if err != nil {
		return OwnSecurity{}, err
	}
	email, err := s.store.Email(ctx, a.ID)
	if err != nil {
		return OwnSecurity{}, err
	}
	out := OwnSecurity{Account: a, TOTPRequired: s.set.Security.RequiresTOTP(a.Roles), RecoveryCodesLeft: left, ReminderEmail: email}
	if s.set.Security.PasswordMaxAge > 0 {
		exp := a.PasswordChangedAt.Add(s.set.Security.PasswordMaxAge)
		out.PasswordExpiresAt = &exp
	}
	return out, nil
}

// ContactsPage is a page of the enabled users' names, phones and e-mails
// that the filter matches, in full for those who manage users and for one's
// own entry, masked otherwise, with the count of every match.
func (s *Service) ContactsPage(ctx context.Context, caller user.Caller, managesUsers bool, f store.UserFilter) ([]user.Contact, int, error) {
	f.OnlyEnabled = true
	as, total, err := s.store.PageUsers(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]user.Contact, len(as))
	for i, a := range as {
		out[i] = user.ContactOf(a, managesUsers || a.ID == caller.ID)
	}
	return out, total, nil
}
