package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type codeRequest struct {
	Code string `json:"code"`
}

// totpStep takes the second factor of a pending sign-in
// (accounts.SecondFactor).
func (s *Server) totpStep(c echo.Context) error {
	var req codeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller := callerOf(c)
	in, err := s.accounts.SecondFactor(c.Request().Context(), caller, mustSession(c), req.Code, clientOf(c), s.auditEntry(c, caller), s.trail(c))
	if err != nil {
		return err
	}
	return s.respondSignIn(c, in, s.now(), nil)
}

type enrolJSON struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

// totpEnrol begins enrolment (accounts.BeginEnrolment): the new secret,
// shown this once as text and QR code.
func (s *Server) totpEnrol(c echo.Context) error {
	caller := callerOf(c)
	en, err := s.accounts.BeginEnrolment(c.Request().Context(), caller, mustSession(c), s.auditEntry(c, caller))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, enrolJSON{Secret: en.Key.Secret, OTPAuthURL: en.Key.URL, QRPNG: en.Key.DataURL()})
}

// totpEnrolConfirm confirms enrolment with the first code of the new
// secret and hands out the ten recovery codes, once
// (accounts.ConfirmEnrolment). A pending sign-in then goes on to its next
// step.
func (s *Server) totpEnrolConfirm(c echo.Context) error {
	var req codeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller := callerOf(c)
	done, err := s.accounts.ConfirmEnrolment(c.Request().Context(), caller, mustSession(c), req.Code, clientOf(c), s.auditEntry(c, caller), s.trail(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if done.Next == nil {
		return c.JSON(http.StatusOK, stepJSON{RecoveryCodes: done.RecoveryCodes})
	}
	return s.respondSignIn(c, *done.Next, s.now(), done.RecoveryCodes)
}

// passwordStep changes the expired or administrator-set password of a
// pending sign-in, then signs it in fully (accounts.ChangeExpiredPassword).
func (s *Server) passwordStep(c echo.Context) error {
	var req ownPasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller := callerOf(c)
	in, err := s.accounts.ChangeExpiredPassword(c.Request().Context(), caller, mustSession(c), req.Current, req.New, clientOf(c), s.auditEntry(c, caller), s.trail(c))
	if err != nil {
		return err
	}
	return s.respondSignIn(c, in, s.now(), nil)
}
