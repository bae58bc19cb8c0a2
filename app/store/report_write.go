package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"jixiao/domain/audit"
	"jixiao/domain/notice"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
)

// A report update is two round trips on one pgx connection: the first
// begins the transaction, locks the report row and reads everything the
// update needs; the second writes the row, its lines, the version, the
// transition, rectification items and the audit rows, and commits, in the
// same round trip: the report row's lock is never held while a client is on
// its way. The audit row takes no lock that other reports' writers wait
// for: it is linked into the hash chain after the commit (migration 00032).
const (
	// reportLockSQL takes the report row's lock, within the scope; a report
	// never saved has no row, and two first saves meet at its unique key.
	reportLockSQL = `SELECT r.id FROM reports r JOIN projects p ON p.code = r.project_code
	WHERE r.project_code = ? AND r.period_key = ? AND `
	reportInsertSQL = `INSERT INTO reports (project_code, period_key, status, version, budget_adjusted, budget_executed, budget_projected,
	budget_reason, time_progress, execution_rate, execution_score, budget_light, light, indicator_sum, total, computed_total, grade,
	blocking, evaluation, updated_at, updated_by, target_version, basic_executed, basic_projected, projects_executed, projects_projected)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	RETURNING id`
	reportUpdateSQL = `UPDATE reports SET project_code = ?, period_key = ?, status = ?, version = ?, budget_adjusted = ?,
	budget_executed = ?, budget_projected = ?, budget_reason = ?, time_progress = ?, execution_rate = ?, execution_score = ?,
	budget_light = ?, light = ?, indicator_sum = ?, total = ?, computed_total = ?, grade = ?, blocking = ?,
	evaluation = ?, updated_at = ?, updated_by = ?, target_version = ?, basic_executed = ?, basic_projected = ?,
	projects_executed = ?, projects_projected = ? WHERE id = ?`
	// lineUpsertSQL writes a report's lines, one array per column, in one
	// statement: a line that exists is rewritten only when it changed (a
	// save usually changes one line, or none), a new one is inserted.
	lineUpsertSQL = `INSERT INTO report_lines (report_id, indicator_id, value, projected, score_input, band, completed_on, not_applicable,
	not_applicable_reason, deviation_causes, explanation, measures, likelihood, adjusted, adjust_reason, light, rule, computed, score,
	needs_explanation)
	SELECT ?, l.indicator_id, l.value, l.projected, l.score_input, l.band, l.completed_on::date, l.not_applicable, l.not_applicable_reason,
	l.deviation_causes::text[], l.explanation, l.measures, l.likelihood, l.adjusted, l.adjust_reason, l.light, l.rule, l.computed, l.score,
	l.needs_explanation
	FROM unnest(?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],
	?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::boolean[])
	AS l (indicator_id, value, projected, score_input, band, completed_on, not_applicable, not_applicable_reason, deviation_causes,
	explanation, measures, likelihood, adjusted, adjust_reason, light, rule, computed, score, needs_explanation)
	ON CONFLICT (report_id, indicator_id) DO UPDATE SET value = excluded.value, projected = excluded.projected,
	score_input = excluded.score_input, band = excluded.band, completed_on = excluded.completed_on, not_applicable = excluded.not_applicable,
	not_applicable_reason = excluded.not_applicable_reason, deviation_causes = excluded.deviation_causes, explanation = excluded.explanation,
	measures = excluded.measures, likelihood = excluded.likelihood, adjusted = excluded.adjusted, adjust_reason = excluded.adjust_reason,
	light = excluded.light, rule = excluded.rule, computed = excluded.computed, score = excluded.score,
	needs_explanation = excluded.needs_explanation
	WHERE (report_lines.value, report_lines.projected, report_lines.score_input, report_lines.band, report_lines.completed_on,
	report_lines.not_applicable, report_lines.not_applicable_reason, report_lines.deviation_causes, report_lines.explanation,
	report_lines.measures, report_lines.likelihood, report_lines.adjusted, report_lines.adjust_reason, report_lines.light, report_lines.rule,
	report_lines.computed, report_lines.score, report_lines.needs_explanation) IS DISTINCT FROM
	(excluded.value, excluded.projected, excluded.score_input, excluded.band, excluded.completed_on, excluded.not_applicable,
	excluded.not_applicable_reason, excluded.deviation_causes, excluded.explanation, excluded.measures, excluded.likelihood,
	excluded.adjusted, excluded.adjust_reason, excluded.light, excluded.rule, excluded.computed, excluded.score, excluded.needs_explanation)`
	transitionInsertSQL = `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, at, comment, level)
	VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?::int, 0))`
	// rectificationInsertSQL stores one item, tells the project's
	// submitters (整改通知) and audits it, in one statement.
	rectificationInsertSQL = `WITH item AS (
		INSERT INTO rectifications (project_code, period_key, text, due, status, created_by, created_at)
		VALUES (?, ?, ?, ?::date, ?, ?, ?) RETURNING id),
	told AS (
		INSERT INTO notifications (user_id, key, kind, title, body, link, created_at)
		SELECT u.id, 'rectification:' || item.id, 'rectification', ?, ?, ?, ? FROM item, users u
		JOIN user_projects up ON up.user_id = u.id AND up.project_code = ?
		JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'submitter'
		WHERE NOT u.disabled ON CONFLICT (user_id, key) DO NOTHING RETURNING id, user_id),
	mailed AS (
		INSERT INTO mail_outbox (notification_id, email, subject, body, created_at)
		SELECT told.id, e.email, ?, ? || E'\n\n' || ?, ? FROM told JOIN user_emails e ON e.user_id = told.user_id WHERE ?::boolean)
	INSERT INTO audit_log (at, actor, actor_id, ip, action, object_type, object_id, status, before, after, detail)
	SELECT coalesce(?::timestamptz, now()), ?, ?, ?, ?, ?, coalesce(item.id::text, ?), ?, ?::jsonb, ?::jsonb, ?::jsonb
	FROM item`
)

// UpdateReport runs fn on the report under a row lock and stores what fn
// leaves in the record (inputs, status, evaluation, adjustments), with a new
// history version, a transition when the status changed, and an audit entry,
// all in one transaction. fn returning an error changes nothing. Two first
// saves racing on a report never saved: the loser gets report.ErrStaleVersion.
func (s *Store) UpdateReport(ctx context.Context, sc Scope, code, periodKey string, fn func(*ReportRecord) (Change, error)) (ReportRecord, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return ReportRecord{}, fmt.Errorf("update report: %w", err)
	}
	defer conn.Release()
	rec, err := s.updateReport(ctx, conn, sc, code, periodKey, fn)
	s.wrote() // after the commit (or the rollback below, which writes nothing)
	if conn.Conn().PgConn().TxStatus() != 'I' {
		// an error left the transaction open: end it, or drop the connection
		if _, rerr := on(conn).exec(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}
	if err != nil {
		if isUniqueViolation(err) {
			return ReportRecord{}, fmt.Errorf("update report %s/%s: %w", code, periodKey, report.ErrStaleVersion)
		}
		return ReportRecord{}, err
	}
	return rec, nil
}

func (s *Store) updateReport(ctx context.Context, conn *pgxpool.Conn, sc Scope, code, periodKey string, fn func(*ReportRecord) (Change, error)) (ReportRecord, error) {
	cond, args := sc.where("p")
	db := on(conn)
	b := &batch{}
	b.queue("BEGIN")
	b.queue(reportLockSQL+cond+" FOR UPDATE OF r", append([]any{code, periodKey}, args...)...)
	b.queue(reportHeadSQL+cond, append([]any{periodKey, periodKey, code}, args...)...)
	b.queue(reportIndicatorsSQL, code)
	b.queue(reportLinesSQL, code, periodKey)
	b.queue(reportTransitionsSQL, periodKey, code)
	res := db.sendBatch(ctx, b)
	rd, err := func() (reportRead, error) {
		for range 2 { // BEGIN, and the lock
			if _, err := res.Exec(); err != nil {
				return reportRead{}, fmt.Errorf("read report %s/%s: %w", code, periodKey, err)
			}
		}
		return scanReport(res, code, periodKey)
	}()
	if cerr := res.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("read report %s/%s: %w", code, periodKey, cerr)
	}
	if err != nil {
		return ReportRecord{}, err
	}
	if err := rd.atItsTargets(ctx, db); err != nil {
		return ReportRecord{}, err
	}
	cur, err := rd.record(code, periodKey)
	if err != nil {
		return ReportRecord{}, err
	}
	var id int64
	if rd.row != nil {
		id = rd.row.ID
	}
	before := cur
	rec := cur
	rec.Report.Lines = append([]report.Line(nil), cur.Report.Lines...)
	rec.Adjustments = append(rec.Adjustments[:0:0], cur.Adjustments...)
	ch, err := fn(&rec)
	if err != nil {
		return ReportRecord{}, err
	}
	rec.UpdatedAt, rec.UpdatedBy, rec.UpdatedByName = ch.At, ch.Actor, ch.ActorName
	row, err := newReportRow(id, rec)
	if err != nil {
		return ReportRecord{}, err
	}
	docs, err := newVersionDocs(before, rec)
	if err != nil {
		return ReportRecord{}, err
	}
	auditRow, err := auditArgs(audit.Entry{
		At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "report." + ch.Action,
		ObjectType: "report", ObjectID: code + "/" + periodKey, Status: 200,
		Before: docs.before, After: docs.after, Detail: detailOf(ch),
	})
	if err != nil {
		return ReportRecord{}, err
	}
	values := []any{row.ProjectCode, row.PeriodKey, row.Status, row.Version, nullNumeric(row.BudgetAdjusted), nullNumeric(row.BudgetExecuted),
		nullNumeric(row.BudgetProjected), row.BudgetReason, numeric(row.TimeProgress), nullNumeric(row.ExecutionRate), numeric(row.ExecutionScore),
		row.BudgetLight, row.Light, numeric(row.IndicatorSum), numeric(row.Total), numeric(row.ComputedTotal), row.Grade,
		string(row.Blocking), string(row.Evaluation), row.UpdatedAt, row.UpdatedBy, row.TargetVersion,
		nullNumeric(row.BasicExecuted), nullNumeric(row.BasicProjected), nullNumeric(row.ProjectsExecuted), nullNumeric(row.ProjectsProjected)}
	if id == 0 {
		// the first save: the row's id is what the other rows refer to
		if err := db.queryRow(ctx, reportInsertSQL, values...).Scan(&id); err != nil {
			return ReportRecord{}, fmt.Errorf("insert report: %w", err)
		}
	}
	w := &batch{}
	if rd.row != nil {
		w.queue(reportUpdateSQL, append(values, id)...)
	}
	lines := lineRows(id, rec)
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.IndicatorID
	}
	w.queue(`DELETE FROM report_lines WHERE report_id = ? AND NOT indicator_id = ANY(?)`, id, ids)
	if len(lines) > 0 {
		w.queue(lineUpsertSQL, lineColumns(id, lines)...)
	}
	w.queue(versionInsertSQL, id, rec.Report.Version, ch.At, ch.Actor, ch.Action, string(docs.after), string(docs.changes))
	if ch.Action != "save" { // every other action is a workflow transition
		t := Transition{Action: report.Action(ch.Action), From: before.Report.Status, To: rec.Report.Status, Actor: ch.Actor, At: ch.At,
			Comment: ch.Comment, ActorName: ch.ActorName, Level: ch.Level}
		w.queue(transitionInsertSQL, id, string(t.Action), string(t.From), string(t.To), t.Actor, t.At, t.Comment, t.Level)
		rec.Transitions = append(rec.Transitions, t)
	}
	w.queue(rollupsNow)
	for _, it := range rec.NewRectifications {
		if err := queueRectification(w, rec, it, ch, s.mail); err != nil {
			return ReportRecord{}, err
		}
	}
	for _, n := range rec.Notices {
		w.queue(notifySubmittersSQL, s.notifySubmittersArgs(code, n, ch.At)...)
	}
	w.queue(auditInsertSQL, auditRow...)
	w.queue("COMMIT")
	writes := w.len()
	// the lines' previous period and last year, for the answer, read after
	// the commit in the same round trip
	queueLineHistory(w, sc, code, periodKey)
	wres := db.sendBatch(ctx, w)
	for range writes {
		if _, err = wres.Exec(); err != nil {
			break
		}
	}
	if err == nil {
		// committed: what follows only informs, and its failure (the
		// answer then reads it again) is not the save's
		if h, herr := scanLineHistory(wres, code, periodKey); herr == nil {
			rec.History = &h
		}
	}
	wres.Close()
	if err != nil {
		return ReportRecord{}, fmt.Errorf("write report %s/%s: %w", code, periodKey, err)
	}
	rec.Saved = true
	return rec, nil
}

// lineColumns are the arguments of lineUpsertSQL: the report id, then one
// array per column.
func lineColumns(id int64, lines []lineRow) []any {
	n := len(lines)
	var (
		ind                                   = make([]int64, n)
		value, projected, scoreIn, adj, comp  = make([]pgtype.Numeric, n), make([]pgtype.Numeric, n), make([]pgtype.Numeric, n), make([]pgtype.Numeric, n), make([]pgtype.Numeric, n)
		score                                 = make([]pgtype.Numeric, n)
		band, naReason, causes, expl, measure = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		likely, adjReason, light, rule        = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		done                                  = make([]*string, n)
		na, needs                             = make([]bool, n), make([]bool, n)
	)
	for i, l := range lines {
		ind[i], value[i], projected[i], scoreIn[i] = l.IndicatorID, nullNumeric(l.Value), nullNumeric(l.Projected), nullNumeric(l.ScoreInput)
		band[i], na[i], naReason[i], expl[i], measure[i], likely[i] = l.Band, l.NotApplicable, l.NotApplicableReason, l.Explanation, l.Measures, l.Likelihood
		done[i] = l.CompletedOn
		causes[i], _ = textArray(l.DeviationCauses).literal()
		adj[i], adjReason[i], light[i], rule[i] = nullNumeric(l.Adjusted), l.AdjustReason, l.Light, l.Rule
		comp[i], score[i], needs[i] = numeric(l.Computed), numeric(l.Score), l.NeedsExplanation
	}
	return []any{id, ind, value, projected, scoreIn, band, done, na, naReason, causes, expl, measure, likely, adj, adjReason, light, rule,
		comp, score, needs}
}

// queueRectification adds the statement that stores a new rectification
// item of a report, notifies its submitters (整改通知, by project name and
// period) and audits it (the audit row names the item's new id).
func queueRectification(b *batch, rec ReportRecord, it rectify.Item, ch Change, mail bool) error {
	code, periodKey := rec.Project.Code, rec.Period.Key
	it.ProjectCode, it.Period = code, periodKey
	var due pgtype.Date
	if it.Due != nil {
		due = pgtype.Date{Time: *it.Due, Valid: true}
	}
	auditRow, err := auditArgs(audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "rectification.create",
		ObjectType: "rectification", Status: 201, After: audit.JSON(rectificationAudit(it))})
	if err != nil {
		return err
	}
	n := notice.Rectification(notice.Report{ProjectCode: code, ProjectName: rec.Project.Name, PeriodLabel: rec.Period.Label()}, it.Text, it.Due)
	link := "/projects/" + code + "/reports/" + periodKey
	args := []any{code, periodKey, it.Text, due, string(rectify.Open), ch.Actor, ch.At,
		n.Title, n.Body, link, ch.At, code, // told
		n.Title, n.Body, link, ch.At, mail} // mailed
	b.queue(rectificationInsertSQL, append(args, auditRow...)...)
	return nil
}
