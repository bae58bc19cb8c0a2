// Package reports runs the use cases of a report: read, save a draft, and
// the review workflow. It composes the domain rules with storage; handlers
// and commands call it and only convert.
package reports

import (
	"context"
	"errors"
	"fmt"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/notice"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
	"jixiao/domain/round"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
	"jixiao/domain/user"
)

// Service runs report use cases with the rule profiles of the periods and
// a clock.
type Service struct {
	store *store.Store
	book  *RuleBook
	now   func() time.Time
	// submitCheck, when set, is one more check submit runs on the
	// evaluated report (evidence for red and yellow lines).
	submitCheck func(context.Context, store.ReportRecord) error
}

// SetSubmitCheck adds a check that submit runs on the evaluated report.
func (s *Service) SetSubmitCheck(check func(context.Context, store.ReportRecord) error) {
	s.submitCheck = check
}

// New returns a Service whose periods that chose no rule profile are scored
// by rs; now is the clock (time.Now in production).
func New(st *store.Store, rs rules.RuleSet, now func() time.Time) *Service {
	return &Service{store: st, book: NewRuleBook(st, rs), now: now}
}

// Rules is the default rule set: of the periods that chose no profile.
func (s *Service) Rules() rules.RuleSet { return s.book.Default() }

// Book is the service's rule book (rule profiles to rule sets).
func (s *Service) Book() *RuleBook { return s.book }

// rulesOf is the rule set a new evaluation of the record uses: its
// period's profile.
func (s *Service) rulesOf(ctx context.Context, rec *store.ReportRecord) (rules.RuleSet, error) {
	return s.book.For(ctx, rec.PeriodProfile)
}

// name is how messages name the actor: the display name, else the username.
func (a Actor) name() string {
	if a.Caller.DisplayName != "" {
		return a.Caller.DisplayName
	}
	return a.Caller.Username
}

// Actor is who acts and from where.
type Actor struct {
	Caller user.Caller
	IP     string
}

// Get reads a report; one never saved is an empty draft at version 0,
// evaluated on the fly (nothing is stored by reading).
func (s *Service) Get(ctx context.Context, sc store.Scope, code, periodKey string) (store.ReportRecord, error) {
	rec, err := s.store.GetReport(ctx, sc, code, periodKey)
	if err != nil {
		return store.ReportRecord{}, err
	}
	return s.evaluated(ctx, rec)
}

// GetWithHistory is Get with each line's previous period and last year
// (the record's History), read in the same round trip: the report page.
func (s *Service) GetWithHistory(ctx context.Context, sc store.Scope, code, periodKey string) (store.ReportRecord, error) {
	rec, err := s.store.GetReportWithHistory(ctx, sc, code, periodKey)
	if err != nil {
		return store.ReportRecord{}, err
	}
	return s.evaluated(ctx, rec)
}

// evaluated gives a report never saved the evaluation of its empty draft.
func (s *Service) evaluated(ctx context.Context, rec store.ReportRecord) (store.ReportRecord, error) {
	if !rec.Saved {
		rs, err := s.rulesOf(ctx, &rec)
		if err != nil {
			return store.ReportRecord{}, err
		}
		rec.Evaluation, err = monitor.Evaluate(rs, rec.Project, rec.Period, rec.Report, nil)
		if err != nil {
			return store.ReportRecord{}, err
		}
	}
	return rec, nil
}

// Save replaces the draft's inputs (HTTP PUT): in must name every indicator
// of the project exactly once, so that a body with one line by mistake is
// refused rather than wiping the others. version must be the version the
// caller read; only an assigned submitter saves, and only a draft or
// returned report. A save clears reviewer adjustments of an earlier
// approval: they are made again at the next approval.
func (s *Service) Save(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, version int, in report.Report) (store.ReportRecord, error) {
	return s.save(ctx, sc, a, code, periodKey, version, func(rs rules.RuleSet, rec *store.ReportRecord) (report.Report, error) {
		if err := in.ValidateComplete(rs, rec.Project, rec.Period); err != nil {
			return report.Report{}, err
		}
		return in, nil
	})
}

// Patch saves part of the draft (HTTP PATCH): the lines sent are merged by
// indicator id into the stored ones, fields not sent keep their value. The
// same checks as Save apply, except that lines may be left out.
func (s *Service) Patch(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, version int, pt report.Patch) (store.ReportRecord, error) {
	return s.save(ctx, sc, a, code, periodKey, version, func(rs rules.RuleSet, rec *store.ReportRecord) (report.Report, error) {
		merged := rec.Report.Merge(pt)
		if err := merged.ValidateWith(rs, rec.Project, rec.Period); err != nil {
			return report.Report{}, err
		}
		return merged.InOrder(rec.Project), nil
	})
}

// save stores the inputs build makes from the stored record, after the
// checks every save shares: assignment, state (a state that forbids saving
// is the reason, whatever the version), then version.
func (s *Service) save(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, version int,
	build func(rules.RuleSet, *store.ReportRecord) (report.Report, error)) (store.ReportRecord, error) {
	return s.store.UpdateReport(ctx, sc, code, periodKey, func(rec *store.ReportRecord) (store.Change, error) {
		if !a.Caller.AssignedTo(code) {
			return store.Change{}, fmt.Errorf("save: %w", report.ErrNotAssigned)
		}
		if err := rec.Report.Status.CheckEditable(); err != nil {
			return store.Change{}, fmt.Errorf("save: %w", err)
		}
		if version != rec.Report.Version {
			return store.Change{}, fmt.Errorf("save: %w", &report.StaleError{Sent: version, Current: rec.Report.Version,
				UpdatedBy: rec.UpdatedBy, UpdatedAt: rec.UpdatedAt})
		}
		rs, err := s.rulesOf(ctx, rec)
		if err != nil {
			return store.Change{}, err
		}
		in, err := build(rs, rec)
		if err != nil {
			return store.Change{}, err
		}
		in.ProjectCode, in.PeriodKey = code, periodKey
		in.Status, in.Version = rec.Report.Status, rec.Report.Version+1
		ev, err := monitor.Evaluate(rs, rec.Project, rec.Period, in, nil)
		if err != nil {
			return store.Change{}, err
		}
		rec.Report, rec.Evaluation, rec.Adjustments = in, ev, nil
		return s.change(a, "save", ""), nil
	})
}

// Preview evaluates inputs by the rules of a save and returns the report as
// it would be, storing nothing. in nil previews the stored inputs (a reviewer
// trying adjustments); otherwise in must be complete, as for Save.
// Adjustments are a reviewer's, of a department they review.
func (s *Service) Preview(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, in *report.Report, adj []scoring.Adjustment) (store.ReportRecord, error) {
	rec, err := s.Get(ctx, sc, code, periodKey)
	if err != nil {
		return store.ReportRecord{}, err
	}
	if len(adj) > 0 && a.Caller.ReviewLevel(rec.Project.Department.Code) == 0 {
		return store.ReportRecord{}, fmt.Errorf("preview: %w", ErrNotReviewer)
	}
	rs, err := s.rulesOf(ctx, &rec)
	if err != nil {
		return store.ReportRecord{}, err
	}
	r := rec.Report
	if in != nil {
		if err := in.ValidateComplete(rs, rec.Project, rec.Period); err != nil {
			return store.ReportRecord{}, err
		}
		r = *in
		r.ProjectCode, r.PeriodKey, r.Status, r.Version = code, periodKey, rec.Report.Status, rec.Report.Version
	}
	ev, err := monitor.Evaluate(rs, rec.Project, rec.Period, r, adj)
	if err != nil {
		return store.ReportRecord{}, err
	}
	rec.Report, rec.Evaluation, rec.Adjustments = r, ev, adj
	return rec, nil
}

// Submit moves a draft or returned report to submitted. Lines that still
// need an explanation block it with a *report.ValidationError listing them.
func (s *Service) Submit(ctx context.Context, sc store.Scope, a Actor, code, periodKey string) (store.ReportRecord, error) {
	return s.transition(ctx, sc, a, code, periodKey, report.ActionSubmit, "", func(rec *store.ReportRecord) error {
		if !a.Caller.AssignedTo(code) {
			return report.ErrNotAssigned
		}
		ev, err := s.evaluate(ctx, rec, nil)
		if err != nil {
			return err
		}
		if err := ev.SubmitError(); err != nil {
			return err
		}
		rec.Evaluation, rec.Adjustments = ev, nil
		if s.submitCheck != nil {
			return s.submitCheck(ctx, *rec)
		}
		return nil
	})
}

// Approve moves a submitted report to approved, with optional score
// adjustments (each with a reason; the computed score stays beside it) and
// optional rectification items (整改) for the submitters.
func (s *Service) Approve(ctx context.Context, sc store.Scope, a Actor, code, periodKey, comment string, adj []scoring.Adjustment, rect ...rectify.Draft) (store.ReportRecord, error) {
	if err := report.ActionApprove.CheckNote(comment); err != nil {
		return store.ReportRecord{}, err
	}
	items, err := rectify.NewItems("rectifications", rect, round.Day(s.now()))
	if err != nil {
		return store.ReportRecord{}, err
	}
	return s.transition(ctx, sc, a, code, periodKey, report.ActionApprove, comment, func(rec *store.ReportRecord) error {
		if a.Caller.ReviewLevel(rec.Project.Department.Code) == 0 {
			return ErrNotReviewer
		}
		if len(adj) == 0 && rec.Report.Status == report.StatusEndorsed {
			// the second level approves what the first adjusted unless it adjusts anew
			adj = rec.Adjustments
		}
		ev, err := s.evaluate(ctx, rec, adj)
		if err != nil {
			return err
		}
		rec.Evaluation, rec.Adjustments, rec.NewRectifications = ev, adj, items
		if next, _ := rec.Report.Status.ApplyAt(report.ActionApprove, a.Caller.ReviewLevel(rec.Project.Department.Code), RouteOf(*rec)); next == report.StatusApproved {
			n := notice.Approved(noticeOf(*rec), a.name(), s.now(), comment, report.FormatFixed(ev.Total, 2), string(ev.Grade), len(items))
			rec.Notices = append(rec.Notices, tell(*rec, report.ActionApprove, n))
		}
		return nil
	})
}

// Return sends a submitted report back to its submitters; a comment is
// required; rectification items are optional.
func (s *Service) Return(ctx context.Context, sc store.Scope, a Actor, code, periodKey, comment string, rect ...rectify.Draft) (store.ReportRecord, error) {
	if err := report.ActionReturn.CheckNote(comment); err != nil {
		return store.ReportRecord{}, err
	}
	items, err := rectify.NewItems("rectifications", rect, round.Day(s.now()))
	if err != nil {
		return store.ReportRecord{}, err
	}
	return s.transition(ctx, sc, a, code, periodKey, report.ActionReturn, comment, func(rec *store.ReportRecord) error {
		if err := s.reviewerOnly(a)(rec); err != nil {
			return err
		}
		rec.NewRectifications = items
		rec.Notices = append(rec.Notices, tell(*rec, report.ActionReturn, notice.Returned(noticeOf(*rec), a.name(), s.now(), comment, len(items))))
		return nil
	})
}

// Reopen returns an approved report for editing; a reason is required.
func (s *Service) Reopen(ctx context.Context, sc store.Scope, a Actor, code, periodKey, reason string) (store.ReportRecord, error) {
	if err := report.ActionReopen.CheckNote(reason); err != nil {
		return store.ReportRecord{}, err
	}
	check := s.reviewerOnly(a)
	return s.transition(ctx, sc, a, code, periodKey, report.ActionReopen, reason, func(rec *store.ReportRecord) error {
		if err := check(rec); err != nil {
			return err
		}
		// The approval's adjustments held for that approval only: the
		// reopened report shows the computed scores until the next one.
		ev, err := s.evaluate(ctx, rec, nil)
		if err != nil {
			return err
		}
		rec.Evaluation, rec.Adjustments = ev, nil
		rec.Notices = append(rec.Notices, tell(*rec, report.ActionReopen, notice.Reopened(noticeOf(*rec), a.name(), s.now(), reason)))
		return nil
	})
}

// noticeOf names a report for messages: the project's name and the period's label.
func noticeOf(rec store.ReportRecord) notice.Report {
	return notice.Report{ProjectCode: rec.Project.Code, ProjectName: rec.Project.Name, PeriodLabel: rec.Period.Label()}
}

// tell addresses a notice to the report's submitters, keyed by the action
// and the version it makes (the check runs before the version moves on), so
// that one event tells each person once.
func tell(rec store.ReportRecord, act report.Action, n notice.Notice) store.ReportNotice {
	key := fmt.Sprintf("report:%s/%s:%s:%d", rec.Project.Code, rec.Period.Key, act, rec.Report.Version+1)
	return store.ReportNotice{Key: key, Link: "/projects/" + rec.Project.Code + "/reports/" + rec.Period.Key, Notice: n}
}

// evaluate evaluates the record's stored inputs with adjustments by its
// period's profile.
func (s *Service) evaluate(ctx context.Context, rec *store.ReportRecord, adj []scoring.Adjustment) (monitor.Evaluation, error) {
	rs, err := s.rulesOf(ctx, rec)
	if err != nil {
		return monitor.Evaluation{}, err
	}
	return monitor.Evaluate(rs, rec.Project, rec.Period, rec.Report, adj)
}

// ErrNotReviewer: the caller does not review the project's department.
var ErrNotReviewer = errors.New("not a reviewer of this department")

func (s *Service) reviewerOnly(a Actor) func(*store.ReportRecord) error {
	return func(rec *store.ReportRecord) error {
		if a.Caller.ReviewLevel(rec.Project.Department.Code) == 0 {
			return ErrNotReviewer
		}
		return nil
	}
}

// RouteOf is the way the record's report takes through review: first its
// 主管部门 when its department has one, then the finance bureau unless the
// period reviews in one level.
func RouteOf(rec store.ReportRecord) report.Route {
	return report.Route{Supervised: rec.Project.Department.Parent != "", OneLevel: rec.Period.ReviewLevels == 1}
}

// next is the status an action takes the record to when the caller takes
// it: submit by the table; a review action at the caller's level on the
// record's route (a caller reviewing at no level is judged at the final
// level, so that the state is the reason given when both are wrong). It
// returns the level too (0 for submit).
func next(c user.Caller, act report.Action, rec store.ReportRecord) (report.Status, int, error) {
	if act == report.ActionSubmit {
		st, err := rec.Report.Status.Apply(act)
		return st, 0, err
	}
	route := RouteOf(rec)
	level := c.ReviewLevel(rec.Project.Department.Code)
	if level == 0 {
		st, err := rec.Report.Status.ApplyAt(act, route.Final(), route)
		return st, 0, err
	}
	st, err := rec.Report.Status.ApplyAt(act, level, route)
	return st, level, err
}

// transition applies a workflow action under the report's row lock, so that
// of two racing transitions exactly one finds the state it needs.
func (s *Service) transition(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, act report.Action, comment string, check func(*store.ReportRecord) error) (store.ReportRecord, error) {
	return s.store.UpdateReport(ctx, sc, code, periodKey, func(rec *store.ReportRecord) (store.Change, error) {
		to, level, err := next(a.Caller, act, *rec)
		if err != nil {
			return store.Change{}, fmt.Errorf("%s: %w", act, err)
		}
		if err := check(rec); err != nil {
			return store.Change{}, fmt.Errorf("%s: %w", act, err)
		}
		rec.Report.Status = to
		rec.Report.Version++
		ch := s.change(a, string(act), comment)
		ch.Level = level
		return ch, nil
	})
}

func (s *Service) change(a Actor, action, comment string) store.Change {
	return store.Change{Action: action, Actor: a.Caller.Username, ActorName: a.Caller.DisplayName, ActorID: a.Caller.ID, IP: a.IP,
		At: s.now().UTC(), Comment: comment}
}

// MayAct tells whether the caller's assignment and the report's state allow
// an action now: submit for an assigned submitter of a draft or returned
// report; approve, return and reopen for a reviewer of the project's
// department, in the states the workflow allows. Whether the caller's role
// holds the action's permission at all is the policy's to say.
func MayAct(c user.Caller, act report.Action, rec store.ReportRecord) bool {
	if act == report.ActionSubmit {
		_, err := rec.Report.Status.Apply(act)
		return err == nil && c.AssignedTo(rec.Project.Code)
	}
	_, level, err := next(c, act, rec)
	return err == nil && level > 0
}

// MaySave tells whether the caller's assignment and the report's state allow
// saving it now.
func MaySave(c user.Caller, rec store.ReportRecord) bool {
	return rec.Report.Status.Editable() && c.AssignedTo(rec.Project.Code)
}

// Rescore re-evaluates the saved reports of a period that are not approved
// with the period's rule profile and stores the results (after the rules
// changed); approved reports keep their scores and profile. actor is
// recorded in the audit trail. It returns how many reports it rescored and
// how many of them came out different.
func (s *Service) Rescore(ctx context.Context, periodKey, actor string) (n, changed int, err error) {
	rs, err := s.book.ForPeriod(ctx, periodKey)
	if err != nil {
		return 0, 0, err
	}
	return s.store.RescoreWith(ctx, periodKey, evaluator(rs), audit.Entry{At: s.now().UTC(), Actor: actor},
		store.RescoreOptions{SkipApproved: true, Detail: map[string]any{"rule_profile": rs.Ref().String()}})
}

func evaluator(rs rules.RuleSet) store.Evaluator {
	return func(p project.Project, per period.Period, r report.Report, adj []scoring.Adjustment) (monitor.Evaluation, error) {
		return monitor.Evaluate(rs, p, per, r, adj)
	}
}
