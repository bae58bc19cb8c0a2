package store

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// into converts the rows to the record, lines in the project's indicator order.
func (r reportRow) into(rec *ReportRecord, p project.Project, lines []lineRow) error {
	rec.Saved = true
	rec.UpdatedAt, rec.UpdatedBy = r.UpdatedAt, r.UpdatedBy
	rec.Report.Status, rec.Report.Version = report.Status(r.Status), r.Version
	rec.Report.Budget = report.Budget{Adjusted: ptr(r.BudgetAdjusted), Executed: ptr(r.BudgetExecuted),
		Projected: ptr(r.BudgetProjected), Reason: r.BudgetReason,
		Basic:    report.PartExecution{Executed: ptr(r.BasicExecuted), Projected: ptr(r.BasicProjected)},
		Projects: report.PartExecution{Executed: ptr(r.ProjectsExecuted), Projected: ptr(r.ProjectsProjected)}}
	byID := lineIndex(lines)
	for _, in := range p.Indicators {
		l, ok := findLine(lines, byID, in.ID)
		if !ok {
			continue
		}
		if rec.Report.Lines == nil {
			rec.Report.Lines = make([]report.Line, 0, len(lines))
		}
		line := report.Line{IndicatorID: l.IndicatorID, Value: ptr(l.Value), Projected: ptr(l.Projected), ScoreInput: ptr(l.ScoreInput),
			Band: report.Band(l.Band), NotApplicable: l.NotApplicable, NotApplicableReason: l.NotApplicableReason,
			Explanation: l.Explanation, Measures: l.Measures, Likelihood: report.Likelihood(l.Likelihood)}
		if l.CompletedOn != nil {
			line.CompletedOn = (*l.CompletedOn)[:10]
		}
		if len(l.DeviationCauses) > 0 {
			line.DeviationCauses = make([]report.Cause, len(l.DeviationCauses))
			for i, c := range l.DeviationCauses {
				line.DeviationCauses[i] = report.Cause(c)
			}
		}
		rec.Report.Lines = append(rec.Report.Lines, line)
		if l.Adjusted.Valid {
			rec.Adjustments = append(rec.Adjustments, scoring.Adjustment{IndicatorID: l.IndicatorID, Score: l.Adjusted.Decimal, Reason: l.AdjustReason})
		}
	}
	if err := decodeEvaluation(r.Evaluation, &rec.Evaluation); err != nil {
		return fmt.Errorf("read stored evaluation of %s/%s: %w", r.ProjectCode, r.PeriodKey, err)
	}
	return nil
}

// lineIndex maps indicator ids to lines for a report of many lines; a
// report's few lines are looked through (nil).
func lineIndex(lines []lineRow) map[int64]int {
	if len(lines) <= 32 {
		return nil
	}
	byID := make(map[int64]int, len(lines))
	for i, l := range lines {
		byID[l.IndicatorID] = i
	}
	return byID
}

// findLine finds the line of an indicator, the last one as the index keeps.
func findLine(lines []lineRow, byID map[int64]int, id int64) (*lineRow, bool) {
	if byID != nil {
		i, ok := byID[id]
		if !ok {
			return nil, false
		}
		return &lines[i], true
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].IndicatorID == id {
			return &lines[i], true
		}
	}
	return nil, false
}

func ptr(d decimal.NullDecimal) *decimal.Decimal {
	if !d.Valid {
		return nil
	}
	v := d.Decimal
	return &v
}

func null(d *decimal.Decimal) decimal.NullDecimal {
	if d == nil {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: *d, Valid: true}
}

func lineRows(id int64, rec ReportRecord) []lineRow {
	evals := map[int64]monitor.LineEvaluation{}
	for _, le := range rec.Evaluation.Lines {
		evals[le.IndicatorID] = le
	}
	adj := map[int64]scoring.Adjustment{}
	for _, a := range rec.Adjustments {
		adj[a.IndicatorID] = a
	}
	out := make([]lineRow, 0, len(rec.Report.Lines))
	for _, l := range rec.Report.Lines {
		le := evals[l.IndicatorID]
		r := lineRow{ReportID: id, IndicatorID: l.IndicatorID, Value: null(l.Value), Projected: null(l.Projected),
			ScoreInput: null(l.ScoreInput), Band: string(l.Band), NotApplicable: l.NotApplicable,
			NotApplicableReason: l.NotApplicableReason, Explanation: l.Explanation, Measures: l.Measures,
			Likelihood: string(l.Likelihood), DeviationCauses: textArray{},
			Light: string(le.Light), Rule: string(le.Score.Rule), Computed: le.Score.Computed, Score: le.Score.Score,
			NeedsExplanation: le.NeedsExplanation()}
		if l.CompletedOn != "" {
			c := l.CompletedOn
			r.CompletedOn = &c
		}
		for _, c := range l.DeviationCauses {
			r.DeviationCauses = append(r.DeviationCauses, string(c))
		}
		if a, ok := adj[l.IndicatorID]; ok {
			r.Adjusted = decimal.NullDecimal{Decimal: a.Score, Valid: true}
			r.AdjustReason = a.Reason
		}
		out = append(out, r)
	}
	return out
}

// textArray is a text[] parameter that gorm passes whole (a plain slice it
// would spread into a list): "= ANY(?)" with a textArray reads the same
// through gorm and pgx. Scan reads back arrays of plain words (the deviation
// causes, validated enums without commas, quotes or braces).
type textArray []string

// Value writes the array literal {"a","b"}.
func (a textArray) Value() (driver.Value, error) {
	return a.literal()
}

func (a textArray) literal() (string, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for _, r := range v {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

// Scan reads the array literal {a,b}.
func (a *textArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*a = nil
		return nil
	default:
		return fmt.Errorf("text[]: unexpected %T", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	*a = textArray{}
	if s != "" {
		for _, w := range strings.Split(s, ",") {
			*a = append(*a, strings.Trim(w, `"`))
		}
	}
	return nil
}
