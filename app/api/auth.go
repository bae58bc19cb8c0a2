package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type meJSON struct {
	ID          int64    `json:"id"`
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	Roles       []string `json:"roles"`
	// Department is a submitter's own department; "" for other roles.
	Department string `json:"department"`
	// Departments are the submitter's department or the reviewed ones.
	Departments []string `json:"departments"`
	Projects    []string `json:"projects"`
	Permissions []string `json:"permissions"`
}

type loginJSON struct {
	Token      string `json:"token"`
	User       meJSON `json:"user"`
	CSRFHeader string `json:"csrf_header"`
	CSRFToken  string `json:"csrf_token"`
}

// maxUsernameLength bounds what a login records as the username tried.
const maxUsernameLength = 64

// login signs in: a bearer token for API clients and the session cookie
// with its CSRF token for browsers.
func (s *Server) login(c echo.Context) error {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in, err := s.signIn(c, req.Username, req.Password)
	if err != nil {
		return err
	}
	if in.stage != user.StageFull {
		return s.respondSignIn(c, in, s.now(), nil)
	}
	s.setSessionCookie(c, in.token, int(s.sessions.Absolute.Seconds()))
	return c.JSON(http.StatusOK, loginJSON{Token: in.token, User: s.me(in.caller), CSRFHeader: csrfHeader, CSRFToken: in.csrf})
}

// signedIn is a new session: the token goes to the client, only its hash
// to storage.
type signedIn struct {
	token, csrf string
	caller      user.Caller
	// stage is user.StageFull, or the next step of a pending sign-in
	// (security.go) whose token may do nothing else
	stage user.Stage
}

// signIn admits the attempt, checks the password, and starts a session.
// Every failure is the same 401 whether the user is unknown, disabled or
// typed a wrong password, and takes as long (a password hash is verified
// either way). The lockout counts failures by username, existing or not, so
// that it tells nothing either. The attempt is admitted and counted under
// the username's lock before any hash is computed (store.BeginLogin), so
// parallel tries check no more passwords than the lockout allows; one
// address is throttled across usernames; and hashing is bounded in
// concurrency (429 "busy" beyond it).
func (s *Server) signIn(c echo.Context, username, password string) (signedIn, error) {
	ctx := c.Request().Context()
	name := strings.TrimSpace(username)
	if name == "" || password == "" {
		return signedIn{}, errBadRequest("请输入用户名和密码")
	}
	now := s.now()
	entry := s.auditEntry(c, user.Caller{})
	entry.ObjectType, entry.ObjectID = "user", name
	entry.Detail = audit.JSON(map[string]string{"user_agent": c.Request().UserAgent()})
	if len(name) > maxUsernameLength {
		// no such user can exist: refused without a hash or a lockout row
		entry.Action, entry.Status = audit.LoginFailed, http.StatusUnauthorized
		entry.Detail = audit.JSON(map[string]any{"reason": "username too long", "length": len(name), "user_agent": c.Request().UserAgent()})
		s.auditRefusal(c, entry)
		return signedIn{}, user.ErrInvalidCredentials
	}
	attemptID, failures, err := s.admitLogin(ctx, name, entry.IP, now)
	if errors.Is(err, user.ErrLocked) || errors.Is(err, user.ErrThrottled) || errors.Is(err, errBusy) || errors.Is(err, user.ErrChecking) {
		entry.Action, entry.Status = audit.LoginLocked, http.StatusTooManyRequests
		reason := "username locked"
		switch {
		case errors.Is(err, user.ErrThrottled):
			reason = "address throttled"
		case errors.Is(err, errBusy):
			reason = "busy"
		case errors.Is(err, user.ErrChecking):
			reason = "earlier attempts still being checked"
		}
		entry.Detail = audit.JSON(map[string]string{"reason": reason, "user_agent": c.Request().UserAgent()})
		s.auditRefusal(c, entry)
		return signedIn{}, err
	}
	if err != nil {
		return signedIn{}, err
	}
	var acct user.Account
	var reason string
	herr := s.hashing(ctx, func() error {
		var err error
		acct, reason, err = s.checkPassword(ctx, name, password)
		return err
	})
	if errors.Is(herr, errBusy) {
		if err := s.store.CancelLogin(context.WithoutCancel(ctx), attemptID); err != nil {
			s.log.Error("cancel a login attempt", "error", err)
		}
		entry.Action, entry.Status = audit.LoginLocked, http.StatusTooManyRequests
		entry.Detail = audit.JSON(map[string]string{"reason": "busy", "user_agent": c.Request().UserAgent()})
		s.auditRefusal(c, entry)
		return signedIn{}, herr
	}
	if herr != nil {
		return signedIn{}, herr
	}
	if reason == "" && s.security.Idle(acct.LastLoginAt, acct.CreatedAt, now) {
		// unused too long: disabled now, and refused like any disabled account
		ie := entry
		ie.Status, ie.ObjectID = http.StatusUnauthorized, acct.Username
		ie.Detail = audit.JSON(map[string]string{"reason": "idle", "last_login_at": fmtTime(acct.LastLoginAt)})
		switch err := s.store.DisableIdle(ctx, acct.ID, ie); {
		case err == nil:
			reason = "idle"
		case !errors.Is(err, user.ErrLastAdmin):
			return signedIn{}, err
		}
	}
	var refusal error = user.ErrInvalidCredentials
	if reason == "" {
		// a password an administrator set signs in once, within its day
		tr, err := s.spendTemporaryPassword(ctx, acct, now)
		if err != nil {
			return signedIn{}, err
		}
		if tr.reason != "" {
			reason, refusal = tr.reason, tr.err
		}
	}
	if reason != "" {
		// this failure may be the one that locks the username
		locked := s.lockout.Check(append(failures, now), now)
		s.gate.remember(name, now, locked)
		entry.Action, entry.Status = audit.LoginFailed, http.StatusUnauthorized
		if locked != nil {
			entry.Status = http.StatusTooManyRequests
		}
		entry.Detail = audit.JSON(map[string]string{"reason": reason, "user_agent": c.Request().UserAgent()})
		if err := s.store.FinishLogin(ctx, attemptID, nil, entry); err != nil {
			return signedIn{}, err
		}
		markAudited(c)
		if locked != nil {
			return signedIn{}, locked
		}
		return signedIn{}, refusal
	}
	in, sess, err := s.newSession(c, acct, s.security.AfterPassword(signInState(acct), now), now)
	if err != nil {
		return signedIn{}, err
	}
	entry.Actor, entry.ActorID = acct.Username, acct.ID
	entry.Action, entry.Status, entry.ObjectID = audit.LoginSucceeded, http.StatusOK, acct.Username
	if in.stage != user.StageFull {
		// the password alone grants nothing: a pending sign-in that may only
		// take its next step (security.go)
		entry.Action = audit.LoginPending
		entry.Detail = audit.JSON(map[string]string{"next": in.stage.Next(), "user_agent": c.Request().UserAgent()})
		if err := s.store.StartPending(ctx, attemptID, sess, entry); err != nil {
			return signedIn{}, err
		}
		return in, nil
	}
	if err := s.store.FinishLogin(ctx, attemptID, &sess, entry); err != nil {
		return signedIn{}, err
	}
	return in, nil
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
func (s *Server) spendTemporaryPassword(ctx context.Context, acct user.Account, now time.Time) (temporaryRefusal, error) {
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
func (s *Server) checkPassword(ctx context.Context, name, password string) (user.Account, string, error) {
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
			s.log.Error("verify password: unreadable hash", "user", acct.Username, "error", verr)
		}
		return user.Account{}, "wrong password", nil
	}
	if acct.Disabled {
		return user.Account{}, "disabled", nil
	}
	return acct, "", nil
}

// logout ends the session server-side and clears the cookie.
func (s *Server) logout(c echo.Context) error {
	caller := callerOf(c)
	sess, _ := sessionOf(c)
	e := s.auditEntry(c, caller)
	e.Action, e.Status, e.ObjectType, e.ObjectID = audit.Logout, http.StatusNoContent, "user", caller.Username
	if err := s.store.EndSession(c.Request().Context(), sess.ID, s.now(), e); err != nil {
		return err
	}
	s.setSessionCookie(c, "", -1)
	return c.NoContent(http.StatusNoContent)
}

// getMe answers who the caller is and what they may do.
func (s *Server) getMe(c echo.Context) error {
	return s.getMeWithProjects(c)
}

func (s *Server) me(caller user.Caller) meJSON {
	out := meJSON{
		ID: caller.ID, Username: caller.Username, DisplayName: caller.DisplayName,
		Roles: []string{}, Departments: nonNil(caller.Departments), Projects: nonNil(caller.Projects),
		Permissions: nonNil(s.enforcer.Permissions(caller.Roles)),
	}
	for _, r := range caller.Roles {
		out.Roles = append(out.Roles, string(r))
	}
	if caller.Has(user.Submitter) {
		out.Department = caller.Department()
	}
	return out
}

// setSessionCookie sets (or, with maxAge -1, clears) the session cookie:
// HttpOnly, SameSite=Strict, and Secure whenever the site is declared to be
// served over TLS or the request came over it. Every sign-in step and the
// logout set it here, so none forgets Secure.
func (s *Server) setSessionCookie(c echo.Context, token string, maxAge int) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: s.tls || secureRequest(c), MaxAge: maxAge})
}

// secureRequest tells whether the client reached us over TLS, directly or
// through a proxy that says so. A client that fakes the header only gets a
// cookie its browser will not send back over plain HTTP.
func secureRequest(c echo.Context) bool {
	return c.IsTLS() || strings.EqualFold(c.Request().Header.Get(echo.HeaderXForwardedProto), "https")
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}
