package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"jixiao/app/accounts"
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

// login signs in: a bearer token for API clients and the session cookie
// with its CSRF token for browsers; or the pending token of the next step
// (a second factor, a password change).
func (s *Server) login(c echo.Context) error {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in, err := s.accounts.SignIn(c.Request().Context(), req.Username, req.Password, clientOf(c), s.auditEntry(c, user.Caller{}), s.trail(c))
	if err != nil {
		return err
	}
	if in.Stage != user.StageFull {
		return s.respondSignIn(c, in, s.now(), nil)
	}
	s.setSessionCookie(c, in.Token, int(s.sessions.Absolute.Seconds()))
	return c.JSON(http.StatusOK, loginJSON{Token: in.Token, User: s.me(in.Caller), CSRFHeader: csrfHeader, CSRFToken: in.CSRF})
}

// clientOf is where a request comes from, for sessions and audit rows.
func clientOf(c echo.Context) accounts.Client {
	return accounts.Client{IP: c.RealIP(), UserAgent: c.Request().UserAgent()}
}

// trail lets the account use cases' refusals reach the audit trail: the
// rows the API writes (auditRefusal), and the mark that the use case wrote
// the request's row itself.
func (s *Server) trail(c echo.Context) accounts.Trail {
	return accounts.Trail{Refused: func(e audit.Entry) { s.auditRefusal(c, e) }, Audited: func() { markAudited(c) }}
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
