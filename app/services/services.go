// Package services builds Jixiao's use cases on one store: reports,
// targets, workbooks, evidence, accounts, the season and documents, linked
// as the server needs them. It is the one wiring of them, which the server
// (cmd/jixiao's composition root) and the API's tests share; each setting
// comes from the caller (the configuration, in the server).
package services

import (
	"time"

	"gocloud.dev/blob"

	"jixiao/app/accounts"
	"jixiao/app/api"
	"jixiao/app/attachments"
	"jixiao/app/docx"
	"jixiao/app/reports"
	"jixiao/app/season"
	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/app/workbooks"
	"jixiao/domain/quality"
	"jixiao/domain/rules"
)

// Settings are what the use cases are built with.
type Settings struct {
	// Now is the clock (time.Now in production).
	Now func() time.Time
	// Rules scores the periods that chose no rule profile.
	Rules rules.RuleSet
	// Quality are the thresholds of the target quality review.
	Quality quality.Settings
	// ImportMaxBytes caps an uploaded workbook.
	ImportMaxBytes int64
	// Bucket holds evidence files; nil keeps them in PostgreSQL.
	Bucket *blob.Bucket
	// AttachmentMaxBytes is the largest evidence file.
	AttachmentMaxBytes int64
	// RequireEvidence: submit needs a file for every red or yellow line.
	RequireEvidence bool
	// Accounts are the settings of sign-in and passwords.
	Accounts accounts.Settings
}

// New builds every use case on st.
func New(st *store.Store, s Settings) api.Services {
	rep := reports.New(st, s.Rules, s.Now)
	tgt := targets.New(st, s.Rules, s.Quality, s.Now)
	// targets score reports by their periods' rule profiles, as reports do
	tgt.UseRules(rep.Book().For)
	att := attachments.New(st, s.Bucket, s.AttachmentMaxBytes, s.Now)
	if s.RequireEvidence { // submit refuses red and yellow lines without a file
		rep.SetSubmitCheck(att.SubmitCheck)
	}
	limits := workbooks.DefaultLimits
	limits.MaxBytes = s.ImportMaxBytes
	return api.Services{
		Store:       st,
		Reports:     rep,
		Targets:     tgt,
		Workbooks:   workbooks.NewService(st, rep, limits, s.Now),
		Attachments: att,
		Accounts:    accounts.New(st, s.Now, s.Accounts),
		Season:      season.New(st, rep, s.Now),
		Documents:   docx.NewService(st, rep, s.Now),
	}
}
