package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/project"
)

// StoredProject is what an import needs to know of a project already
// stored under a code: where it belongs and whether reports were saved
// against its targets.
type StoredProject struct {
	Project    project.Project
	HasReports bool
}

// StoredProjects reads the projects stored under the given codes, whatever
// the caller's scope: an import must know that a code is taken even by a
// department the caller does not see (it then only says so, never shows it).
func (s *Store) StoredProjects(ctx context.Context, codes []string) (map[string]StoredProject, error) {
	out := map[string]StoredProject{}
	if len(codes) == 0 {
		return out, nil
	}
	var withReports []string
	db := s.db.WithContext(ctx)
	if err := db.Raw(`SELECT DISTINCT project_code FROM reports WHERE project_code IN ?`, codes).Scan(&withReports).Error; err != nil {
		return nil, fmt.Errorf("stored projects: %w", err)
	}
	has := map[string]bool{}
	for _, c := range withReports {
		has[c] = true
	}
	var found []string
	if err := db.Raw(`SELECT code FROM projects WHERE code IN ?`, codes).Scan(&found).Error; err != nil {
		return nil, fmt.Errorf("stored projects: %w", err)
	}
	for _, c := range found {
		p, err := getProject(db, ScopeAll(), c)
		if err != nil {
			return nil, err
		}
		out[c] = StoredProject{Project: p, HasReports: has[c]}
	}
	return out, nil
}

// NewUnit is a unit an import creates under its 主管部门 (Department.Parent),
// with the audit entry of its creation (action and object filled in here).
type NewUnit struct {
	Department project.Department
	Audit      audit.Entry
}

// ImportProjects stores imported projects and their indicators in one
// transaction with its audit entry: all of them, or, on any error, none.
// Every project must validate; one whose targets have moved on since they
// were published (adjusted, or back in drafting) is project.ErrNotEditable.
//
// Units are the departments the import creates first, each under its
// parent (which must exist) at the level given, each with its own audit
// entry (department.create); one that exists by then is left as it is.
func (s *Store) ImportProjects(ctx context.Context, units []NewUnit, ps []project.Project, e audit.Entry) error {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("import project %s: %w", p.Code, err)
		}
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, u := range units {
			d := u.Department
			res := tx.Exec(`INSERT INTO departments (code, name, parent_code, level)
				SELECT ?, ?, code, level + 1 FROM departments WHERE code = ? ON CONFLICT (code) DO NOTHING`, d.Code, d.Name, d.Parent)
			if res.Error != nil {
				return fmt.Errorf("create unit %s: %w", d.Code, res.Error)
			}
			if res.RowsAffected == 0 {
				var n int64
				if err := tx.Raw(`SELECT count(*) FROM departments WHERE code = ?`, d.Code).Scan(&n).Error; err != nil {
					return err
				}
				if n == 0 { // its parent went away since the file was checked
					return fmt.Errorf("create unit %s under %s: %w", d.Code, d.Parent, project.ErrNoDepartment)
				}
				continue // created meanwhile: left as it is
			}
			ue := u.Audit
			ue.Action, ue.ObjectType, ue.ObjectID = audit.DepartmentCreated, "department", d.Code
			ue.After = audit.JSON(departmentAudit(d))
			if err := appendAudit(tx, ue); err != nil {
				return err
			}
		}
		for _, p := range ps {
			// checked before by the caller; here against a concurrent change
			if moved, err := targetsMovedOn(tx, p.Code); err != nil || moved {
				if err != nil {
					return err
				}
				return fmt.Errorf("import project %s: %w", p.Code, project.ErrNotEditable)
			}
			if err := saveProject(tx, p); err != nil {
				return err
			}
		}
		return appendAudit(tx, e)
	})
}
