package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// Field is one field of a partial save: Sent tells whether the request named
// it (a field not sent keeps its value; one sent as null or "" clears it).
type Field[T any] struct {
	Value T
	Sent  bool
}

// Set is a field that was sent with value v.
func Set[T any](v T) Field[T] { return Field[T]{Value: v, Sent: true} }

func (f Field[T]) apply(dst *T) {
	if f.Sent {
		*dst = f.Value
	}
}

// LinePatch is the part of one line a partial save sends.
type LinePatch struct {
	IndicatorID         int64
	Value               Field[*decimal.Decimal]
	Projected           Field[*decimal.Decimal]
	ScoreInput          Field[*decimal.Decimal]
	Band                Field[Band]
	CompletedOn         Field[string]
	NotApplicable       Field[bool]
	NotApplicableReason Field[string]
	DeviationCauses     Field[[]Cause]
	Explanation         Field[string]
	Measures            Field[string]
	Likelihood          Field[Likelihood]
}

// BudgetPatch is the part of the budget a partial save sends.
type BudgetPatch struct {
	Adjusted  Field[*decimal.Decimal]
	Executed  Field[*decimal.Decimal]
	Projected Field[*decimal.Decimal]
	Reason    Field[string]
	// Parts are the 基本支出 / 项目支出 fields sent, by part name.
	Parts []PartPatch
}

// PartPatch is what a partial save sends of one part of the whole budget.
type PartPatch struct {
	Part      string // PartBasic or PartProjects
	Executed  Field[*decimal.Decimal]
	Projected Field[*decimal.Decimal]
}

// Patch is a partial save (HTTP PATCH): lines are merged by indicator id.
type Patch struct {
	Budget BudgetPatch
	Lines  []LinePatch
}

// Merge returns r with the patch applied: each patched line is the stored
// line of its indicator (or an empty one) with the fields sent replaced.
// The patched lines come first, in the patch's order, so that validating the
// result names problems by the request's own field paths (lines[i]); the
// lines the patch does not touch follow. A patch naming an indicator twice
// yields two lines for it, which validation refuses as a duplicate.
func (r Report) Merge(pt Patch) Report {
	out := r
	b := r.Budget
	pt.Budget.Adjusted.apply(&b.Adjusted)
	pt.Budget.Executed.apply(&b.Executed)
	pt.Budget.Projected.apply(&b.Projected)
	pt.Budget.Reason.apply(&b.Reason)
	for _, pp := range pt.Budget.Parts {
		if part, ok := b.Part(pp.Part); ok {
			pp.Executed.apply(&part.Executed)
			pp.Projected.apply(&part.Projected)
		}
	}
	out.Budget = b
	touched := map[int64]bool{}
	out.Lines = make([]Line, 0, len(r.Lines)+len(pt.Lines))
	for _, lp := range pt.Lines {
		l, _, ok := r.Line(lp.IndicatorID)
		if !ok {
			l = Line{IndicatorID: lp.IndicatorID}
		}
		l.DeviationCauses = append([]Cause(nil), l.DeviationCauses...)
		lp.Value.apply(&l.Value)
		lp.Projected.apply(&l.Projected)
		lp.ScoreInput.apply(&l.ScoreInput)
		lp.Band.apply(&l.Band)
		lp.CompletedOn.apply(&l.CompletedOn)
		lp.NotApplicable.apply(&l.NotApplicable)
		lp.NotApplicableReason.apply(&l.NotApplicableReason)
		lp.DeviationCauses.apply(&l.DeviationCauses)
		lp.Explanation.apply(&l.Explanation)
		lp.Measures.apply(&l.Measures)
		lp.Likelihood.apply(&l.Likelihood)
		out.Lines = append(out.Lines, l)
		touched[lp.IndicatorID] = true
	}
	for _, l := range r.Lines {
		if !touched[l.IndicatorID] {
			out.Lines = append(out.Lines, l)
		}
	}
	return out
}

// InOrder returns r with its lines in the project's indicator order; lines
// of indicators the project does not have keep their order at the end.
func (r Report) InOrder(p project.Project) Report {
	out := r
	out.Lines = make([]Line, 0, len(r.Lines))
	known := map[int64]bool{}
	for _, in := range p.Indicators {
		known[in.ID] = true
		if l, _, ok := r.Line(in.ID); ok {
			out.Lines = append(out.Lines, l)
		}
	}
	for _, l := range r.Lines {
		if !known[l.IndicatorID] {
			out.Lines = append(out.Lines, l)
		}
	}
	return out
}

// completeness adds a problem under "lines" when the report does not name
// every indicator of the project; repeated and unknown ones are reported by
// line (see ValidateWith).
func (r Report) completeness(pr Problems, p project.Project) {
	var missing []string
	for _, in := range p.Indicators {
		if _, _, ok := r.Line(in.ID); !ok {
			missing = append(missing, strconv.FormatInt(in.ID, 10))
		}
	}
	if len(missing) > 0 {
		pr.Add("lines", fmt.Sprintf("整体保存须包含项目的每个指标各一行，缺少%d个指标（indicator_id %s）；只修改部分指标请使用 PATCH",
			len(missing), strings.Join(missing, "、")))
	}
}
