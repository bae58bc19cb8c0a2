package reports

import (
	"context"
	"fmt"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
	"jixiao/domain/review"
	"jixiao/domain/round"
)

// BatchResult is what became of one report of a batch: its new status, or
// the error that left it unchanged.
type BatchResult struct {
	Item   review.Item
	Status report.Status
	Err    error
}

// Batch approves or returns each report of b on its own, each in its own
// transaction through the same use case as one report, so that one report
// in the wrong state leaves the others to proceed. Every success is audited
// by its transition; every failure is audited here. Rectification items
// (rect) are issued with each report; items wrong in themselves refuse the
// whole batch before any report moves.
func (s *Service) Batch(ctx context.Context, sc store.Scope, a Actor, b review.Batch, rect ...rectify.Draft) ([]BatchResult, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if _, err := rectify.NewItems("rectifications", rect, round.Day(s.now())); err != nil {
		return nil, err
	}
	out := make([]BatchResult, len(b.Items))
	for i, it := range b.Items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var rec store.ReportRecord
		var err error
		switch b.Action {
		case report.ActionApprove:
			rec, err = s.Approve(ctx, sc, a, it.Code, it.Period, b.Comment, nil, rect...)
		case report.ActionReturn:
			rec, err = s.Return(ctx, sc, a, it.Code, it.Period, b.Comment, rect...)
		}
		out[i] = BatchResult{Item: it, Status: rec.Report.Status, Err: err}
		if err != nil {
			e := audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP,
				Action: "report.batch_" + string(b.Action) + "_refused", ObjectType: "report", ObjectID: it.Code + "/" + it.Period,
				Status: 0, Detail: audit.JSON(map[string]string{"error": err.Error()})}
			if aerr := s.store.AppendAudit(ctx, e); aerr != nil {
				return nil, fmt.Errorf("batch: %w", aerr)
			}
		}
	}
	return out, nil
}
