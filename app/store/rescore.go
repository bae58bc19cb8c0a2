package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/sync/errgroup"

	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// rescoreChunk is how many reports one transaction rescores: their rows
// are locked only for that transaction, so saves wait at most that long.
// (A variable only for the tests, which rescore a small province in many
// chunks.)
var rescoreChunk = 1000

// rescoreLanes is how many chunks are rescored at once.
const rescoreLanes = 2

// Evaluator computes a report's evaluation from its stored inputs and
// reviewer adjustments.
type Evaluator func(p project.Project, per period.Period, r report.Report, adj []scoring.Adjustment) (monitor.Evaluation, error)

// Rescore re-evaluates every saved report of a period and stores the
// results (scores, lights, blocking, evaluation, line results and the
// rollups), in chunks of rescoreChunk reports, each read under its rows'
// locks and written in one transaction. Inputs, status, versions and the
// last editor stay as they are; a report whose evaluation comes out the
// same is not written. One audit entry records the run. It returns how many
// reports it rescored and how many of them changed.
func (s *Store) Rescore(ctx context.Context, periodKey string, eval Evaluator, e audit.Entry) (n, changed int, err error) {
	return s.RescoreWith(ctx, periodKey, eval, e, RescoreOptions{})
}

// RescoreOptions narrow a rescore and report its progress.
type RescoreOptions struct {
	// SkipApproved leaves approved reports as they are: they keep their
	// scores and the profile they were scored with.
	SkipApproved bool
	// Progress, when set, is told after each chunk how many reports are
	// rescored so far and how many of them changed (one call at a time).
	Progress func(done, changed int)
	// Detail is added to the audit entry's detail.
	Detail map[string]any
}

// RescoreWith is Rescore with options.
func (s *Store) RescoreWith(ctx context.Context, periodKey string, eval Evaluator, e audit.Entry, opt RescoreOptions) (n, changed int, err error) {
	per, err := s.GetPeriod(ctx, periodKey)
	if err != nil {
		return 0, 0, err
	}
	// The period's reports in ranges of project codes of rescoreChunk
	// reports each, the last one open; rescoreLanes transactions at once
	// take the next range, so that evaluating in Go and reading and writing
	// in PostgreSQL overlap. Project codes begin with the department's, so
	// two lanes seldom refresh the same department's rollup.
	statusCond := ""
	if opt.SkipApproved {
		statusCond = statusNotApproved
	}
	rows, err := s.query(ctx, `SELECT project_code FROM (SELECT project_code, row_number() OVER (ORDER BY project_code) AS n
		FROM reports r WHERE period_key = ? `+statusCond+`) s WHERE n % ? = 0 ORDER BY project_code`, per.Key, rescoreChunk)
	if err != nil {
		return 0, 0, fmt.Errorf("rescore: %w", err)
	}
	bounds, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, 0, fmt.Errorf("rescore: %w", err)
	}
	var next atomic.Int64
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	for range rescoreLanes {
		g.Go(func() error {
			var buf rescoreBuffers
			for {
				i := int(next.Add(1)) - 1
				if i > len(bounds) {
					return nil
				}
				after, upTo := "", ""
				if i > 0 {
					after = bounds[i-1]
				}
				if i < len(bounds) {
					upTo = bounds[i]
				}
				// a range grown by reports saved since takes more than one chunk
				for {
					got, ch, last, err := s.rescoreChunk(gctx, per, after, upTo, statusCond, eval, &buf)
					if err != nil {
						return err
					}
					mu.Lock()
					n, changed = n+got, changed+ch
					if opt.Progress != nil {
						opt.Progress(n, changed)
					}
					mu.Unlock()
					if got < rescoreChunk || last == upTo {
						break
					}
					after = last
				}
			}
		})
	}
	if err := g.Wait(); err != nil {
		return n, changed, err
	}
	e.Action, e.ObjectType, e.ObjectID, e.Status = "report.rescore", "period", periodKey, 200
	detail := map[string]any{"reports": n, "changed": changed}
	for k, v := range opt.Detail {
		detail[k] = v
	}
	e.Detail = audit.JSON(detail)
	if err := s.AppendAudit(ctx, e); err != nil {
		return n, changed, err
	}
	return n, changed, nil
}

// rescoreSelect reads the reports of a period after a project code;
// rescoreChunk adds the upper bound, the order, the limit and the lock. The
// evaluation, last, is read as text, as jsonb prints it, to compare with a
// fresh one rendered by appendJSONB.
const rescoreSelect = `SELECT r.id, r.project_code, r.status, r.version, r.budget_adjusted, r.budget_executed, r.budget_projected,
	r.budget_reason, r.updated_at, r.updated_by, r.target_version, r.evaluation::text FROM reports r
	WHERE r.period_key = ? AND r.project_code > ? `

// statusNotApproved narrows the reports a rescore reads to those not
// approved (report alias r).
const statusNotApproved = `AND r.status <> 'approved' `

// rescoreBuffers are a lane's, used again by each of its chunks.
type rescoreBuffers struct {
	stored []byte // the chunk's stored evaluations, one after the other
	evText []byte // a fresh evaluation as text, as the store writes it
	evFull []byte // and with every line's score, as stored before (storedEvaluation)
}

// rescoreChunk rescores, in one transaction, the first rescoreChunk reports
// of the period after project code after, and up to upTo when it is not
// empty.
func (s *Store) rescoreChunk(ctx context.Context, per period.Period, after, upTo, statusCond string, eval Evaluator, buf *rescoreBuffers) (n, changed int, last string, err error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	defer tx.Rollback(ctx)
	db := on(tx)
	if _, err := db.exec(ctx, deferRollups); err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	var rows pgx.Rows
	if upTo == "" {
		rows, err = db.query(ctx, rescoreSelect+statusCond+`ORDER BY r.project_code LIMIT ? FOR UPDATE`, per.Key, after, rescoreChunk)
	} else {
		rows, err = db.query(ctx, rescoreSelect+statusCond+`AND r.project_code <= ? ORDER BY r.project_code LIMIT ? FOR UPDATE`, per.Key, after, upTo, rescoreChunk)
	}
	if err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	heads := make([]reportRow, 0, rescoreChunk)
	ends := make([]int, 0, rescoreChunk) // of each report's evaluation in buf.stored
	buf.stored = buf.stored[:0]
	var adj, exe, prj pgtype.Numeric
	for rows.Next() {
		heads = append(heads, reportRow{}) // scanned in place
		r := &heads[len(heads)-1]
		if err := rows.Scan(&r.ID, &r.ProjectCode, &r.Status, &r.Version, &adj, &exe, &prj, &r.BudgetReason, &r.UpdatedAt, &r.UpdatedBy, &r.TargetVersion, nil); err != nil {
			rows.Close()
			return 0, 0, "", fmt.Errorf("rescore: %w", err)
		}
		r.BudgetAdjusted, r.BudgetExecuted, r.BudgetProjected = nullDec(adj), nullDec(exe), nullDec(prj)
		r.PeriodKey, r.Evaluation = per.Key, []byte("{}")
		raw := rows.RawValues()
		buf.stored = append(buf.stored, raw[len(raw)-1]...) // text: the same bytes in either format
		ends = append(ends, len(buf.stored))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	if len(heads) == 0 {
		return 0, 0, "", tx.Commit(ctx)
	}
	codes, ids := make([]string, len(heads)), make([]int64, len(heads))
	for i, h := range heads {
		codes[i], ids[i] = h.ProjectCode, h.ID
	}
	projects, err := readProjects(ctx, db, ScopeAll(), codes)
	if err != nil {
		return 0, 0, "", err
	}
	lines, err := readLines(ctx, db, ids)
	if err != nil {
		return 0, 0, "", err
	}
	var w rescoreWrites
	deps := map[string]bool{}
	rec := new(ReportRecord) // one for the chunk: handed to into, it lives on the heap
	for i, h := range heads {
		p, ok := projects[h.ProjectCode]
		if !ok {
			return 0, 0, "", fmt.Errorf("rescore %s: %w", h.ProjectCode, project.ErrNotFound)
		}
		if h.TargetVersion != p.TargetVersion { // filled against targets adjusted since: score against those
			if p, err = projectAtVersionPgx(ctx, db, p, h.TargetVersion); err != nil {
				return 0, 0, "", err
			}
		}
		*rec = ReportRecord{Project: p, Period: per, Report: report.Report{ProjectCode: h.ProjectCode, PeriodKey: per.Key},
			TargetVersion: h.TargetVersion}
		if err := h.into(rec, p, lines[h.ID]); err != nil {
			return 0, 0, "", err
		}
		ev, err := eval(p, per, rec.Report, rec.Adjustments)
		if err != nil {
			return 0, 0, "", fmt.Errorf("rescore %s: %w", h.ProjectCode, err)
		}
		// the evaluation as the jsonb column would print it once stored
		if buf.evText, err = appendEvaluationJSONB(buf.evText[:0], &ev); err != nil {
			return 0, 0, "", fmt.Errorf("rescore %s: %w", h.ProjectCode, err)
		}
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		stored := buf.stored[start:ends[i]]
		if bytes.Equal(buf.evText, stored) {
			continue // nothing to write
		}
		// the same evaluation stored with every line's score stays as it is;
		// that form is longer than the one written now, so a stored text no
		// longer than this cannot be it
		if len(stored) > len(buf.evText) {
			if buf.evFull, err = appendJSONB(buf.evFull[:0], &ev); err != nil {
				return 0, 0, "", fmt.Errorf("rescore %s: %w", h.ProjectCode, err)
			}
			if bytes.Equal(buf.evFull, stored) {
				continue
			}
		}
		blocking, err := appendJSONB(nil, append([]monitor.Problem{}, ev.Blocking...))
		if err != nil {
			return 0, 0, "", fmt.Errorf("rescore %s: %w", h.ProjectCode, err)
		}
		rec.Evaluation = ev
		w.add(h.ID, *rec, string(blocking), string(buf.evText))
		deps[p.Department.Code] = true
	}
	if len(w.ids) == 0 {
		return len(heads), 0, heads[len(heads)-1].ProjectCode, tx.Commit(ctx)
	}
	depList := make([]string, 0, len(deps))
	for d := range deps {
		depList = append(depList, d)
	}
	// in one order in every lane: two lanes never wait on each other's rollup rows
	slices.Sort(depList)
	b := &batch{}
	b.queue(`UPDATE reports r SET time_progress = t.time_progress, execution_rate = t.execution_rate, execution_score = t.execution_score,
		budget_light = t.budget_light, light = t.light, indicator_sum = t.indicator_sum, total = t.total, computed_total = t.computed_total,
		grade = t.grade, blocking = t.blocking::jsonb, evaluation = t.evaluation::jsonb
		FROM unnest(?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::numeric[], ?::numeric[],
			?::numeric[], ?::text[], ?::text[], ?::text[])
			AS t(id, time_progress, execution_rate, execution_score, budget_light, light, indicator_sum, total, computed_total, grade, blocking, evaluation)
		WHERE r.id = t.id`,
		w.ids, w.timeProgress, w.executionRate, w.executionScore, w.budgetLight, w.light, w.indicatorSum, w.total, w.computedTotal,
		w.grade, w.blocking, w.evaluation)
	// a line whose results are the same is left as it is (computed and score
	// are numeric(6,2): equal numbers are stored alike)
	b.queue(`UPDATE report_lines l SET light = t.light, rule = t.rule, computed = t.computed, score = t.score, needs_explanation = t.needs_explanation
		FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::boolean[])
			AS t(report_id, indicator_id, light, rule, computed, score, needs_explanation)
		WHERE l.report_id = t.report_id AND l.indicator_id = t.indicator_id
			AND (l.light, l.rule, l.computed, l.score, l.needs_explanation) IS DISTINCT FROM (t.light, t.rule, t.computed, t.score, t.needs_explanation)`,
		w.lineReport, w.lineIndicator, w.lineLight, w.lineRule, w.lineComputed, w.lineScore, w.lineNeeds)
	// only the departments of reports written: the others' rollups hold
	b.queue(`SELECT refresh_dashboard_rollup(?, d) FROM unnest(?::text[]) d`, per.Key, depList)
	if err := db.sendBatch(ctx, b).Close(); err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, 0, "", fmt.Errorf("rescore: %w", err)
	}
	return len(heads), len(w.ids), heads[len(heads)-1].ProjectCode, nil
}

// rescoreWrites are the columns a chunk writes, by column, for unnest.
type rescoreWrites struct {
	ids                                             []int64
	timeProgress, executionRate, executionScore     []pgtype.Numeric
	indicatorSum, total, computedTotal              []pgtype.Numeric
	budgetLight, light, grade, blocking, evaluation []string
	lineReport, lineIndicator                       []int64
	lineLight, lineRule                             []string
	lineComputed, lineScore                         []pgtype.Numeric
	lineNeeds                                       []bool
}

// add adds a rescored report: its reports row's results (what newReportRow
// takes from the evaluation) and its lines' (what lineRows does).
func (w *rescoreWrites) add(id int64, rec ReportRecord, blocking, evaluation string) {
	ev := rec.Evaluation
	w.ids = append(w.ids, id)
	w.timeProgress = append(w.timeProgress, numeric(ev.TimeProgress))
	w.executionRate = append(w.executionRate, nullNumeric(null(ev.Budget.Rate)))
	w.executionScore = append(w.executionScore, numeric(ev.Score.Execution.Score))
	w.budgetLight = append(w.budgetLight, string(ev.Budget.Light))
	w.light = append(w.light, string(ev.Light))
	w.indicatorSum = append(w.indicatorSum, numeric(ev.Score.IndicatorSum))
	w.total = append(w.total, numeric(ev.Total))
	w.computedTotal = append(w.computedTotal, numeric(ev.Score.ComputedTotal))
	w.grade = append(w.grade, string(ev.Grade))
	w.blocking = append(w.blocking, blocking)
	w.evaluation = append(w.evaluation, evaluation)
	for _, l := range lineRows(id, rec) {
		w.lineReport = append(w.lineReport, l.ReportID)
		w.lineIndicator = append(w.lineIndicator, l.IndicatorID)
		w.lineLight = append(w.lineLight, l.Light)
		w.lineRule = append(w.lineRule, l.Rule)
		w.lineComputed = append(w.lineComputed, numeric(l.Computed))
		w.lineScore = append(w.lineScore, numeric(l.Score))
		w.lineNeeds = append(w.lineNeeds, l.NeedsExplanation)
	}
}

// ProjectsByCode reads the projects of the given codes that the scope
// sees, with their indicators, in one round trip.
func (s *Store) ProjectsByCode(ctx context.Context, sc Scope, codes []string) (map[string]project.Project, error) {
	return readProjects(ctx, on(s.pool), sc, codes)
}

// readProjects reads projects the scope sees, with their indicators, by code.
func readProjects(ctx context.Context, db pg, sc Scope, codes []string) (map[string]project.Project, error) {
	cond, args := sc.where("p")
	b := &batch{}
	b.queue(`SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight, d.name,
		p.status, p.version, p.target_version, p.copied_from
		FROM projects p JOIN departments d ON d.code = p.department_code WHERE p.code = ANY(?) AND `+cond, append([]any{codes}, args...)...)
	b.queue(`SELECT project_code, id, level1, level2, name, nature, target, unit, weight, accrual FROM indicators
		WHERE project_code = ANY(?) AND retired_in IS NULL ORDER BY project_code, position`, codes)
	res := db.sendBatch(ctx, b)
	defer res.Close()
	out := map[string]project.Project{}
	rows, err := res.Query()
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	for rows.Next() {
		var p project.Project
		var budget, weight pgtype.Numeric
		var status string
		if err := rows.Scan(&p.Code, &p.Department.Code, &p.Year, &p.Name, &p.Category, &budget, &p.Goal, &weight, &p.Department.Name,
			&status, &p.Version, &p.TargetVersion, &p.CopiedFrom); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read projects: %w", err)
		}
		p.Budget, p.ExecutionWeight, p.Status = orZero(budget), orZero(weight), project.Status(status)
		out[p.Code] = p
	}
	rows.Close()
	if rows, err = res.Query(); err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	defer rows.Close()
	// the indicators in one array, each project's a slice of it (the rows
	// come by project)
	all := make([]project.Indicator, 0, 8*len(out))
	var owners []string
	var code, nature, accrual string
	var weight pgtype.Numeric
	for rows.Next() {
		all = append(all, project.Indicator{}) // scanned in place
		in := &all[len(all)-1]
		if err := rows.Scan(&code, &in.ID, &in.Level1, &in.Level2, &in.Name, &nature, &in.Target, &in.Unit, &weight, &accrual); err != nil {
			return nil, fmt.Errorf("read indicators: %w", err)
		}
		if _, ok := out[code]; !ok {
			all = all[:len(all)-1]
			continue // outside the scope
		}
		in.Nature, in.Accrual, in.Weight = project.Nature(nature), project.Accrual(accrual), orZero(weight)
		owners = append(owners, code)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && owners[j] == owners[i] {
			j++
		}
		p := out[owners[i]]
		p.Indicators = all[i:j:j]
		out[owners[i]] = p
		i = j
	}
	return out, nil
}

// readLines reads the lines of reports by report id.
func readLines(ctx context.Context, db pg, ids []int64) (map[int64][]lineRow, error) {
	b := &batch{}
	b.queue(`SELECT l.report_id, l.indicator_id, l.value, l.projected, l.score_input, l.band, l.completed_on, l.not_applicable,
		l.not_applicable_reason, l.deviation_causes, l.explanation, l.measures, l.likelihood, l.adjusted, l.adjust_reason
		FROM report_lines l WHERE l.report_id = ANY(?) ORDER BY l.report_id`, ids)
	res := db.sendBatch(ctx, b)
	defer res.Close()
	rows, err := res.Query()
	if err != nil {
		return nil, fmt.Errorf("read lines: %w", err)
	}
	defer rows.Close()
	// the lines in one array, each report's a slice of it
	all := make([]lineRow, 0, 8*len(ids))
	var value, projected, scoreInput, adjusted pgtype.Numeric
	var done pgtype.Date
	for rows.Next() {
		all = append(all, lineRow{}) // scanned in place
		l := &all[len(all)-1]
		var causes []string
		if err := rows.Scan(&l.ReportID, &l.IndicatorID, &value, &projected, &scoreInput, &l.Band, &done, &l.NotApplicable, &l.NotApplicableReason,
			&causes, &l.Explanation, &l.Measures, &l.Likelihood, &adjusted, &l.AdjustReason); err != nil {
			return nil, fmt.Errorf("read lines: %w", err)
		}
		l.Value, l.Projected, l.ScoreInput, l.Adjusted = nullDec(value), nullDec(projected), nullDec(scoreInput), nullDec(adjusted)
		l.DeviationCauses = causes
		if done.Valid {
			s := done.Time.Format("2006-01-02")
			l.CompletedOn = &s
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read lines: %w", err)
	}
	out := make(map[int64][]lineRow, len(ids))
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].ReportID == all[i].ReportID {
			j++
		}
		out[all[i].ReportID] = all[i:j:j]
		i = j
	}
	return out, nil
}

// projectAtVersionPgx is projectAtVersion within a pgx transaction.
func projectAtVersionPgx(ctx context.Context, db pg, p project.Project, v int) (project.Project, error) {
	row := targetVersionRow{ProjectCode: p.Code, Version: v}
	var weight, budget pgtype.Numeric
	err := db.queryRow(ctx, `SELECT budget, execution_weight, indicators FROM target_versions WHERE project_code = ? AND version = ?`,
		p.Code, v).Scan(&budget, &weight, &row.Indicators)
	if err != nil {
		return project.Project{}, fmt.Errorf("target version %s v%d: %w", p.Code, v, err)
	}
	row.Budget, row.ExecutionWeight = orZero(budget), orZero(weight)
	tv, err := row.domain(p.TargetVersion)
	if err != nil {
		return project.Project{}, err
	}
	p.Indicators, p.TargetVersion, p.ExecutionWeight = tv.Indicators, v, tv.ExecutionWeight
	return p, nil
}
