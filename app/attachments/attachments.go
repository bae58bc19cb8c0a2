// Package attachments runs the use cases of evidence files (佐证材料): upload,
// list, download and delete, with the content in PostgreSQL or, when a
// bucket is configured (JIXIAO_BLOB_URL), in a gocloud.dev blob store.
package attachments

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"gocloud.dev/blob"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/evidence"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
)

// Service runs the evidence use cases.
type Service struct {
	store   *store.Store
	bucket  *blob.Bucket // nil: contents in PostgreSQL
	maxSize int64
	now     func() time.Time
}

// New returns a Service. bucket may be nil (contents in PostgreSQL);
// maxSize 0 means evidence.DefaultMaxSize.
func New(st *store.Store, bucket *blob.Bucket, maxSize int64, now func() time.Time) *Service {
	if maxSize <= 0 {
		maxSize = evidence.DefaultMaxSize
	}
	return &Service{store: st, bucket: bucket, maxSize: maxSize, now: now}
}

// MaxSize is the largest file accepted, in bytes.
func (s *Service) MaxSize() int64 { return s.maxSize }

// Upload is a file as received.
type Upload struct {
	Name            string
	Content         io.Reader
	IndicatorID     *int64
	RectificationID *int64
}

func (s *Service) entry(a reports.Actor) audit.Entry {
	return audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP}
}

// editableBy is the check of upload and delete: an assigned submitter, and
// a report that can still be edited or, for a file of a rectification
// answer, an item not closed yet (a report is often approved with items).
func editableBy(a reports.Actor) store.AttachmentCheck {
	return func(att store.Attachment, st report.Status, item *rectify.Status) error {
		if !a.Caller.AssignedTo(att.ProjectCode) {
			return report.ErrNotAssigned
		}
		if item != nil {
			if *item == rectify.Closed {
				return fmt.Errorf("evidence of a closed item: %w", rectify.ErrWrongState)
			}
			return nil
		}
		return st.CheckEditable()
	}
}

// Add stores a file for a report the caller fills while it is editable.
// Its type is told from its content; its size is bounded; its name is
// sanitised, given the extension of that type, and kept for display.
func (s *Service) Add(ctx context.Context, sc store.Scope, a reports.Actor, code, periodKey string, up Upload) (store.Attachment, error) {
	content, err := io.ReadAll(io.LimitReader(up.Content, s.maxSize+1))
	if err != nil {
		return store.Attachment{}, fmt.Errorf("read upload: %w", err)
	}
	if err := evidence.CheckSize(int64(len(content)), s.maxSize); err != nil {
		return store.Attachment{}, err
	}
	typ, err := evidence.Detect(content)
	if err != nil {
		return store.Attachment{}, err
	}
	sum := sha256.Sum256(content)
	att := store.Attachment{ProjectCode: code, Period: periodKey, IndicatorID: up.IndicatorID, RectificationID: up.RectificationID,
		Name: evidence.NameFor(evidence.SanitizeName(up.Name), typ), Size: int64(len(content)), ContentType: typ.ContentType, SHA256: hex.EncodeToString(sum[:])}
	inDB := content
	if s.bucket != nil {
		att.BlobKey = "attachments/" + att.SHA256[:16] + "-" + randomHex(8)
		if err := s.bucket.WriteAll(ctx, att.BlobKey, content, &blob.WriterOptions{ContentType: typ.ContentType}); err != nil {
			return store.Attachment{}, fmt.Errorf("write blob: %w", err)
		}
		inDB = nil
	}
	out, err := s.store.CreateAttachment(ctx, sc, att, inDB, editableBy(a), s.entry(a))
	if err != nil && s.bucket != nil {
		_ = s.bucket.Delete(context.WithoutCancel(ctx), att.BlobKey)
	}
	return out, err
}

// List lists the files of a report the caller sees.
func (s *Service) List(ctx context.Context, sc store.Scope, code, periodKey string) ([]store.Attachment, error) {
	return s.store.ListAttachments(ctx, sc, code, periodKey)
}

// Open reads a file the caller sees, audited as a download.
func (s *Service) Open(ctx context.Context, sc store.Scope, a reports.Actor, id int64) (store.Attachment, io.Reader, error) {
	att, content, err := s.store.GetAttachment(ctx, sc, id)
	if err != nil {
		return store.Attachment{}, nil, err
	}
	if att.BlobKey != "" {
		if s.bucket == nil {
			return store.Attachment{}, nil, fmt.Errorf("attachment %d is in a blob store, but none is configured", id)
		}
		if content, err = s.bucket.ReadAll(ctx, att.BlobKey); err != nil {
			return store.Attachment{}, nil, fmt.Errorf("read blob: %w", err)
		}
	}
	if t, ok := evidence.TypeOf(att.ContentType); ok {
		// a file stored before names followed their type is named for it now
		att.Name = evidence.NameFor(att.Name, t)
	}
	e := s.entry(a)
	e.Action, e.ObjectType, e.ObjectID, e.Status = "attachment.download", "attachment", fmt.Sprint(id), 200
	e.Detail = audit.JSON(map[string]any{"report": att.ProjectCode + "/" + att.Period, "name": att.Name, "sha256": att.SHA256})
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return store.Attachment{}, nil, err
	}
	return att, bytes.NewReader(content), nil
}

// Delete removes a file while its report is editable, by an assigned
// submitter.
func (s *Service) Delete(ctx context.Context, sc store.Scope, a reports.Actor, id int64) error {
	att, err := s.store.DeleteAttachment(ctx, sc, id, editableBy(a), s.entry(a))
	if err != nil {
		return err
	}
	if att.BlobKey != "" && s.bucket != nil {
		if err := s.bucket.Delete(ctx, att.BlobKey); err != nil {
			return fmt.Errorf("delete blob %s: %w", att.BlobKey, err)
		}
	}
	return nil
}

// SubmitCheck is the check submit runs when evidence is required: every
// red or yellow line needs a file.
func (s *Service) SubmitCheck(ctx context.Context, rec store.ReportRecord) error {
	have, err := s.store.EvidencedIndicators(ctx, rec.Report.ProjectCode, rec.Report.PeriodKey)
	if err != nil {
		return err
	}
	return evidence.Missing(rec.Evaluation, have)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
