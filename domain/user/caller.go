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
}

// Has reports whether the caller holds the role.
func (c Caller) Has(r Role) bool { return slices.Contains(c.Roles, r) }

// AssignedTo reports whether the caller is a submitter assigned to the
// project, i.e. may fill and submit its reports.
func (c Caller) AssignedTo(projectCode string) bool {
	return c.Has(Submitter) && slices.Contains(c.Projects, projectCode)
}

// Reviews reports whether the caller is a reviewer of the department.
func (c Caller) Reviews(departmentCode string) bool {
	return c.Has(Reviewer) && slices.Contains(c.Departments, departmentCode)
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
