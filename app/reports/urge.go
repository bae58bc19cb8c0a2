package reports

import (
	"context"
	"fmt"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/notice"
	"jixiao/domain/report"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

// Urge tells the submitters of a report still with them to file it (催办),
// in the app and by mail: a reviewer of the project's department or an
// admin may, at most once a day per report (report.ErrUrgedToday), and it
// is audited. due is the date the report is due by (nil: that of the
// earliest open round covering it, if any).
// It returns how many people were told.
func (s *Service) Urge(ctx context.Context, sc store.Scope, a Actor, code, periodKey string, due *time.Time) (int, error) {
	rec, err := s.Get(ctx, sc, code, periodKey)
	if err != nil {
		return 0, err
	}
	if a.Caller.ReviewLevel(rec.Project.Department.Code) == 0 && !a.Caller.Has(user.Admin) {
		return 0, fmt.Errorf("urge: %w", ErrNotReviewer)
	}
	if !MayUrge(a.Caller, rec) {
		return 0, fmt.Errorf("urge %s/%s: %w", code, periodKey, report.ErrNothingToUrge)
	}
	if due == nil {
		if due, err = s.store.OpenRoundDue(ctx, code, periodKey); err != nil {
			return 0, err
		}
	}
	now := s.now()
	n := notice.Urged(noticeOf(rec), a.name(), now, rec.Report.Status.Label(), due)
	return s.store.UrgeReport(ctx, code, periodKey, round.Day(now), store.ReportNotice{Link: "/projects/" + code + "/reports/" + periodKey, Notice: n},
		audit.Entry{At: now.UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP})
}

// MayUrge tells whether the caller may urge the report now: a reviewer of
// its department or an admin, while it is with its submitters.
func MayUrge(c user.Caller, rec store.ReportRecord) bool {
	return (c.ReviewLevel(rec.Project.Department.Code) > 0 || c.Has(user.Admin)) && rec.Report.Status.Urgeable()
}
