package user

import (
	"errors"
	"regexp"
	"strings"
	"time"

	"jixiao/domain/fields"
)

// Errors of accounts.
var (
	ErrNotFound = errors.New("user not found")
	ErrExists   = errors.New("username taken")
	ErrInvalid  = errors.New("invalid user")
)

// Account is a user as an administrator manages it.
type Account struct {
	ID          int64
	Username    string
	DisplayName string
	Roles       []Role
	// Departments is the submitter's own department, or the departments a
	// reviewer reviews (department codes, e.g. "003001").
	Departments []string
	// Projects are the project codes a submitter is assigned to.
	Projects  []string
	Disabled  bool
	CreatedAt time.Time
	UpdatedAt time.Time
	// Phone and Email are personal data: shown masked to roles that do not
	// manage users (personal.go).
	Phone string
	Email string
	// Password life and the second factor, kept by storage.
	MustChangePassword bool
	PasswordChangedAt  time.Time
	LastLoginAt        *time.Time
	TOTPEnrolled       bool
	// TemporaryPasswordUntil, when set, makes the password one an
	// administrator set: it signs in once before then (reset.go);
	// TemporaryPasswordUsedAt is when it did.
	TemporaryPasswordUntil  *time.Time
	TemporaryPasswordUsedAt *time.Time
}

var usernamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]{1,63}$`)

// Validate checks the account's own rules: the username, one role or roles
// that do not conflict, and the assignments each role needs. Whether the
// departments and projects exist is for storage to check.
func (a Account) Validate() error {
	p := fields.Problems{}
	if !usernamePattern.MatchString(a.Username) {
		p.Add("username", "用户名应为 2–64 位字母、数字、点、下划线或连字符，且以字母开头")
	}
	if len([]rune(a.DisplayName)) > 64 {
		p.Add("display_name", "姓名不超过 64 个字")
	}
	validateContact(a, p)
	if err := ValidateRoles(a.Roles); err != nil {
		p.Add("roles", err.Error())
	}
	if err := a.validateAssignments(); err != nil {
		for k, v := range err.Fields {
			p.Add(k, v)
		}
	}
	return p.Err(ErrInvalid)
}

// ValidateRoles checks that there is exactly one role, a known one: roles
// do not combine (separation of duties), and the database holds each user
// to one role too.
func ValidateRoles(roles []Role) error {
	if len(roles) == 0 {
		return errors.New("需要一个角色")
	}
	seen := map[Role]bool{}
	for _, r := range roles {
		if !r.Valid() {
			return errors.New("未知角色：" + string(r) + "（可选 submitter、reviewer、supervisor、admin、auditor）")
		}
		if seen[r] {
			return errors.New("角色重复：" + string(r))
		}
		for o := range seen {
			if Conflicting(r, o) {
				return errors.New("职责分离：" + o.Label() + "与" + r.Label() + "不能由同一人担任")
			}
		}
		seen[r] = true
	}
	if len(roles) > 1 {
		return errors.New("每个用户只能有一个角色（职责分离）")
	}
	return nil
}

// validateAssignments: a submitter belongs to exactly one department and may
// be assigned projects; a reviewer reviews one or more departments; admins
// and auditors see everything and carry no assignment.
func (a Account) validateAssignments() *ValidationError {
	p := fields.Problems{}
	has := func(r Role) bool {
		for _, x := range a.Roles {
			if x == r {
				return true
			}
		}
		return false
	}
	for i, d := range a.Departments {
		if strings.TrimSpace(d) == "" {
			p.Add("departments", "部门代码不能为空")
		}
		for _, e := range a.Departments[:i] {
			if e == d {
				p.Add("departments", "部门重复："+d)
			}
		}
	}
	for i, c := range a.Projects {
		if strings.TrimSpace(c) == "" {
			p.Add("projects", "项目代码不能为空")
		}
		for _, e := range a.Projects[:i] {
			if e == c {
				p.Add("projects", "项目重复："+c)
			}
		}
	}
	switch {
	case has(Submitter):
		if len(a.Departments) != 1 {
			p.Add("departments", "填报人须属于一个部门")
		}
	case has(Reviewer), has(Supervisor):
		if len(a.Departments) == 0 {
			p.Add("departments", "审核人须指定所审核的部门")
		}
		if len(a.Projects) > 0 {
			p.Add("projects", "只有填报人可以分配项目")
		}
	case has(Admin), has(Auditor):
		if len(a.Departments) > 0 {
			p.Add("departments", "系统管理员和审计员不分配部门")
		}
		if len(a.Projects) > 0 {
			p.Add("projects", "只有填报人可以分配项目")
		}
	}
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Kind: ErrInvalid, Fields: p}
}

// Caller is who makes a request: the account as seen by authorization,
// read afresh with the session on every request.
func (a Account) Caller() Caller {
	return Caller{
		ID: a.ID, Username: a.Username, DisplayName: a.DisplayName,
		Roles: a.Roles, Departments: a.Departments, Projects: a.Projects,
	}
}

// NormalizeUsername is the form usernames are compared in (case-insensitive).
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidationError lists problems by field ("password", "roles").
// Messages are Chinese because they reach people.
type ValidationError = fields.Error

// FieldError is a ValidationError about one field.
func FieldError(field, msg string) error { return fields.One(ErrInvalid, field, msg) }
