package accounts

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/user"
)

// Settings are the limits and the policy of signing in.
type Settings struct {
	Lockout  user.Lockout
	Throttle user.Throttle
	// Security is the policy of second factors and password life.
	Security user.Security
	// Secrets seals second-factor secrets; nil refuses enrolment and
	// second steps (ErrNoSecretKey).
	Secrets *auth.SecretBox
	// HashConcurrency bounds the password hashes computed at once (each
	// argon2id takes 19 MiB); 0 means the number of CPUs, at least 2.
	HashConcurrency int
	Log             *slog.Logger
}

// Refusals of the sign-in use cases, beside the domain's (user.Err…).
var (
	// ErrBusy: no hashing slot within hashWait, or no turn for the
	// username before the request ended.
	ErrBusy = errors.New("busy: too many sign-ins at once")
	// ErrNoSecretKey: the server has no key to seal second factors.
	ErrNoSecretKey = errors.New("no JIXIAO_SECRET_KEY")
	// ErrNoStep: the session is not at the step it tries.
	ErrNoStep = errors.New("no such pending step")
	// ErrWrongCode: a second-factor code that is wrong, expired or used.
	ErrWrongCode = errors.New("wrong code")
	// ErrNoCredentials: a sign-in without a username or a password.
	ErrNoCredentials = errors.New("no username or password")
)

// ReusedPasswordMessage refuses one of the last user.PasswordHistory
// passwords.
const ReusedPasswordMessage = "不能使用最近 5 次用过的密码"

// hashWait is how long a request waits for a free hashing slot before it
// is refused with ErrBusy.
const hashWait = 3 * time.Second

// maxUsernameLength bounds what a login records as the username tried.
const maxUsernameLength = 64

// Client is where a sign-in comes from, for its session and audit rows.
type Client struct {
	IP, UserAgent string
}

// Trail lets the service's refusals reach the audit trail through the
// API: Refused records a row the API writes (with its limit on anonymous
// rows); Audited says the service wrote the request's row itself.
type Trail struct {
	Refused func(audit.Entry)
	Audited func()
}

// Session is a session begun: the tokens go to the client, only their
// hashes to storage. Stage is user.StageFull, or the next step of a pending
// sign-in whose token may do nothing else.
type Session struct {
	Token, CSRF string
	Caller      user.Caller
	Stage       user.Stage
	Stored      store.Session
}

// try is an admitted sign-in attempt (or check of a current password or a
// code): it counts toward the lockout until finished or cancelled.
type try struct {
	id       int64
	failures []time.Time
	username string
	now      time.Time
}

// CheckNewPassword is the one policy of a new password chosen by its
// holder: both given, the new one valid and not the current one. It runs
// before any hash.
func CheckNewPassword(current, next string) error {
	p := fields.Problems{}
	if current == "" {
		p.Add("current", "请输入当前密码")
	}
	if next == "" {
		p.Add("new", "请输入新密码")
	} else if err := user.ValidatePassword(next); err != nil {
		p.Add("new", err.Error())
	} else if next == current {
		p.Add("new", "新密码不能与当前密码相同")
	}
	return p.Err(user.ErrInvalid)
}

// SignIn admits the attempt, checks the password, and starts a session.
// Every failure is the same user.ErrInvalidCredentials whether the user is
// unknown, disabled or typed a wrong password, and takes as long (a
// password hash is verified either way). The lockout counts failures by
// username, existing or not, so that it tells nothing either. The attempt
// is admitted and counted under the username's lock before any hash is
// computed (store.BeginLogin), so parallel tries check no more passwords
// than the lockout allows; one address is throttled across usernames; and
// hashing is bounded in concurrency (ErrBusy beyond it). e is the audit row
// to fill (who, from where).
func (s *Service) SignIn(ctx context.Context, username, password string, cl Client, e audit.Entry, tr Trail) (Session, error) {
	name := strings.TrimSpace(username)
	if name == "" || password == "" {
		return Session{}, ErrNoCredentials
	}
	now := s.now()
	e.ObjectType, e.ObjectID = "user", name
	e.Detail = audit.JSON(map[string]string{"user_agent": cl.UserAgent})
	if len(name) > maxUsernameLength {
		// no such user can exist: refused without a hash or a lockout row
		e.Action, e.Status = audit.LoginFailed, http.StatusUnauthorized
		e.Detail = audit.JSON(map[string]any{"reason": "username too long", "length": len(name), "user_agent": cl.UserAgent})
		tr.Refused(e)
		return Session{}, user.ErrInvalidCredentials
	}
	t, err := s.admit(ctx, name, cl.IP, now)
	if errors.Is(err, user.ErrLocked) || errors.Is(err, user.ErrThrottled) || errors.Is(err, ErrBusy) || errors.Is(err, user.ErrChecking) {
		e.Action, e.Status = audit.LoginLocked, http.StatusTooManyRequests
		reason := "username locked"
		switch {
		case errors.Is(err, user.ErrThrottled):
			reason = "address throttled"
		case errors.Is(err, ErrBusy):
			reason = "busy"
		case errors.Is(err, user.ErrChecking):
			reason = "earlier attempts still being checked"
		}
		e.Detail = audit.JSON(map[string]string{"reason": reason, "user_agent": cl.UserAgent})
		tr.Refused(e)
		return Session{}, err
	}
	if err != nil {
		return Session{}, err
	}
	var acct user.Account
	var reason string
	herr := s.hashing(ctx, func() error {
		var err error
		acct, reason, err = s.checkPassword(ctx, name, password)
		return err
	})
	if errors.Is(herr, ErrBusy) {
		s.cancel(ctx, t)
		e.Action, e.Status = audit.LoginLocked, http.StatusTooManyRequests
		e.Detail = audit.JSON(map[string]string{"reason": "busy", "user_agent": cl.UserAgent})
		tr.Refused(e)
		return Session{}, herr
	}
	if herr != nil {
		return Session{}, herr
	}
	if reason == "" && s.set.Security.Idle(acct.LastLoginAt, acct.CreatedAt, now) {
		// unused too long: disabled now, and refused like any disabled account
		ie := e
		ie.Status, ie.ObjectID = http.StatusUnauthorized, acct.Username
		ie.Detail = audit.JSON(map[string]string{"reason": "idle", "last_login_at": fmtTime(acct.LastLoginAt)})
		switch err := s.store.DisableIdle(ctx, acct.ID, ie); {
		case err == nil:
			reason = "idle"
		case !errors.Is(err, user.ErrLastAdmin):
			return Session{}, err
		}
	}
	var refusal error = user.ErrInvalidCredentials
	if reason == "" {
		// a password an administrator set signs in once, within its day
		tmp, err := s.spendTemporaryPassword(ctx, acct, now)
		if err != nil {
			return Session{}, err
		}
		if tmp.reason != "" {
			reason, refusal = tmp.reason, tmp.err
		}
	}
	if reason != "" {
		e.Action, e.Status = audit.LoginFailed, http.StatusUnauthorized
		if s.locks(t) != nil {
			e.Status = http.StatusTooManyRequests
		}
		e.Detail = audit.JSON(map[string]string{"reason": reason, "user_agent": cl.UserAgent})
		return Session{}, s.fail(ctx, t, e, tr, refusal)
	}
	in, err := s.newSession(acct, s.set.Security.AfterPassword(signInState(acct), now), now, cl)
	if err != nil {
		return Session{}, err
	}
	e.Actor, e.ActorID = acct.Username, acct.ID
	e.Action, e.Status, e.ObjectID = audit.LoginSucceeded, http.StatusOK, acct.Username
	if in.Stage != user.StageFull {
		// the password alone grants nothing: a pending sign-in that may only
		// take its next step
		e.Action = audit.LoginPending
		e.Detail = audit.JSON(map[string]string{"next": in.Stage.Next(), "user_agent": cl.UserAgent})
		return in, s.store.StartPending(ctx, t.id, in.Stored, e)
	}
	return in, s.store.FinishLogin(ctx, t.id, &in.Stored, e)
}

// ChangeOwnPassword lets a signed-in user change their own password. The
// current password is checked like a login (it counts toward the lockout
// of the username, so a stolen session cannot guess it); every other
// session of the user ends, keep stays.
func (s *Service) ChangeOwnPassword(ctx context.Context, caller user.Caller, keep []byte, current, next string, e audit.Entry, tr Trail) error {
	if err := CheckNewPassword(current, next); err != nil {
		return err
	}
	e.ObjectType, e.ObjectID = "user", caller.Username
	t, err := s.admit(ctx, caller.Username, e.IP, s.now())
	if err != nil {
		return err
	}
	hash, wrong, err := s.checkChange(ctx, t, caller, current, next)
	if err != nil {
		return err
	}
	if wrong {
		e.Action, e.Status = audit.LoginFailed, http.StatusUnprocessableEntity
		e.Detail = audit.JSON(map[string]string{"reason": "wrong current password", "via": "PUT /api/v1/me/password"})
		return s.fail(ctx, t, e, tr, user.FieldError("current", "当前密码不正确"))
	}
	e.Status = http.StatusNoContent
	// user.ErrNotFound: the user is gone meanwhile
	return s.store.ChangeOwnPassword(ctx, t.id, caller.ID, hash, keep, e)
}

// ChangeExpiredPassword changes the expired or administrator-set password
// of a pending sign-in, then signs it in fully with a new session. The
// current password is checked again (it counts toward the lockout); none of
// the last user.PasswordHistory passwords may come back.
func (s *Service) ChangeExpiredPassword(ctx context.Context, caller user.Caller, sess store.Session, current, next string, cl Client, e audit.Entry, tr Trail) (Session, error) {
	if sess.Stage != user.StagePassword {
		return Session{}, ErrNoStep
	}
	if err := CheckNewPassword(current, next); err != nil {
		return Session{}, err
	}
	now := s.now()
	t, err := s.admit(ctx, caller.Username, cl.IP, now)
	if err != nil {
		return Session{}, err
	}
	hash, wrong, err := s.checkChange(ctx, t, caller, current, next)
	if err != nil {
		return Session{}, err
	}
	e.ObjectType, e.ObjectID = "user", caller.Username
	if wrong {
		e.Action, e.Status = audit.LoginFailed, http.StatusUnprocessableEntity
		e.Detail = audit.JSON(map[string]string{"reason": "wrong current password", "via": "POST /api/v1/auth/password"})
		return Session{}, s.fail(ctx, t, e, tr, user.FieldError("current", "当前密码不正确"))
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return Session{}, err
	}
	in, err := s.newSession(acct, user.StageFull, now, cl)
	if err != nil {
		return Session{}, err
	}
	e.Action, e.Status = audit.PasswordChangeForced, http.StatusOK
	e.Detail = audit.JSON(map[string]any{"expired": s.set.Security.PasswordExpired(acct.PasswordChangedAt, now), "must_change": acct.MustChangePassword})
	if err := s.store.ForcedPasswordChange(ctx, sess.ID, t.id, caller.ID, hash, in.Stored, e); err != nil {
		return Session{}, err
	}
	return in, nil
}

// checkChange checks the current password of an admitted change and hashes
// the new one, unless it is one of the last passwords (a field error) or
// the current one is wrong (wrong, for the caller to fail the try). On
// anything but wrong the try is given back.
func (s *Service) checkChange(ctx context.Context, t try, caller user.Caller, current, next string) (hash string, wrong bool, err error) {
	var reused bool
	err = s.hashing(ctx, func() error {
		_, stored, err := s.store.UserForLogin(ctx, caller.Username)
		if err != nil {
			return err
		}
		if auth.VerifyPassword(stored, current) != nil {
			wrong = true
			return nil
		}
		// none of the last passwords again
		if reused, err = s.passwordReused(ctx, caller.ID, next); err != nil || reused {
			return err
		}
		hash, err = auth.HashPassword(next)
		return err
	})
	if err != nil || reused {
		s.cancel(ctx, t)
		if reused {
			return "", false, user.FieldError("new", ReusedPasswordMessage)
		}
		return "", false, err
	}
	return hash, wrong, nil
}

// HashNewPassword checks a password an administrator sets against the
// policy and hashes it, in one of the bounded hashing slots.
func (s *Service) HashNewPassword(ctx context.Context, pw string) (string, error) {
	var hash string
	err := s.hashing(ctx, func() error {
		var err error
		hash, err = auth.NewPasswordHash(pw)
		return err
	})
	return hash, err
}

// admit admits an attempt for username from ip: the remembered lock, then
// the username's turn on this server, then store.BeginLogin with the
// address throttle and the lockout. Tries still being checked are not
// failures: while they could reach a limit the next one is refused with
// user.ErrChecking (429 busy), which locks nothing.
func (s *Service) admit(ctx context.Context, username, ip string, now time.Time) (try, error) {
	if err := s.gate.lockedNow(username, now); err != nil {
		return try{}, err
	}
	leave, err := s.gate.enter(ctx, username)
	if err != nil {
		return try{}, ErrBusy
	}
	defer leave()
	if err := s.gate.lockedNow(username, now); err != nil {
		return try{}, err
	}
	id, failures, err := s.store.BeginLogin(ctx, store.LoginAttempt{Username: username, At: now, IP: ip},
		now.Add(-s.set.Lockout.Lookback()), now.Add(-s.set.Throttle.Window),
		func(byUser, byAddress user.Attempts) error {
			if err := s.set.Throttle.Admit(byAddress, now); err != nil {
				return err
			}
			return s.set.Lockout.Admit(byUser, now)
		})
	s.gate.remember(username, now, err)
	return try{id: id, failures: failures, username: username, now: now}, err
}

// locks is the lock a failure of t would bring about, if any.
func (s *Service) locks(t try) error {
	return s.set.Lockout.Check(append(t.failures, t.now), t.now)
}

// fail records a failed try (it counts toward the lockout) and returns the
// refusal, or the lockout it caused.
func (s *Service) fail(ctx context.Context, t try, e audit.Entry, tr Trail, refusal error) error {
	locked := s.locks(t)
	s.gate.remember(t.username, t.now, locked)
	if err := s.store.FinishLogin(ctx, t.id, nil, e); err != nil {
		return err
	}
	tr.Audited()
	if locked != nil {
		return locked
	}
	return refusal
}

// cancel gives an admitted try back: it was no failure.
func (s *Service) cancel(ctx context.Context, t try) {
	if err := s.store.CancelLogin(context.WithoutCancel(ctx), t.id); err != nil {
		s.set.Log.Error("cancel a sign-in try", "error", err)
	}
}

// hashing runs fn, which computes password hashes, in one of a bounded
// number of slots: argon2id takes 19 MiB a time, so unbounded parallel
// logins would take the memory of the machine. A request that finds no
// slot within hashWait is ErrBusy.
func (s *Service) hashing(ctx context.Context, fn func() error) error {
	t := time.NewTimer(hashWait)
	defer t.Stop()
	select {
	case s.hashSlots <- struct{}{}:
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ErrBusy
	}
	defer func() { <-s.hashSlots }()
	return fn()
}

// temporaryRefusal is why a right temporary password signs in no more: a
// reason for the audit trail and the answer; the zero value lets it in.
type temporaryRefusal struct {
	reason string
	err    error
}

// spendTemporaryPassword lets a right password an administrator set sign
// in once, before it lapses: the first sign-in spends it (atomically, so
// two at once cannot both use it), a later one is refused with a reason for
// the audit trail and an answer saying why (the password was right, so the
// answer tells nothing to someone who did not know it). Nothing for a
// password of the user's own.
func (s *Service) spendTemporaryPassword(ctx context.Context, acct user.Account, now time.Time) (temporaryRefusal, error) {
	used := temporaryRefusal{"temporary password used before", user.ErrTemporaryPasswordUsed}
	if acct.TemporaryPasswordUntil == nil {
		return temporaryRefusal{}, nil
	}
	if err := user.CheckTemporaryPassword(acct.TemporaryPasswordUntil, acct.TemporaryPasswordUsedAt, now); err != nil {
		if errors.Is(err, user.ErrTemporaryPasswordUsed) {
			return used, nil
		}
		return temporaryRefusal{"temporary password expired", err}, nil
	}
	spent, err := s.store.UseTemporaryPassword(ctx, acct.ID, now)
	if err != nil {
		return temporaryRefusal{}, err
	}
	if !spent {
		return used, nil
	}
	return temporaryRefusal{}, nil
}

// checkPassword verifies the password of a username. A refusal is a
// reason for the audit trail ("unknown user", "wrong password",
// "disabled"), never an error: errors are failures of the system.
func (s *Service) checkPassword(ctx context.Context, name, password string) (user.Account, string, error) {
	acct, hash, err := s.store.UserForLogin(ctx, name)
	if errors.Is(err, user.ErrNotFound) {
		_ = auth.VerifyNobody(password)
		return user.Account{}, "unknown user", nil
	}
	if err != nil {
		return user.Account{}, "", err
	}
	if verr := auth.VerifyPassword(hash, password); verr != nil {
		if !errors.Is(verr, auth.ErrMismatch) {
			s.set.Log.Error("verify password: unreadable hash", "user", acct.Username, "error", verr)
		}
		return user.Account{}, "wrong password", nil
	}
	if acct.Disabled {
		return user.Account{}, "disabled", nil
	}
	return acct, "", nil
}

// passwordReused tells whether pw is one of the user's last passwords.
// It verifies up to user.PasswordHistory hashes: call it inside hashing.
func (s *Service) passwordReused(ctx context.Context, userID int64, pw string) (bool, error) {
	hashes, err := s.store.RecentPasswordHashes(ctx, userID)
	if err != nil {
		return false, err
	}
	for _, h := range hashes {
		if auth.VerifyPassword(h, pw) == nil {
			return true, nil
		}
	}
	return false, nil
}

// newSession makes a session of stage for acct with fresh tokens.
func (s *Service) newSession(acct user.Account, stage user.Stage, now time.Time, cl Client) (Session, error) {
	in := Session{Caller: acct.Caller(), Stage: stage}
	var err error
	if in.Token, err = auth.NewToken(); err != nil {
		return Session{}, err
	}
	if in.CSRF, err = auth.NewToken(); err != nil {
		return Session{}, err
	}
	in.Stored = store.Session{ID: auth.HashToken(in.Token), UserID: acct.ID, CSRFToken: auth.CSRFDigest(in.CSRF), CreatedAt: now, LastSeenAt: now,
		IP: cl.IP, UserAgent: cl.UserAgent, Stage: stage}
	return in, nil
}

// signInState is what decides a sign-in's steps for an account.
func signInState(a user.Account) user.SignInState {
	return user.SignInState{Roles: a.Roles, TOTPEnrolled: a.TOTPEnrolled, MustChangePassword: a.MustChangePassword,
		PasswordChangedAt: a.PasswordChangedAt}
}

// fmtTime writes an optional instant for the audit trail.
func fmtTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
