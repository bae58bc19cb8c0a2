package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/accounts"
	"jixiao/app/store"
	"jixiao/domain/user"
)

// Refusals of the sign-in steps; those of the account use cases are in
// the error table (errors.go).
var (
	errPendingExpired = newProblem(http.StatusUnauthorized, "pending_expired", "登录步骤已超时，请重新登录")
)

// stageRoutes are the only routes a pending sign-in may call, by stage.
var stageRoutes = map[user.Stage][]string{
	user.StageTOTP:     {"POST /api/v1/auth/totp", "POST /api/v1/auth/logout"},
	user.StageEnrol:    {"POST /api/v1/auth/totp/enrol", "POST /api/v1/auth/totp/enrol/confirm", "POST /api/v1/auth/logout"},
	user.StagePassword: {"POST /api/v1/auth/password", "POST /api/v1/auth/logout"},
}

// stageRefusals say what a pending sign-in must do first.
var stageRefusals = map[user.Stage]*problem{
	user.StageTOTP:     newProblem(http.StatusForbidden, "totp_required", "请先输入双因素认证验证码"),
	user.StageEnrol:    newProblem(http.StatusForbidden, "totp_enrol_required", "您的角色须使用双因素认证：请先绑定验证器"),
	user.StagePassword: newProblem(http.StatusForbidden, "password_change_required", "密码已过期或由他人设置：请先修改密码"),
}

// stageAllows lets a pending sign-in call only its next step, and only
// within user.PendingLifetime of the password; a full session passes.
func (s *Server) stageAllows(r route, sess store.Session, now time.Time) (*problem, string) {
	if sess.Stage == "" || sess.Stage == user.StageFull {
		return nil, ""
	}
	if !now.Before(sess.CreatedAt.Add(user.PendingLifetime)) {
		return errPendingExpired, "pending sign-in expired"
	}
	for _, allowed := range stageRoutes[sess.Stage] {
		if allowed == r.Method+" "+r.Path {
			return nil, ""
		}
	}
	if p := stageRefusals[sess.Stage]; p != nil {
		return p, "pending " + string(sess.Stage)
	}
	return errForbidden, "pending " + string(sess.Stage)
}

// stepJSON answers a sign-in step: either the next step with its pending
// token, or (next "") a full sign-in with the fields of loginJSON.
type stepJSON struct {
	Next          string     `json:"next"`
	PendingToken  string     `json:"pending_token,omitempty"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	Token         string     `json:"token,omitempty"`
	User          *meJSON    `json:"user,omitempty"`
	CSRFHeader    string     `json:"csrf_header,omitempty"`
	CSRFToken     string     `json:"csrf_token,omitempty"`
	RecoveryCodes []string   `json:"recovery_codes,omitempty"`
}

// respondSignIn answers a step: the session cookie and token for a full
// sign-in, the pending token otherwise.
func (s *Server) respondSignIn(c echo.Context, in accounts.Session, now time.Time, recovery []string) error {
	if in.Stage != user.StageFull {
		exp := now.Add(user.PendingLifetime)
		return c.JSON(http.StatusOK, stepJSON{Next: in.Stage.Next(), PendingToken: in.Token, ExpiresAt: &exp, RecoveryCodes: recovery})
	}
	s.setSessionCookie(c, in.Token, int(s.sessions.Absolute.Seconds()))
	me := s.me(in.Caller)
	return c.JSON(http.StatusOK, stepJSON{Token: in.Token, User: &me, CSRFHeader: csrfHeader, CSRFToken: in.CSRF, RecoveryCodes: recovery})
}

// mustSession is the request's session; the guard put it there.
func mustSession(c echo.Context) store.Session {
	sess, _ := sessionOf(c)
	return sess
}
