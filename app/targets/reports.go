package targets

import (
	"context"
	"fmt"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// UseRules makes the service score reports by their periods' rule
// profiles (reports.RuleBook.For); without it, by its one rule set.
func (s *Service) UseRules(rulesFor func(context.Context, *rules.ProfileRef) (rules.RuleSet, error)) {
	s.profiles = rulesFor
}

func (s *Service) rulesFor(ctx context.Context, ref *rules.ProfileRef) (rules.RuleSet, error) {
	if s.profiles == nil {
		return s.rules, nil
	}
	return s.profiles(ctx, ref)
}

// reevaluate scores a report again against the target version it now
// records (after a move), as a new report version with action "retarget".
func (s *Service) reevaluate(ctx context.Context, sc store.Scope, a Actor, code, periodKey string) error {
	_, err := s.store.UpdateReport(ctx, sc, code, periodKey, func(rec *store.ReportRecord) (store.Change, error) {
		rs, err := s.rulesFor(ctx, rec.PeriodProfile)
		if err != nil {
			return store.Change{}, err
		}
		ev, err := monitor.Evaluate(rs, rec.Project, rec.Period, rec.Report, rec.Adjustments)
		if err != nil {
			return store.Change{}, err
		}
		rec.Evaluation = ev
		rec.Report.Version++
		return store.Change{Action: "retarget", Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, At: s.now().UTC(),
			Comment: fmt.Sprintf("改按第%d版绩效目标", rec.TargetVersion)}, nil
	})
	return err
}

// MoveReport moves a draft or returned report to the project's current
// targets and scores it again; only its assigned submitters may.
func (s *Service) MoveReport(ctx context.Context, sc store.Scope, a Actor, code, periodKey string) (store.ReportRecord, error) {
	if !a.Caller.AssignedTo(code) {
		return store.ReportRecord{}, fmt.Errorf("move report: %w", report.ErrNotAssigned)
	}
	if err := s.store.MoveReportTargets(ctx, sc, code, periodKey); err != nil {
		return store.ReportRecord{}, err
	}
	rec, err := s.store.GetReport(ctx, sc, code, periodKey)
	if err != nil {
		return store.ReportRecord{}, err
	}
	if !rec.Saved { // nothing to move: evaluated on the fly, as a read would
		rs, err := s.rulesFor(ctx, rec.PeriodProfile)
		if err != nil {
			return store.ReportRecord{}, err
		}
		rec.Evaluation, err = monitor.Evaluate(rs, rec.Project, rec.Period, rec.Report, nil)
		return rec, err
	}
	if err := s.reevaluate(ctx, sc, a, code, periodKey); err != nil {
		return store.ReportRecord{}, err
	}
	return s.store.GetReport(ctx, sc, code, periodKey)
}
