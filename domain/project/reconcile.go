package project

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/fields"
)

// Spending is one line of a department's project spending (项目支出) in its
// budget tables (支出总表), by function subject (支出功能分类科目).
type Spending struct {
	Subject string // e.g. 2010301
	Name    string // e.g. 行政运行
	Amount  decimal.Decimal
}

// ValidateSpending checks spending lines; problems are keyed "lines[i].field".
func ValidateSpending(lines []Spending) error {
	pr := fields.Problems{}
	seen := map[string]bool{}
	for i, l := range lines {
		f := fmt.Sprintf("lines[%d].", i)
		if strings.TrimSpace(l.Subject) == "" {
			pr.Add(f+"subject", "科目编码不能为空")
		} else if seen[l.Subject] {
			pr.Add(f+"subject", "科目编码重复")
		}
		seen[l.Subject] = true
		if l.Amount.IsNegative() || !l.Amount.Equal(l.Amount.Round(2)) {
			pr.Add(f+"amount", "金额应为不小于0、最多两位小数的万元数")
		}
	}
	return pr.Err(ErrInvalid)
}

// Reconciliation compares a department's targets with its budget tables for
// a year (domain reference §1 and §7): spending without a target is a gap.
type Reconciliation struct {
	Department   Department
	Year         int
	Projects     int             // approved projects with targets
	TargetsTotal decimal.Decimal // Σ budgets of the approved projects (万元)
	// BudgetTotal is Σ project spending in the budget tables; nil when the
	// tables were never loaded for the year.
	BudgetTotal *decimal.Decimal
	// Difference is BudgetTotal − TargetsTotal: spending with no target when
	// positive; nil without budget tables.
	Difference *decimal.Decimal
	Spending   []Spending
	// Overall is the department's overall project of the year (部门整体,
	// any status), nil when there is none; OverallDifference is its 项目支出
	// less TargetsTotal: project spending of the whole department that the
	// projects' targets do not cover.
	Overall           *Project
	OverallDifference *decimal.Decimal
}

// HasGap reports whether the budget tables are loaded and disagree with the targets.
func (r Reconciliation) HasGap() bool {
	return r.Difference != nil && !r.Difference.IsZero() || r.OverallDifference != nil && !r.OverallDifference.IsZero()
}

// Reconcile compares the budgets of the approved projects with the spending lines.
func Reconcile(d Department, year int, projects []Project, spending []Spending) Reconciliation {
	r := Reconciliation{Department: d, Year: year, TargetsTotal: decimal.Zero, Spending: spending}
	for _, p := range projects {
		if p.Overall() {
			if p.Year == year && p.Department.Code == d.Code {
				o := p
				r.Overall = &o
			}
			continue
		}
		if p.Year == year && p.Department.Code == d.Code && (p.Status == StatusApproved || p.Status == "") {
			r.TargetsTotal = r.TargetsTotal.Add(p.Budget)
			r.Projects++
		}
	}
	if len(spending) > 0 {
		b := decimal.Zero
		for _, s := range spending {
			b = b.Add(s.Amount)
		}
		diff := b.Sub(r.TargetsTotal)
		r.BudgetTotal, r.Difference = &b, &diff
	}
	if r.Overall != nil && r.Overall.BudgetProjects != nil {
		diff := r.Overall.BudgetProjects.Sub(r.TargetsTotal)
		r.OverallDifference = &diff
	}
	return r
}
