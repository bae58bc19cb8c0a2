// Package report holds one project's report for one period: the values,
// bands and explanations entered per indicator, the budget execution, the
// workflow status, and the checks on values that are wrong in themselves.
package report

import (
	"errors"

	"github.com/shopspring/decimal"

	"jixiao/domain/fields"
)

// Sentinel errors of the package.
var (
	ErrNotFound     = errors.New("report not found")
	ErrWrongState   = errors.New("action not allowed in this state")
	ErrNotEditable  = errors.New("report is not editable")
	ErrInvalid      = errors.New("invalid report")
	ErrUnknownValue = errors.New("unknown value")
	// ErrStaleVersion: the report changed since the caller read it.
	ErrStaleVersion = errors.New("report was changed by someone else")
	// ErrNotAssigned: the caller is not a submitter assigned to the project.
	ErrNotAssigned = errors.New("not assigned to this project")
)

// MaxTextLength bounds explanations, measures and reasons, in characters.
const MaxTextLength = 1000

// Line is what was entered for one indicator. Pointers are nil when nothing
// was entered; a draft may leave anything empty.
type Line struct {
	IndicatorID         int64
	Value               *decimal.Decimal // 1–m月执行情况, or the final actual for the annual report
	Projected           *decimal.Decimal // 全年预计完成情况; not used for the annual report
	ScoreInput          *decimal.Decimal // proposed score within Band (qualitative, late deadline)
	Band                Band
	CompletedOn         string // deadline lines: YYYY-MM-DD when done, else ""
	NotApplicable       bool
	NotApplicableReason string
	DeviationCauses     []Cause
	Explanation         string // 原因说明
	Measures            string // 纠偏措施
	Likelihood          Likelihood
}

// Budget is the project's budget execution in 万元. Adjusted nil means the
// annual budget was not adjusted: the project's budget applies.
type Budget struct {
	Adjusted  *decimal.Decimal // 调整后预算数
	Executed  *decimal.Decimal // 1–m月执行数, or the year's execution for the annual report
	Projected *decimal.Decimal // 全年预计执行数; not used for the annual report
	Reason    string           // why execution is behind (needed below the rule set's rate or on a red/yellow light)
	// Basic and Projects are the execution of the whole budget's 基本支出 and
	// 项目支出: entered on the reports of a department-kind project (部门整体)
	// only, empty on every other report.
	Basic, Projects PartExecution
}

// The parts of a department's whole budget, as the API names them.
const (
	PartBasic    = "basic"    // 基本支出
	PartProjects = "projects" // 项目支出
)

// PartExecution is the execution of one part of a department's whole budget
// in 万元, as Executed and Projected are of the whole.
type PartExecution struct {
	Executed  *decimal.Decimal
	Projected *decimal.Decimal
}

// Empty tells whether nothing was entered for the part.
func (p PartExecution) Empty() bool { return p.Executed == nil && p.Projected == nil }

// Part returns the execution of the part named (PartBasic or PartProjects).
func (b *Budget) Part(name string) (*PartExecution, bool) {
	switch name {
	case PartBasic:
		return &b.Basic, true
	case PartProjects:
		return &b.Projects, true
	}
	return nil, false
}

// Report is one project × one period.
type Report struct {
	ProjectCode string
	PeriodKey   string
	Status      Status
	Version     int
	Budget      Budget
	Lines       []Line
}

// Line returns the line of an indicator and its index in Lines.
func (r Report) Line(indicatorID int64) (Line, int, bool) {
	for i, l := range r.Lines {
		if l.IndicatorID == indicatorID {
			return l, i, true
		}
	}
	return Line{}, -1, false
}

// ValidationError lists problems by API field path ("lines[2].value",
// "budget.executed"); messages are Chinese for the people who entered them.
type ValidationError = fields.Error

// Problems collects field problems; Err(ErrInvalid) makes the error.
type Problems = fields.Problems
