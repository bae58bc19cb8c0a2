package store

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"jixiao/domain/project"
)

type budgetSpendingRow struct {
	DepartmentCode string `gorm:"primaryKey"`
	Year           int    `gorm:"primaryKey"`
	SubjectCode    string `gorm:"primaryKey"`
	SubjectName    string
	Amount         decimal.Decimal
}

func (budgetSpendingRow) TableName() string { return "budget_spending" }

// SaveBudgetSpending replaces a department's project spending of a year with
// lines (the department must exist); loading the same table again changes
// nothing.
func (s *Store) SaveBudgetSpending(ctx context.Context, department string, year int, lines []project.Spending) error {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	if err := project.ValidateSpending(lines); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("department_code = ? AND year = ?", department, year).Delete(&budgetSpendingRow{}).Error; err != nil {
			return fmt.Errorf("replace budget spending: %w", err)
		}
		for _, l := range lines {
			if err := tx.Create(&budgetSpendingRow{DepartmentCode: department, Year: year, SubjectCode: l.Subject,
				SubjectName: l.Name, Amount: l.Amount}).Error; err != nil {
				return fmt.Errorf("save budget spending %s: %w", l.Subject, err)
			}
		}
		return nil
	})
}

// Reconciliation compares the approved targets of a department and year with
// its budget tables. A department outside the scope is project.ErrNoDepartment.
func (s *Store) Reconciliation(ctx context.Context, sc Scope, department string, year int) (project.Reconciliation, error) {
	db := s.db.WithContext(ctx)
	var dep departmentRow
	if !sc.SeesDepartment(department) {
		return project.Reconciliation{}, fmt.Errorf("reconciliation of %s: %w", department, project.ErrNoDepartment)
	}
	if err := db.Where("code = ?", department).Take(&dep).Error; err != nil {
		if errNotFound(err) {
			return project.Reconciliation{}, fmt.Errorf("reconciliation of %s: %w", department, project.ErrNoDepartment)
		}
		return project.Reconciliation{}, fmt.Errorf("reconciliation of %s: %w", department, err)
	}
	var ps []projectRow
	if err := db.Where("department_code = ? AND year = ?", department, year).Find(&ps).Error; err != nil {
		return project.Reconciliation{}, fmt.Errorf("reconciliation projects: %w", err)
	}
	d := project.Department{Code: dep.Code, Name: dep.Name}
	projects := make([]project.Project, len(ps))
	for i, r := range ps {
		projects[i] = r.domain(d)
	}
	var rows []budgetSpendingRow
	if err := db.Where("department_code = ? AND year = ?", department, year).Order("subject_code").Find(&rows).Error; err != nil {
		return project.Reconciliation{}, fmt.Errorf("reconciliation spending: %w", err)
	}
	spending := make([]project.Spending, len(rows))
	for i, r := range rows {
		spending[i] = project.Spending{Subject: r.SubjectCode, Name: r.SubjectName, Amount: r.Amount}
	}
	return project.Reconcile(d, year, projects, spending), nil
}

// VisibleDepartments lists the codes of the departments the scope covers
// that have projects in the year, optionally only one.
func (s *Store) VisibleDepartments(ctx context.Context, sc Scope, year int, only string) ([]string, error) {
	cond, args := sc.where("projects")
	q := s.db.WithContext(ctx).Table("projects").Where("projects.year = ?", year).Where(cond, args...)
	if only != "" {
		q = q.Where("projects.department_code = ?", only)
	}
	var codes []string
	if err := q.Distinct("projects.department_code").Order("projects.department_code").Pluck("projects.department_code", &codes).Error; err != nil {
		return nil, fmt.Errorf("departments of %d: %w", year, err)
	}
	out := codes[:0]
	for _, c := range codes {
		if sc.SeesDepartment(c) {
			out = append(out, c)
		}
	}
	return out, nil
}
