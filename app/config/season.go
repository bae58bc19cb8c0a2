package config

import (
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
