package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/notice"
	"jixiao/domain/user"
)

// PendingReport is a report of an open round still with its submitters.
type PendingReport struct {
	RoundID        int64
	Due            time.Time
	Period         string
	ProjectCode    string
	ProjectName    string
	DepartmentCode string
}

// PendingRoundReports lists the reports of every open round that are
// never saved, drafts or returned, with the round's due date.
func (s *Store) PendingRoundReports(ctx context.Context) ([]PendingReport, error) {
	var rows []PendingReport
	err := s.db.WithContext(ctx).Raw(`SELECT r.id AS round_id, r.due, r.period_key AS period, p.code AS project_code,
			p.name AS project_name, p.department_code
		FROM rounds r JOIN round_departments rd ON rd.round_id = r.id
		JOIN periods pe ON pe.key = r.period_key
		JOIN projects p ON p.department_code = rd.department_code AND p.year = pe.year
		LEFT JOIN reports rep ON rep.project_code = p.code AND rep.period_key = r.period_key
		WHERE r.status = 'open' AND (rep.status IS NULL OR rep.status IN ('draft', 'returned'))
		ORDER BY r.id, p.code`).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pending round reports: %w", err)
	}
	return rows, nil
}

// PendingRectification is an open rectification item with a due date.
type PendingRectification struct {
	ID             int64
	Due            time.Time
	Text           string
	Period         string
	ProjectCode    string
	ProjectName    string
	DepartmentCode string
}

// PendingRectifications lists the open rectification items that have a due
// date (answered and closed ones need nothing more of the submitters).
func (s *Store) PendingRectifications(ctx context.Context) ([]PendingRectification, error) {
	var rows []PendingRectification
	err := s.db.WithContext(ctx).Raw(`SELECT x.id, x.due, x.text, x.period_key AS period, p.code AS project_code,
			p.name AS project_name, p.department_code
		FROM rectifications x JOIN projects p ON p.code = x.project_code
		WHERE x.status = 'open' AND x.due IS NOT NULL ORDER BY x.id`).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pending rectifications: %w", err)
	}
	return rows, nil
}

// Recipient is a user a notification goes to, with their e-mail address
// if they gave one.
type Recipient struct {
	UserID   int64
	Username string
	Email    string
}

// SubmittersOf lists the enabled submitters assigned to a project.
func (s *Store) SubmittersOf(ctx context.Context, projectCode string) ([]Recipient, error) {
	return s.recipients(ctx, `JOIN user_projects up ON up.user_id = u.id AND up.project_code = ?
		JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'submitter'`, projectCode)
}

// ReviewersOf lists the enabled reviewers of a department.
func (s *Store) ReviewersOf(ctx context.Context, departmentCode string) ([]Recipient, error) {
	return s.recipients(ctx, `JOIN user_departments ud ON ud.user_id = u.id AND ud.department_code = ?
		JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'reviewer'`, departmentCode)
}

func (s *Store) recipients(ctx context.Context, joins string, arg string) ([]Recipient, error) {
	var rows []Recipient
	err := s.db.WithContext(ctx).Raw(`SELECT u.id AS user_id, u.username, coalesce(e.email, '') AS email
		FROM users u `+joins+`
		LEFT JOIN user_emails e ON e.user_id = u.id
		WHERE NOT u.disabled ORDER BY u.id`, arg).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	return rows, nil
}

// Notification is an in-app message to one user.
type Notification struct {
	ID        int64
	UserID    int64
	Key       string // names the reminder it carries; unique per user
	Kind      string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Notify stores a notification unless the user already has one with its
// key, and, when email is set, queues it for mailing in the same
// transaction. It tells whether it stored a new one: however many
// instances notify at once, one of them does.
func (s *Store) Notify(ctx context.Context, n Notification, email string) (bool, error) {
	created := false
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		created, err = notify(tx, n, email)
		return err
	})
	return created, err
}

// notify stores n (unless the user has one with its key) and queues it for
// mailing to email, in tx; it tells whether it stored a new one.
func notify(tx *gorm.DB, n Notification, email string) (bool, error) {
	var id int64
	res := tx.Raw(`INSERT INTO notifications (user_id, key, kind, title, body, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING RETURNING id`,
		n.UserID, n.Key, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt).Scan(&id)
	if res.Error != nil {
		return false, fmt.Errorf("insert notification: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	if email == "" {
		return true, nil
	}
	if err := tx.Exec(`INSERT INTO mail_outbox (notification_id, email, subject, body, created_at) VALUES (?, ?, ?, ?, ?)`,
		id, email, n.Title, n.Body+"\n\n"+n.Link, n.CreatedAt).Error; err != nil {
		return false, fmt.Errorf("queue mail: %w", err)
	}
	return true, nil
}

// Notice is a notification that goes with a change, stored in the change's
// transaction: to UserID, or, when 0, to the account the change is about;
// mailed to the address the user gave for reminders, else to their contact
// address.
type Notice struct {
	UserID int64
	Notification
}

// notifyAll stores the notices of a change about account a, in tx.
func notifyAll(tx *gorm.DB, a user.Account, notices []Notice) error {
	for _, n := range notices {
		if n.UserID == 0 {
			n.UserID = a.ID
		}
		n.Notification.UserID = n.UserID
		var email string
		if err := tx.Raw(`SELECT coalesce(nullif(e.email, ''), u.email, '') FROM users u LEFT JOIN user_emails e ON e.user_id = u.id
			WHERE u.id = ?`, n.UserID).Row().Scan(&email); err != nil {
			return fmt.Errorf("address of user %d: %w", n.UserID, err)
		}
		if _, err := notify(tx, n.Notification, email); err != nil {
			return err
		}
	}
	return nil
}

// ListNotifications lists a user's newest notifications (at most limit),
// with the number unread.
func (s *Store) ListNotifications(ctx context.Context, userID int64, unreadOnly bool, limit int) ([]Notification, int, error) {
	q := s.db.WithContext(ctx).Table("notifications").Where("user_id = ?", userID)
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	var out []Notification
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("list notifications: %w", err)
	}
	var unread int64
	if err := s.db.WithContext(ctx).Table("notifications").Where("user_id = ? AND read_at IS NULL", userID).Count(&unread).Error; err != nil {
		return nil, 0, fmt.Errorf("count unread: %w", err)
	}
	return out, int(unread), nil
}

// MarkRead marks the user's notifications read: those of ids, or all when
// ids is nil. Other users' ids are ignored.
func (s *Store) MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error) {
	q := s.db.WithContext(ctx).Table("notifications").Where("user_id = ? AND read_at IS NULL", userID)
	if ids != nil {
		q = q.Where("id IN ?", append(ids, 0))
	}
	res := q.Update("read_at", at)
	if res.Error != nil {
		return 0, fmt.Errorf("mark read: %w", res.Error)
	}
	return int(res.RowsAffected), nil
}

// SetEmail sets (or, with "", removes) where a user's reminders are mailed.
func (s *Store) SetEmail(ctx context.Context, userID int64, email string, e audit.Entry) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if email == "" {
			err = tx.Exec("DELETE FROM user_emails WHERE user_id = ?", userID).Error
		} else {
			err = tx.Exec(`INSERT INTO user_emails (user_id, email) VALUES (?, ?)
				ON CONFLICT (user_id) DO UPDATE SET email = excluded.email`, userID, email).Error
		}
		if err != nil {
			return fmt.Errorf("set email: %w", err)
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "user.email", "user", e.Actor, 200
		e.After = audit.JSON(map[string]string{"email": email})
		return appendAudit(tx, e)
	})
}

// Email is the address a user's reminders go to, "" when none.
func (s *Store) Email(ctx context.Context, userID int64) (string, error) {
	var email string
	err := s.db.WithContext(ctx).Raw("SELECT email FROM user_emails WHERE user_id = ?", userID).Row().Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return email, err
}

// Mail is one message of the outbox.
type Mail struct {
	ID      int64
	To      string
	Subject string
	Body    string
}

// MaxMailAttempts is how often a message is tried before it is left alone.
const MaxMailAttempts = 5

// SendMail claims up to limit unsent messages FOR UPDATE SKIP LOCKED (so
// that instances running at once never take the same one), sends each with
// send, and records it sent, or the error and one more attempt. It returns
// how many were sent.
func (s *Store) SendMail(ctx context.Context, limit int, send func(Mail) error, at time.Time) (int, error) {
	sent := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			ID      int64
			Email   string
			Subject string
			Body    string
		}
		if err := tx.Raw(`SELECT id, email, subject, body FROM mail_outbox
			WHERE sent_at IS NULL AND attempts < ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`, MaxMailAttempts, limit).Scan(&rows).Error; err != nil {
			return fmt.Errorf("claim mail: %w", err)
		}
		for _, r := range rows {
			if err := send(Mail{ID: r.ID, To: r.Email, Subject: r.Subject, Body: r.Body}); err != nil {
				if err := tx.Exec(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`, err.Error(), r.ID).Error; err != nil {
					return fmt.Errorf("record mail error: %w", err)
				}
				continue
			}
			if err := tx.Exec(`UPDATE mail_outbox SET attempts = attempts + 1, sent_at = ?, last_error = '' WHERE id = ?`, at, r.ID).Error; err != nil {
				return fmt.Errorf("record mail sent: %w", err)
			}
			sent++
		}
		return nil
	})
	return sent, err
}

// ReportNotice is a message for the submitters of a project, stored once
// per user and key (a retried or repeated event tells nobody twice).
type ReportNotice struct {
	Key  string
	Link string
	notice.Notice
}

// notifySubmittersSQL tells a project's enabled submitters and, when mail
// is on, queues a message to each with an address: the one they gave for
// notifications, else their contact address (as notifyAll).
const notifySubmittersSQL = `WITH told AS (
		INSERT INTO notifications (user_id, key, kind, title, body, link, created_at)
		SELECT u.id, ?, ?, ?, ?, ?, ? FROM users u
		JOIN user_projects up ON up.user_id = u.id AND up.project_code = ?
		JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'submitter'
		WHERE NOT u.disabled ON CONFLICT (user_id, key) DO NOTHING RETURNING id, user_id),
	addressed AS (
		SELECT told.id, coalesce(nullif(e.email, ''), u.email, '') AS email FROM told
		JOIN users u ON u.id = told.user_id LEFT JOIN user_emails e ON e.user_id = told.user_id)
	INSERT INTO mail_outbox (notification_id, email, subject, body, created_at)
	SELECT id, email, ?, ? || E'\n\n' || ?, ? FROM addressed WHERE ?::boolean AND email <> ''`

// notifySubmittersArgs are the arguments of notifySubmittersSQL.
func (s *Store) notifySubmittersArgs(projectCode string, n ReportNotice, at time.Time) []any {
	return []any{n.Key, n.Kind, n.Title, n.Body, n.Link, at, projectCode, // told
		n.Title, n.Body, n.Link, at, s.mail} // mailed
}
