package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// resetTOTP removes a user's second factor (an administrator's reset): at
// once for a submitter, or as a request a second person confirms (202) for
// an admin, reviewer or auditor; then the user's sessions end, they enrol
// again at their next sign-in, and they are told.
func (s *Server) resetTOTP(c echo.Context) error {
	out, err := s.accounts.ResetTOTP(c.Request().Context(), s.accountActor(c), c.Param("username"))
	if err != nil {
		return err
	}
	return s.respondReset(c, out)
}

type contactJSON struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Masked      bool   `json:"masked"`
}

// listContacts lists, a page at a time, every enabled user's name, phone and e-mail: in full
// for those who manage users and for one's own entry, masked otherwise.
func (s *Server) listContacts(c echo.Context) error {
	if err := onlyQuery(c, "q", "page", "size"); err != nil {
		return err
	}
	f, pg, err := userFilter(c)
	if err != nil {
		return err
	}
	caller := callerOf(c)
	cts, total, err := s.accounts.ContactsPage(c.Request().Context(), caller, s.enforcer.Allowed(caller.Roles, string(PermUsersManage)), f)
	if err != nil {
		return err
	}
	out := struct {
		Items []contactJSON `json:"items"`
		Total int           `json:"total"`
		Page  int           `json:"page"`
		Size  int           `json:"size"`
	}{Items: make([]contactJSON, len(cts)), Total: total, Page: pg.Page, Size: pg.Size}
	for i, ct := range cts {
		out.Items[i] = contactJSON{Username: ct.Username, DisplayName: ct.DisplayName, Phone: ct.Phone, Email: ct.Email, Masked: ct.Masked}
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, out)
}

type mySecurityJSON struct {
	TOTPEnrolled       bool       `json:"totp_enrolled"`
	TOTPRequired       bool       `json:"totp_required"`
	RecoveryCodesLeft  int        `json:"recovery_codes_left"`
	PasswordChangedAt  time.Time  `json:"password_changed_at"`
	PasswordExpiresAt  *time.Time `json:"password_expires_at"`
	MustChangePassword bool       `json:"must_change_password"`
	// ReminderEmail is where the caller's notifications are mailed ("" for
	// none), set with PUT /api/v1/me/email.
	ReminderEmail string `json:"reminder_email"`
}

// getMySecurity answers the caller's second factor and password life, for
// the web app's account page.
func (s *Server) getMySecurity(c echo.Context) error {
	own, err := s.accounts.Own(c.Request().Context(), callerOf(c))
	if err != nil {
		return err
	}
	a := own.Account
	return c.JSON(http.StatusOK, mySecurityJSON{TOTPEnrolled: a.TOTPEnrolled, TOTPRequired: own.TOTPRequired, RecoveryCodesLeft: own.RecoveryCodesLeft,
		PasswordChangedAt: a.PasswordChangedAt, PasswordExpiresAt: own.PasswordExpiresAt, MustChangePassword: a.MustChangePassword,
		ReminderEmail: own.ReminderEmail})
}
