package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/user"
)

// Refusals of the sign-in steps.
var (
	errNoSecretKey = newProblem(http.StatusServiceUnavailable, "no_secret_key",
		"服务器未配置 JIXIAO_SECRET_KEY，暂不能使用双因素认证，请联系系统管理员")
	errNoStep         = newProblem(http.StatusConflict, "no_pending_step", "当前登录没有待完成的这一步")
	errTOTPEnrolled   = newProblem(http.StatusConflict, "totp_enrolled", "已启用双因素认证；如需更换，请联系系统管理员重置")
	errNoPendingTOTP  = newProblem(http.StatusConflict, "totp_not_begun", "请先开始绑定，再输入验证码")
	errNoTOTP         = newProblem(http.StatusConflict, "totp_not_enrolled", "该用户未启用双因素认证")
	errWrongCode      = newProblem(http.StatusUnauthorized, "invalid_code", "验证码不正确、已过期或已使用")
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

// signInState is what decides a sign-in's steps for an account.
func signInState(a user.Account) user.SignInState {
	return user.SignInState{Roles: a.Roles, TOTPEnrolled: a.TOTPEnrolled, MustChangePassword: a.MustChangePassword,
		PasswordChangedAt: a.PasswordChangedAt}
}

// newSession makes a session of stage for acct with fresh tokens.
func (s *Server) newSession(c echo.Context, acct user.Account, stage user.Stage, now time.Time) (signedIn, store.Session, error) {
	in := signedIn{caller: acct.Caller(), stage: stage}
	var err error
	if in.token, err = auth.NewToken(); err != nil {
		return signedIn{}, store.Session{}, err
	}
	if in.csrf, err = auth.NewToken(); err != nil {
		return signedIn{}, store.Session{}, err
	}
	sess := store.Session{ID: auth.HashToken(in.token), UserID: acct.ID, CSRFToken: auth.CSRFDigest(in.csrf), CreatedAt: now, LastSeenAt: now,
		IP: c.RealIP(), UserAgent: c.Request().UserAgent(), Stage: stage}
	return in, sess, nil
}

// respondSignIn answers a step: the session cookie and token for a full
// sign-in, the pending token otherwise.
func (s *Server) respondSignIn(c echo.Context, in signedIn, now time.Time, recovery []string) error {
	if in.stage != user.StageFull {
		exp := now.Add(user.PendingLifetime)
		return c.JSON(http.StatusOK, stepJSON{Next: in.stage.Next(), PendingToken: in.token, ExpiresAt: &exp, RecoveryCodes: recovery})
	}
	s.setSessionCookie(c, in.token, int(s.sessions.Absolute.Seconds()))
	me := s.me(in.caller)
	return c.JSON(http.StatusOK, stepJSON{Token: in.token, User: &me, CSRFHeader: csrfHeader, CSRFToken: in.csrf, RecoveryCodes: recovery})
}

// owner is the additional data a user's sealed secret is bound to.
func owner(userID int64) string { return auth.TOTPOwner(userID) }

// beginStep admits a second-factor or password try of the caller under the
// lockout and the address throttle, like a login (logingate.go).
func (s *Server) beginStep(c echo.Context, caller user.Caller, now time.Time) (int64, []time.Time, error) {
	return s.admitLogin(c.Request().Context(), caller.Username, c.RealIP(), now)
}

// failStep records a failed try (it counts toward the lockout) and answers
// the refusal, or the lockout it caused.
func (s *Server) failStep(c echo.Context, attemptID int64, failures []time.Time, now time.Time, e audit.Entry, refusal error) error {
	if err := s.store.FinishLogin(c.Request().Context(), attemptID, nil, e); err != nil {
		return err
	}
	markAudited(c)
	locked := s.lockout.Check(append(failures, now), now)
	s.gate.remember(callerOf(c).Username, now, locked)
	if locked != nil {
		return locked
	}
	return refusal
}

func (s *Server) cancelStep(ctx context.Context, attemptID int64) {
	if err := s.store.CancelLogin(context.WithoutCancel(ctx), attemptID); err != nil {
		s.log.Error("cancel a sign-in step", "error", err)
	}
}

// checkNewPassword checks a change of one's own password before any hash.
func checkNewPassword(req ownPasswordRequest) error {
	p := fields.Problems{}
	if req.Current == "" {
		p.Add("current", "请输入当前密码")
	}
	if req.New == "" {
		p.Add("new", "请输入新密码")
	} else if err := user.ValidatePassword(req.New); err != nil {
		p.Add("new", err.Error())
	} else if req.New == req.Current {
		p.Add("new", "新密码不能与当前密码相同")
	}
	return p.Err(user.ErrInvalid)
}

const reusedPasswordMessage = "不能使用最近 5 次用过的密码"

// passwordReused tells whether pw is one of the user's last passwords.
// It verifies up to user.PasswordHistory hashes: call it inside hashing.
func (s *Server) passwordReused(ctx context.Context, userID int64, pw string) (bool, error) {
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

// mustSession is the request's session; the guard put it there.
func mustSession(c echo.Context) store.Session {
	sess, _ := sessionOf(c)
	return sess
}

// fmtTime writes an optional instant for the audit trail.
func fmtTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
