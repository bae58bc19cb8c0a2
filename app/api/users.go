package api

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

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
	as, total, err := s.accounts.UsersPage(c.Request().Context(), f)
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
	a, err := s.accounts.User(c.Request().Context(), c.Param("username"))
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
	created, err := s.accounts.CreateUser(c.Request().Context(), s.accountActor(c), user.Account{
		Username: req.Username, DisplayName: req.DisplayName, Roles: toRoles(req.Roles),
		Departments: req.Departments, Projects: req.Projects, Phone: req.Phone, Email: req.Email,
	}, req.Password)
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
	out, err := s.accounts.SetPassword(c.Request().Context(), s.accountActor(c), c.Param("username"), req.Password)
	if err != nil {
		return err
	}
	return s.respondReset(c, out)
}

// updateUser applies one audited change to the user named in the path.
func (s *Server) updateUser(c echo.Context, action string, change func(*user.Account) error) error {
	a, err := s.accounts.UpdateUser(c.Request().Context(), s.accountActor(c), c.Param("username"), action, change)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUserJSON(a))
}
