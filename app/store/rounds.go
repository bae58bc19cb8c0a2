package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/report"
	"jixiao/domain/round"
)

type roundRow struct {
	ID        int64 `gorm:"primaryKey"`
	PeriodKey string
	Due       time.Time `gorm:"type:date"`
	Note      string
	Status    string
	CreatedBy string
	CreatedAt time.Time
	ClosedBy  string
	ClosedAt  *time.Time
}

func (roundRow) TableName() string { return "rounds" }

type roundDepartmentRow struct {
	RoundID        int64  `gorm:"primaryKey"`
	DepartmentCode string `gorm:"primaryKey"`
}

func (roundDepartmentRow) TableName() string { return "round_departments" }

func (r roundRow) domain(depts []string) round.Round {
	out := round.Round{ID: r.ID, Period: r.PeriodKey, Departments: depts, Due: round.Day(r.Due), Note: r.Note,
		Status: round.Status(r.Status), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, ClosedBy: r.ClosedBy}
	if r.ClosedAt != nil {
		out.ClosedAt = *r.ClosedAt
	}
	return out
}

// CreateRound stores a new round. Every department must exist and be in
// the scope, the period must exist (else a field error), and no open round
// of the period may cover one of the departments (round.ErrOverlap).
//
// The submitters of the covered departments' projects of the period's year
// are told (told, keyed by the new round), with mail when it is on.
func (s *Store) CreateRound(ctx context.Context, sc Scope, r round.Round, e audit.Entry, told ReportNotice) (round.Round, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		pr := fields.Problems{}
		var n int64
		if err := tx.Table("periods").Where("key = ?", r.Period).Count(&n).Error; err != nil {
			return fmt.Errorf("read period: %w", err)
		}
		if n == 0 {
			pr.Add("period", "期间不存在")
		}
		for i, d := range r.Departments {
			var found int64
			if err := tx.Table("departments").Where("code = ?", d).Count(&found).Error; err != nil {
				return fmt.Errorf("read department: %w", err)
			}
			if found == 0 || !sc.SeesDepartment(d) {
				pr.Add(fmt.Sprintf("departments[%d]", i), "单位不存在或不在您的管理范围内")
			}
		}
		if err := pr.Err(round.ErrInvalid); err != nil {
			return err
		}
		// One creator at a time per period, so that the overlap check holds.
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('jixiao.round:' || ?))", r.Period).Error; err != nil {
			return fmt.Errorf("lock period: %w", err)
		}
		var overlap int64
		if err := tx.Table("rounds").Joins("JOIN round_departments rd ON rd.round_id = rounds.id").
			Where("rounds.status = 'open' AND rounds.period_key = ? AND rd.department_code IN ?", r.Period, r.Departments).
			Count(&overlap).Error; err != nil {
			return fmt.Errorf("check overlap: %w", err)
		}
		if overlap > 0 {
			return fmt.Errorf("create round: %w", round.ErrOverlap)
		}
		row := roundRow{PeriodKey: r.Period, Due: r.Due, Note: r.Note, Status: string(round.Open), CreatedBy: e.Actor, CreatedAt: e.At}
		if err := tx.Omit("ID").Create(&row).Error; err != nil {
			return fmt.Errorf("insert round: %w", err)
		}
		for _, d := range r.Departments {
			if err := tx.Create(&roundDepartmentRow{RoundID: row.ID, DepartmentCode: d}).Error; err != nil {
				return fmt.Errorf("insert round department: %w", err)
			}
		}
		r = row.domain(r.Departments)
		if told.Title != "" {
			if err := tx.Exec(notifyRoundSQL, fmt.Sprintf("round:%d:opened", row.ID), told.Kind, told.Title, told.Body, told.Link, e.At,
				r.Period, r.Departments, s.mail).Error; err != nil {
				return fmt.Errorf("notify round: %w", err)
			}
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "round.open", "round", fmt.Sprint(row.ID), 201
		e.After = audit.JSON(roundAudit(r))
		return appendAudit(tx, e)
	})
	if err != nil {
		return round.Round{}, err
	}
	return r, nil
}

// notifyRoundSQL tells every enabled submitter of a project of the period's
// year in the departments, once, and queues mail when it is on.
const notifyRoundSQL = `WITH told AS (
		INSERT INTO notifications (user_id, key, kind, title, body, link, created_at)
		SELECT DISTINCT u.id, ?, ?, ?, ?, ?, ?::timestamptz FROM users u
		JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'submitter'
		JOIN user_projects up ON up.user_id = u.id
		JOIN projects p ON p.code = up.project_code
		JOIN periods pe ON pe.key = ? AND pe.year = p.year
		WHERE NOT u.disabled AND p.department_code IN ?
		ON CONFLICT (user_id, key) DO NOTHING RETURNING id, user_id, title, body, link, created_at)
	INSERT INTO mail_outbox (notification_id, email, subject, body, created_at)
	SELECT told.id, e.email, told.title, told.body || E'\n\n' || told.link, told.created_at
	FROM told JOIN user_emails e ON e.user_id = told.user_id WHERE ?::boolean`

func roundAudit(r round.Round) map[string]any {
	return map[string]any{"period": r.Period, "departments": r.Departments, "due": r.Due.Format(time.DateOnly),
		"note": r.Note, "status": r.Status}
}

// ListRounds lists the rounds that cover a department the scope sees,
// newest first.
func (s *Store) ListRounds(ctx context.Context, sc Scope) ([]round.Round, error) {
	var rows []roundRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	depts, err := roundDepartments(s.db.WithContext(ctx), nil)
	if err != nil {
		return nil, err
	}
	var out []round.Round
	for _, r := range rows {
		if visible(sc, depts[r.ID]) {
			out = append(out, r.domain(depts[r.ID]))
		}
	}
	return out, nil
}

func visible(sc Scope, depts []string) bool {
	for _, d := range depts {
		if sc.SeesDepartment(d) {
			return true
		}
	}
	return false
}

// roundDepartments reads the departments of the rounds ids (all when nil).
func roundDepartments(db *gorm.DB, ids []int64) (map[int64][]string, error) {
	var rows []roundDepartmentRow
	q := db.Order("round_id, department_code")
	if ids != nil {
		q = q.Where("round_id IN ?", ids)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read round departments: %w", err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.RoundID] = append(out[r.RoundID], r.DepartmentCode)
	}
	return out, nil
}

// GetRound reads a round the scope sees (round.ErrNotFound otherwise) with
// the state of each of its reports the scope sees, by project code.
func (s *Store) GetRound(ctx context.Context, sc Scope, id int64) (round.Round, map[string]round.ReportState, error) {
	var r round.Round
	states := map[string]round.ReportState{}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		r, err = loadRound(tx, sc, id, false)
		if err != nil {
			return err
		}
		var rows []struct {
			Code   string
			Status *string
		}
		q := tx.Table("projects").Select("projects.code, reports.status").
			Joins("JOIN periods ON periods.key = ? AND periods.year = projects.year", r.Period).
			Joins("LEFT JOIN reports ON reports.project_code = projects.code AND reports.period_key = ?", r.Period).
			// only approved targets have reports (a draft, such as an overall target set being written, has none)
			Where("projects.department_code IN ? AND projects.status = 'approved'", r.Departments)
		cond, args := sc.where("projects")
		if err := q.Where(cond, args...).Scan(&rows).Error; err != nil {
			return fmt.Errorf("read round reports: %w", err)
		}
		for _, row := range rows {
			st := round.ReportState{}
			if row.Status != nil {
				st = round.ReportState{Saved: true, Status: report.Status(*row.Status)}
			}
			states[row.Code] = st
		}
		return nil
	}, readOnly)
	return r, states, err
}

func loadRound(tx *gorm.DB, sc Scope, id int64, lock bool) (round.Round, error) {
	var row roundRow
	q := tx.Where("id = ?", id)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	res := q.Limit(1).Find(&row)
	if res.Error != nil {
		return round.Round{}, fmt.Errorf("read round: %w", res.Error)
	}
	depts, err := roundDepartments(tx, []int64{id})
	if err != nil {
		return round.Round{}, err
	}
	if res.RowsAffected == 0 || !visible(sc, depts[id]) {
		return round.Round{}, fmt.Errorf("round %d: %w", id, round.ErrNotFound)
	}
	return row.domain(depts[id]), nil
}

// UpdateRound runs fn on a round under its row lock and stores its due
// date and status, audited as action. Only a caller whose scope covers every
// department of the round may change it (round.ErrNotManager).
func (s *Store) UpdateRound(ctx context.Context, sc Scope, id int64, action string, e audit.Entry, fn func(*round.Round) error) (round.Round, error) {
	var r round.Round
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := loadRound(tx, sc, id, true)
		if err != nil {
			return err
		}
		for _, d := range cur.Departments {
			if !sc.SeesDepartment(d) {
				return fmt.Errorf("round %d: %w", id, round.ErrNotManager)
			}
		}
		r = cur
		if err := fn(&r); err != nil {
			return err
		}
		upd := map[string]any{"due": r.Due.Format(time.DateOnly), "status": string(r.Status), "closed_by": r.ClosedBy}
		if !r.ClosedAt.IsZero() {
			upd["closed_at"] = r.ClosedAt
		}
		if err := tx.Table("rounds").Where("id = ?", id).Updates(upd).Error; err != nil {
			return fmt.Errorf("update round: %w", err)
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = action, "round", fmt.Sprint(id), 200
		e.Before, e.After = audit.JSON(roundAudit(cur)), audit.JSON(roundAudit(r))
		return appendAudit(tx, e)
	})
	return r, err
}

// lastSteps fills in who returned each returned report and why, and who
// submitted each report to review, from the reports' last transitions.
func lastSteps(db *gorm.DB, todos []Todo) error {
	var codes []string
	seen := map[string]bool{}
	for _, t := range todos {
		if (t.Kind == "returned" || t.Kind == "review") && !seen[t.ProjectCode] {
			codes = append(codes, t.ProjectCode)
			seen[t.ProjectCode] = true
		}
	}
	if len(codes) == 0 {
		return nil
	}
	var steps []struct {
		Key, Actor, ActorName, Comment string
		At                             time.Time
	}
	err := db.Raw(`SELECT DISTINCT ON (r.id) r.project_code || '/' || r.period_key AS key, t.actor,
			coalesce(u.display_name, '') AS actor_name, t.comment, t.at
		FROM reports r JOIN report_transitions t ON t.report_id = r.id LEFT JOIN users u ON u.username = t.actor
		WHERE r.project_code IN ? AND r.status IN ('returned', 'submitted') AND t.to_status = r.status
		ORDER BY r.id, t.id DESC`, codes).Scan(&steps).Error
	if err != nil {
		return fmt.Errorf("todo steps: %w", err)
	}
	byKey := map[string]int{}
	for i, st := range steps {
		byKey[st.Key] = i
	}
	for i, t := range todos {
		j, ok := byKey[t.ProjectCode+"/"+t.Period]
		if !ok || (t.Kind != "returned" && t.Kind != "review") {
			continue
		}
		st := steps[j]
		todos[i].By, todos[i].ByName, todos[i].At = st.Actor, st.ActorName, &st.At
		if t.Kind == "returned" {
			todos[i].Text = st.Comment
		}
	}
	return nil
}

// Todo is one thing a user has to do.
type Todo struct {
	Kind        string // fill, returned, rectification, review, rectification_answer, target_review, target_change
	ProjectCode string
	ProjectName string
	Period      string
	Due         *time.Time
	// RectificationID and Text name the rectification item of the kinds
	// rectification and rectification_answer.
	RectificationID int64
	Text            string
	// TargetChangeID names the adjustment request of the kind target_change.
	TargetChangeID int64
	// By, ByName and At say who made the report what it is and when: who
	// returned it (returned: Text is then the reason) or who submitted it
	// (review). A report to fill (fill) has the note of the round asking
	// for it as Text and who opened the round as By and ByName.
	By, ByName string
	At         *time.Time
}

type todoRow struct {
	Kind            string
	Code            string
	Name            string
	PeriodKey       string
	Due             *time.Time
	RectificationID int64
	Text            string
	TargetChangeID  int64
	By, ByName      string
}

// roundDue is a report's due date: that of the earliest open round covering
// its department in its period (the period's column is the argument).
const roundDue = `(SELECT min(r.due) FROM rounds r JOIN round_departments rd ON rd.round_id = r.id
		WHERE r.status = 'open' AND r.period_key = %s AND rd.department_code = p.department_code)`

// Todos lists what waits for a submitter of the projects, and for a
// reviewer of the departments: reports to fill in open rounds, returned
// reports and open rectification items for the first; submitted reports
// and answered rectification items, targets submitted for approval and
// pending adjustment requests for the second, each at its level (reviews:
// the finance bureau's departments, supervises: a 主管部门's units). A
// report's due date is that of the earliest open round covering it.
func (s *Store) Todos(ctx context.Context, projects, reviews, supervises []string) ([]Todo, error) {
	db := s.db.WithContext(ctx)
	var rows []todoRow
	if len(projects) > 0 {
		var fill []todoRow
		// a report to fill carries the note of the round that asks for it
		// first, and who opened that round
		err := db.Raw(`SELECT CASE WHEN rep.status = 'returned' THEN 'returned' ELSE 'fill' END AS kind,
				p.code, p.name, r.period_key, min(r.due) AS due,
				(array_agg(r.note ORDER BY r.due, r.id))[1] AS text,
				(array_agg(r.created_by ORDER BY r.due, r.id))[1] AS "by",
				(array_agg(coalesce(u.display_name, '') ORDER BY r.due, r.id))[1] AS by_name
			FROM rounds r JOIN round_departments rd ON rd.round_id = r.id
			JOIN periods pe ON pe.key = r.period_key
			JOIN projects p ON p.department_code = rd.department_code AND p.year = pe.year
			LEFT JOIN reports rep ON rep.project_code = p.code AND rep.period_key = r.period_key
			LEFT JOIN users u ON u.username = r.created_by
			WHERE r.status = 'open' AND p.code IN ? AND p.status = 'approved' AND (rep.status IS NULL OR rep.status IN ('draft', 'returned'))
			GROUP BY 1, 2, 3, 4`, projects).Scan(&fill).Error
		if err != nil {
			return nil, fmt.Errorf("todos to fill: %w", err)
		}
		var returned []todoRow
		err = db.Raw(`SELECT 'returned' AS kind, p.code, p.name, rep.period_key, `+fmt.Sprintf(roundDue, "rep.period_key")+` AS due
			FROM reports rep JOIN projects p ON p.code = rep.project_code
			WHERE rep.status = 'returned' AND p.code IN ?`, projects).Scan(&returned).Error
		if err != nil {
			return nil, fmt.Errorf("returned todos: %w", err)
		}
		seen := map[string]bool{}
		for _, r := range fill {
			seen[r.Code+"/"+r.PeriodKey] = true
		}
		rows = append(rows, fill...)
		for _, r := range returned {
			if !seen[r.Code+"/"+r.PeriodKey] {
				rows = append(rows, r)
			}
		}
		var rect []todoRow
		err = db.Raw(`SELECT 'rectification' AS kind, p.code, p.name, x.period_key, x.due, x.id AS rectification_id, x.text
			FROM rectifications x JOIN projects p ON p.code = x.project_code
			WHERE x.status = 'open' AND p.code IN ?`, projects).Scan(&rect).Error
		if err != nil {
			return nil, fmt.Errorf("rectification todos: %w", err)
		}
		rows = append(rows, rect...)
	}
	// what waits at the finance bureau's level: endorsed by a 主管部门, or
	// submitted by a department without one
	const financeTurn = `(%[1]s = 'endorsed' OR %[1]s = 'submitted' AND NOT EXISTS (SELECT 1 FROM departments d
		WHERE d.code = p.department_code AND d.parent_code IS NOT NULL))`
	for _, lv := range []struct {
		deps               []string
		report, target, tc string
	}{
		{reviews, fmt.Sprintf(financeTurn, "rep.status"), fmt.Sprintf(financeTurn, "p.status"),
			strings.ReplaceAll(fmt.Sprintf(financeTurn, "tc.status"), "'submitted'", "'pending'")},
		{supervises, "rep.status = 'submitted'", "p.status = 'submitted'", "tc.status = 'pending'"},
	} {
		if len(lv.deps) == 0 {
			continue
		}
		more, err := reviewTodos(db, lv.deps, lv.report, lv.target, lv.tc)
		if err != nil {
			return nil, err
		}
		rows = append(rows, more...)
	}
	out := make([]Todo, len(rows))
	for i, r := range rows {
		out[i] = Todo{Kind: r.Kind, ProjectCode: r.Code, ProjectName: r.Name, Period: r.PeriodKey, Due: r.Due,
			RectificationID: r.RectificationID, Text: r.Text, TargetChangeID: r.TargetChangeID, By: r.By, ByName: r.ByName}
		if r.Due != nil {
			d := round.Day(*r.Due)
			out[i].Due = &d
		}
	}
	if err := lastSteps(db, out); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].Due, out[j].Due
		switch {
		case di != nil && dj != nil && !di.Equal(*dj):
			return di.Before(*dj)
		case (di == nil) != (dj == nil):
			return di != nil
		}
		if out[i].ProjectCode != out[j].ProjectCode {
			return out[i].ProjectCode < out[j].ProjectCode
		}
		return out[i].Period < out[j].Period
	})
	return out, nil
}

// reviewTodos lists what waits for a reviewer at one level in the given
// departments: reports whose status meets report, answered rectification
// items, targets whose status meets target and changes meeting change.
func reviewTodos(db *gorm.DB, reviews []string, reportCond, targetCond, changeCond string) ([]todoRow, error) {
	var rows []todoRow
	var rev []todoRow
	err := db.Raw(`SELECT 'review' AS kind, p.code, p.name, rep.period_key, `+fmt.Sprintf(roundDue, "rep.period_key")+` AS due
		FROM reports rep JOIN projects p ON p.code = rep.project_code
		WHERE `+reportCond+` AND p.department_code IN ?`, reviews).Scan(&rev).Error
	if err != nil {
		return nil, fmt.Errorf("review todos: %w", err)
	}
	rows = append(rows, rev...)
	var ans []todoRow
	err = db.Raw(`SELECT 'rectification_answer' AS kind, p.code, p.name, x.period_key, x.due, x.id AS rectification_id, x.text
		FROM rectifications x JOIN projects p ON p.code = x.project_code
		WHERE x.status = 'answered' AND p.department_code IN ?`, reviews).Scan(&ans).Error
	if err != nil {
		return nil, fmt.Errorf("rectification answer todos: %w", err)
	}
	rows = append(rows, ans...)
	var targets []todoRow
	err = db.Raw(`SELECT 'target_review' AS kind, p.code, p.name, '' AS period_key, 0 AS target_change_id, '' AS text
		FROM projects p WHERE `+targetCond+` AND p.department_code IN ?
		UNION ALL
		SELECT 'target_change', p.code, p.name, '', tc.id, tc.reason
		FROM target_changes tc JOIN projects p ON p.code = tc.project_code
		WHERE `+changeCond+` AND p.department_code IN ?`, reviews, reviews).Scan(&targets).Error
	if err != nil {
		return nil, fmt.Errorf("target todos: %w", err)
	}
	return append(rows, targets...), nil
}
