package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"jixiao/domain/project"
)

type departmentRow struct {
	Code       string `gorm:"primaryKey"`
	Name       string
	ParentCode string `gorm:"->"` // read as coalesce(parent_code, '')
	Level      int    `gorm:"->"`
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
	Kind            string              `gorm:"->"` // set on insert by SQL only (default 'project')
	BudgetBasic     decimal.NullDecimal `gorm:"->"`
	BudgetProjects  decimal.NullDecimal `gorm:"->"`
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
	LibraryID    *int64
	ValueBasis   string
	CopyOf       *int64
}

func (indicatorRow) TableName() string { return "indicators" }

func (r indicatorRow) domain() project.Indicator {
	return project.Indicator{
		ID: r.ID, Level1: r.Level1, Level2: r.Level2, Name: r.Name,
		Nature: project.Nature(r.Nature), Target: r.Target, Unit: r.Unit,
		Weight: r.Weight, Accrual: project.Accrual(r.Accrual),
		LibraryID: deref(r.LibraryID), ValueBasis: r.ValueBasis, CopyOf: deref(r.CopyOf),
	}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// nullID is an id for a nullable reference column: 0 is NULL.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
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
	// Q is part of the project's code or name.
	Q string
	// Status keeps projects whose targets are in it (draft, submitted, …).
	Status project.Status
	// First are listed before the others (the caller's own projects).
	First []string
	// Page and Size page the list (1-based; Size 0: every project).
	Page, Size int
	// Kind keeps projects of this kind ("": any).
	Kind project.ProjectKind
}

// ProjectPage is one page of a project list with the totals of every
// project the filter matches.
type ProjectPage struct {
	Items       []ProjectSummary
	Total       int
	BudgetTotal decimal.Decimal
}

type projectListRow struct {
	Project          projectRow `gorm:"embedded"`
	DepartmentName   string
	DepartmentParent string
	DepartmentLevel  int
	IndicatorCount   int
}

// ListProjects lists every project the scope may see that the filter
// matches (its paging aside), ordered by code.
func (s *Store) ListProjects(ctx context.Context, sc Scope, f ProjectFilter) ([]ProjectSummary, error) {
	f.Page, f.Size, f.First = 0, 0, nil
	page, err := s.PageProjects(ctx, sc, f)
	return page.Items, err
}

// PageProjects lists the projects the scope may see, the filter's First
// ones first, then by code, a page at a time, with the count and budget of
// every match. Every screen opens with it, so it goes through pgx (on the
// replica when there is one) in one round trip: for a department's few
// projects one query, the totals window sums over the matches taken before
// the page is cut; for the whole province (tens of thousands) the count and
// sum apart, and the page cut in the projects' order before its indicators
// are counted.
func (s *Store) PageProjects(ctx context.Context, sc Scope, f ProjectFilter) (ProjectPage, error) {
	w := filter{}
	w.cond, w.args = sc.where("p")
	if f.Year != 0 {
		w.and("p.year = ?", f.Year)
	}
	if f.Department != "" {
		w.and("p.department_code = ?", f.Department)
	}
	if f.OnlyCodes {
		w.and("p.code = ANY(?)", textArray(f.Codes))
	}
	if f.Q != "" {
		like := likePattern(f.Q)
		w.and("(p.code ILIKE ? OR p.name ILIKE ?)", like, like)
	}
	if f.Status != "" {
		w.and("p.status = ?", string(f.Status))
	}
	if f.Kind != "" {
		w.and("p.kind = ?", string(f.Kind))
	}
	order := filter{cond: "p.code"}
	if len(f.First) > 0 {
		order = filter{cond: "p.code = ANY(?) DESC, p.code", args: []any{textArray(f.First)}}
	}
	var page filter
	if f.Size > 0 {
		page = filter{cond: " LIMIT ? OFFSET ?", args: []any{f.Size, (max(f.Page, 1) - 1) * f.Size}}
	}
	if !sc.all || f.Department != "" || f.OnlyCodes {
		return s.pageFewProjects(ctx, sc, f, w, order, page)
	}
	b := &batch{}
	b.queue(`SELECT count(*), coalesce(sum(p.budget), 0) FROM projects p WHERE `+w.cond, w.args...)
	cond := w.cond
	args := append(append(append(append([]any{}, order.args...), w.args...), order.args...), page.args...)
	b.queue(`WITH pg AS (SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight,
		p.status, p.version, p.target_version, p.copied_from, d.name AS department_name, p.kind, p.budget_basic, p.budget_projects,
		row_number() OVER (ORDER BY `+order.cond+`) AS ord
		FROM projects p JOIN departments d ON d.code = p.department_code WHERE `+cond+` ORDER BY `+order.cond+page.cond+`)
		SELECT pg.code, pg.department_code, pg.year, pg.name, pg.category, pg.budget, pg.goal, pg.execution_weight,
		pg.status, pg.version, pg.target_version, pg.copied_from, pg.department_name, pg.kind, pg.budget_basic, pg.budget_projects,
		(SELECT count(*) FROM indicators i WHERE i.project_code = pg.code AND i.retired_in IS NULL)
		FROM pg ORDER BY pg.ord`, args...)
	res := s.lag().pg().sendBatch(ctx, b)
	defer res.Close()
	var out ProjectPage
	var total int64
	var sum pgtype.Numeric
	if err := res.QueryRow().Scan(&total, &sum); err != nil {
		return ProjectPage{}, fmt.Errorf("count projects: %w", err)
	}
	out.Total, out.BudgetTotal = int(total), orZero(sum)
	rows, err := res.Query()
	if err != nil {
		return ProjectPage{}, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ps ProjectSummary
		p := &ps.Project
		var budget, weight, basic, projs pgtype.Numeric
		var status, kind string
		if err := rows.Scan(&p.Code, &p.Department.Code, &p.Year, &p.Name, &p.Category, &budget, &p.Goal, &weight,
			&status, &p.Version, &p.TargetVersion, &p.CopiedFrom, &p.Department.Name, &kind, &basic, &projs, &ps.IndicatorCount); err != nil {
			return ProjectPage{}, fmt.Errorf("list projects: %w", err)
		}
		p.Budget, p.ExecutionWeight, p.Status = orZero(budget), orZero(weight), project.Status(status)
		p.Kind, p.BudgetBasic, p.BudgetProjects = project.ProjectKind(kind), fromNumeric(basic), fromNumeric(projs)
		out.Items = append(out.Items, ps)
	}
	if err := rows.Err(); err != nil {
		return ProjectPage{}, fmt.Errorf("list projects: %w", err)
	}
	return out, nil
}

// pageFewProjects is PageProjects where the matches are a department's or
// a person's: one query, the totals window sums over the matches.
func (s *Store) pageFewProjects(ctx context.Context, sc Scope, f ProjectFilter, w, order, page filter) (ProjectPage, error) {
	args := append(append(append([]any{}, w.args...), order.args...), page.args...)
	rows, err := s.lag().pg().query(ctx, `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight,
		p.status, p.version, p.target_version, p.copied_from, d.name, p.kind, p.budget_basic, p.budget_projects,
		(SELECT count(*) FROM indicators i WHERE i.project_code = p.code AND i.retired_in IS NULL),
		count(*) OVER (), sum(p.budget) OVER ()
		FROM projects p JOIN departments d ON d.code = p.department_code WHERE `+w.cond+` ORDER BY `+order.cond+page.cond, args...)
	if err != nil {
		return ProjectPage{}, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	var out ProjectPage
	for rows.Next() {
		var ps ProjectSummary
		p := &ps.Project
		var budget, weight, sum, basic, projs pgtype.Numeric
		var status, kind string
		var total int64
		if err := rows.Scan(&p.Code, &p.Department.Code, &p.Year, &p.Name, &p.Category, &budget, &p.Goal, &weight,
			&status, &p.Version, &p.TargetVersion, &p.CopiedFrom, &p.Department.Name, &kind, &basic, &projs,
			&ps.IndicatorCount, &total, &sum); err != nil {
			return ProjectPage{}, fmt.Errorf("list projects: %w", err)
		}
		p.Budget, p.ExecutionWeight, p.Status = orZero(budget), orZero(weight), project.Status(status)
		p.Kind, p.BudgetBasic, p.BudgetProjects = project.ProjectKind(kind), fromNumeric(basic), fromNumeric(projs)
		out.Items = append(out.Items, ps)
		out.Total, out.BudgetTotal = int(total), orZero(sum)
	}
	if err := rows.Err(); err != nil {
		return ProjectPage{}, fmt.Errorf("list projects: %w", err)
	}
	if len(out.Items) == 0 && f.Size > 0 && f.Page > 1 {
		// past the last page: the totals still count every match
		n, err := s.PageProjects(ctx, sc, ProjectFilter{Year: f.Year, Department: f.Department, Codes: f.Codes, OnlyCodes: f.OnlyCodes,
			Q: f.Q, Status: f.Status, Kind: f.Kind, Size: 1, Page: 1})
		if err != nil {
			return ProjectPage{}, err
		}
		out.Total, out.BudgetTotal = n.Total, n.BudgetTotal
	}
	return out, nil
}

// likePattern is a pattern that finds s anywhere, its wildcards escaped.
func likePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s) + "%"
}

func (r projectRow) domain(d project.Department) project.Project {
	return project.Project{
		Code: r.Code, Name: r.Name, Category: r.Category, Department: d, Year: r.Year,
		Budget: r.Budget, Goal: r.Goal, ExecutionWeight: r.ExecutionWeight,
		Status: project.Status(r.Status), Version: r.Version, TargetVersion: r.TargetVersion, CopiedFrom: r.CopiedFrom,
		Kind: project.ProjectKind(r.Kind), BudgetBasic: decPtr(r.BudgetBasic), BudgetProjects: decPtr(r.BudgetProjects),
	}
}

func decPtr(d decimal.NullDecimal) *decimal.Decimal {
	if !d.Valid {
		return nil
	}
	return &d.Decimal
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
		Select("projects.*, departments.name AS department_name, coalesce(departments.parent_code, '') AS department_parent, "+
			"departments.level AS department_level").
		Joins("JOIN departments ON departments.code = projects.department_code").
		Where("projects.code = ?", code)
	cond, args := sc.where("projects")
	res := q.Where(cond, args...).Limit(1).Scan(&row)
	if res.Error != nil {
		return project.Project{}, fmt.Errorf("get project %s: %w", code, res.Error)
	}
	if res.RowsAffected == 0 {
		return project.Project{}, fmt.Errorf("get project %s: %w", code, project.ErrNotFound)
	}
	p := row.Project.domain(project.Department{Code: row.Project.DepartmentCode, Name: row.DepartmentName,
		Parent: row.DepartmentParent, Level: row.DepartmentLevel})
	var inds []indicatorRow
	if err := db.Where("project_code = ? AND retired_in IS NULL", code).Order("position").Find(&inds).Error; err != nil {
		return project.Project{}, fmt.Errorf("get indicators of %s: %w", code, err)
	}
	for _, in := range inds {
		p.Indicators = append(p.Indicators, in.domain())
	}
	return p, nil
}

// DepartmentFilter narrows the department list: q is part of a code or a
// name, codes the departments wanted (none: any), limit the most rows (0:
// every one).
type DepartmentFilter struct {
	Q      string
	Codes  []string
	Limit  int
	Offset int // rows before the page (with Limit)
	// Parent keeps the departments directly below this one ("": any).
	Parent string
}

// ListDepartments lists the departments the scope may see, by code.
func (s *Store) ListDepartments(ctx context.Context, sc Scope, f ...DepartmentFilter) ([]project.Department, error) {
	var rows []departmentRow
	cond, args := sc.departmentsWhere()
	q := s.lag().db.WithContext(ctx).Where(cond, args...).Order("code").
		Select("departments.code, departments.name, coalesce(departments.parent_code, '') AS parent_code, departments.level")
	for _, df := range f {
		if df.Parent != "" {
			q = q.Where("departments.parent_code = ?", df.Parent)
		}
		if df.Q != "" {
			like := likePattern(df.Q)
			q = q.Where("(departments.code ILIKE ? OR departments.name ILIKE ?)", like, like)
		}
		if len(df.Codes) > 0 {
			q = q.Where("departments.code IN ?", df.Codes)
		}
		if df.Limit > 0 {
			q = q.Limit(df.Limit).Offset(df.Offset)
		}
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	out := make([]project.Department, len(rows))
	for i, r := range rows {
		out[i] = project.Department{Code: r.Code, Name: r.Name, Parent: r.ParentCode, Level: r.Level}
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
	defer s.wrote() // after the commit: the kept dashboards are read anew
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
			if err := syncDepartmentLibrary(tx, p.Code); err != nil {
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
		if err := tx.Exec(`INSERT INTO indicators (project_code, position, level1, level2, name, nature, target, target_number, unit, weight, accrual,
			  library_id, value_basis, copy_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_code, position) DO UPDATE SET level1 = EXCLUDED.level1, level2 = EXCLUDED.level2,
			  name = EXCLUDED.name, nature = EXCLUDED.nature, target = EXCLUDED.target, target_number = EXCLUDED.target_number,
			  unit = EXCLUDED.unit, weight = EXCLUDED.weight, accrual = EXCLUDED.accrual,
			  library_id = coalesce(EXCLUDED.library_id, indicators.library_id), value_basis = EXCLUDED.value_basis,
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

// errNotFound reports whether a gorm error means no row.
func errNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
