package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// The queries of a report read, sent together in one round trip inside a
// read-only REPEATABLE READ transaction, so that the report row, its lines
// and its transitions are of the same save. The scope restricts the first;
// the others return nothing useful without it and are discarded.
const (
	reportHeadSQL = `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight, d.name,
	p.status, p.version, p.target_version, p.copied_from,
	pe.key, pe.kind, pe.year, pe.cutoff_month, pe.rule_profile_name, pe.rule_profile_version,
	r.id, r.status, r.version, r.budget_adjusted, r.budget_executed, r.budget_projected, r.budget_reason, r.evaluation, r.updated_at, r.updated_by,
	r.target_version, (SELECT u.display_name FROM users u WHERE u.username = r.updated_by),
	coalesce(d.parent_code, ''), d.level, coalesce(pe.review_levels, 2), p.kind, p.budget_basic, p.budget_projects,
	r.basic_executed, r.basic_projected, r.projects_executed, r.projects_projected
	FROM projects p JOIN departments d ON d.code = p.department_code
	LEFT JOIN periods pe ON pe.key = ?
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = ?
	WHERE p.code = ? AND `
	reportIndicatorsSQL = `SELECT id, level1, level2, name, nature, target, unit, weight, accrual FROM indicators
	WHERE project_code = ? AND retired_in IS NULL ORDER BY position`
	reportLinesSQL = `SELECT l.indicator_id, l.value, l.projected, l.score_input, l.band, l.completed_on, l.not_applicable,
	l.not_applicable_reason, l.deviation_causes, l.explanation, l.measures, l.likelihood, l.adjusted, l.adjust_reason
	FROM report_lines l JOIN reports r ON r.id = l.report_id WHERE r.project_code = ? AND r.period_key = ?`
	reportTransitionsSQL = `SELECT t.action, t.from_status, t.to_status, t.actor, t.at, t.comment, coalesce(u.display_name, ''), coalesce(t.level, 0)
	FROM report_transitions t JOIN reports r ON r.id = t.report_id LEFT JOIN users u ON u.username = t.actor
	WHERE r.project_code = ? AND r.period_key = ? ORDER BY t.id`
)

// GetReport reads the report of a project for a period. A project or period
// the scope may not see is project.ErrNotFound or period.ErrNotFound; a
// report never saved is an empty draft at version 0 with Saved false.
func (s *Store) GetReport(ctx context.Context, sc Scope, code, periodKey string) (ReportRecord, error) {
	return s.getReport(ctx, sc, code, periodKey, false)
}

// GetReportWithHistory is GetReport with each line's previous period and
// last year (the record's History), read in the same round trip.
func (s *Store) GetReportWithHistory(ctx context.Context, sc Scope, code, periodKey string) (ReportRecord, error) {
	return s.getReport(ctx, sc, code, periodKey, true)
}

func (s *Store) getReport(ctx context.Context, sc Scope, code, periodKey string, history bool) (ReportRecord, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return ReportRecord{}, fmt.Errorf("read report: %w", err)
	}
	defer conn.Release()
	cond, args := sc.where("p")
	b := &batch{}
	b.queue("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
	b.queue(reportHeadSQL+cond, append([]any{periodKey, periodKey, code}, args...)...)
	b.queue(reportIndicatorsSQL, code)
	b.queue(reportLinesSQL, code, periodKey)
	b.queue(reportTransitionsSQL, code, periodKey)
	if history {
		queueLineHistory(b, sc, code, periodKey)
	}
	b.queue("COMMIT")
	res := on(conn).sendBatch(ctx, b)
	rd, err := readReport(res, code, periodKey, history)
	if cerr := res.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("read report %s/%s: %w", code, periodKey, cerr)
	}
	if err != nil {
		// leave no transaction open on a connection going back to the pool
		if conn.Conn().PgConn().TxStatus() != 'I' {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
		return ReportRecord{}, err
	}
	// a target version, once written, never changes: read after the commit
	if err := rd.atItsTargets(ctx, on(conn)); err != nil {
		return ReportRecord{}, err
	}
	rec, err := rd.record(code, periodKey)
	if err != nil {
		return ReportRecord{}, err
	}
	if history {
		rec.History = &rd.history
	}
	return rec, nil
}

func readReport(res pgx.BatchResults, code, periodKey string, history bool) (reportRead, error) {
	if _, err := res.Exec(); err != nil {
		return reportRead{}, fmt.Errorf("read report %s/%s: %w", code, periodKey, err)
	}
	rd, err := scanReport(res, code, periodKey)
	if err != nil {
		return reportRead{}, err
	}
	if history {
		if rd.history, err = scanLineHistory(res, code, periodKey); err != nil {
			return reportRead{}, err
		}
	}
	if _, err := res.Exec(); err != nil {
		return reportRead{}, fmt.Errorf("read report %s/%s: %w", code, periodKey, err)
	}
	return rd, nil
}

// reportRead is what the queries of a report read return, before the
// checks that make it a record.
type reportRead struct {
	p        project.Project
	current  int  // the project's current target version (p may be at an earlier one)
	found    bool // the project exists in the scope
	per      period.Period
	perValid bool
	profile  *rules.ProfileRef // the period's chosen rule profile; nil: the default
	row      *reportRow        // nil: never saved
	lines    []lineRow
	trs      []Transition
	// updatedByName is the display name of who saved the report last.
	updatedByName string
	// history is each line's previous period and last year, when read
	history LineHistory
}

// scanReport reads the results of reportHeadSQL, reportIndicatorsSQL,
// reportLinesSQL and reportTransitionsSQL, in that order.
func scanReport(res pgx.BatchResults, code, periodKey string) (reportRead, error) {
	var (
		rd                            reportRead
		p                             project.Project
		budget, execWeight            pgtype.Numeric
		perKey, perKind               pgtype.Text
		perYear, perCutoff            pgtype.Int4
		profileName                   pgtype.Text
		profileVersion                pgtype.Int4
		id                            pgtype.Int8
		status, reason, updBy, updBN  pgtype.Text
		version                       pgtype.Int4
		adjusted, executed, projected pgtype.Numeric
		evaluation                    []byte
		updAt                         pgtype.Timestamptz
		pstatus                       string
		targetVersion                 pgtype.Int4
		reviewLevels                  int
		kind                          string
		basic, projs                  pgtype.Numeric
		basicExe, basicPrj            pgtype.Numeric
		projsExe, projsPrj            pgtype.Numeric
	)
	err := res.QueryRow().Scan(&p.Code, &p.Department.Code, &p.Year, &p.Name, &p.Category, &budget, &p.Goal, &execWeight, &p.Department.Name,
		&pstatus, &p.Version, &p.TargetVersion, &p.CopiedFrom,
		&perKey, &perKind, &perYear, &perCutoff, &profileName, &profileVersion,
		&id, &status, &version, &adjusted, &executed, &projected, &reason, &evaluation, &updAt, &updBy, &targetVersion, &updBN,
		&p.Department.Parent, &p.Department.Level, &reviewLevels, &kind, &basic, &projs,
		&basicExe, &basicPrj, &projsExe, &projsPrj)
	p.Status = project.Status(pstatus)
	rd.found = err != pgx.ErrNoRows
	if err != nil && rd.found {
		return rd, fmt.Errorf("read report %s/%s: %w", code, periodKey, err)
	}
	p.Budget, p.ExecutionWeight = orZero(budget), orZero(execWeight)
	p.Kind, p.BudgetBasic, p.BudgetProjects = project.ProjectKind(kind), fromNumeric(basic), fromNumeric(projs)
	rows, err := res.Query()
	if err != nil {
		return rd, fmt.Errorf("read indicators of %s: %w", code, err)
	}
	for rows.Next() {
		var in project.Indicator
		var nature, accrual string
		var weight pgtype.Numeric
		if err := rows.Scan(&in.ID, &in.Level1, &in.Level2, &in.Name, &nature, &in.Target, &in.Unit, &weight, &accrual); err != nil {
			rows.Close()
			return rd, fmt.Errorf("read indicators of %s: %w", code, err)
		}
		in.Nature, in.Accrual, in.Weight = project.Nature(nature), project.Accrual(accrual), orZero(weight)
		p.Indicators = append(p.Indicators, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rd, fmt.Errorf("read indicators of %s: %w", code, err)
	}
	if rd.lines, err = scanLines(res); err != nil {
		return rd, err
	}
	if rd.trs, err = scanTransitions(res); err != nil {
		return rd, err
	}
	rd.p, rd.current = p, p.TargetVersion
	rd.updatedByName = updBN.String
	rd.perValid = perKey.Valid
	if profileName.Valid && profileVersion.Valid {
		rd.profile = &rules.ProfileRef{Name: profileName.String, Version: int(profileVersion.Int32)}
	}
	rd.per = period.Period{Key: perKey.String, Kind: period.Kind(perKind.String), Year: int(perYear.Int32), CutoffMonth: int(perCutoff.Int32),
		ReviewLevels: reviewLevels}
	if id.Valid {
		rd.row = &reportRow{ID: id.Int64, ProjectCode: code, PeriodKey: periodKey, Status: status.String, Version: int(version.Int32),
			BudgetAdjusted: nullDec(adjusted), BudgetExecuted: nullDec(executed), BudgetProjected: nullDec(projected),
			BudgetReason: reason.String, Evaluation: evaluation, UpdatedAt: updAt.Time.UTC(), UpdatedBy: updBy.String,
			TargetVersion: int(targetVersion.Int32), BasicExecuted: nullDec(basicExe), BasicProjected: nullDec(basicPrj),
			ProjectsExecuted: nullDec(projsExe), ProjectsProjected: nullDec(projsPrj)}
	}
	return rd, nil
}

// atItsTargets puts in rd the project with the targets its report was
// filled and scored against, when they were adjusted since.
func (rd *reportRead) atItsTargets(ctx context.Context, q pg) error {
	if !rd.found || rd.row == nil || rd.row.TargetVersion == rd.p.TargetVersion {
		return nil
	}
	p, err := projectAtVersionPgx(ctx, q, rd.p, rd.row.TargetVersion)
	if err != nil {
		return err
	}
	rd.p = p
	return nil
}

// record checks what was read (the project in the scope and reportable,
// the period of its year) and makes the record, of the project as
// atItsTargets left it.
func (rd reportRead) record(code, periodKey string) (ReportRecord, error) {
	p := rd.p
	if !rd.found {
		return ReportRecord{}, fmt.Errorf("get project %s: %w", code, project.ErrNotFound)
	}
	if err := p.Status.CheckReportable(); err != nil {
		return ReportRecord{}, fmt.Errorf("report %s/%s: %w", code, periodKey, err)
	}
	if !rd.perValid || rd.per.Year != p.Year {
		return ReportRecord{}, fmt.Errorf("report %s/%s: %w", code, periodKey, period.ErrNotFound)
	}
	rec := ReportRecord{Project: p, Period: rd.per, Report: report.Report{ProjectCode: code, PeriodKey: periodKey, Status: report.StatusDraft},
		TargetVersion: p.TargetVersion, CurrentTargetVersion: rd.current, PeriodProfile: rd.profile}
	if rd.row == nil {
		return rec, nil
	}
	if err := rd.row.into(&rec, p, rd.lines); err != nil {
		return ReportRecord{}, err
	}
	rec.Transitions = rd.trs
	rec.UpdatedByName = rd.updatedByName
	return rec, nil
}

func scanLines(res pgx.BatchResults) ([]lineRow, error) {
	rows, err := res.Query()
	if err != nil {
		return nil, fmt.Errorf("read report lines: %w", err)
	}
	defer rows.Close()
	var out []lineRow
	for rows.Next() {
		var l lineRow
		var value, projected, scoreInput, adjusted pgtype.Numeric
		var done pgtype.Date
		var causes []string
		if err := rows.Scan(&l.IndicatorID, &value, &projected, &scoreInput, &l.Band, &done, &l.NotApplicable, &l.NotApplicableReason,
			&causes, &l.Explanation, &l.Measures, &l.Likelihood, &adjusted, &l.AdjustReason); err != nil {
			return nil, fmt.Errorf("read report lines: %w", err)
		}
		l.Value, l.Projected, l.ScoreInput, l.Adjusted = nullDec(value), nullDec(projected), nullDec(scoreInput), nullDec(adjusted)
		l.DeviationCauses = causes
		if done.Valid {
			s := done.Time.Format(time.DateOnly)
			l.CompletedOn = &s
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read report lines: %w", err)
	}
	return out, nil
}

func scanTransitions(res pgx.BatchResults) ([]Transition, error) {
	rows, err := res.Query()
	if err != nil {
		return nil, fmt.Errorf("read transitions: %w", err)
	}
	defer rows.Close()
	var out []Transition
	for rows.Next() {
		var t Transition
		var action, from, to string
		if err := rows.Scan(&action, &from, &to, &t.Actor, &t.At, &t.Comment, &t.ActorName, &t.Level); err != nil {
			return nil, fmt.Errorf("read transitions: %w", err)
		}
		t.Action, t.From, t.To, t.At = report.Action(action), report.Status(from), report.Status(to), t.At.UTC()
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read transitions: %w", err)
	}
	return out, nil
}

func nullDec(n pgtype.Numeric) decimal.NullDecimal {
	if d := fromNumeric(n); d != nil {
		return decimal.NullDecimal{Decimal: *d, Valid: true}
	}
	return decimal.NullDecimal{}
}

func orZero(n pgtype.Numeric) decimal.Decimal {
	if d := fromNumeric(n); d != nil {
		return *d
	}
	return decimal.Zero
}
