package store

import (
	"fmt"
	"strings"
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

// where is the condition, in ? style with its arguments, that a row of the
// projects table aliased t is one the scope sees: gorm callers add it with
// q.Where(cond, args...), pgx callers append it to their SQL text and its
// arguments to theirs (pg.go).
func (s Scope) where(t string) (string, []any) {
	return s.cond(t+".department_code", t+".code", "%s")
}

// departmentsWhere is where for the departments table: a department is
// visible when the scope covers it or one of its projects.
func (s Scope) departmentsWhere() (string, []any) {
	return s.cond("departments.code", "code", "departments.code IN (SELECT department_code FROM projects WHERE %s)")
}

// cond is the one scope builder: dept = the scope's departments OR (code =
// the scope's projects, set in the frame projects). It keeps only the parts
// the scope has, so that the planner can use one index (a department's
// projects) rather than an OR over two; "true" sees all, "false" nothing.
func (s Scope) cond(dept, code, projects string) (string, []any) {
	if s.all {
		return "true", nil
	}
	if len(s.departments) == 0 && len(s.projects) == 0 {
		return "false", nil
	}
	var parts []string
	var args []any
	if len(s.departments) > 0 {
		parts = append(parts, inOrAny(&args, dept, s.departments))
	}
	if len(s.projects) > 0 {
		parts = append(parts, fmt.Sprintf(projects, inOrAny(&args, code, s.projects)))
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// inOrAny is "col = ?" for one value, "col = ANY(?)" for several, with the
// argument appended. (One department or project is an equality:
// PostgreSQL's generic plan of a prepared statement guesses ten elements for
// any array and may then scan a whole table to join it.)
func inOrAny(args *[]any, col string, values []string) string {
	if len(values) == 1 {
		*args = append(*args, values[0])
		return col + " = ?"
	}
	*args = append(*args, textArray(values))
	return col + " = ANY(?)"
}

// subtree is the condition that col is the department code or the code of
// a department below it (the hierarchy has three levels), with its
// arguments.
func subtree(col, code string) filter {
	return filter{cond: col + ` IN (SELECT sd.code FROM departments sd WHERE sd.code = ? OR sd.parent_code = ?
	OR sd.parent_code IN (SELECT sp.code FROM departments sp WHERE sp.parent_code = ?))`, args: []any{code, code, code}}
}

// filter is a condition (or any part of a statement) in ? style with its
// arguments, built a part at a time.
type filter struct {
	cond string
	args []any
}

// andAlso adds another filter's condition and arguments.
func (f *filter) andAlso(g filter) { f.and(g.cond, g.args...) }

// and adds a condition and its arguments.
func (f *filter) and(cond string, args ...any) {
	f.cond += " AND " + cond
	f.args = append(f.args, args...)
}
