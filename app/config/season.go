package config

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"jixiao/domain/round"
)

// Season holds the settings of the reporting season.
type Season struct {
	// BlobURL names a gocloud.dev blob store for evidence files
	// (JIXIAO_BLOB_URL, e.g. s3://bucket?region=…); "" keeps them in PostgreSQL.
	BlobURL string
	// AttachmentMaxBytes is the largest evidence file
	// (JIXIAO_ATTACHMENT_MAX_MB, default 20).
	AttachmentMaxBytes int64
	// RequireEvidence makes submit refuse a report with a red or yellow line
	// that has no evidence file (JIXIAO_EVIDENCE_REQUIRED=true; default false).
	RequireEvidence bool
	// Reminders: JIXIAO_REMIND_BEFORE_DAYS (3) and
	// JIXIAO_REMIND_OVERDUE_EVERY_DAYS (3).
	Reminders round.Schedule
	// RemindEvery is how often serve runs the reminder job
	// (JIXIAO_REMIND_INTERVAL_MINUTES, default 60; 0 turns it off).
	RemindEvery time.Duration
	// SMTPURL is where reminders are mailed (JIXIAO_SMTP_URL,
	// smtp://user:password@host:587?from=jixiao@example.org, or smtps://);
	// "" sends none. It holds a secret: never logged.
	SMTPURL string
}

// seasonFromEnv reads the season's settings.
func seasonFromEnv(getenv func(string) string) (Season, error) {
	s := Season{BlobURL: getenv("JIXIAO_BLOB_URL"), AttachmentMaxBytes: 20 << 20, Reminders: round.DefaultSchedule,
		RemindEvery: time.Hour, SMTPURL: getenv("JIXIAO_SMTP_URL")}
	ints := []struct {
		name     string
		min, max int
		into     func(int)
	}{
		{"JIXIAO_ATTACHMENT_MAX_MB", 1, 1024, func(n int) { s.AttachmentMaxBytes = int64(n) << 20 }},
		{"JIXIAO_REMIND_BEFORE_DAYS", 0, 60, func(n int) { s.Reminders.BeforeDays = n }},
		{"JIXIAO_REMIND_OVERDUE_EVERY_DAYS", 1, 60, func(n int) { s.Reminders.OverdueEveryDays = n }},
		{"JIXIAO_REMIND_INTERVAL_MINUTES", 0, 24 * 60, func(n int) { s.RemindEvery = time.Duration(n) * time.Minute }},
	}
	for _, v := range ints {
		raw := getenv(v.name)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < v.min || n > v.max {
			return Season{}, fmt.Errorf("%s: want a whole number from %d to %d, got %q", v.name, v.min, v.max, raw)
		}
		v.into(n)
	}
	if raw := getenv("JIXIAO_EVIDENCE_REQUIRED"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return Season{}, fmt.Errorf("JIXIAO_EVIDENCE_REQUIRED: want true or false, got %q", raw)
		}
		s.RequireEvidence = b
	}
	if s.SMTPURL != "" {
		u, err := url.Parse(s.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return Season{}, fmt.Errorf("JIXIAO_SMTP_URL: want smtp://[user:password@]host[:port]?from=address")
		}
	}
	return s, nil
}
