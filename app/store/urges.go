package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/report"
)

// UrgeReport records that a report was urged (催办) on day, tells its
// submitters n (mailed too when mail is on) and audits it as report.urge,
// in one transaction. A report urged already that day is
// report.ErrUrgedToday and tells nobody again. It returns how many people
// were told.
func (s *Store) UrgeReport(ctx context.Context, code, periodKey string, day time.Time, n ReportNotice, e audit.Entry) (int, error) {
	told := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO report_urges (project_code, period_key, day, actor, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, code, periodKey, day.Format(time.DateOnly), e.Actor, e.At)
		if res.Error != nil {
			return fmt.Errorf("urge %s/%s: %w", code, periodKey, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("urge %s/%s: %w", code, periodKey, report.ErrUrgedToday)
		}
		if n.Key == "" {
			n.Key = "urge:" + code + "/" + periodKey + ":" + day.Format(time.DateOnly)
		}
		args := s.notifySubmittersArgs(code, n, e.At)
		// count who is told, then tell them (notifySubmittersSQL answers with mail rows)
		if err := tx.Raw(`SELECT count(DISTINCT u.id) FROM users u
			JOIN user_projects up ON up.user_id = u.id AND up.project_code = ?
			JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'submitter' WHERE NOT u.disabled`, code).Scan(&told).Error; err != nil {
			return fmt.Errorf("urge %s/%s: %w", code, periodKey, err)
		}
		if err := tx.Exec(notifySubmittersSQL, args...).Error; err != nil {
			return fmt.Errorf("urge %s/%s: %w", code, periodKey, err)
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "report.urge", "report", code+"/"+periodKey, 200
		e.Detail = audit.JSON(map[string]any{"notified": told, "title": n.Title})
		return appendAudit(tx, e)
	})
	return told, err
}

// OpenRoundDue is the due date of the earliest open round covering a
// report (its project's department and its period), nil when none does.
func (s *Store) OpenRoundDue(ctx context.Context, code, periodKey string) (*time.Time, error) {
	var due sql.NullTime
	err := s.db.WithContext(ctx).Raw(`SELECT min(r.due) FROM rounds r JOIN round_departments rd ON rd.round_id = r.id
		JOIN projects p ON p.department_code = rd.department_code
		WHERE r.status = 'open' AND r.period_key = ? AND p.code = ?`, periodKey, code).Row().Scan(&due)
	if err != nil {
		return nil, fmt.Errorf("round due of %s/%s: %w", code, periodKey, err)
	}
	if !due.Valid {
		return nil, nil
	}
	return &due.Time, nil
}
