package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

type codeRequest struct {
	Code string `json:"code"`
}

// codeStep is a sign-in step that takes a code, admitted like a login
// attempt (it counts toward the lockout).
type codeStep struct {
	req       codeRequest
	caller    user.Caller
	sess      store.Session
	ctx       context.Context
	now       time.Time
	attemptID int64
	failures  []time.Time
}

// beginCodeStep reads the code of a step the session may take in one of
// the stages, and admits the attempt; empty is what to say of no code.
func (s *Server) beginCodeStep(c echo.Context, empty string, stages ...user.Stage) (codeStep, error) {
	var st codeStep
	if err := bindJSON(c, &st.req); err != nil {
		return st, err
	}
	st.caller, st.sess = callerOf(c), mustSession(c)
	if !slices.Contains(stages, st.sess.Stage) {
		return st, errNoStep
	}
	if st.req.Code == "" {
		return st, user.FieldError("code", empty)
	}
	if s.secrets == nil {
		return st, errNoSecretKey
	}
	st.ctx, st.now = c.Request().Context(), s.now()
	var err error
	st.attemptID, st.failures, err = s.beginStep(c, st.caller, st.now)
	return st, err
}

// openSecret opens a sealed second-factor secret of the caller; failing, it
// gives the admitted attempt back.
func (s *Server) openSecret(ctx context.Context, attemptID int64, caller user.Caller, sealed []byte) ([]byte, error) {
	secret, err := s.secrets.Open(sealed, owner(caller.ID))
	if err != nil {
		s.cancelStep(ctx, attemptID)
	}
	return secret, err
}

// totpStep takes the second factor of a pending sign-in: a TOTP code of a
// step not used before, or an unused recovery code.
func (s *Server) totpStep(c echo.Context) error {
	st, err := s.beginCodeStep(c, "请输入验证码或恢复码", user.StageTOTP)
	if err != nil {
		return err
	}
	req, caller, sess, ctx, now, attemptID, failures := st.req, st.caller, st.sess, st.ctx, st.now, st.attemptID, st.failures
	state, err := s.store.TOTP(ctx, caller.ID)
	if err != nil {
		s.cancelStep(ctx, attemptID)
		return err
	}
	secret, err := s.openSecret(ctx, attemptID, caller, state.Secret)
	if err != nil {
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
	st, err := s.beginCodeStep(c, "请输入验证器显示的 6 位验证码", user.StageEnrol, user.StageFull)
	if err != nil {
		return err
	}
	req, caller, sess, ctx, now, attemptID, failures := st.req, st.caller, st.sess, st.ctx, st.now, st.attemptID, st.failures
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
	secret, err := s.openSecret(ctx, attemptID, caller, state.Pending)
	if err != nil {
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
