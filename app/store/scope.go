package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Scope is what a caller may see. The zero Scope sees nothing: a query
// without a granted scope returns no rows (fail closed).
type Scope struct {
	all         bool
	departments []string
	projects    []string
}

// ScopeAll sees every department (reviewers of all, admins, auditors, the CLI).
func ScopeAll() Scope { return Scope{all: true} }

// ScopeDepartments sees the projects of the given departments.
func ScopeDepartments(codes ...string) Scope { return Scope{departments: codes} }

// ScopeProjects sees only the given projects.
func ScopeProjects(codes ...string) Scope { return Scope{projects: codes} }

// Union sees what either scope sees.
func (s Scope) Union(o Scope) Scope {
	return Scope{
		all:         s.all || o.all,
		departments: append(append([]string{}, s.departments...), o.departments...),
		projects:    append(append([]string{}, s.projects...), o.projects...),
	}
}

// SeesDepartment tells whether the scope covers a whole department.
func (s Scope) SeesDepartment(code string) bool {
	if s.all {
		return true
	}
	for _, d := range s.departments {
		if d == code {
			return true
		}
	}
	return false
}

// projects restricts a query on the projects table (aliased as given).
func (s Scope) projectsWhere(db *gorm.DB, table string) *gorm.DB {
	if s.all {
		return db
	}
	if len(s.departments) == 0 && len(s.projects) == 0 {
		return db.Where("false")
	}
	return db.Where("("+table+".department_code IN ? OR "+table+".code IN ?)", nonEmpty(s.departments), nonEmpty(s.projects))
}

// departmentsWhere restricts a query on the departments table: a department
// is visible when the scope covers it or one of its projects.
func (s Scope) departmentsWhere(db *gorm.DB) *gorm.DB {
	if s.all {
		return db
	}
	if len(s.departments) == 0 && len(s.projects) == 0 {
		return db.Where("false")
	}
	return db.Where("(departments.code IN ? OR departments.code IN (SELECT department_code FROM projects WHERE code IN ?))",
		nonEmpty(s.departments), nonEmpty(s.projects))
}

// nonEmpty keeps "IN ?" valid SQL for an empty list.
func nonEmpty(v []string) []string {
	if len(v) == 0 {
		return []string{""}
	}
	return v
}

// pgWhere is projectsWhere for pgx queries: a condition on the projects
// table aliased as t, with its arguments appended to args ($n numbering).
func (s Scope) pgWhere(t string, args []any) (string, []any) {
	if s.all {
		return "true", args
	}
	if len(s.departments) == 0 && len(s.projects) == 0 {
		return "false", args
	}
	// only the parts the scope has, so that the planner can use one index
	// (a department's projects) rather than an OR over two
	var parts []string
	if len(s.departments) > 0 {
		args = append(args, s.departments)
		parts = append(parts, fmt.Sprintf("%s.department_code = ANY($%d)", t, len(args)))
	}
	if len(s.projects) > 0 {
		args = append(args, s.projects)
		parts = append(parts, fmt.Sprintf("%s.code = ANY($%d)", t, len(args)))
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}
