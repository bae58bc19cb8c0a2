package accounts

import (
	"context"
	"net/http"
	"slices"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Enrolment is a second factor begun: its secret, shown this once.
type Enrolment struct {
	Key auth.TOTPKey
}

// codeTry admits a step that takes a code, for a session in one of the
// stages: like a login attempt, it counts toward the lockout.
func (s *Service) codeTry(ctx context.Context, caller user.Caller, sess store.Session, code, empty string, ip string, stages ...user.Stage) (try, error) {
	if !slices.Contains(stages, sess.Stage) {
		return try{}, ErrNoStep
	}
	if code == "" {
		return try{}, user.FieldError("code", empty)
	}
	if s.set.Secrets == nil {
		return try{}, ErrNoSecretKey
	}
	return s.admit(ctx, caller.Username, ip, s.now())
}

// openSecret opens a sealed second-factor secret of the caller; failing, it
// gives the admitted try back.
func (s *Service) openSecret(ctx context.Context, t try, caller user.Caller, sealed []byte) ([]byte, error) {
	secret, err := s.set.Secrets.Open(sealed, auth.TOTPOwner(caller.ID))
	if err != nil {
		s.cancel(ctx, t)
	}
	return secret, err
}

// SecondFactor takes the second factor of a pending sign-in: a TOTP code
// of a step not used before, or an unused recovery code; then the session
// goes on to its next step (a new session replaces the pending one).
func (s *Service) SecondFactor(ctx context.Context, caller user.Caller, sess store.Session, code string, cl Client, e audit.Entry, tr Trail) (Session, error) {
	t, err := s.codeTry(ctx, caller, sess, code, "请输入验证码或恢复码", cl.IP, user.StageTOTP)
	if err != nil {
		return Session{}, err
	}
	now := t.now
	state, err := s.store.TOTP(ctx, caller.ID)
	if err != nil {
		s.cancel(ctx, t)
		return Session{}, err
	}
	secret, err := s.openSecret(ctx, t, caller, state.Secret)
	if err != nil {
		return Session{}, err
	}
	method, ok, left := "totp", false, -1
	if auth.LooksLikeRecoveryCode(code) {
		method = "recovery_code"
		ok, left, err = s.store.UseRecoveryCode(ctx, caller.ID, auth.HashRecoveryCode(code), now)
	} else if step, match := auth.MatchTOTP(string(secret), code, now, state.LastStep); match {
		ok, err = s.store.UseTOTPStep(ctx, caller.ID, step)
	}
	if err != nil {
		s.cancel(ctx, t)
		return Session{}, err
	}
	e.ObjectType, e.ObjectID = "user", caller.Username
	if !ok {
		e.Action, e.Status = audit.LoginSecondFactorFailed, http.StatusUnauthorized
		e.Detail = audit.JSON(map[string]string{"method": method})
		return Session{}, s.fail(ctx, t, e, tr, ErrWrongCode)
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return Session{}, err
	}
	in, err := s.newSession(acct, s.set.Security.AfterSecondFactor(signInState(acct), now), now, cl)
	if err != nil {
		return Session{}, err
	}
	detail := map[string]any{"method": method, "next": in.Stage.Next()}
	if left >= 0 {
		detail["recovery_codes_left"] = left
	}
	e.Action, e.Status, e.Detail = audit.LoginSecondFactor, http.StatusOK, audit.JSON(detail)
	if err := s.store.PromoteSession(ctx, sess.ID, user.StageTOTP, t.id, in.Stored, e); err != nil {
		return Session{}, err
	}
	return in, nil
}

// BeginEnrolment begins enrolment: a new secret, shown this once as text
// and QR code, kept sealed until its first code confirms it. A pending
// sign-in of a role that must enrol, or a signed-in user without a second
// factor (store.ErrTOTPEnrolled if it has one).
func (s *Service) BeginEnrolment(ctx context.Context, caller user.Caller, sess store.Session, e audit.Entry) (Enrolment, error) {
	if sess.Stage != user.StageEnrol && sess.Stage != user.StageFull {
		return Enrolment{}, ErrNoStep
	}
	if s.set.Secrets == nil {
		return Enrolment{}, ErrNoSecretKey
	}
	key, err := auth.NewTOTPKey(caller.Username)
	if err != nil {
		return Enrolment{}, err
	}
	sealed, err := s.set.Secrets.Seal([]byte(key.Secret), auth.TOTPOwner(caller.ID))
	if err != nil {
		return Enrolment{}, err
	}
	e.Action, e.Status, e.ObjectType, e.ObjectID = audit.UserTOTPBegin, http.StatusOK, "user", caller.Username
	if err := s.store.BeginTOTP(ctx, caller.ID, sealed, e); err != nil {
		return Enrolment{}, err
	}
	return Enrolment{Key: key}, nil
}

// Enrolled is a confirmed second factor: its ten recovery codes, shown
// once, and for a pending sign-in the session of its next step.
type Enrolled struct {
	RecoveryCodes []string
	Next          *Session
}

// ConfirmEnrolment confirms enrolment with the first code of the new
// secret and hands out the ten recovery codes, once. A pending sign-in then
// goes on to its next step.
func (s *Service) ConfirmEnrolment(ctx context.Context, caller user.Caller, sess store.Session, code string, cl Client, e audit.Entry, tr Trail) (Enrolled, error) {
	t, err := s.codeTry(ctx, caller, sess, code, "请输入验证器显示的 6 位验证码", cl.IP, user.StageEnrol, user.StageFull)
	if err != nil {
		return Enrolled{}, err
	}
	now := t.now
	state, err := s.store.TOTP(ctx, caller.ID)
	if err != nil || state.Pending == nil {
		s.cancel(ctx, t)
		if err == nil {
			err = store.ErrNoPendingTOTP
			if state.Secret != nil {
				err = store.ErrTOTPEnrolled
			}
		}
		return Enrolled{}, err
	}
	secret, err := s.openSecret(ctx, t, caller, state.Pending)
	if err != nil {
		return Enrolled{}, err
	}
	pe := e
	e.ObjectType, e.ObjectID = "user", caller.Username
	step, ok := auth.MatchTOTP(string(secret), code, now, 0)
	if !ok {
		e.Action, e.Status = audit.LoginSecondFactorFailed, http.StatusUnprocessableEntity
		e.Detail = audit.JSON(map[string]string{"method": "totp", "during": "enrolment"})
		return Enrolled{}, s.fail(ctx, t, e, tr, user.FieldError("code", "验证码不正确，请核对手机时间后重试"))
	}
	codes, err := auth.NewRecoveryCodes()
	if err != nil {
		return Enrolled{}, err
	}
	hashes := make([][]byte, len(codes))
	for i, code := range codes {
		hashes[i] = auth.HashRecoveryCode(code)
	}
	e.Action, e.Status = audit.UserTOTPEnrolled, http.StatusOK
	e.Detail = audit.JSON(map[string]int{"recovery_codes": len(codes)})
	if err := s.store.ConfirmTOTP(ctx, caller.ID, state.Pending, step, hashes, e); err != nil {
		s.cancel(ctx, t)
		return Enrolled{}, err
	}
	if sess.Stage == user.StageFull {
		s.cancel(ctx, t)
		return Enrolled{RecoveryCodes: codes}, nil
	}
	acct, err := s.store.GetUser(ctx, caller.Username)
	if err != nil {
		return Enrolled{}, err
	}
	in, err := s.newSession(acct, s.set.Security.AfterSecondFactor(signInState(acct), now), now, cl)
	if err != nil {
		return Enrolled{}, err
	}
	pe.Action, pe.Status, pe.ObjectType, pe.ObjectID = audit.LoginSecondFactor, http.StatusOK, "user", caller.Username
	pe.Detail = audit.JSON(map[string]string{"method": "totp", "during": "enrolment", "next": in.Stage.Next()})
	if err := s.store.PromoteSession(ctx, sess.ID, user.StageEnrol, t.id, in.Stored, pe); err != nil {
		return Enrolled{}, err
	}
	return Enrolled{RecoveryCodes: codes, Next: &in}, nil
}
