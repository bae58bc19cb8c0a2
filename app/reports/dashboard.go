package reports

import (
	"context"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/period"
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
	AverageScore  *decimal.Decimal // mean of the stored totals of saved reports, 2 places
	ByLight       map[string]int
	ByGrade       map[string]int
	ByStatus      map[string]int
	Projects      []store.ProjectStatus
}

// Dashboard aggregates the stored results of a period; nothing is rescored.
func (s *Service) Dashboard(ctx context.Context, sc store.Scope, periodKey, department string) (Dashboard, error) {
	per, ps, err := s.store.PeriodStatus(ctx, sc, periodKey, department)
	if err != nil {
		return Dashboard{}, err
	}
	ev := s.emptyEvaluator(sc)
	for i, p := range ps {
		if p.Saved {
			continue
		}
		// A report never saved blocks submission as its read shows.
		e, err := ev(ctx, p.Code, per)
		if err != nil {
			return Dashboard{}, err
		}
		ps[i].Blocking = len(e.Blocking)
	}
	d := Dashboard{Period: per, TimeProgress: per.TimeProgress(), Projects: ps,
		ByLight: map[string]int{}, ByGrade: map[string]int{}, ByStatus: map[string]int{}}
	scored, sum := 0, decimal.Zero
	for _, p := range ps {
		d.BudgetTotal = d.BudgetTotal.Add(p.Adjusted)
		if p.Executed != nil {
			d.ExecutedTotal = d.ExecutedTotal.Add(*p.Executed)
		}
		d.ByLight[string(p.Light)]++
		d.ByStatus[string(p.Status)]++
		if p.Total != nil {
			d.ByGrade[p.Grade]++
			sum = sum.Add(*p.Total)
			scored++
		}
	}
	if d.BudgetTotal.IsPositive() {
		r := d.ExecutedTotal.DivRound(d.BudgetTotal, 4)
		d.ExecutionRate = &r
	}
	if scored > 0 {
		avg := sum.DivRound(decimal.NewFromInt(int64(scored)), 2)
		d.AverageScore = &avg
	}
	for _, g := range []rules.Grade{rules.GradeExcellent, rules.GradeGood, rules.GradeFair, rules.GradePoor} {
		if _, ok := d.ByGrade[string(g)]; !ok {
			d.ByGrade[string(g)] = 0
		}
	}
	return d, nil
}
