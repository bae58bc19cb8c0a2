package api

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

type userJSON struct {
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Roles       []string  `json:"roles"`
	Departments []string  `json:"departments"`
	Projects    []string  `json:"projects"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// security: personal data in full (only those who manage users see
	// users), password life and the second factor
	Phone              string     `json:"phone"`
	Email              string     `json:"email"`
	MustChangePassword bool       `json:"must_change_password"`
	PasswordChangedAt  time.Time  `json:"password_changed_at"`
	LastLoginAt        *time.Time `json:"last_login_at"`
	TOTPEnrolled       bool       `json:"totp_enrolled"`
	// TemporaryPasswordUntil: the password is one an administrator set,
	// good for one sign-in until then (null otherwise)
	TemporaryPasswordUntil *time.Time `json:"temporary_password_until"`
}

type userListJSON struct {
	Items []userJSON `json:"items"`
	Total int        `json:"total"`
	Page  int        `json:"page"`
	Size  int        `json:"size"`
}

type createUserRequest struct {
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	Password    string   `json:"password"`
	Roles       []string `json:"roles"`
	Departments []string `json:"departments"`
	Projects    []string `json:"projects"`
	Phone       string   `json:"phone"`
	Email       string   `json:"email"`
}

// rolesRequest replaces a user's roles; departments and projects, when
// given, replace the assignments in the same change (a new role often
// needs new ones).
type rolesRequest struct {
	Roles       []string  `json:"roles"`
	Departments *[]string `json:"departments"`
	Projects    *[]string `json:"projects"`
}

type assignmentsRequest struct {
	Departments []string `json:"departments"`
	Projects    []string `json:"projects"`
}

type updateUserRequest struct {
	DisplayName *string `json:"display_name"`
	Disabled    *bool   `json:"disabled"`
	Phone       *string `json:"phone"`
	Email       *string `json:"email"`
}

type passwordRequest struct {
	Password string `json:"password"`
}

var errOwnPassword = newProblem(http.StatusForbidden, "self_change", "请用 PUT /api/v1/me/password 凭当前密码修改自己的密码")

func toUserJSON(a user.Account) userJSON {
	out := userJSON{
		Username: a.Username, DisplayName: a.DisplayName, Roles: []string{},
		Departments: nonNil(a.Departments), Projects: nonNil(a.Projects),
		Disabled: a.Disabled, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		Phone: a.Phone, Email: a.Email, MustChangePassword: a.MustChangePassword,
		PasswordChangedAt: a.PasswordChangedAt, LastLoginAt: a.LastLoginAt, TOTPEnrolled: a.TOTPEnrolled,
	}
	if a.TemporaryPasswordUntil != nil && a.TemporaryPasswordUsedAt == nil {
		until := a.TemporaryPasswordUntil.UTC()
		out.TemporaryPasswordUntil = &until
	}
	for _, r := range a.Roles {
		out.Roles = append(out.Roles, string(r))
	}
	return out
}

func toRoles(names []string) []user.Role {
	out := make([]user.Role, len(names))
	for i, n := range names {
		out[i] = user.Role(n)
	}
	return out
}

// listUsers lists the users by username, a page at a time, searched by
// part of a username or display name (q).
func (s *Server) listUsers(c echo.Context) error {
	if err := onlyQuery(c, "q", "page", "size"); err != nil {
		return err
	}
	f, pg, err := userFilter(c)
	if err != nil {
		return err
	}
	as, total, err := s.store.PageUsers(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := userListJSON{Items: make([]userJSON, len(as)), Total: total, Page: pg.Page, Size: pg.Size}
	for i, a := range as {
		out.Items[i] = toUserJSON(a)
	}
	return c.JSON(http.StatusOK, out)
}

// userFilter reads q, page and size of a list of users.
func userFilter(c echo.Context) (store.UserFilter, paging, error) {
	pg, err := pageOf(c, defaultListPage, maxListPage)
	if err != nil {
		return store.UserFilter{}, pg, err
	}
	f := store.UserFilter{Q: strings.TrimSpace(c.QueryParam("q")), Offset: pg.Offset(), Size: pg.Size}
	if utf8.RuneCountInString(f.Q) > maxQueryText {
		return f, pg, errBadRequest("q 不能超过 100 个字符")
	}
	return f, pg, nil
}

func (s *Server) getUser(c echo.Context) error {
	a, err := s.store.GetUser(c.Request().Context(), c.Param("username"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserJSON(a))
}

func (s *Server) createUser(c echo.Context) error {
	var req createUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	hash, err := s.newPasswordHash(c, req.Password)
	if err != nil {
		return err
	}
	until := s.now().UTC().Add(user.TemporaryPasswordLifetime)
	a := user.Account{
		Username: req.Username, DisplayName: req.DisplayName, Roles: toRoles(req.Roles),
		Departments: req.Departments, Projects: req.Projects, Phone: req.Phone, Email: req.Email,
		// a password an administrator set is temporary: it signs in once,
		// within a day, and is changed then
		MustChangePassword: true, TemporaryPasswordUntil: &until,
	}
	e := s.auditEntry(c, callerOf(c))
	e.Status = http.StatusCreated
	created, err := s.store.CreateUser(c.Request().Context(), a, hash, e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toUserJSON(created))
}

func (s *Server) putUserRoles(c echo.Context) error {
	var req rolesRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	return s.updateUser(c, audit.UserRoles, func(a *user.Account) error {
		a.Roles = toRoles(req.Roles)
		if req.Departments != nil {
			a.Departments = *req.Departments
		}
		if req.Projects != nil {
			a.Projects = *req.Projects
		}
		return nil
	})
}

func (s *Server) putUserAssignments(c echo.Context) error {
	var req assignmentsRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	return s.updateUser(c, audit.UserAssigned, func(a *user.Account) error {
		a.Departments, a.Projects = req.Departments, req.Projects
		return nil
	})
}

func (s *Server) putUser(c echo.Context) error {
	var req updateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	return s.updateUser(c, audit.UserUpdated, func(a *user.Account) error {
		if req.DisplayName != nil {
			a.DisplayName = *req.DisplayName
		}
		if req.Disabled != nil {
			a.Disabled = *req.Disabled
		}
		if req.Phone != nil {
			a.Phone = *req.Phone
		}
		if req.Email != nil {
			a.Email = *req.Email
		}
		return nil
	})
}

// putUserPassword sets a new password (an administrator's reset): at once
// for a submitter (200), or, for an admin, reviewer or auditor, as a request
// a second person confirms (202, nothing changed yet). The password is
// temporary (it signs in once within 24 hours and must then be changed),
// the user's sessions end, and the user is told. An administrator's own
// password is changed with the current one (PUT /api/v1/me/password), so
// that a stolen session cannot take the account over.
func (s *Server) putUserPassword(c echo.Context) error {
	var req passwordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if strings.EqualFold(c.Param("username"), callerOf(c).Username) {
		return errOwnPassword
	}
	hash, err := s.newPasswordHash(c, req.Password)
	if err != nil {
		return err
	}
	out, err := s.accounts.ResetPassword(c.Request().Context(), s.accountActor(c), c.Param("username"), hash)
	if err != nil {
		return err
	}
	return s.respondReset(c, out)
}

// updateUser applies one audited change to the user named in the path.
func (s *Server) updateUser(c echo.Context, action string, change func(*user.Account) error) error {
	e := s.auditEntry(c, callerOf(c))
	e.Action, e.Status = action, http.StatusOK
	a, err := s.store.UpdateUser(c.Request().Context(), c.Param("username"), change, e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserJSON(a))
}

// newPasswordHash checks a new password against the policy and hashes it in
// one of the bounded hashing slots (hashing.go).
func (s *Server) newPasswordHash(c echo.Context, password string) (string, error) {
	var hash string
	err := s.hashing(c.Request().Context(), func() error {
		var err error
		hash, err = auth.NewPasswordHash(password)
		return err
	})
	return hash, err
}
