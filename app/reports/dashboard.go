package reports

import (
	"context"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// Dashboard is a period at a glance: totals, execution against time
// progress, counts by light, grade and status, and every project's line.
type Dashboard struct {
	Period        period.Period
	TimeProgress  decimal.Decimal
	BudgetTotal   decimal.Decimal  // Σ adjusted budgets (万元)
	ExecutedTotal decimal.Decimal  // Σ executed so far (万元)
	ExecutionRate *decimal.Decimal // executed ÷ budget, 4 places; nil without budget
	// AverageScore is the mean of the stored totals of reported reports
	// (submitted or approved), 2 places; nil when none is
	AverageScore *decimal.Decimal
	ByLight      map[string]int // reported reports by project light
	ByGrade      map[string]int // reported reports by grade
	// ByStatus counts reports by status, and projects nobody filled under
	// store.StatusUnfilled: what the average leaves out is counted here
	ByStatus     map[string]int
	Reported     int                   // reports the average, the grades and the lights cover
	ProjectCount int                   // every project the totals cover
	Projects     []store.ProjectStatus // the page asked for
}

// Dashboard aggregates the stored results of a period with every project's
// line; nothing is rescored.
func (s *Service) Dashboard(ctx context.Context, sc store.Scope, periodKey, department string) (Dashboard, error) {
	return s.DashboardPage(ctx, sc, periodKey, department, store.Page{})
}

// DashboardPage is Dashboard with one page of the project lines: the totals
// cover every project the scope sees (from the rollups the database keeps
// on every save), the list only the page.
func (s *Service) DashboardPage(ctx context.Context, sc store.Scope, periodKey, department string, pg store.Page) (Dashboard, error) {
	per, t, ps, err := s.store.PeriodOverview(ctx, sc, periodKey, department, pg)
	if err != nil {
		return Dashboard{}, err
	}
	if err := s.blockingOfUnsaved(ctx, sc, per, ps); err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{Period: per, TimeProgress: per.TimeProgress(), Projects: ps, ProjectCount: t.Projects,
		BudgetTotal: t.BudgetTotal, ExecutedTotal: t.ExecutedTotal, ByLight: t.ByLight, ByGrade: t.ByGrade, ByStatus: t.ByStatus}
	if d.BudgetTotal.IsPositive() {
		r := d.ExecutedTotal.DivRound(d.BudgetTotal, 4)
		d.ExecutionRate = &r
	}
	d.Reported = t.ByStatus[string(report.StatusSubmitted)] + t.ByStatus[string(report.StatusApproved)]
	if t.Scored > 0 {
		avg := t.ScoreSum.DivRound(decimal.NewFromInt(int64(t.Scored)), 2)
		d.AverageScore = &avg
	}
	for _, g := range []rules.Grade{rules.GradeExcellent, rules.GradeGood, rules.GradeFair, rules.GradePoor} {
		if _, ok := d.ByGrade[string(g)]; !ok {
			d.ByGrade[string(g)] = 0
		}
	}
	return d, nil
}

// blockingOfUnsaved fills in what blocks the submission of each listed
// project whose report was never saved, as its read shows: the empty
// report evaluated by the rules. The projects are read in one query.
func (s *Service) blockingOfUnsaved(ctx context.Context, sc store.Scope, per period.Period, ps []store.ProjectStatus) error {
	var codes []string
	for _, p := range ps {
		if !p.Saved {
			codes = append(codes, p.Code)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	projects, err := s.store.ProjectsByCode(ctx, sc, codes)
	if err != nil {
		return err
	}
	rs, err := s.book.ForPeriod(ctx, per.Key)
	if err != nil {
		return err
	}
	for i, p := range ps {
		if p.Saved {
			continue
		}
		pr, ok := projects[p.Code]
		if !ok {
			continue
		}
		e, err := monitor.Evaluate(rs, pr, per, report.Report{ProjectCode: p.Code, PeriodKey: per.Key, Status: report.StatusDraft}, nil)
		if err != nil {
			return err
		}
		ps[i].Blocking = len(e.Blocking)
	}
	return nil
}
