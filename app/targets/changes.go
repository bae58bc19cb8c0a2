package targets

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"jixiao/app/store"
	"jixiao/domain/fields"
	"jixiao/domain/project"
	"jixiao/domain/report"
)

// RequestChange records a request to adjust an approved project's targets
// (财预〔2015〕88号 第二十八条), by a submitter assigned to the project. The
// items must apply to the current targets and leave them valid; a reason is
// required.
func (s *Service) RequestChange(ctx context.Context, sc store.Scope, a Actor, code, reason string, items []project.ChangeItem) (store.TargetChange, error) {
	if err := project.CheckChangeReason(reason); err != nil {
		return store.TargetChange{}, err
	}
	c := store.TargetChange{Reason: reason, Items: items}
	return s.store.RequestTargetChange(ctx, sc, code, c, s.change(a, "request", ""), func(p project.Project) error {
		if !drafts(a.Caller, p.Department.Code) {
			return fmt.Errorf("request change: %w", project.ErrNotSubmitter)
		}
		if err := p.Status.CheckReportable(); err != nil {
			return fmt.Errorf("request change: %w", err)
		}
		if !requestsChanges(a.Caller, p) {
			// a submitter of the department who does not fill this project
			return fmt.Errorf("request change: %w", report.ErrNotAssigned)
		}
		_, err := p.ApplyChanges(items)
		return err
	})
}

// Changes lists a project's adjustment requests, newest first.
func (s *Service) Changes(ctx context.Context, sc store.Scope, code string) ([]store.TargetChange, error) {
	return s.store.TargetChanges(ctx, sc, code)
}

// Queue lists the adjustment requests of every project the scope sees,
// optionally of one status ("pending": what awaits a reviewer) and department.
func (s *Service) Queue(ctx context.Context, sc store.Scope, status, department string) ([]store.TargetChange, error) {
	switch st := project.ChangeStatus(status); st {
	case "", project.ChangePending, project.ChangeApproved, project.ChangeRejected:
		return s.store.AllTargetChanges(ctx, sc, st, department)
	}
	return nil, fields.One(project.ErrInvalid, "status", "状态应为 pending、approved 或 rejected")
}

// Decide approves or rejects a pending adjustment request; rejecting needs a
// comment. A request filed against a target version that is no longer the
// current one is rejected only (project.StaleChangeError on approval). An approval makes the next target version; the project's draft
// reports move to it and are scored again, other reports stay on theirs.
func (s *Service) Decide(ctx context.Context, sc store.Scope, a Actor, id int64, approve bool, comment string) (store.TargetChange, error) {
	pr := fields.Problems{}
	if !approve && strings.TrimSpace(comment) == "" {
		pr.Add("comment", "驳回调整申请时必须填写意见")
	}
	if utf8.RuneCountInString(comment) > project.MaxTextLength {
		pr.Add("comment", fmt.Sprintf("不能超过%d个字符", project.MaxTextLength))
	}
	if err := pr.Err(project.ErrInvalid); err != nil {
		return store.TargetChange{}, err
	}
	action := "reject"
	if approve {
		action = "approve"
	}
	ch := s.change(a, action, comment)
	c, moved, err := s.store.DecideTargetChange(ctx, sc, id, store.Decision{
		Approve: approve, Comment: comment,
		Check: func(_ store.TargetChange, p project.Project) error {
			if !a.Caller.Reviews(p.Department.Code) {
				return fmt.Errorf("decide change: %w", project.ErrNotReviewer)
			}
			return nil
		},
		Apply: func(c store.TargetChange, p project.Project) (project.Project, error) {
			// a request read from targets adjusted since would apply a
			// "from → to" that no longer holds
			if err := project.CheckChangeBase(c.BaseVersion, p.TargetVersion); err != nil {
				return project.Project{}, fmt.Errorf("approve change %d: %w", c.ID, err)
			}
			return p.ApplyChanges(c.Items)
		},
	}, ch)
	if err != nil {
		return store.TargetChange{}, err
	}
	for _, periodKey := range moved {
		if err := s.reevaluate(ctx, sc, a, c.ProjectCode, periodKey); err != nil {
			return c, fmt.Errorf("score moved draft %s/%s: %w", c.ProjectCode, periodKey, err)
		}
	}
	return c, nil
}

// Reconciliation compares a department's approved targets with its budget tables.
func (s *Service) Reconciliation(ctx context.Context, sc store.Scope, department string, year int) (project.Reconciliation, error) {
	return s.store.Reconciliation(ctx, sc, department, year)
}

// Gaps lists the reconciliations with a gap of the departments the scope
// sees in a year (or only one), for the dashboard.
func (s *Service) Gaps(ctx context.Context, sc store.Scope, year int, department string) ([]project.Reconciliation, error) {
	// only a department with budget tables loaded can show a gap
	deps, err := s.store.DepartmentsWithSpending(ctx, sc, year, department)
	if err != nil {
		return nil, err
	}
	return s.GapsOf(ctx, sc, year, deps)
}

// GapsOf lists the reconciliations with a gap of the given departments
// (those with budget tables, as the dashboard read them) in a year.
func (s *Service) GapsOf(ctx context.Context, sc store.Scope, year int, deps []string) ([]project.Reconciliation, error) {
	out := []project.Reconciliation{}
	for _, d := range deps {
		r, err := s.store.Reconciliation(ctx, sc, d, year)
		if err != nil {
			return nil, err
		}
		if r.HasGap() {
			out = append(out, r)
		}
	}
	return out, nil
}
