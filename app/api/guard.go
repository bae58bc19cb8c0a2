package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/user"
)

// How a browser and an API client present their session.
const (
	sessionCookie = "jixiao_session"
	csrfHeader    = "X-CSRF-Token"
)

// Keys of the echo context.
const (
	ctxCaller  = "jixiao.caller"
	ctxSession = "jixiao.session"
)

var errCSRF = newProblem(http.StatusForbidden, "csrf", "缺少或无效的 CSRF 令牌，请刷新页面后重试")

// guard is the one middleware that enforces a route's permission. A public
// route passes. Any other needs a live session (else 401), a CSRF header
// when the session comes from the cookie and the method writes (else 403
// "csrf"), and a role whose policy grants the permission (else 403). Every
// refusal is recorded in the audit trail. The caller is then in the context.
func (s *Server) guard(r route) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if r.Perm == PermPublic {
			return next
		}
		return func(c echo.Context) error {
			token, fromCookie := sessionToken(c)
			if token == "" {
				return s.deny(c, r, user.Caller{}, errUnauthorized, "no session")
			}
			key := auth.HashToken(token)
			now := s.now()
			caller, sess, cached := s.sessionCache.get(key, now)
			if !cached {
				var err error
				caller, sess, err = s.store.SessionCaller(c.Request().Context(), key)
				if errors.Is(err, user.ErrNoSession) {
					return s.deny(c, r, user.Caller{}, errUnauthorized, "invalid session")
				}
				if err != nil {
					return err
				}
				if sess.Stage == user.StageFull || sess.Stage == "" {
					// a sign-in halfway (second factor, password change) is read afresh each time
					s.sessionCache.put(key, caller, sess, now)
				}
			}
			if s.sessions.Expired(sess.CreatedAt, sess.LastSeenAt, now) {
				return s.deny(c, r, caller, errUnauthorized, "session expired")
			}
			if fromCookie && writes(c.Request().Method) && !auth.Equal(auth.CSRFDigest(c.Request().Header.Get(csrfHeader)), sess.CSRFToken) {
				return s.deny(c, r, caller, errCSRF, "csrf")
			}
			if !s.enforcer.Allowed(caller.Roles, string(r.Perm)) {
				return s.deny(c, r, caller, errForbidden, "permission "+string(r.Perm))
			}
			if refusal, why := s.stageAllows(r, sess, now); refusal != nil {
				return s.deny(c, r, caller, refusal, why)
			}
			if now.Sub(sess.LastSeenAt) >= touchEvery {
				if err := s.store.TouchSession(c.Request().Context(), sess.ID, now); err != nil {
					s.log.Warn("touch session", "error", err)
				} else {
					s.sessionCache.touched(key, now)
				}
			}
			c.Set(ctxCaller, caller)
			c.Set(ctxSession, sess)
			err := checkParams(c)
			if err == nil {
				err = next(c)
			}
			if err == nil && writes(c.Request().Method) && changesAccess(r) {
				s.sessionCache.clear() // grants and passwords changed here hold here at once
			}
			if err != nil {
				s.reject(c, r, caller, err)
			}
			return err
		}
	}
}

// changesAccess tells the routes whose writes change who may do what: users,
// roles, assignments, passwords, sessions.
func changesAccess(r route) bool {
	return r.Perm == PermUsersManage || r.Perm == PermMePassword || r.Perm == PermAuthLogout || r.Perm == PermDepartmentsManage
}

// touchEvery is how stale last_seen_at may get before a request updates it:
// the idle limit is kept to within this, for one write a minute per session
// instead of one per request.
const touchEvery = time.Minute

// sessionToken reads the bearer token, or else the session cookie.
func sessionToken(c echo.Context) (token string, fromCookie bool) {
	if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return "", false
		}
		return strings.TrimSpace(tok), false
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		return ck.Value, true
	}
	return "", false
}

// writes tells the methods that need the CSRF header with a cookie.
func writes(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// deny records a refused request in the audit trail and returns the refusal.
// Anonymous refusals are rate-limited per address (anonLimiter).
func (s *Server) deny(c echo.Context, r route, caller user.Caller, refusal *problem, reason string) error {
	markAudited(c)
	detail := map[string]any{
		"method": c.Request().Method, "route": r.Path, "path": c.Request().URL.Path,
		"permission": string(r.Perm), "status": refusal.status, "reason": reason,
	}
	e := s.auditEntry(c, caller)
	if caller.Anonymous() {
		ok, suppressed := s.anonAudit.allow(e.IP, s.now())
		if !ok {
			return refusal
		}
		if suppressed > 0 {
			detail["suppressed_before"] = suppressed
		}
	}
	e.Action, e.Status = audit.AccessDenied, refusal.status
	e.ObjectType, e.ObjectID = "route", r.Method+" "+r.Path
	e.Detail = audit.JSON(detail)
	s.auditAfterAnswer(c, e)
	return refusal
}

// checkParams refuses path and query parameters with NUL or other control
// characters (and bidi controls in a username) with 422 naming them, before
// they reach storage, which would refuse them with a 500.
func checkParams(c echo.Context) error {
	p := fields.Problems{}
	for i, name := range c.ParamNames() {
		if i < len(c.ParamValues()) {
			if msg := fields.TextProblem(c.ParamValues()[i], name == "username"); msg != "" {
				p.Add(name, msg)
			}
		}
	}
	for name, values := range c.QueryParams() {
		for _, v := range values {
			if msg := fields.TextProblem(v, false); msg != "" {
				p.Add(audit.Excerpt(name), msg)
			}
		}
	}
	return p.Err(errInvalidParam)
}

// errInvalidParam is the kind of a refused path or query parameter.
var errInvalidParam = errors.New("invalid parameter")

// reject records a request the guard let through but the handler refused
// with a 4xx, so that every refused attempt leaves an audit row: one, so a
// handler that recorded its own refusal (a wrong second-factor code, a
// wrong current password) is not recorded again.
func (s *Server) reject(c echo.Context, r route, caller user.Caller, err error) {
	status, body := classify(err)
	if status < 400 || status >= 500 || c.Get(ctxAudited) != nil {
		return // a 5xx is audited by the error handler, after the answer
	}
	markAudited(c)
	e := s.auditEntry(c, caller)
	e.Action, e.Status = audit.RequestRejected, status
	e.ObjectType, e.ObjectID = "route", r.Method+" "+r.Path
	e.Detail = audit.JSON(map[string]any{
		"method": c.Request().Method, "route": r.Path, "path": c.Request().URL.Path,
		"status": status, "code": body.Code, "fields": body.Fields,
	})
	s.auditAfterAnswer(c, e)
}

// ctxAudited marks a request whose refusal is already in the audit trail.
const ctxAudited = "jixiao.audited"

// markAudited notes that the request's outcome has its audit row.
func markAudited(c echo.Context) { c.Set(ctxAudited, true) }

// ctxRefusalAudit holds the audit row of a refused request until its
// answer is sent.
const ctxRefusalAudit = "jixiao.refusal_audit"

// auditAfterAnswer marks the request audited and keeps its audit row, which
// the error handler writes once the answer is sent (writeRefusalAudit): a
// refusal is answered at once even when the database is slow or frozen,
// and is recorded all the same.
func (s *Server) auditAfterAnswer(c echo.Context, e audit.Entry) {
	markAudited(c)
	c.Set(ctxRefusalAudit, &e)
}

// writeRefusalAudit appends the row auditAfterAnswer kept, if any, within
// auditTimeout; a failure to write is logged, not answered.
func (s *Server) writeRefusalAudit(c echo.Context) {
	e, ok := c.Get(ctxRefusalAudit).(*audit.Entry)
	if !ok || e == nil {
		return
	}
	c.Set(ctxRefusalAudit, (*audit.Entry)(nil))
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), auditTimeout)
	defer cancel()
	if err := s.store.AppendAudit(ctx, *e); err != nil {
		s.log.Error("audit a refusal", "action", e.Action, "status", e.Status, "error", err)
	}
}

// auditRefusal records a refused request (after its answer, see
// auditAfterAnswer), rate-limited per address when anonymous.
func (s *Server) auditRefusal(c echo.Context, e audit.Entry) {
	markAudited(c)
	if e.Actor == audit.Anonymous {
		ok, suppressed := s.anonAudit.allow(e.IP, s.now())
		if !ok {
			return
		}
		if suppressed > 0 {
			var d map[string]any
			_ = json.Unmarshal(e.Detail, &d)
			if d == nil {
				d = map[string]any{}
			}
			d["suppressed_before"] = suppressed
			e.Detail = audit.JSON(d)
		}
	}
	s.auditAfterAnswer(c, e)
}

// auditEntry starts an audit entry with who, when and from where.
func (s *Server) auditEntry(c echo.Context, caller user.Caller) audit.Entry {
	e := audit.Entry{At: s.now(), Actor: audit.Anonymous, IP: c.RealIP()}
	if !caller.Anonymous() {
		e.Actor, e.ActorID = caller.Username, caller.ID
	}
	return e
}

// callerOf is who makes the request; the zero Caller outside guarded routes.
func callerOf(c echo.Context) user.Caller {
	caller, _ := c.Get(ctxCaller).(user.Caller)
	return caller
}

// sessionOf is the session of the request, if any.
func sessionOf(c echo.Context) (store.Session, bool) {
	sess, ok := c.Get(ctxSession).(store.Session)
	return sess, ok
}
