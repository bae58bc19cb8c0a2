package api

import (
	"github.com/labstack/echo/v4"

	"jixiao/app/store"
	"jixiao/domain/user"
)

// scope is what the caller may see: admins and auditors everything,
// reviewers and supervisors the departments they review and the units
// below them, submitters their own department.
// Anyone else (no caller, no role) sees nothing: the zero Scope.
func (s *Server) scope(c echo.Context) store.Scope {
	return callerScope(callerOf(c))
}

func callerScope(caller user.Caller) store.Scope {
	sc := store.Scope{}
	for _, r := range caller.Roles {
		switch r {
		case user.Admin, user.Auditor:
			sc = sc.Union(store.ScopeAll())
		case user.Submitter:
			if len(caller.Departments) > 0 {
				sc = sc.Union(store.ScopeDepartments(caller.Departments...))
			}
		case user.Reviewer, user.Supervisor:
			// their departments and every unit below them
			if cov := caller.Covered(); len(cov) > 0 {
				sc = sc.Union(store.ScopeDepartments(cov...))
			}
		}
	}
	return sc
}
