// Package reminders sends the reminders of open rounds: in-app
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

// Run sends the reminders due at now: before the due date and on it to the
// report's submitters; once it has passed, every OverdueEveryDays days, to
// the submitters and the department's reviewers. Then it mails what the
// outbox holds.
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
		to, err := s.store.SubmittersOf(ctx, p.ProjectCode)
		if err != nil {
			return res, err
		}
		if rem.Escalates() {
			reviewers, err := s.store.ReviewersOf(ctx, p.DepartmentCode)
			if err != nil {
				return res, err
			}
			to = append(to, reviewers...)
		}
		title, body := message(p, rem)
		for _, r := range to {
			n := store.Notification{UserID: r.UserID, Key: fmt.Sprintf("round:%d:%s:%s", p.RoundID, p.ProjectCode, rem.Key()),
				Kind: "reminder_" + string(rem.Stage), Title: title, Body: body,
				Link: "/projects/" + p.ProjectCode + "/reports/" + p.Period, CreatedAt: now.UTC()}
			email := ""
			if s.mailer != nil {
				email = r.Email
			}
			created, err := s.store.Notify(ctx, n, email)
			if err != nil {
				return res, err
			}
			if created {
				res.Notified++
			}
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

// message is a reminder's title and text, for people.
func message(p store.PendingReport, r round.Reminder) (title, body string) {
	due := p.Due.Format(time.DateOnly)
	what := fmt.Sprintf("项目「%s」（%s）%s 期绩效报告", p.ProjectName, p.ProjectCode, p.Period)
	switch r.Stage {
	case round.Before:
		return fmt.Sprintf("【填报提醒】%s将于 %s 截止", what, due),
			fmt.Sprintf("%s尚未提交，距截止日期 %s 还有 %d 天，请及时填报并提交。", what, due, r.DaysLeft)
	case round.DueToday:
		return fmt.Sprintf("【今日截止】%s今天截止", what),
			fmt.Sprintf("%s尚未提交，今天（%s）是截止日期，请尽快提交。", what, due)
	}
	return fmt.Sprintf("【逾期提醒】%s已逾期 %d 天", what, -r.DaysLeft),
		fmt.Sprintf("%s截止日期为 %s，已逾期 %d 天仍未提交。本提醒同时抄送该单位的审核人。", what, due, -r.DaysLeft)
}
