package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// The queries of a report read, sent together in one round trip. The scope
// restricts the first; the others return nothing useful without it and are
// discarded. Each statement sees what was committed when it began: the last
// (transitions) reads again the versions of the project and of the report
// the first read, which every write of the project's targets or of the
// report's row, lines or transitions raises, so that a read they differ in
// is known to mix two saves and is read again (getReport).
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
	// the project's and the report's versions on every row, and one row
	// without a transition when there is none
	reportTransitionsSQL = `SELECT p.version, r.version, t.id, coalesce(t.action, ''), coalesce(t.from_status, ''), coalesce(t.to_status, ''),
	coalesce(t.actor, ''), coalesce(t.at, 'epoch'), coalesce(t.comment, ''), coalesce(u.display_name, ''), coalesce(t.level, 0)
	FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = ?
	LEFT JOIN report_transitions t ON t.report_id = r.id LEFT JOIN users u ON u.username = t.actor
	WHERE p.code = ? ORDER BY t.id`
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
	var rd reportRead
	for attempt := 1; ; attempt++ {
		// the last attempt in a snapshot of its own, which no save can split
		inSnapshot := attempt == reportReadAttempts
		if rd, err = readReport(ctx, conn, sc, code, periodKey, history, inSnapshot); err != nil {
			return ReportRecord{}, err
		}
		if inSnapshot || rd.whole() {
			break
		}
		s.reportRereads.Add(1)
	}
	// a target version, once written, never changes: read after the others
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

// reportReadAttempts bounds the reads of a report that a save committed
// during them splits; the last is made in a read-only REPEATABLE READ
// transaction. A var for the tests (SetReportReadAttempts).
var reportReadAttempts = 3

// readReport sends the queries of a report read (in a transaction when
// inSnapshot) and reads their results.
func readReport(ctx context.Context, conn *pgxpool.Conn, sc Scope, code, periodKey string, history, inSnapshot bool) (reportRead, error) {
	cond, args := sc.where("p")
	b := &batch{}
	if inSnapshot {
		b.queue("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
	}
	b.queue(reportHeadSQL+cond, append([]any{periodKey, periodKey, code}, args...)...)
	b.queue(reportIndicatorsSQL, code)
	b.queue(reportLinesSQL, code, periodKey)
	b.queue(reportTransitionsSQL, periodKey, code)
	if history {
		queueLineHistory(b, sc, code, periodKey)
	}
	if inSnapshot {
		b.queue("COMMIT")
	}
	res := on(conn).sendBatch(ctx, b)
	rd, err := func() (reportRead, error) {
		if inSnapshot {
			if _, err := res.Exec(); err != nil {
				return reportRead{}, err
			}
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
		if inSnapshot {
			if _, err := res.Exec(); err != nil {
				return reportRead{}, err
			}
		}
		return rd, nil
	}()
	if cerr := res.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		// leave no transaction open on a connection going back to the pool
		if conn.Conn().PgConn().TxStatus() != 'I' {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
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
	// the project's and the report's versions as the last query read them
	// (reportTransitionsSQL); seen is false when it found no project
	seen        bool
	lastProject int
	lastReport  pgtype.Int4
}

// whole reports whether the queries read one state of the project and its
// report: the versions the last read are those the first did (or the first
// found nothing in the scope, which is answered as such).
func (rd reportRead) whole() bool {
	if !rd.found {
		return true
	}
	if !rd.seen || rd.lastProject != rd.p.Version {
		return false
	}
	if rd.row == nil {
		return !rd.lastReport.Valid
	}
	return rd.lastReport.Valid && int(rd.lastReport.Int32) == rd.row.Version
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
	if err := rd.scanTransitions(res); err != nil {
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

// scanTransitions reads the result of reportTransitionsSQL: the versions
// and the report's transitions.
func (rd *reportRead) scanTransitions(res pgx.BatchResults) error {
	rows, err := res.Query()
	if err != nil {
		return fmt.Errorf("read transitions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t Transition
		var id pgtype.Int8
		var action, from, to string
		if err := rows.Scan(&rd.lastProject, &rd.lastReport, &id, &action, &from, &to, &t.Actor, &t.At, &t.Comment, &t.ActorName, &t.Level); err != nil {
			return fmt.Errorf("read transitions: %w", err)
		}
		rd.seen = true
		if !id.Valid {
			continue // none
		}
		t.Action, t.From, t.To, t.At = report.Action(action), report.Status(from), report.Status(to), t.At.UTC()
		rd.trs = append(rd.trs, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read transitions: %w", err)
	}
	return nil
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
