package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/evidence"
	"jixiao/domain/fields"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
)

// Attachment is an evidence file's description; its content is stored
// apart (attachment_contents, or the blob store under BlobKey).
type Attachment struct {
	ID              int64
	ProjectCode     string
	Period          string
	DepartmentCode  string
	IndicatorID     *int64
	RectificationID *int64
	Name            string
	Size            int64
	ContentType     string
	SHA256          string
	BlobKey         string
	UploadedBy      string
	UploadedAt      time.Time
}

type attachmentRow struct {
	ID              int64 `gorm:"primaryKey"`
	ProjectCode     string
	PeriodKey       string
	IndicatorID     *int64
	RectificationID *int64
	Name            string
	Size            int64
	ContentType     string
	Sha256          string `gorm:"column:sha256"`
	BlobKey         string
	UploadedBy      string
	UploadedAt      time.Time
}

func (attachmentRow) TableName() string { return "attachments" }

func (r attachmentRow) domain(dept string) Attachment {
	return Attachment{ID: r.ID, ProjectCode: r.ProjectCode, Period: r.PeriodKey, DepartmentCode: dept, IndicatorID: r.IndicatorID,
		RectificationID: r.RectificationID, Name: r.Name, Size: r.Size, ContentType: r.ContentType, SHA256: r.Sha256,
		BlobKey: r.BlobKey, UploadedBy: r.UploadedBy, UploadedAt: r.UploadedAt}
}

// AttachmentCheck decides whether a file of a report may be added or
// deleted, given the report's status and, for a file of a rectification
// answer, the item's status (nil otherwise).
type AttachmentCheck func(a Attachment, report report.Status, item *rectify.Status) error

func checkAttachment(tx *gorm.DB, a Attachment, status report.Status, check AttachmentCheck) error {
	var item *rectify.Status
	if a.RectificationID != nil {
		st, err := rectificationStatus(tx, *a.RectificationID)
		if err != nil {
			return err
		}
		item = &st
	}
	return check(a, status, item)
}

// reportStatus reads the status of a report the scope sees, locking its
// row when it exists; a report never saved is a draft. It returns the
// project's department.
func reportStatus(tx *gorm.DB, sc Scope, code, periodKey string) (report.Status, string, error) {
	rec, _, err := loadReport(tx, sc, code, periodKey, true)
	if err != nil {
		return "", "", err
	}
	return rec.Report.Status, rec.Project.Department.Code, nil
}

// CreateAttachment stores an evidence file of a report the scope sees.
// check decides, under the report's row lock, whether its status allows
// it. An indicator must belong to the project and a rectification item to
// the report (field errors otherwise). content is nil when the file is in
// the blob store under a.BlobKey.
func (s *Store) CreateAttachment(ctx context.Context, sc Scope, a Attachment, content []byte, check AttachmentCheck, e audit.Entry) (Attachment, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		status, dept, err := reportStatus(tx, sc, a.ProjectCode, a.Period)
		if err != nil {
			return err
		}
		pr := fields.Problems{}
		if a.IndicatorID != nil {
			var n int64
			if err := tx.Table("indicators").Where("id = ? AND project_code = ?", *a.IndicatorID, a.ProjectCode).Count(&n).Error; err != nil {
				return fmt.Errorf("check indicator: %w", err)
			}
			if n == 0 {
				pr.Add("indicator_id", "该项目没有此指标")
			}
		}
		if a.RectificationID != nil {
			var n int64
			if err := tx.Table("rectifications").Where("id = ? AND project_code = ? AND period_key = ?", *a.RectificationID, a.ProjectCode, a.Period).Count(&n).Error; err != nil {
				return fmt.Errorf("check rectification: %w", err)
			}
			if n == 0 {
				pr.Add("rectification_id", "该报告没有此整改事项")
			}
		}
		if err := pr.Err(evidence.ErrInvalid); err != nil {
			return err
		}
		if err := checkAttachment(tx, a, status, check); err != nil {
			return err
		}
		row := attachmentRow{ProjectCode: a.ProjectCode, PeriodKey: a.Period, IndicatorID: a.IndicatorID, RectificationID: a.RectificationID,
			Name: a.Name, Size: a.Size, ContentType: a.ContentType, Sha256: a.SHA256, BlobKey: a.BlobKey, UploadedBy: e.Actor, UploadedAt: e.At}
		if err := tx.Omit("ID").Create(&row).Error; err != nil {
			return fmt.Errorf("insert attachment: %w", err)
		}
		if content != nil {
			if err := tx.Exec("INSERT INTO attachment_contents (attachment_id, content) VALUES (?, ?)", row.ID, content).Error; err != nil {
				return fmt.Errorf("insert attachment content: %w", err)
			}
		}
		a = row.domain(dept)
		e.Action, e.ObjectType, e.ObjectID, e.Status = "attachment.upload", "attachment", fmt.Sprint(row.ID), 201
		e.After = audit.JSON(attachmentAudit(a))
		return appendAudit(tx, e)
	})
	if err != nil {
		return Attachment{}, err
	}
	return a, nil
}

func attachmentAudit(a Attachment) map[string]any {
	return map[string]any{"report": a.ProjectCode + "/" + a.Period, "name": a.Name, "size": a.Size,
		"content_type": a.ContentType, "sha256": a.SHA256, "indicator_id": a.IndicatorID, "rectification_id": a.RectificationID}
}

// ListAttachments lists the evidence files of a report the scope sees,
// oldest first.
func (s *Store) ListAttachments(ctx context.Context, sc Scope, code, periodKey string) ([]Attachment, error) {
	p, err := getProject(s.db.WithContext(ctx), sc, code)
	if err != nil {
		return nil, err
	}
	var rows []attachmentRow
	if err := s.db.WithContext(ctx).Where("project_code = ? AND period_key = ?", code, periodKey).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	out := make([]Attachment, len(rows))
	for i, r := range rows {
		out[i] = r.domain(p.Department.Code)
	}
	return out, nil
}

// EvidencedIndicators lists the indicators of a report that have at least
// one evidence file.
func (s *Store) EvidencedIndicators(ctx context.Context, code, periodKey string) (map[int64]bool, error) {
	var ids []int64
	if err := s.db.WithContext(ctx).Table("attachments").Distinct("indicator_id").
		Where("project_code = ? AND period_key = ? AND indicator_id IS NOT NULL", code, periodKey).Pluck("indicator_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("evidenced indicators: %w", err)
	}
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// loadAttachment reads an attachment of a project the scope sees
// (evidence.ErrNotFound otherwise).
func loadAttachment(tx *gorm.DB, sc Scope, id int64) (Attachment, error) {
	var row attachmentRow
	res := tx.Where("id = ?", id).Limit(1).Find(&row)
	if res.Error != nil {
		return Attachment{}, fmt.Errorf("read attachment: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return Attachment{}, fmt.Errorf("attachment %d: %w", id, evidence.ErrNotFound)
	}
	p, err := getProject(tx, sc, row.ProjectCode)
	if err != nil {
		return Attachment{}, fmt.Errorf("attachment %d: %w", id, evidence.ErrNotFound)
	}
	return row.domain(p.Department.Code), nil
}

// GetAttachment reads an attachment the scope sees with its content when
// it is stored in PostgreSQL (nil when in the blob store).
func (s *Store) GetAttachment(ctx context.Context, sc Scope, id int64) (Attachment, []byte, error) {
	var a Attachment
	var content []byte
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = loadAttachment(tx, sc, id); err != nil {
			return err
		}
		if a.BlobKey != "" {
			return nil
		}
		return tx.Raw("SELECT content FROM attachment_contents WHERE attachment_id = ?", id).Row().Scan(&content)
	}, readOnly)
	return a, content, err
}

// DeleteAttachment deletes an attachment the scope sees when check allows
// its report's status, audited; it returns what was deleted.
func (s *Store) DeleteAttachment(ctx context.Context, sc Scope, id int64, check AttachmentCheck, e audit.Entry) (Attachment, error) {
	var a Attachment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = loadAttachment(tx, sc, id); err != nil {
			return err
		}
		status, _, err := reportStatus(tx, sc, a.ProjectCode, a.Period)
		if err != nil {
			return err
		}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&attachmentRow{}).Error; err != nil {
			return fmt.Errorf("lock attachment: %w", err)
		}
		if err := checkAttachment(tx, a, status, check); err != nil {
			return err
		}
		if err := tx.Where("id = ?", id).Delete(&attachmentRow{}).Error; err != nil {
			return fmt.Errorf("delete attachment: %w", err)
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "attachment.delete", "attachment", fmt.Sprint(id), 204
		e.Before = audit.JSON(attachmentAudit(a))
		return appendAudit(tx, e)
	})
	return a, err
}
