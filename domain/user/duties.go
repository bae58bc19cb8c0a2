package user

import (
	"errors"
	"slices"
)

// Errors of separation of duties.
var (
	// ErrSelfChange: nobody changes their own roles, departments, projects
	// or enabled state; another administrator must.
	ErrSelfChange = errors.New("nobody changes their own access")
	// ErrLastAdmin: the last enabled administrator cannot be disabled or
	// given another role, or nobody could manage users any more.
	ErrLastAdmin = errors.New("the last enabled admin stays")
)

// CheckSelfChange refuses a change an actor makes to their own account
// beyond its display name. actorID 0 is the command line, which acts for
// the operator of the machine and is nobody's account.
func CheckSelfChange(actorID int64, before, after Account) error {
	if actorID == 0 || actorID != before.ID {
		return nil
	}
	if before.Disabled != after.Disabled || !slices.Equal(before.Roles, after.Roles) ||
		!sameSet(before.Departments, after.Departments) || !sameSet(before.Projects, after.Projects) {
		return ErrSelfChange
	}
	return nil
}

// DropsAdmin tells whether a change takes an enabled administrator out of
// that role or disables them.
func DropsAdmin(before, after Account) bool {
	wasAdmin := !before.Disabled && slices.Contains(before.Roles, Admin)
	isAdmin := !after.Disabled && slices.Contains(after.Roles, Admin)
	return wasAdmin && !isAdmin
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
