package monitor

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// ErrInvalidPeriod is returned for a period whose kind or cut-off month
// cannot be evaluated.
var ErrInvalidPeriod = errors.New("invalid period")

// Evaluation is everything the application shows and checks for a report
// after a save.
type Evaluation struct {
	TimeProgress decimal.Decimal // m/12 rounded to 4 places for display (1 for the annual period)
	Lines        []LineEvaluation
	Budget       BudgetEvaluation
	Light        report.Light   // the project's: the worst of the lines' and the budget's
	Score        scoring.Result // projected at mid-year, final for the annual period
	Total        decimal.Decimal
	Grade        rules.Grade
	Blocking     []Problem // what blocks submission; empty when the report may be submitted
	// RuleProfile is the rule profile (name and version) the report was
	// evaluated with.
	RuleProfile rules.ProfileRef
	// Warnings are the project-level warnings of the profile's variants;
	// their lights count towards Light. Nil when none.
	Warnings []Warning
}

// LineEvaluation is one indicator's light, score and what it still lacks.
type LineEvaluation struct {
	IndicatorID int64
	Light       report.Light
	Score       scoring.LineScore
	LightBasis  string   // why the light (LightBasis), as Score.Basis says why the score
	Missing     []string // what must be entered before submission (Chinese names), nil when nothing
}

// NeedsExplanation reports whether the line lacks something before submission.
func (l LineEvaluation) NeedsExplanation() bool { return len(l.Missing) > 0 }

// BudgetEvaluation is the budget execution to date and its light.
type BudgetEvaluation struct {
	Adjusted    decimal.Decimal  // the adjusted budget, or the project's budget when not adjusted
	Rate        *decimal.Decimal // executed ÷ adjusted rounded to 4 places; nil when unknown
	Light       report.Light
	NeedsReason bool     // the light is red or yellow, or the scored rate is below the threshold
	Missing     []string // what must be entered before submission
	// Basis says why the light (BudgetLightBasis): the execution rate
	// against the time progress, or a rule profile's fixed checkpoint.
	Basis string
}

// Problem is one thing that blocks submission, by API field path.
type Problem struct {
	IndicatorID int64  // 0 for the budget
	Field       string // "lines[2].explanation", "budget.reason"; "lines" for an indicator without a line
	Message     string // Chinese
}

// SubmitError returns the blocking problems as a *report.ValidationError
// (HTTP 422), or nil when the report may be submitted.
func (e Evaluation) SubmitError() error {
	if len(e.Blocking) == 0 {
		return nil
	}
	pr := report.Problems{}
	for _, p := range e.Blocking {
		if prev, ok := pr[p.Field]; ok {
			pr[p.Field] = prev + "；" + p.Message
			continue
		}
		pr.Add(p.Field, p.Message)
	}
	return pr.Err(report.ErrInvalid)
}

// Evaluate is the entry point called on every save: it validates the report
// (a *report.ValidationError for values wrong in themselves), scores it
// (scoring.Score, projected at mid-year), lights every line, the budget and
// the project, and lists what blocks submission. The rule set and the period
// are checked first.
func Evaluate(rs rules.RuleSet, p project.Project, per period.Period, r report.Report, adj []scoring.Adjustment) (Evaluation, error) {
	if err := rs.Validate(); err != nil {
		return Evaluation{}, fmt.Errorf("evaluate: %w", err)
	}
	if err := checkPeriod(per); err != nil {
		return Evaluation{}, fmt.Errorf("evaluate: %w", err)
	}
	score, err := scoring.Score(rs, p, per, r, adj)
	if err != nil {
		return Evaluation{}, fmt.Errorf("evaluate: %w", err)
	}
	ev := Evaluation{
		TimeProgress: decimal.NewFromInt(int64(Cutoff(per))).DivRound(twelve, 4),
		Lines:        make([]LineEvaluation, 0, len(p.Indicators)),
		Score:        score,
		Total:        score.Total,
		Grade:        score.Grade,
		RuleProfile:  rs.Ref(),
	}
	lights := make([]report.Light, 0, len(p.Indicators)+1)
	for i, ind := range p.Indicators {
		l, idx, found := r.Line(ind.ID)
		le := LineEvaluation{IndicatorID: ind.ID, Light: Light(rs, per, ind, l), Score: score.Lines[i],
			LightBasis: LightBasis(rs, per, ind, l)}
		needs := lineNeeds(rs, per, ind, l, le.Light, le.Score)
		le.Missing = labels(needs)
		lights = append(lights, le.Light)
		ev.Lines = append(ev.Lines, le)
		if !found && len(needs) > 0 {
			ev.Blocking = append(ev.Blocking, Problem{ind.ID, "lines",
				fmt.Sprintf("指标“%s”尚未填报：须填写%s", ind.Name, strings.Join(le.Missing, "、"))})
			continue
		}
		for _, n := range needs {
			ev.Blocking = append(ev.Blocking, Problem{ind.ID, fmt.Sprintf("lines[%d].%s", idx, n.field), n.message})
		}
	}
	ev.Budget = evaluateBudget(rs, p, per, r.Budget, score.Execution)
	for _, n := range budgetNeeds(rs, per, r.Budget, ev.Budget.Light, score.Execution) {
		ev.Blocking = append(ev.Blocking, Problem{0, "budget." + n.field, n.message})
		ev.Budget.Missing = append(ev.Budget.Missing, n.label)
	}
	executed := r.Budget.Executed
	if per.Kind != period.KindFinal {
		executed = r.Budget.Projected
	}
	ev.Warnings = Warnings(rs, per, p, score, scoring.AdjustedBudget(p, r.Budget), executed)
	for _, w := range ev.Warnings {
		lights = append(lights, w.Light)
	}
	if len(ev.Warnings) > 0 && blank(r.Budget.Reason) && !ev.Budget.NeedsReason {
		ev.Budget.NeedsReason = true
		ev.Budget.Missing = append(ev.Budget.Missing, "执行偏差原因")
		ev.Blocking = append(ev.Blocking, Problem{0, "budget.reason", ev.Warnings[0].Basis + "：须说明执行偏差原因"})
	}
	ev.Light = report.Worst(append(lights, ev.Budget.Light)...)
	return ev, nil
}

func evaluateBudget(rs rules.RuleSet, p project.Project, per period.Period, b report.Budget, exec scoring.ExecutionScore) BudgetEvaluation {
	adjusted := scoring.AdjustedBudget(p, b)
	be := BudgetEvaluation{
		Adjusted: *adjusted,
		Light:    BudgetLight(rs, per, adjusted, b.Executed),
	}
	be.Basis = BudgetLightBasis(rs, per, adjusted, b.Executed)
	if b.Executed != nil && adjusted.IsPositive() {
		rate := b.Executed.DivRound(*adjusted, scoring.RatePlaces)
		be.Rate = &rate
	}
	be.NeedsReason = be.Light.Warning() || exec.NeedsReason
	return be
}

func checkPeriod(per period.Period) error {
	switch per.Kind {
	case period.KindFinal:
		return nil
	case period.KindMonitor:
		if per.CutoffMonth >= 1 && per.CutoffMonth <= 11 {
			return nil
		}
		return fmt.Errorf("%w: cut-off month %d is not 1–11", ErrInvalidPeriod, per.CutoffMonth)
	}
	return fmt.Errorf("%w: kind %q", ErrInvalidPeriod, per.Kind)
}
