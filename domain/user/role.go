// Package user holds who may use Jixiao and the rules around signing in:
// roles and their separation of duties, the password policy, the lockout
// after failed logins and the expiry of sessions. Time is always passed in.
package user

import (
	"errors"
	"fmt"
	"strings"
)

// Role is what a user does in the review process (domain reference §6).
type Role string

// The roles.
const (
	Submitter Role = "submitter" // 填报人: fills and submits the reports of assigned projects
	Reviewer  Role = "reviewer"  // 财政局审核人: approves, returns, adjusts, reopens
	// Supervisor (主管部门审核人) reviews at the first level the reports and
	// targets of the units below the departments it is assigned, and reads
	// that whole subtree; it never fills reports.
	Supervisor Role = "supervisor"
	Admin      Role = "admin"   // 系统管理员: users and settings; never approves
	Auditor    Role = "auditor" // 审计员: reads everything, changes nothing
)

// ErrUnknownRole is returned by ParseRole for a name that is not a role.
var ErrUnknownRole = errors.New("unknown role")

// Roles lists every role.
func Roles() []Role { return []Role{Submitter, Reviewer, Supervisor, Admin, Auditor} }

// ParseRole reads a role name ("reviewer"); case and spaces around are ignored.
func ParseRole(s string) (Role, error) {
	if r := Role(strings.ToLower(strings.TrimSpace(s))); r.Valid() {
		return r, nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownRole, s)
}

// Valid reports whether r is one of the roles, spelt exactly.
func (r Role) Valid() bool {
	for _, known := range Roles() {
		if r == known {
			return true
		}
	}
	return false
}

// Label is the role's Chinese name, for people.
func (r Role) Label() string {
	switch r {
	case Submitter:
		return "填报人"
	case Reviewer:
		return "审核人"
	case Supervisor:
		return "主管部门审核人"
	case Admin:
		return "系统管理员"
	case Auditor:
		return "审计员"
	}
	return string(r)
}

// conflicts are the pairs of roles one person must not hold together
// (separation of duties, 三员分立): an admin does not take part in the
// business, an auditor only watches, and nobody reviews their own reports.
var conflicts = map[Role][]Role{
	Admin:      {Submitter, Reviewer, Supervisor, Auditor},
	Auditor:    {Submitter, Reviewer, Supervisor, Admin},
	Reviewer:   {Submitter, Supervisor, Admin, Auditor},
	Supervisor: {Submitter, Reviewer, Admin, Auditor},
	Submitter:  {Reviewer, Supervisor, Admin, Auditor},
}

// Conflicting reports whether one person may not hold both roles.
func Conflicting(a, b Role) bool {
	for _, c := range conflicts[a] {
		if c == b {
			return true
		}
	}
	return false
}
