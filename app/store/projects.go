package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"jixiao/domain/project"
)

type departmentRow struct {
	Code string `gorm:"primaryKey"`
	Name string
}

func (departmentRow) TableName() string { return "departments" }

type projectRow struct {
	Code            string `gorm:"primaryKey"`
	DepartmentCode  string
	Year            int
	Name            string
	Category        string
	Budget          decimal.Decimal
	Goal            string
	ExecutionWeight decimal.Decimal
	Status          string
	Version         int
	TargetVersion   int
	CopiedFrom      string
}

func (projectRow) TableName() string { return "projects" }

type indicatorRow struct {
	ID           int64 `gorm:"primaryKey"`
	ProjectCode  string
	Position     int
	Level1       string `gorm:"column:level1"`
	Level2       string `gorm:"column:level2"`
	Name         string
	Nature       string
	Target       string
	TargetNumber decimal.NullDecimal
	Unit         string
	Weight       decimal.Decimal
	Accrual      string
}

func (indicatorRow) TableName() string { return "indicators" }

func (r indicatorRow) domain() project.Indicator {
	return project.Indicator{
		ID: r.ID, Level1: r.Level1, Level2: r.Level2, Name: r.Name,
		Nature: project.Nature(r.Nature), Target: r.Target, Unit: r.Unit,
		Weight: r.Weight, Accrual: project.Accrual(r.Accrual),
	}
}

// ProjectSummary is a project as listed: without its indicators, with their count.
type ProjectSummary struct {
	project.Project
	IndicatorCount int
}

// ProjectFilter narrows a project list; zero fields do not filter.
type ProjectFilter struct {
	Year       int
	Department string
	// Codes, with OnlyCodes, keeps only these projects (none when empty).
	Codes     []string
	OnlyCodes bool
}

type projectListRow struct {
	Project        projectRow `gorm:"embedded"`
	DepartmentName string
	IndicatorCount int
}

// ListProjects lists the projects the scope may see, ordered by code. Every
// screen opens with it, so it goes through pgx (on the replica when there
// is one) in one query.
func (s *Store) ListProjects(ctx context.Context, sc Scope, f ProjectFilter) ([]ProjectSummary, error) {
	cond, args := sc.pgWhere("p", nil)
	if f.Year != 0 {
		args = append(args, f.Year)
		cond += fmt.Sprintf(" AND p.year = $%d", len(args))
	}
	if f.Department != "" {
		args = append(args, f.Department)
		cond += fmt.Sprintf(" AND p.department_code = $%d", len(args))
	}
	if f.OnlyCodes {
		args = append(args, nonEmpty(f.Codes))
		cond += fmt.Sprintf(" AND p.code = ANY($%d)", len(args))
	}
	rows, err := s.reader().Query(ctx, `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight,
		p.status, p.version, p.target_version, p.copied_from, d.name,
		(SELECT count(*) FROM indicators i WHERE i.project_code = p.code AND i.retired_in IS NULL)
		FROM projects p JOIN departments d ON d.code = p.department_code WHERE `+cond+` ORDER BY p.code`, args...)
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	var out []ProjectSummary
	for rows.Next() {
		var ps ProjectSummary
		p := &ps.Project
		var budget, weight pgtype.Numeric
		var status string
		if err := rows.Scan(&p.Code, &p.Department.Code, &p.Year, &p.Name, &p.Category, &budget, &p.Goal, &weight,
			&status, &p.Version, &p.TargetVersion, &p.CopiedFrom, &p.Department.Name, &ps.IndicatorCount); err != nil {
			return nil, fmt.Errorf("list projects: %w", err)
		}
		p.Budget, p.ExecutionWeight, p.Status = orZero(budget), orZero(weight), project.Status(status)
		out = append(out, ps)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return out, nil
}

func (r projectRow) domain(d project.Department) project.Project {
	return project.Project{
		Code: r.Code, Name: r.Name, Category: r.Category, Department: d, Year: r.Year,
		Budget: r.Budget, Goal: r.Goal, ExecutionWeight: r.ExecutionWeight,
		Status: project.Status(r.Status), Version: r.Version, TargetVersion: r.TargetVersion, CopiedFrom: r.CopiedFrom,
	}
}

// GetProject reads one project with its indicators in published order. A
// project outside the scope is project.ErrNotFound, like a missing one.
func (s *Store) GetProject(ctx context.Context, sc Scope, code string) (project.Project, error) {
	return getProject(s.db.WithContext(ctx), sc, code)
}

// getProject reads a project and its indicators within db (a transaction or not).
func getProject(db *gorm.DB, sc Scope, code string) (project.Project, error) {
	var row projectListRow
	q := db.Table("projects").
		Select("projects.*, departments.name AS department_name").
		Joins("JOIN departments ON departments.code = projects.department_code").
		Where("projects.code = ?", code)
	res := sc.projectsWhere(q, "projects").Limit(1).Scan(&row)
	if res.Error != nil {
		return project.Project{}, fmt.Errorf("get project %s: %w", code, res.Error)
	}
	if res.RowsAffected == 0 {
		return project.Project{}, fmt.Errorf("get project %s: %w", code, project.ErrNotFound)
	}
	p := row.Project.domain(project.Department{Code: row.Project.DepartmentCode, Name: row.DepartmentName})
	var inds []indicatorRow
	if err := db.Where("project_code = ? AND retired_in IS NULL", code).Order("position").Find(&inds).Error; err != nil {
		return project.Project{}, fmt.Errorf("get indicators of %s: %w", code, err)
	}
	for _, in := range inds {
		p.Indicators = append(p.Indicators, in.domain())
	}
	return p, nil
}

// ListDepartments lists the departments the scope may see.
func (s *Store) ListDepartments(ctx context.Context, sc Scope) ([]project.Department, error) {
	var rows []departmentRow
	if err := sc.departmentsWhere(s.lagging().WithContext(ctx)).Order("code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	out := make([]project.Department, len(rows))
	for i, r := range rows {
		out[i] = project.Department{Code: r.Code, Name: r.Name}
	}
	return out, nil
}

// SaveProjects inserts or updates projects and their indicators in one
// transaction, matching indicators by position so that their ids stay stable
// across re-imports. Nothing is saved unless every project validates. A
// project whose targets have moved on since they were published (adjusted,
// or taken back into drafting) is left as it is: loading the published
// table again must not undo an approved adjustment.
func (s *Store) SaveProjects(ctx context.Context, ps []project.Project) error {
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("save project %s: %w", p.Code, err)
		}
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, p := range ps {
			if moved, err := targetsMovedOn(tx, p.Code); err != nil || moved {
				if err != nil {
					return err
				}
				continue
			}
			if err := saveProject(tx, p); err != nil {
				return err
			}
		}
		return nil
	})
}

func saveProject(tx *gorm.DB, p project.Project) error {
	dep := departmentRow{Code: p.Department.Code, Name: p.Department.Name}
	if err := tx.Exec(`INSERT INTO departments (code, name) VALUES (?, ?)
		ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`, dep.Code, dep.Name).Error; err != nil {
		return fmt.Errorf("save department %s: %w", dep.Code, err)
	}
	if err := tx.Exec(`INSERT INTO projects (code, department_code, year, name, category, budget, goal, execution_weight)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET department_code = EXCLUDED.department_code, year = EXCLUDED.year,
		  name = EXCLUDED.name, category = EXCLUDED.category, budget = EXCLUDED.budget, goal = EXCLUDED.goal,
		  execution_weight = EXCLUDED.execution_weight`,
		p.Code, p.Department.Code, p.Year, p.Name, p.Category, p.Budget, p.Goal, p.ExecutionWeight).Error; err != nil {
		return fmt.Errorf("save project %s: %w", p.Code, err)
	}
	for pos, in := range p.Indicators {
		var num decimal.NullDecimal
		if n, ok := in.TargetNumber(); ok {
			num = decimal.NullDecimal{Decimal: n, Valid: true}
		}
		if err := tx.Exec(`INSERT INTO indicators (project_code, position, level1, level2, name, nature, target, target_number, unit, weight, accrual)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_code, position) DO UPDATE SET level1 = EXCLUDED.level1, level2 = EXCLUDED.level2,
			  name = EXCLUDED.name, nature = EXCLUDED.nature, target = EXCLUDED.target, target_number = EXCLUDED.target_number,
			  unit = EXCLUDED.unit, weight = EXCLUDED.weight, accrual = EXCLUDED.accrual`,
			p.Code, pos, in.Level1, in.Level2, in.Name, string(in.Nature), in.Target, num, in.Unit, in.Weight, string(in.Accrual)).Error; err != nil {
			return fmt.Errorf("save indicator %d of %s: %w", pos, p.Code, err)
		}
	}
	if err := tx.Exec(`DELETE FROM indicators WHERE project_code = ? AND position >= ?`, p.Code, len(p.Indicators)).Error; err != nil {
		return fmt.Errorf("trim indicators of %s: %w", p.Code, err)
	}
	return nil
}

// errNotFound reports whether a gorm error means no row.
func errNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
