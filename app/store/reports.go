package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// ReportRecord is a report with everything stored around it.
type ReportRecord struct {
	Project     project.Project
	Period      period.Period
	Report      report.Report
	Evaluation  monitor.Evaluation // as computed at the last save
	Adjustments []scoring.Adjustment
	Transitions []Transition
	// TargetVersion is the version of the project's targets the report is
	// filled and scored against; Project carries that version's indicators.
	TargetVersion int
	// CurrentTargetVersion is the project's version of its targets now:
	// greater than TargetVersion when they were adjusted after the report
	// was filled (it stays on its own until moved).
	CurrentTargetVersion int
	UpdatedAt            time.Time
	UpdatedBy            string
	// UpdatedByName is the display name of UpdatedBy ("" when none).
	UpdatedByName string
	// Saved is false for a report never saved: an empty draft at version 0
	// whose Evaluation is left to the caller.
	Saved bool
	// NewRectifications are rectification items an update adds (approve,
	// return); stored with it in its transaction.
	NewRectifications []rectify.Item
	// Notices go to the project's submitters with an update (a return, an
	// approval), in its transaction.
	Notices []ReportNotice
	// PeriodProfile is the rule profile the period chose, that a new
	// evaluation uses; nil: the default profile. The stored evaluation names
	// the one it was scored with (Evaluation.RuleProfile).
	PeriodProfile *rules.ProfileRef
	// History is each line's previous period and last year, by indicator
	// id; nil when not read (GetReportWithHistory reads it).
	History *LineHistory
}

// Transition is one recorded workflow step of a report.
type Transition struct {
	Action  report.Action
	From    report.Status
	To      report.Status
	Actor   string
	At      time.Time
	Comment string
	// ActorName is the actor's display name, as read ("" when unknown).
	ActorName string
	// Level is the review level the step was taken at: 1 the 主管部门, 2 the
	// finance bureau, 0 the submitter's steps.
	Level int
}

// Change says who changed a report and how, for its history, its
// transitions and the audit trail.
type Change struct {
	Action string // "save", "submit", "approve", "return", "reopen"
	Actor  string
	// ActorName is the actor's display name, as the report shows it after.
	ActorName string
	ActorID   int64
	IP        string
	At        time.Time
	Comment   string
	// Level is the review level of a workflow step (1 the 主管部门, 2 the
	// finance bureau); 0 for saves and the submitter's steps.
	Level int
}

type reportRow struct {
	ID              int64 `gorm:"primaryKey"`
	ProjectCode     string
	PeriodKey       string
	Status          string
	Version         int
	BudgetAdjusted  decimal.NullDecimal
	BudgetExecuted  decimal.NullDecimal
	BudgetProjected decimal.NullDecimal
	BudgetReason    string
	// the execution of 基本支出 and 项目支出 (department-kind reports only)
	BasicExecuted, BasicProjected       decimal.NullDecimal
	ProjectsExecuted, ProjectsProjected decimal.NullDecimal
	TimeProgress                        decimal.Decimal
	ExecutionRate                       decimal.NullDecimal
	ExecutionScore                      decimal.Decimal
	BudgetLight                         string
	Light                               string
	IndicatorSum                        decimal.Decimal
	Total                               decimal.Decimal
	ComputedTotal                       decimal.Decimal
	Grade                               string
	Blocking                            []byte `gorm:"type:jsonb"`
	Evaluation                          []byte `gorm:"type:jsonb"`
	UpdatedAt                           time.Time
	UpdatedBy                           string
	TargetVersion                       int
}

func (reportRow) TableName() string { return "reports" }

type lineRow struct {
	ReportID            int64 `gorm:"primaryKey"`
	IndicatorID         int64 `gorm:"primaryKey"`
	Value               decimal.NullDecimal
	Projected           decimal.NullDecimal
	ScoreInput          decimal.NullDecimal
	Band                string
	CompletedOn         *string
	NotApplicable       bool
	NotApplicableReason string
	DeviationCauses     textArray `gorm:"type:text[]"`
	Explanation         string
	Measures            string
	Likelihood          string
	Adjusted            decimal.NullDecimal
	AdjustReason        string
	Light               string
	Rule                string
	Computed            decimal.Decimal
	Score               decimal.Decimal
	NeedsExplanation    bool
}

func (lineRow) TableName() string { return "report_lines" }

type transitionRow struct {
	ID         int64 `gorm:"primaryKey"`
	ReportID   int64
	Action     string
	FromStatus string
	ToStatus   string
	Actor      string
	At         time.Time
	Comment    string
}

func (transitionRow) TableName() string { return "report_transitions" }

// detailOf is the audit detail of a report change: its comment and the
// review level it was taken at.
func detailOf(ch Change) json.RawMessage {
	if ch.Level == 0 {
		return detailComment(ch.Comment)
	}
	d := map[string]any{"level": ch.Level}
	if ch.Comment != "" {
		d["comment"] = ch.Comment
	}
	return audit.JSON(d)
}

func detailComment(c string) json.RawMessage {
	if c == "" {
		return nil
	}
	return audit.JSON(map[string]string{"comment": c})
}

// loadReport reads project, period and report; lock takes the report row
// FOR UPDATE. It returns the report id, 0 when never saved.
func loadReport(tx *gorm.DB, sc Scope, code, periodKey string, lock bool) (ReportRecord, int64, error) {
	p, err := getProject(tx, sc, code)
	if err != nil {
		return ReportRecord{}, 0, err
	}
	if err := p.Status.CheckReportable(); err != nil {
		return ReportRecord{}, 0, fmt.Errorf("report %s/%s: %w", code, periodKey, err)
	}
	var pr periodRow
	if err := tx.Where("key = ?", periodKey).Take(&pr).Error; err != nil {
		if errNotFound(err) {
			return ReportRecord{}, 0, fmt.Errorf("report %s/%s: %w", code, periodKey, period.ErrNotFound)
		}
		return ReportRecord{}, 0, fmt.Errorf("read period %s: %w", periodKey, err)
	}
	rec := ReportRecord{Project: p, Period: pr.domain(),
		Report: report.Report{ProjectCode: code, PeriodKey: periodKey, Status: report.StatusDraft}, TargetVersion: p.TargetVersion,
		CurrentTargetVersion: p.TargetVersion}
	if rec.Period.Year != p.Year {
		return ReportRecord{}, 0, fmt.Errorf("report %s/%s: %w", code, periodKey, period.ErrNotFound)
	}
	q := tx.Where("project_code = ? AND period_key = ?", code, periodKey)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row reportRow
	res := q.Limit(1).Find(&row)
	if res.Error != nil {
		return ReportRecord{}, 0, fmt.Errorf("read report %s/%s: %w", code, periodKey, res.Error)
	}
	if res.RowsAffected == 0 {
		return rec, 0, nil
	}
	var lines []lineRow
	if err := tx.Where("report_id = ?", row.ID).Find(&lines).Error; err != nil {
		return ReportRecord{}, 0, fmt.Errorf("read report lines: %w", err)
	}
	var trs []transitionRow
	if err := tx.Where("report_id = ?", row.ID).Order("id").Find(&trs).Error; err != nil {
		return ReportRecord{}, 0, fmt.Errorf("read transitions: %w", err)
	}
	if p, err = projectAtVersion(tx, p, row.TargetVersion); err != nil {
		return ReportRecord{}, 0, err
	}
	rec.Project, rec.TargetVersion = p, row.TargetVersion
	if err := row.into(&rec, p, lines); err != nil {
		return ReportRecord{}, 0, err
	}
	for _, t := range trs {
		rec.Transitions = append(rec.Transitions, Transition{Action: report.Action(t.Action), From: report.Status(t.FromStatus),
			To: report.Status(t.ToStatus), Actor: t.Actor, At: t.At, Comment: t.Comment})
	}
	return rec, row.ID, nil
}

func (r periodRow) domain() period.Period {
	return period.Period{Key: r.Key, Kind: period.Kind(r.Kind), Year: r.Year, CutoffMonth: r.CutoffMonth}
}

// newReportRow is the reports row of a record, with what the evaluation computed.
func newReportRow(id int64, rec ReportRecord) (reportRow, error) {
	ev := rec.Evaluation
	evJSON, err := encodeEvaluation(&ev)
	if err != nil {
		return reportRow{}, fmt.Errorf("encode evaluation: %w", err)
	}
	blocking, err := json.Marshal(append([]monitor.Problem{}, ev.Blocking...))
	if err != nil {
		return reportRow{}, fmt.Errorf("encode blocking: %w", err)
	}
	b := rec.Report.Budget
	return reportRow{ID: id, ProjectCode: rec.Report.ProjectCode, PeriodKey: rec.Report.PeriodKey,
		Status: string(rec.Report.Status), Version: rec.Report.Version,
		BudgetAdjusted: null(b.Adjusted), BudgetExecuted: null(b.Executed), BudgetProjected: null(b.Projected), BudgetReason: b.Reason,
		BasicExecuted: null(b.Basic.Executed), BasicProjected: null(b.Basic.Projected),
		ProjectsExecuted: null(b.Projects.Executed), ProjectsProjected: null(b.Projects.Projected),
		TimeProgress: ev.TimeProgress, ExecutionRate: null(ev.Budget.Rate), ExecutionScore: ev.Score.Execution.Score,
		BudgetLight: string(ev.Budget.Light), Light: string(ev.Light), IndicatorSum: ev.Score.IndicatorSum,
		Total: ev.Total, ComputedTotal: ev.Score.ComputedTotal, Grade: string(ev.Grade), Blocking: blocking, Evaluation: evJSON,
		UpdatedAt: rec.UpdatedAt, UpdatedBy: rec.UpdatedBy, TargetVersion: rec.TargetVersion}, nil
}

// readOnly runs a transaction that only reads.
var readOnly = &sql.TxOptions{ReadOnly: true}

// TargetsAdjusted reports whether the project's targets were adjusted after
// the report was filled: it is still read against its own version.
func (r ReportRecord) TargetsAdjusted() bool { return r.CurrentTargetVersion > r.TargetVersion }

// TargetNotice says which targets the report is read against when they
// were adjusted since ("按第 1 版目标填报（目标已调整为第 2 版）"); "" when not.
func (r ReportRecord) TargetNotice() string {
	if !r.TargetsAdjusted() {
		return ""
	}
	return fmt.Sprintf("按第 %d 版目标填报（目标已调整为第 %d 版）", r.TargetVersion, r.CurrentTargetVersion)
}
