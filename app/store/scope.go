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

// All tells whether the scope sees every department.
func (s Scope) All() bool { return s.all }

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
	// (one department or project is an equality: PostgreSQL's generic plan
	// of a prepared statement guesses ten elements for any array and may
	// then scan a whole table to join it)
	var parts []string
	if len(s.departments) > 0 {
		parts = append(parts, inOrAny(&args, t+".department_code", s.departments))
	}
	if len(s.projects) > 0 {
		parts = append(parts, inOrAny(&args, t+".code", s.projects))
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// inOrAny is "col = $n" for one value, "col = ANY($n)" for several, with the
// argument appended.
func inOrAny(args *[]any, col string, values []string) string {
	if len(values) == 1 {
		*args = append(*args, values[0])
		return fmt.Sprintf("%s = $%d", col, len(*args))
	}
	*args = append(*args, values)
	return fmt.Sprintf("%s = ANY($%d)", col, len(*args))
}
