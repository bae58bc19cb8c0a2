package reports

import (
	"context"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// List lists the reports the scope may see, one per project × period, never
// saved ones as drafts showing what blocks their submission.
func (s *Service) List(ctx context.Context, sc store.Scope, f store.ReportFilter) ([]store.ReportListItem, int, error) {
	items, total, err := s.store.ListReports(ctx, sc, f)
	if err != nil {
		return nil, 0, err
	}
	ev := s.emptyEvaluator(sc)
	for i, it := range items {
		if it.Saved {
			continue
		}
		e, err := ev(ctx, it.ProjectCode, it.Period)
		if err != nil {
			return nil, 0, err
		}
		items[i].Blocking, items[i].Light = len(e.Blocking), e.Light
	}
	return items, total, nil
}

// emptyEvaluator evaluates the empty report of a project for a period, as a
// read of a never-saved report does, reading each project once.
func (s *Service) emptyEvaluator(sc store.Scope) func(context.Context, string, period.Period) (monitor.Evaluation, error) {
	projects := map[string]project.Project{}
	sets := map[string]rules.RuleSet{} // by period key
	return func(ctx context.Context, code string, per period.Period) (monitor.Evaluation, error) {
		rs, ok := sets[per.Key]
		if !ok {
			var err error
			if rs, err = s.book.ForPeriod(ctx, per.Key); err != nil {
				return monitor.Evaluation{}, err
			}
			sets[per.Key] = rs
		}
		p, ok := projects[code]
		if !ok {
			var err error
			if p, err = s.store.GetProject(ctx, sc, code); err != nil {
				return monitor.Evaluation{}, err
			}
			projects[code] = p
		}
		return monitor.Evaluate(rs, p, per, report.Report{ProjectCode: code, PeriodKey: per.Key, Status: report.StatusDraft}, nil)
	}
}
