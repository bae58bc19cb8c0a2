package monitor

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// PartEvaluation is the execution of one part of a department's whole
// budget (部门整体): 基本支出 or 项目支出.
type PartEvaluation struct {
	Part      string // report.PartBasic or report.PartProjects
	Label     string // 基本支出 or 项目支出
	Budget    decimal.Decimal
	Executed  *decimal.Decimal
	Projected *decimal.Decimal
	// Rate is Executed ÷ Budget rounded as the whole's rate; nil when
	// nothing was executed or the part has no budget.
	Rate *decimal.Decimal
}

// Parts returns the execution of 基本支出 and 项目支出, in that order, for a
// report of a department-kind project; nil for any other project. The parts
// are shown and monitored beside the whole budget, whose rate alone drives
// the light and the execution score.
func Parts(p project.Project, b report.Budget) []PartEvaluation {
	if !p.Overall() {
		return nil
	}
	out := make([]PartEvaluation, 0, 2)
	for _, part := range []struct {
		name, label string
		budget      *decimal.Decimal
		exec        report.PartExecution
	}{{report.PartBasic, "基本支出", p.BudgetBasic, b.Basic}, {report.PartProjects, "项目支出", p.BudgetProjects, b.Projects}} {
		pe := PartEvaluation{Part: part.name, Label: part.label, Executed: part.exec.Executed, Projected: part.exec.Projected}
		if part.budget != nil {
			pe.Budget = *part.budget
		}
		if pe.Executed != nil && pe.Budget.IsPositive() {
			rate := pe.Executed.DivRound(pe.Budget, scoring.RatePlaces)
			pe.Rate = &rate
		}
		out = append(out, pe)
	}
	return out
}
