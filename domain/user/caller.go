package user

import "slices"

// Caller is who makes a request, with what authorization needs: roles and
// the department and project assignments. The zero Caller is nobody.
type Caller struct {
	ID          int64
	Username    string
	DisplayName string
	Roles       []Role
	// Departments is the submitter's own department or the departments a
	// reviewer reviews.
	Departments []string
	// Projects are the projects a submitter is assigned to.
	Projects []string
	// Units are the departments strictly below Departments in the
	// hierarchy (二级预算单位 of a 主管部门), as storage read them with the
	// session: a reviewer or supervisor reads them and reviews them.
	Units []string
}

// Has reports whether the caller holds the role.
func (c Caller) Has(r Role) bool { return slices.Contains(c.Roles, r) }

// AssignedTo reports whether the caller is a submitter assigned to the
// project, i.e. may fill and submit its reports.
func (c Caller) AssignedTo(projectCode string) bool {
	return c.Has(Submitter) && slices.Contains(c.Projects, projectCode)
}

// Reviews reports whether the caller is a reviewer (财政) of the
// department: one it is assigned or a unit below one.
func (c Caller) Reviews(departmentCode string) bool {
	return c.Has(Reviewer) && (slices.Contains(c.Departments, departmentCode) || slices.Contains(c.Units, departmentCode))
}

// Supervises reports whether the caller is a supervisor (主管部门审核人) of
// the department: a unit strictly below a department it is assigned. A
// supervisor reads its own 主管部门 but does not review it.
func (c Caller) Supervises(departmentCode string) bool {
	return c.Has(Supervisor) && slices.Contains(c.Units, departmentCode)
}

// ReviewLevel is the level at which the caller reviews a department's
// reports and targets: 2 as a finance reviewer, 1 as its supervisor, 0
// not at all.
func (c Caller) ReviewLevel(departmentCode string) int {
	switch {
	case c.Reviews(departmentCode):
		return 2
	case c.Supervises(departmentCode):
		return 1
	}
	return 0
}

// Covered is what a reviewer or supervisor reads: its departments and the
// units below them.
func (c Caller) Covered() []string {
	return append(append([]string{}, c.Departments...), c.Units...)
}

// Department is the submitter's own department, or the first department a
// reviewer reviews; "" for admins and auditors.
func (c Caller) Department() string {
	if len(c.Departments) == 0 {
		return ""
	}
	return c.Departments[0]
}

// Anonymous reports whether nobody is signed in.
func (c Caller) Anonymous() bool { return c.ID == 0 }

// AssignedProjects are the projects whose reports the caller fills: a
// submitter's assigned projects, none for other roles.
func (c Caller) AssignedProjects() []string {
	if !c.Has(Submitter) {
		return nil
	}
	return slices.Clone(c.Projects)
}
