package api

import (
	"context"
	"errors"
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
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: in.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: secureRequest(c), MaxAge: int(s.sessions.Absolute.Seconds()),
	})
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

type codeRequest struct {
	Code string `json:"code"`
}

// totpStep takes the second factor of a pending sign-in: a TOTP code of a
// step not used before, or an unused recovery code.
func (s *Server) totpStep(c echo.Context) error {
	var req codeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller, sess := callerOf(c), mustSession(c)
	if sess.Stage != user.StageTOTP {
		return errNoStep
	}
	if req.Code == "" {
		return user.FieldError("code", "请输入验证码或恢复码")
	}
	if s.secrets == nil {
		return errNoSecretKey
	}
	ctx := c.Request().Context()
	now := s.now()
	attemptID, failures, err := s.beginStep(c, caller, now)
	if err != nil {
		return err
	}
	state, err := s.store.TOTP(ctx, caller.ID)
	if err != nil {
		s.cancelStep(ctx, attemptID)
		return err
	}
	secret, err := s.secrets.Open(state.Secret, owner(caller.ID))
	if err != nil {
		s.cancelStep(ctx, attemptID)
		return err
	}
	method, ok, left := "totp", false, -1
	if auth.LooksLikeRecoveryCode(req.Code) {
		method = "recovery_code"
		ok, left, err = s.store.UseRecoveryCode(ctx, caller.ID, auth.HashRecoveryCode(req.Code), now)
	} else if step, match := auth.MatchTOTP(string(secret), req.Code, now, state.LastStep); match {
		ok, err = s.store.UseTOTPStep(ctx, caller.ID, step)
	}
	if err != nil {
		s.cancelStep(ctx, attemptID)
		return err
	}
	e := s.auditEntry(c, caller)
	e.ObjectType, e.ObjectID = "user", caller.Username
	if !ok {
		e.Action, e.Status = audit.LoginSecondFactorFailed, http.StatusUnauthorized
		e.Detail = audit.JSON(map[string]string{"method": method})
		return s.failStep(c, attemptID, failures, now, e, errWrongCode)
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return err
	}
	in, next, err := s.newSession(c, acct, s.security.AfterSecondFactor(signInState(acct), now), now)
	if err != nil {
		return err
	}
	detail := map[string]any{"method": method, "next": in.stage.Next()}
	if left >= 0 {
		detail["recovery_codes_left"] = left
	}
	e.Action, e.Status, e.Detail = audit.LoginSecondFactor, http.StatusOK, audit.JSON(detail)
	if err := s.store.PromoteSession(ctx, sess.ID, user.StageTOTP, attemptID, next, e); err != nil {
		return err
	}
	return s.respondSignIn(c, in, now, nil)
}

type enrolJSON struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

// totpEnrol begins enrolment: a new secret, shown this once as text and QR
// code, kept sealed until its first code confirms it. A pending sign-in of
// a role that must enrol, or a signed-in user without a second factor.
func (s *Server) totpEnrol(c echo.Context) error {
	caller, sess := callerOf(c), mustSession(c)
	if sess.Stage != user.StageEnrol && sess.Stage != user.StageFull {
		return errNoStep
	}
	if s.secrets == nil {
		return errNoSecretKey
	}
	key, err := auth.NewTOTPKey(caller.Username)
	if err != nil {
		return err
	}
	sealed, err := s.secrets.Seal([]byte(key.Secret), owner(caller.ID))
	if err != nil {
		return err
	}
	e := s.auditEntry(c, caller)
	e.Action, e.Status, e.ObjectType, e.ObjectID = audit.UserTOTPBegin, http.StatusOK, "user", caller.Username
	if err := s.store.BeginTOTP(c.Request().Context(), caller.ID, sealed, e); err != nil {
		if errors.Is(err, store.ErrTOTPEnrolled) {
			return errTOTPEnrolled
		}
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, enrolJSON{Secret: key.Secret, OTPAuthURL: key.URL, QRPNG: key.DataURL()})
}

// totpEnrolConfirm confirms enrolment with the first code of the new
// secret and hands out the ten recovery codes, once. A pending sign-in then
// goes on to its next step.
func (s *Server) totpEnrolConfirm(c echo.Context) error {
	var req codeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller, sess := callerOf(c), mustSession(c)
	if sess.Stage != user.StageEnrol && sess.Stage != user.StageFull {
		return errNoStep
	}
	if req.Code == "" {
		return user.FieldError("code", "请输入验证器显示的 6 位验证码")
	}
	if s.secrets == nil {
		return errNoSecretKey
	}
	ctx := c.Request().Context()
	now := s.now()
	attemptID, failures, err := s.beginStep(c, caller, now)
	if err != nil {
		return err
	}
	state, err := s.store.TOTP(ctx, caller.ID)
	if err != nil || state.Pending == nil {
		s.cancelStep(ctx, attemptID)
		if err == nil {
			err = errNoPendingTOTP
			if state.Secret != nil {
				err = errTOTPEnrolled
			}
		}
		return err
	}
	secret, err := s.secrets.Open(state.Pending, owner(caller.ID))
	if err != nil {
		s.cancelStep(ctx, attemptID)
		return err
	}
	e := s.auditEntry(c, caller)
	e.ObjectType, e.ObjectID = "user", caller.Username
	step, ok := auth.MatchTOTP(string(secret), req.Code, now, 0)
	if !ok {
		e.Action, e.Status = audit.LoginSecondFactorFailed, http.StatusUnprocessableEntity
		e.Detail = audit.JSON(map[string]string{"method": "totp", "during": "enrolment"})
		return s.failStep(c, attemptID, failures, now, e, user.FieldError("code", "验证码不正确，请核对手机时间后重试"))
	}
	codes, err := auth.NewRecoveryCodes()
	if err != nil {
		return err
	}
	hashes := make([][]byte, len(codes))
	for i, code := range codes {
		hashes[i] = auth.HashRecoveryCode(code)
	}
	e.Action, e.Status = audit.UserTOTPEnrolled, http.StatusOK
	e.Detail = audit.JSON(map[string]int{"recovery_codes": len(codes)})
	if err := s.store.ConfirmTOTP(ctx, caller.ID, state.Pending, step, hashes, e); err != nil {
		s.cancelStep(ctx, attemptID)
		if errors.Is(err, store.ErrNoPendingTOTP) {
			return errNoPendingTOTP
		}
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if sess.Stage == user.StageFull {
		s.cancelStep(ctx, attemptID)
		return c.JSON(http.StatusOK, stepJSON{RecoveryCodes: codes})
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return err
	}
	in, next, err := s.newSession(c, acct, s.security.AfterSecondFactor(signInState(acct), now), now)
	if err != nil {
		return err
	}
	pe := s.auditEntry(c, caller)
	pe.Action, pe.Status, pe.ObjectType, pe.ObjectID = audit.LoginSecondFactor, http.StatusOK, "user", caller.Username
	pe.Detail = audit.JSON(map[string]string{"method": "totp", "during": "enrolment", "next": in.stage.Next()})
	if err := s.store.PromoteSession(ctx, sess.ID, user.StageEnrol, attemptID, next, pe); err != nil {
		return err
	}
	return s.respondSignIn(c, in, now, codes)
}

// passwordStep changes the expired or administrator-set password of a
// pending sign-in, then signs it in fully with a new token. The current
// password is checked again (it counts toward the lockout); none of the
// last user.PasswordHistory passwords may come back.
func (s *Server) passwordStep(c echo.Context) error {
	var req ownPasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller, sess := callerOf(c), mustSession(c)
	if sess.Stage != user.StagePassword {
		return errNoStep
	}
	if err := checkNewPassword(req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	now := s.now()
	attemptID, failures, err := s.beginStep(c, caller, now)
	if err != nil {
		return err
	}
	var hash string
	var wrong, reused bool
	herr := s.hashing(ctx, func() error {
		_, stored, err := s.store.UserForLogin(ctx, caller.Username)
		if err != nil {
			return err
		}
		if auth.VerifyPassword(stored, req.Current) != nil {
			wrong = true
			return nil
		}
		if reused, err = s.passwordReused(ctx, caller.ID, req.New); err != nil || reused {
			return err
		}
		hash, err = auth.HashPassword(req.New)
		return err
	})
	if herr != nil || reused {
		s.cancelStep(ctx, attemptID)
		if reused {
			return user.FieldError("new", reusedPasswordMessage)
		}
		return herr
	}
	e := s.auditEntry(c, caller)
	e.ObjectType, e.ObjectID = "user", caller.Username
	if wrong {
		e.Action, e.Status = audit.LoginFailed, http.StatusUnprocessableEntity
		e.Detail = audit.JSON(map[string]string{"reason": "wrong current password", "via": "POST /api/v1/auth/password"})
		return s.failStep(c, attemptID, failures, now, e, user.FieldError("current", "当前密码不正确"))
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return err
	}
	in, next, err := s.newSession(c, acct, user.StageFull, now)
	if err != nil {
		return err
	}
	e.Action, e.Status = audit.PasswordChangeForced, http.StatusOK
	e.Detail = audit.JSON(map[string]any{"expired": s.security.PasswordExpired(acct.PasswordChangedAt, now), "must_change": acct.MustChangePassword})
	if err := s.store.ForcedPasswordChange(ctx, sess.ID, attemptID, caller.ID, hash, next, e); err != nil {
		return err
	}
	in.caller = acct.Caller()
	return s.respondSignIn(c, in, now, nil)
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

// resetTOTP removes a user's second factor (an administrator's reset): the
// user's sessions end and they enrol again at their next sign-in.
func (s *Server) resetTOTP(c echo.Context) error {
	a, err := s.store.ResetTOTP(c.Request().Context(), c.Param("username"), s.auditEntry(c, callerOf(c)))
	if errors.Is(err, store.ErrNoTOTP) {
		return errNoTOTP
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserJSON(a))
}

type contactJSON struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Masked      bool   `json:"masked"`
}

// listContacts lists every enabled user's name, phone and e-mail: in full
// for those who manage users and for one's own entry, masked otherwise.
func (s *Server) listContacts(c echo.Context) error {
	caller := callerOf(c)
	as, err := s.store.ListUsers(c.Request().Context())
	if err != nil {
		return err
	}
	manages := s.enforcer.Allowed(caller.Roles, string(PermUsersManage))
	out := struct {
		Items []contactJSON `json:"items"`
	}{Items: []contactJSON{}}
	for _, a := range as {
		if a.Disabled {
			continue
		}
		ct := user.ContactOf(a, manages || a.ID == caller.ID)
		out.Items = append(out.Items, contactJSON{Username: ct.Username, DisplayName: ct.DisplayName, Phone: ct.Phone, Email: ct.Email, Masked: ct.Masked})
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, out)
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

type mySecurityJSON struct {
	TOTPEnrolled       bool       `json:"totp_enrolled"`
	TOTPRequired       bool       `json:"totp_required"`
	RecoveryCodesLeft  int        `json:"recovery_codes_left"`
	PasswordChangedAt  time.Time  `json:"password_changed_at"`
	PasswordExpiresAt  *time.Time `json:"password_expires_at"`
	MustChangePassword bool       `json:"must_change_password"`
}

// getMySecurity answers the caller's second factor and password life, for
// the web app's account page.
func (s *Server) getMySecurity(c echo.Context) error {
	caller := callerOf(c)
	ctx := c.Request().Context()
	a, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return err
	}
	left, err := s.store.RecoveryCodesLeft(ctx, a.ID)
	if err != nil {
		return err
	}
	out := mySecurityJSON{TOTPEnrolled: a.TOTPEnrolled, TOTPRequired: s.security.RequiresTOTP(a.Roles), RecoveryCodesLeft: left,
		PasswordChangedAt: a.PasswordChangedAt, MustChangePassword: a.MustChangePassword}
	if s.security.PasswordMaxAge > 0 {
		exp := a.PasswordChangedAt.Add(s.security.PasswordMaxAge)
		out.PasswordExpiresAt = &exp
	}
	return c.JSON(http.StatusOK, out)
}
