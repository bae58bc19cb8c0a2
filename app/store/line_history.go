package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// PreviousValue is an indicator's line in the previous monitoring period of
// the same year.
type PreviousValue struct {
	IndicatorID int64
	Period      string
	Value       *string
	Light       string
	Status      string
}

// LastYearValue is the same indicator last year, found through the
// indicator it was copied from or its library entry: its target and, from
// that year's annual self-evaluation, its actual and line score.
type LastYearValue struct {
	IndicatorID     int64 // this year's
	Via             string
	Year            int
	ProjectCode     string
	ProjectName     string
	LastIndicatorID int64
	Target          string
	Unit            string
	Actual          *string
	Score           *string
	Status          *string // of last year's annual report; nil when none
}

// LineHistory is each line's previous monitoring period and last year,
// by this year's indicator id.
type LineHistory struct {
	Previous map[int64]PreviousValue
	LastYear map[int64]LastYearValue
}

// The queries of a report's line history, sent in the round trip of the
// report read (GetReportWithHistory) or on their own (LineHistory). Both
// cover every indicator of the project, so that they need not wait for the
// report's lines; the caller picks its lines' indicators.
//
// previousLinesSQL takes the period's key and the project's code: the lines
// of the project's report in the monitoring period before it (the year's
// last one for the annual self-evaluation).
const previousLinesSQL = `
	WITH cur AS (SELECT year, kind, cutoff_month FROM periods WHERE key = ?),
	pp AS (SELECT p.key FROM periods p, cur WHERE p.year = cur.year AND p.kind = 'monitor'
	        AND (cur.kind = 'final' OR p.cutoff_month < cur.cutoff_month)
	       ORDER BY p.cutoff_month DESC LIMIT 1)
	SELECT rl.indicator_id, r.period_key, rl.value::text, coalesce(rl.light, ''), r.status
	FROM pp JOIN reports r ON r.period_key = pp.key AND r.project_code = ?
	JOIN report_lines rl ON rl.report_id = r.id`

// lastYearSQL takes the scope's condition on last year's project (p2) with
// its arguments, then the project's code: each indicator's counterpart last
// year, through the indicator it was copied from or its library entry, with
// that year's annual line.
const lastYearSQL = `
	SELECT i.id, CASE WHEN li.id = i.copy_of THEN 'copy' ELSE 'library' END,
	  li.year, li.project_code, li.project_name, li.id, li.target, li.unit,
	  rl.value::text, rl.score::text, r.status
	FROM indicators i JOIN projects p ON p.code = i.project_code
	JOIN LATERAL (
	  SELECT i2.id, i2.target, i2.unit, p2.year, p2.code AS project_code, p2.name AS project_name
	  FROM indicators i2 JOIN projects p2 ON p2.code = i2.project_code
	  WHERE (i2.id = i.copy_of OR (i.library_id IS NOT NULL AND i2.library_id = i.library_id
	          AND p2.year = p.year - 1 AND p2.department_code = p.department_code AND i2.retired_in IS NULL))
	    AND %s
	  ORDER BY (i2.id = i.copy_of) DESC, (p2.code = p.copied_from) DESC, p2.code, i2.position LIMIT 1) li ON true
	LEFT JOIN reports r ON r.project_code = li.project_code AND r.period_key = li.year::text
	LEFT JOIN report_lines rl ON rl.report_id = r.id AND rl.indicator_id = li.id
	WHERE p.code = ?`

// queueLineHistory adds the two queries of a project's line history to b.
func queueLineHistory(b *batch, sc Scope, code, periodKey string) {
	b.queue(previousLinesSQL, periodKey, code)
	cond, args := sc.where("p2")
	b.queue(fmt.Sprintf(lastYearSQL, cond), append(args, code)...)
}

// scanLineHistory reads the results of queueLineHistory's queries.
func scanLineHistory(res pgx.BatchResults, code, periodKey string) (LineHistory, error) {
	h := LineHistory{Previous: map[int64]PreviousValue{}, LastYear: map[int64]LastYearValue{}}
	rows, err := res.Query()
	if err != nil {
		return h, fmt.Errorf("previous period of %s %s: %w", code, periodKey, err)
	}
	for rows.Next() {
		var p PreviousValue
		if err := rows.Scan(&p.IndicatorID, &p.Period, &p.Value, &p.Light, &p.Status); err != nil {
			rows.Close()
			return h, fmt.Errorf("previous period of %s %s: %w", code, periodKey, err)
		}
		p.Value = trimStored(p.Value)
		h.Previous[p.IndicatorID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("previous period of %s %s: %w", code, periodKey, err)
	}
	if rows, err = res.Query(); err != nil {
		return h, fmt.Errorf("last year of %s: %w", code, err)
	}
	for rows.Next() {
		var l LastYearValue
		if err := rows.Scan(&l.IndicatorID, &l.Via, &l.Year, &l.ProjectCode, &l.ProjectName, &l.LastIndicatorID, &l.Target, &l.Unit,
			&l.Actual, &l.Score, &l.Status); err != nil {
			rows.Close()
			return h, fmt.Errorf("last year of %s: %w", code, err)
		}
		l.Actual = trimStored(l.Actual)
		h.LastYear[l.IndicatorID] = l
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("last year of %s: %w", code, err)
	}
	return h, nil
}

// LineHistory returns, for the indicators of a project, their lines in the
// monitoring period before periodKey (the last monitoring period of the year
// for the annual one), and last year's target and actual, in one round trip.
// Last year's projects outside the scope are not looked at.
func (s *Store) LineHistory(ctx context.Context, sc Scope, code, periodKey string) (LineHistory, error) {
	b := &batch{}
	queueLineHistory(b, sc, code, periodKey)
	res := on(s.pool).sendBatch(ctx, b)
	h, err := scanLineHistory(res, code, periodKey)
	if cerr := res.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("line history of %s %s: %w", code, periodKey, cerr)
	}
	return h, err
}

// trimStored writes a stored numeric without trailing zeros ("900.0000" → "900").
func trimStored(v *string) *string {
	if v == nil {
		return nil
	}
	s := *v
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			for len(s) > i && (s[len(s)-1] == '0') {
				s = s[:len(s)-1]
			}
			s = trimSuffixDot(s)
			break
		}
	}
	return &s
}

func trimSuffixDot(s string) string {
	if len(s) > 0 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// LastYearFacts finds, for each indicator of a project being drafted or
// reviewed (by its copy_of, else its library_id among the department's
// projects of the year before), last year's target, unit, actual and line
// score; nil where none. budget is last year's budget of the project the
// draft was copied from (nil when none or not visible).
func (s *Store) LastYearFacts(ctx context.Context, sc Scope, department string, year int, copiedFrom string, ins []project.Indicator) ([]*LastYearValue, *decimal.Decimal, error) {
	out := make([]*LastYearValue, len(ins))
	copyOf, lib := make([]int64, len(ins)), make([]int64, len(ins))
	for i, in := range ins {
		copyOf[i], lib[i] = in.CopyOf, in.LibraryID
	}
	cond, args := sc.where("p2")
	args = append(append([]any{ints(copyOf), ints(lib), year - 1, department}, args...), copiedFrom)
	var rows []struct {
		LastYearValue
		Pos int
	}
	if err := s.db.WithContext(ctx).Raw(fmt.Sprintf(`
		SELECT x.pos, li.year, li.project_code, li.project_name, li.id AS last_indicator_id, li.target, li.unit,
		  CASE WHEN li.id = x.copy_of THEN 'copy' ELSE 'library' END AS via,
		  rl.value::text AS actual, rl.score::text AS score, r.status
		FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS x(copy_of, library_id, pos)
		JOIN LATERAL (
		  SELECT i2.id, i2.target, i2.unit, p2.year, p2.code AS project_code, p2.name AS project_name
		  FROM indicators i2 JOIN projects p2 ON p2.code = i2.project_code
		  WHERE ((x.copy_of <> 0 AND i2.id = x.copy_of) OR (x.library_id <> 0 AND i2.library_id = x.library_id
		          AND p2.year = ? AND p2.department_code = ? AND i2.retired_in IS NULL))
		    AND %s
		  ORDER BY (i2.id = x.copy_of) DESC, (p2.code = ?) DESC, p2.code, i2.position LIMIT 1) li ON true
		LEFT JOIN reports r ON r.project_code = li.project_code AND r.period_key = li.year::text
		LEFT JOIN report_lines rl ON rl.report_id = r.id AND rl.indicator_id = li.id`, cond), args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("last year's facts: %w", err)
	}
	for _, r := range rows {
		v := r.LastYearValue
		v.Actual = trimStored(v.Actual)
		if r.Pos >= 1 && r.Pos <= len(out) {
			out[r.Pos-1] = &v
		}
	}
	if copiedFrom == "" {
		return out, nil, nil
	}
	bcond, bargs := sc.where("p")
	bargs = append([]any{copiedFrom}, bargs...)
	var budgets []decimal.Decimal
	if err := s.db.WithContext(ctx).Raw(`SELECT p.budget FROM projects p WHERE p.code = ? AND `+bcond, bargs...).Scan(&budgets).Error; err != nil {
		return nil, nil, fmt.Errorf("last year's budget: %w", err)
	}
	if len(budgets) == 0 {
		return out, nil, nil
	}
	return out, &budgets[0], nil
}
