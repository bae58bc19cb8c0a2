package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"jixiao/app/config"
	"jixiao/app/reminders"
	"jixiao/app/store"
)

// remindersCmd runs "jixiao reminders run [--now DATE]": the reminder job
// once, as of now or of the given day (for tests and catching up).
func remindersCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "run" {
		return usageError("reminders: 用法为 reminders run [--now YYYY-MM-DD]")
	}
	fs := flag.NewFlagSet("reminders run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	nowFlag := fs.String("now", "", "run as of this day (YYYY-MM-DD) or instant (RFC 3339)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError("reminders run: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("reminders run: 多余的参数 " + fs.Arg(0))
	}
	now := time.Now()
	if *nowFlag != "" {
		var err error
		if now, err = parseNow(*nowFlag); err != nil {
			return usageError("reminders run: --now " + err.Error())
		}
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	job, err := newReminderJob(st, cfg, log)
	if err != nil {
		return err
	}
	res, err := job.Run(ctx, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "提醒（%s）：新增站内通知 %d 条，发送邮件 %d 封\n", now.Format(time.DateOnly), res.Notified, res.Mailed)
	return nil
}

// parseNow reads a day (noon of it, local time) or an RFC 3339 instant.
func parseNow(s string) (time.Time, error) {
	if d, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return d.Add(12 * time.Hour), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("应为日期 YYYY-MM-DD 或 RFC 3339 时间，收到 %q", s)
	}
	return t, nil
}

// newReminderJob builds the job with the mailer of JIXIAO_SMTP_URL, if set.
func newReminderJob(st *store.Store, cfg config.Config, log *slog.Logger) (*reminders.Service, error) {
	var sender reminders.Sender
	if cfg.Season.SMTPURL != "" {
		m, err := reminders.NewMailer(cfg.Season.SMTPURL)
		if err != nil {
			return nil, err
		}
		sender = m
	}
	return reminders.New(st, cfg.Season.Reminders, sender, log), nil
}

// runReminders runs the job every cfg.Season.RemindEvery until ctx ends, on
// every instance alike (package reminders keeps each reminder single).
func runReminders(ctx context.Context, st *store.Store, cfg config.Config, log *slog.Logger) {
	if cfg.Season.RemindEvery <= 0 {
		return
	}
	job, err := newReminderJob(st, cfg, log)
	if err != nil {
		log.Error("reminders off", "error", err)
		return
	}
	t := time.NewTicker(cfg.Season.RemindEvery)
	defer t.Stop()
	for {
		rctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		res, err := job.Run(rctx, time.Now())
		cancel()
		if err != nil && ctx.Err() == nil {
			log.Error("reminder job failed", "error", err)
		} else if res.Notified+res.Mailed > 0 {
			log.Info("reminders sent", "notified", res.Notified, "mailed", res.Mailed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
