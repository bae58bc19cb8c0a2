package scoring

import (
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// Result is a project's score for one period.
type Result struct {
	Lines            []LineScore // one per project indicator, in project order
	Execution        ExecutionScore
	IndicatorWeight  decimal.Decimal // Σ W of all indicators (90)
	ApplicableWeight decimal.Decimal // Σ W of the applicable ones
	LineSum          decimal.Decimal // Σ final line scores, before rescaling
	// IndicatorSum is LineSum × IndicatorWeight ÷ ApplicableWeight, rounded
	// half-up to 2 places; it equals LineSum when every line applies. Line
	// scores are reported as scored, never rescaled: only this sum is.
	IndicatorSum decimal.Decimal
	Total        decimal.Decimal // IndicatorSum + Execution.Score
	// ComputedTotal is the total the rules gave before any reviewer
	// adjustment, kept beside Total; equal to it without adjustments.
	ComputedTotal decimal.Decimal
	Grade         rules.Grade
	Basis         string // how IndicatorSum and Total were formed
	// Effects are the provincial variants that changed the total (an
	// execution cap), in the order applied; nil when none did.
	Effects []Effect
}

// Score scores a report (domain reference §3). For the annual period (kind
// final) it scores the final values and the amount executed; for a
// monitoring period it scores the projected full-year values and projected
// execution (§4), counting a deadline as on time when it is done by its
// deadline or its likelihood is certain. A line missing from the report
// scores as if nothing were entered. Adjustments replace computed scores
// (see Adjustment). The report is checked first: a report or adjustment that
// is wrong in itself gives a *report.ValidationError.
func Score(rs rules.RuleSet, p project.Project, per period.Period, r report.Report, adj []Adjustment) (Result, error) {
	if err := r.ValidateWith(rs, p, per); err != nil {
		return Result{}, err
	}
	projected := per.Kind != period.KindFinal
	lines := make([]LineScore, 0, len(p.Indicators))
	for _, ind := range p.Indicators {
		l, _, _ := r.Line(ind.ID)
		in := Input{
			Indicator:     ind,
			Value:         l.Value,
			Band:          l.Band,
			ScoreInput:    l.ScoreInput,
			CompletedOn:   l.CompletedOn,
			Likelihood:    l.Likelihood,
			Projected:     projected,
			NotApplicable: l.NotApplicable,
		}
		if projected {
			in.Value = l.Projected
		}
		ls, err := Line(rs, in)
		if err != nil {
			return Result{}, fmt.Errorf("score: %w", err)
		}
		lines = append(lines, ls)
	}
	if err := applyAdjustments(rs, p, lines, adj); err != nil {
		return Result{}, err
	}
	executed := r.Budget.Executed
	if projected {
		executed = r.Budget.Projected
	}
	adjusted := AdjustedBudget(p, r.Budget)
	exec := Execution(rs, p.ExecutionWeight, adjusted, executed)
	res := Sum(rs, p.IndicatorWeight(), lines, exec)
	if !projected { // the caps are the self-evaluation's
		applyCap(rs, &res, adjusted, executed)
	}
	return res, nil
}

// AdjustedBudget is the report's adjusted budget, or the project's budget
// when it was not adjusted.
func AdjustedBudget(p project.Project, b report.Budget) *decimal.Decimal {
	if b.Adjusted != nil {
		return b.Adjusted
	}
	budget := p.Budget
	return &budget
}

// Sum totals scored lines and the execution score: the applicable lines'
// final scores are added, rescaled to the full indicator weight (Rescale),
// the execution score is added and the grade looked up.
func Sum(rs rules.RuleSet, indicatorWeight decimal.Decimal, lines []LineScore, exec ExecutionScore) Result {
	res := Result{
		Lines:            lines,
		Execution:        exec,
		IndicatorWeight:  indicatorWeight,
		ApplicableWeight: decimal.Zero,
		LineSum:          decimal.Zero,
	}
	computed := decimal.Zero
	for _, l := range lines {
		if l.NotApplicable {
			continue
		}
		w, _ := decimal.NewFromString(l.Weight)
		res.ApplicableWeight = res.ApplicableWeight.Add(w)
		res.LineSum = res.LineSum.Add(l.Score)
		computed = computed.Add(l.Computed)
	}
	res.IndicatorSum = Rescale(res.LineSum, indicatorWeight, res.ApplicableWeight)
	res.Total = res.IndicatorSum.Add(exec.Score)
	res.ComputedTotal = Rescale(computed, indicatorWeight, res.ApplicableWeight).Add(exec.Score)
	res.Grade = rs.Grade(res.Total)
	res.Basis = "指标得分合计 " + report.FormatFixed(res.IndicatorSum, 2) + " + 预算执行率得分 " + report.FormatFixed(exec.Score, 2) +
		" = " + report.FormatFixed(res.Total, 2)
	if !res.ApplicableWeight.Equal(indicatorWeight) {
		res.Basis = "适用指标得分合计 " + report.FormatFixed(res.LineSum, 2) + " × 指标总权重 " + report.FormatNumber(indicatorWeight) +
			" ÷ 适用指标权重 " + report.FormatNumber(res.ApplicableWeight) + " = " + report.FormatFixed(res.IndicatorSum, 2) + "；" + res.Basis
	}
	return res
}

// Rescale returns sum × total ÷ applicable rounded half-up to 2 places: the
// applicable lines' score stretched to the full indicator weight when some
// lines are not applicable. With no applicable weight it is 0.
func Rescale(sum, total, applicable decimal.Decimal) decimal.Decimal {
	if !applicable.IsPositive() {
		return decimal.Zero
	}
	return sum.Mul(total).DivRound(applicable, 2)
}
