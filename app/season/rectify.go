package season

import (
	"context"
	"fmt"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
)

// Rectifications lists the rectification items of a report the caller sees.
func (s *Service) Rectifications(ctx context.Context, sc store.Scope, code, periodKey string) ([]rectify.Item, error) {
	return s.store.ListRectifications(ctx, sc, code, periodKey)
}

// AnswerRectification records the answer of a submitter assigned to the
// item's project.
func (s *Service) AnswerRectification(ctx context.Context, sc store.Scope, a reports.Actor, id int64, answer string) (rectify.Item, error) {
	now := s.now().UTC()
	return s.store.UpdateRectification(ctx, sc, id, "rectification.answer", s.entry(a), func(it *rectify.Item, _ string) error {
		if !a.Caller.AssignedTo(it.ProjectCode) {
			return fmt.Errorf("answer: %w", report.ErrNotAssigned)
		}
		return it.Respond(answer, a.Caller.Username, now)
	})
}

// CloseRectification accepts an answered item, by a reviewer of its
// department.
func (s *Service) CloseRectification(ctx context.Context, sc store.Scope, a reports.Actor, id int64) (rectify.Item, error) {
	now := s.now().UTC()
	return s.store.UpdateRectification(ctx, sc, id, "rectification.close", s.entry(a), func(it *rectify.Item, dept string) error {
		if !a.Caller.Reviews(dept) {
			return fmt.Errorf("close: %w", reports.ErrNotReviewer)
		}
		return it.Close(a.Caller.Username, now)
	})
}

// ReopenRectification sends an answered or closed item back to the
// submitters, by a reviewer of its department.
func (s *Service) ReopenRectification(ctx context.Context, sc store.Scope, a reports.Actor, id int64) (rectify.Item, error) {
	return s.store.UpdateRectification(ctx, sc, id, "rectification.reopen", s.entry(a), func(it *rectify.Item, dept string) error {
		if !a.Caller.Reviews(dept) {
			return fmt.Errorf("reopen: %w", reports.ErrNotReviewer)
		}
		return it.Reopen()
	})
}
