package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/project"
)

// ProjectTransition is one recorded workflow step of a project's targets.
type ProjectTransition struct {
	Action  project.Action
	From    project.Status
	To      project.Status
	Actor   string
	At      time.Time
	Comment string
	// Findings are the quality findings an approval went past (with its reason).
	Findings json.RawMessage
	// Level is the review level of an approve or return (1 the 主管部门,
	// 2 the finance bureau); 0 for the submitter's steps.
	Level int
}

type projectTransitionRow struct {
	ID          int64 `gorm:"primaryKey"`
	ProjectCode string
	Action      string
	FromStatus  string
	ToStatus    string
	Actor       string
	At          time.Time
	Comment     string
	Findings    []byte `gorm:"type:jsonb"`
	Level       *int
}

func (projectTransitionRow) TableName() string { return "project_transitions" }

// ProjectChange says who changed a project's targets and how. Action is
// "create", "edit" or a workflow action; Findings go with an approval.
type ProjectChange struct {
	Action   string
	Actor    string
	ActorID  int64
	IP       string
	At       time.Time
	Comment  string
	Findings any
	// Level is the review level of an approve or return; 0 otherwise.
	Level int
}

// targetsMovedOn tells whether a stored project's targets are no longer the
// published ones a table load may overwrite: adjusted, or not approved.
func targetsMovedOn(tx *gorm.DB, code string) (bool, error) {
	var rows []projectRow
	if err := tx.Select("status, target_version").Where("code = ?", code).Limit(1).Find(&rows).Error; err != nil {
		return false, fmt.Errorf("read project %s: %w", code, err)
	}
	return len(rows) == 1 && (rows[0].Status != string(project.StatusApproved) || rows[0].TargetVersion > 1), nil
}

// CreateProject stores a new draft project with its indicators, validated
// once the department's name is known. The caller's scope must cover the
// department (project.ErrNoDepartment otherwise); a code in use is
// project.ErrExists.
func (s *Store) CreateProject(ctx context.Context, sc Scope, p project.Project, ch ProjectChange) (project.Project, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	if !sc.SeesDepartment(p.Department.Code) {
		return project.Project{}, fmt.Errorf("create project: department %s: %w", p.Department.Code, project.ErrNoDepartment)
	}
	var out project.Project
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var dep departmentRow
		if err := tx.Where("code = ?", p.Department.Code).Take(&dep).Error; err != nil {
			if errNotFound(err) {
				return fmt.Errorf("create project: department %s: %w", p.Department.Code, project.ErrNoDepartment)
			}
			return fmt.Errorf("create project: %w", err)
		}
		p.Department.Name = dep.Name
		if err := p.Validate(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO projects (code, department_code, year, name, category, budget, goal, execution_weight,
			status, version, target_version, copied_from, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1, 1, ?, ?, ?)`,
			p.Code, p.Department.Code, p.Year, p.Name, p.Category, p.Budget, p.Goal, p.ExecutionWeight,
			p.CopiedFrom, ch.At, ch.Actor).Error; err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("create project %s: %w", p.Code, project.ErrExists)
			}
			return fmt.Errorf("create project %s: %w", p.Code, err)
		}
		if err := writeIndicators(tx, p); err != nil {
			return err
		}
		var err error
		if out, err = getProject(tx, ScopeAll(), p.Code); err != nil {
			return err
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "project." + ch.Action,
			ObjectType: "project", ObjectID: p.Code, Status: 201, After: audit.JSON(out), Detail: copiedDetail(p.CopiedFrom)})
	})
	return out, err
}

func copiedDetail(from string) json.RawMessage {
	if from == "" {
		return nil
	}
	return audit.JSON(map[string]string{"copied_from": from})
}

// writeIndicators upserts a project's indicators by position and drops the
// positions beyond them (drafts only: they have no reports).
func writeIndicators(tx *gorm.DB, p project.Project) error {
	for pos, in := range p.Indicators {
		var num decimal.NullDecimal
		if n, ok := in.TargetNumber(); ok {
			num = decimal.NullDecimal{Decimal: n, Valid: true}
		}
		if err := tx.Exec(`INSERT INTO indicators (project_code, position, level1, level2, name, nature, target, target_number, unit, weight, accrual,
			  library_id, value_basis, copy_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_code, position) DO UPDATE SET level1 = EXCLUDED.level1, level2 = EXCLUDED.level2,
			  name = EXCLUDED.name, nature = EXCLUDED.nature, target = EXCLUDED.target, target_number = EXCLUDED.target_number,
			  unit = EXCLUDED.unit, weight = EXCLUDED.weight, accrual = EXCLUDED.accrual,
			  library_id = EXCLUDED.library_id, value_basis = EXCLUDED.value_basis,
			  copy_of = EXCLUDED.copy_of`,
			p.Code, pos, in.Level1, in.Level2, in.Name, string(in.Nature), in.Target, num, in.Unit, in.Weight, string(in.Accrual),
			nullID(in.LibraryID), in.ValueBasis, nullID(in.CopyOf)).Error; err != nil {
			return fmt.Errorf("save indicator %d of %s: %w", pos, p.Code, err)
		}
	}
	if err := tx.Exec(`DELETE FROM indicators WHERE project_code = ? AND position >= ?`, p.Code, len(p.Indicators)).Error; err != nil {
		return fmt.Errorf("trim indicators of %s: %w", p.Code, err)
	}
	return nil
}

// UpdateProject runs fn on a project under a row lock and stores what fn
// leaves: its fields and status, its indicators while editable, a new
// version, a transition for workflow actions and an audit entry, in one
// transaction. fn returning an error changes nothing.
func (s *Store) UpdateProject(ctx context.Context, sc Scope, code string, fn func(*project.Project) (ProjectChange, error)) (project.Project, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var out project.Project
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockProject(tx, sc, code); err != nil {
			return err
		}
		before, err := getProject(tx, sc, code)
		if err != nil {
			return err
		}
		p := before
		p.Indicators = append([]project.Indicator(nil), before.Indicators...)
		ch, err := fn(&p)
		if err != nil {
			return err
		}
		p.Code, p.Department, p.TargetVersion = before.Code, before.Department, before.TargetVersion
		if err := tx.Exec(`UPDATE projects SET year = ?, name = ?, category = ?, budget = ?, goal = ?, execution_weight = ?,
			status = ?, version = ?, updated_at = ?, updated_by = ? WHERE code = ?`,
			p.Year, p.Name, p.Category, p.Budget, p.Goal, p.ExecutionWeight, string(p.Status), p.Version, ch.At, ch.Actor, code).Error; err != nil {
			return fmt.Errorf("update project %s: %w", code, err)
		}
		if before.Status.Editable() {
			if err := writeIndicators(tx, p); err != nil {
				return err
			}
		}
		if ch.Action != "edit" {
			findings, err := json.Marshal(ch.Findings)
			if err != nil || ch.Findings == nil {
				findings = []byte("[]")
			}
			var level *int
			if ch.Level > 0 {
				level = &ch.Level
			}
			if err := tx.Create(&projectTransitionRow{ProjectCode: code, Action: ch.Action, FromStatus: string(before.Status),
				ToStatus: string(p.Status), Actor: ch.Actor, At: ch.At, Comment: ch.Comment, Findings: findings, Level: level}).Error; err != nil {
				return fmt.Errorf("record project transition: %w", err)
			}
		}
		if p.Status == project.StatusApproved && before.Status != project.StatusApproved {
			if err := snapshotVersion(tx, code, &ch.At, ch.Actor, nil); err != nil {
				return err
			}
		}
		if out, err = getProject(tx, sc, code); err != nil {
			return err
		}
		detail := map[string]any{}
		if ch.Comment != "" {
			detail["comment"] = ch.Comment
		}
		if ch.Findings != nil {
			detail["findings"] = ch.Findings
		}
		if ch.Level > 0 {
			detail["level"] = ch.Level
		}
		var d json.RawMessage
		if len(detail) > 0 {
			d = audit.JSON(detail)
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "project." + ch.Action,
			ObjectType: "project", ObjectID: code, Status: 200, Before: audit.JSON(before), After: audit.JSON(out), Detail: d})
	})
	return out, err
}

// lockProject takes the project's row lock; a project outside the scope is
// project.ErrNotFound.
func lockProject(tx *gorm.DB, sc Scope, code string) error {
	var rows []projectRow
	cond, args := sc.where("projects")
	q := tx.Table("projects").Select("projects.code").Where("projects.code = ?", code).Where(cond, args...)
	if err := q.Clauses(clause.Locking{Strength: "UPDATE"}).Find(&rows).Error; err != nil {
		return fmt.Errorf("lock project %s: %w", code, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("project %s: %w", code, project.ErrNotFound)
	}
	return nil
}

// ProjectTransitions lists the workflow steps of a project's targets, oldest first.
func (s *Store) ProjectTransitions(ctx context.Context, sc Scope, code string) ([]ProjectTransition, error) {
	db := s.db.WithContext(ctx)
	if _, err := getProject(db, sc, code); err != nil {
		return nil, err
	}
	var rows []projectTransitionRow
	if err := db.Where("project_code = ?", code).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("project transitions of %s: %w", code, err)
	}
	out := make([]ProjectTransition, len(rows))
	for i, r := range rows {
		out[i] = ProjectTransition{Action: project.Action(r.Action), From: project.Status(r.FromStatus), To: project.Status(r.ToStatus),
			Actor: r.Actor, At: r.At, Comment: r.Comment, Findings: r.Findings}
		if r.Level != nil {
			out[i].Level = *r.Level
		}
	}
	return out, nil
}

// DepartmentProjects reads every project of a department and year with its
// indicators, for the review's comparison across projects. The scope must
// cover the department; otherwise it sees what the scope sees of it.
func (s *Store) DepartmentProjects(ctx context.Context, sc Scope, department string, year int) ([]project.Project, error) {
	db := s.db.WithContext(ctx)
	var codes []string
	cond, args := sc.where("projects")
	q := db.Table("projects").Where("projects.department_code = ? AND projects.year = ?", department, year).Where(cond, args...)
	if err := q.Order("projects.code").Pluck("projects.code", &codes).Error; err != nil {
		return nil, fmt.Errorf("department projects: %w", err)
	}
	out := make([]project.Project, 0, len(codes))
	for _, c := range codes {
		p, err := getProject(db, sc, c)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
