// Package reminders sends the reminders of open rounds and of open
// rectification items with due dates: in-app
// notifications always, e-mail too when a mailer is configured. The job
// runs on every instance; each reminder is stored once (a unique key per
// user and reminder) and each mail is sent once (an outbox claimed FOR
// UPDATE SKIP LOCKED), so instances running at once never duplicate.
package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"jixiao/app/store"
	"jixiao/domain/notice"
	"jixiao/domain/period"
	"jixiao/domain/round"
)

// Sender sends one e-mail message.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Service runs the reminder job.
type Service struct {
	store    *store.Store
	schedule round.Schedule
	mailer   Sender // nil: no e-mail
	log      *slog.Logger
}

// New returns the job; mailer may be nil (in-app notifications only).
func New(st *store.Store, schedule round.Schedule, mailer Sender, log *slog.Logger) *Service {
	if schedule == (round.Schedule{}) {
		schedule = round.DefaultSchedule
	}
	return &Service{store: st, schedule: schedule, mailer: mailer, log: log}
}

// Result counts what one run did.
type Result struct {
	Notified int // new in-app notifications
	Mailed   int // messages sent
}

// mailBatch bounds the messages one claim takes, and mailRounds the claims
// of one run, so that a run ends in bounded time.
const (
	mailBatch  = 50
	mailRounds = 20
)

// Run sends the reminders due at now: for each report of an open round
// still with its submitters, and each open rectification item with a due
// date, before the due date and on it to the submitters; once it has
// passed, every OverdueEveryDays days, to the submitters and the
// department's reviewers. Then it mails what the outbox holds.
func (s *Service) Run(ctx context.Context, now time.Time) (Result, error) {
	var res Result
	pending, err := s.store.PendingRoundReports(ctx)
	if err != nil {
		return res, err
	}
	today := round.Day(now)
	for _, p := range pending {
		rem, ok := s.schedule.At(p.Due, today)
		if !ok {
			continue
		}
		n := notice.ReportDue(reportOf(p.ProjectCode, p.ProjectName, p.Period), p.Due, rem.DaysLeft)
		n.Kind = "reminder_" + string(rem.Stage)
		key := fmt.Sprintf("round:%d:%s:%s", p.RoundID, p.ProjectCode, rem.Key())
		if err := s.tell(ctx, &res, p.ProjectCode, p.DepartmentCode, rem, key, n, linkOf(p.ProjectCode, p.Period), now); err != nil {
			return res, err
		}
	}
	items, err := s.store.PendingRectifications(ctx)
	if err != nil {
		return res, err
	}
	for _, it := range items {
		rem, ok := s.schedule.At(it.Due, today)
		if !ok {
			continue
		}
		n := notice.RectificationDue(reportOf(it.ProjectCode, it.ProjectName, it.Period), it.Text, it.Due, rem.DaysLeft)
		key := fmt.Sprintf("rectification:%d:%s", it.ID, rem.Key())
		if err := s.tell(ctx, &res, it.ProjectCode, it.DepartmentCode, rem, key, n, linkOf(it.ProjectCode, it.Period), now); err != nil {
			return res, err
		}
	}
	if s.mailer == nil {
		return res, nil
	}
	for i := 0; i < mailRounds; i++ {
		n, err := s.store.SendMail(ctx, mailBatch, func(m store.Mail) error {
			err := s.mailer.Send(ctx, m.To, m.Subject, m.Body)
			if err != nil && s.log != nil {
				s.log.Warn("reminder mail not sent", "outbox_id", m.ID, "error", err)
			}
			return err
		}, now.UTC())
		res.Mailed += n
		if err != nil {
			return res, err
		}
		if n == 0 {
			break
		}
	}
	return res, nil
}

// tell stores a reminder for the project's submitters and, once it is
// overdue, the department's reviewers; with a mailer, it is queued for
// those who gave an address.
func (s *Service) tell(ctx context.Context, res *Result, code, department string, rem round.Reminder, key string, n notice.Notice, link string, now time.Time) error {
	to, err := s.store.SubmittersOf(ctx, code)
	if err != nil {
		return err
	}
	if rem.Escalates() {
		reviewers, err := s.store.ReviewersOf(ctx, department)
		if err != nil {
			return err
		}
		to = append(to, reviewers...)
	}
	for _, r := range to {
		email := ""
		if s.mailer != nil {
			email = r.Email
		}
		created, err := s.store.Notify(ctx, store.Notification{UserID: r.UserID, Key: key, Kind: n.Kind, Title: n.Title, Body: n.Body,
			Link: link, CreatedAt: now.UTC()}, email)
		if err != nil {
			return err
		}
		if created {
			res.Notified++
		}
	}
	return nil
}

func reportOf(code, name, periodKey string) notice.Report {
	return notice.Report{ProjectCode: code, ProjectName: name, PeriodLabel: period.LabelOf(periodKey)}
}

func linkOf(code, periodKey string) string { return "/projects/" + code + "/reports/" + periodKey }
