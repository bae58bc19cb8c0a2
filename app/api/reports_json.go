package api

import (
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

type budgetJSON struct {
	Budget      string   `json:"budget"`
	Adjusted    *string  `json:"adjusted"`
	Executed    *string  `json:"executed"`
	Projected   *string  `json:"projected"`
	Reason      string   `json:"reason"`
	Base        string   `json:"base"` // the adjusted budget, or the budget when not adjusted
	Rate        *string  `json:"rate"`
	Light       string   `json:"light"`
	NeedsReason bool     `json:"needs_reason"`
	Missing     []string `json:"missing"`
	// Basis says why the light (预警依据): the execution rate against the
	// time progress, or a rule profile's fixed checkpoint.
	Basis string `json:"basis"`
	// Parts are 基本支出 and 项目支出 of a department-kind report (部门整体),
	// each with its budget, execution and rate; absent on other reports.
	Parts []budgetPartJSON `json:"parts,omitempty"`
}

// budgetPartJSON is the execution of one part of a department's whole budget.
type budgetPartJSON struct {
	Part      string  `json:"part"`
	Label     string  `json:"label"`
	Budget    string  `json:"budget"`
	Executed  *string `json:"executed"`
	Projected *string `json:"projected"`
	Rate      *string `json:"rate"`
}

type lineJSON struct {
	IndicatorID         int64    `json:"indicator_id"`
	Value               *string  `json:"value"`
	Projected           *string  `json:"projected"`
	Band                string   `json:"band"`
	ScoreInput          *string  `json:"score_input"`
	CompletedOn         string   `json:"completed_on"`
	NotApplicable       bool     `json:"not_applicable"`
	NotApplicableReason string   `json:"not_applicable_reason"`
	DeviationCauses     []string `json:"deviation_causes"`
	Explanation         string   `json:"explanation"`
	Likelihood          string   `json:"likelihood"`
	Measures            string   `json:"measures"`
	Light               string   `json:"light"`
	NeedsExplanation    bool     `json:"needs_explanation"`
	Missing             []string `json:"missing"`
	// Score and Rule repeat the line's entry of score.lines, so that every
	// line shows its light, its score and the rule that produced it.
	Score string `json:"score"`
	Rule  string `json:"rule"`
	// RuleName is the rule in words ("正向指标：达到目标值，得满分"): what a
	// page shows instead of the code.
	RuleName string `json:"rule_name"`
	Basis    string `json:"basis"`
	// LightBasis says why the light, as Basis says why the score.
	LightBasis string `json:"light_basis"`
	// Previous is the same indicator in the previous monitoring period of
	// the year; LastYear its target and actual last year. Null when none.
	Previous *previousJSON `json:"previous"`
	LastYear *lastYearJSON `json:"last_year"`
}

// previousJSON is a line's value and light in the previous monitoring period.
type previousJSON struct {
	Period string  `json:"period"`
	Value  *string `json:"value"`
	Light  string  `json:"light"`
	Status string  `json:"status"`
}

// lastYearJSON is the same indicator last year (through copy_of or
// library_id): its target, and its actual and score in that year's annual
// self-evaluation (null until filled).
type lastYearJSON struct {
	Year        int            `json:"year"`
	Via         string         `json:"via"`
	Project     projectRefJSON `json:"project"`
	IndicatorID int64          `json:"indicator_id"`
	Target      string         `json:"target"`
	Unit        string         `json:"unit"`
	Actual      *string        `json:"actual"`
	Score       *string        `json:"score"`
	Status      *string        `json:"status"`
}

type scoreLineJSON struct {
	IndicatorID   int64   `json:"indicator_id"`
	Kind          string  `json:"kind"`
	Rule          string  `json:"rule"`
	RuleName      string  `json:"rule_name"`
	Target        string  `json:"target"`
	Value         string  `json:"value"`
	Weight        string  `json:"weight"`
	Band          string  `json:"band"`
	Computed      string  `json:"computed"`
	Adjusted      *string `json:"adjusted"`
	Reason        string  `json:"reason"`
	Score         string  `json:"score"`
	Overshoot     bool    `json:"overshoot"`
	NotApplicable bool    `json:"not_applicable"`
	Basis         string  `json:"basis"`
}

type scoreJSON struct {
	Total            string `json:"total"`
	ComputedTotal    string `json:"computed_total"`
	Grade            string `json:"grade"`
	IndicatorSum     string `json:"indicator_sum"`
	IndicatorWeight  string `json:"indicator_weight"`
	ApplicableWeight string `json:"applicable_weight"`
	Execution        struct {
		Rate     *string `json:"rate"`
		Score    string  `json:"score"`
		Rule     string  `json:"rule"`
		RuleName string  `json:"rule_name"`
		Basis    string  `json:"basis"`
	} `json:"execution"`
	Lines     []scoreLineJSON `json:"lines"`
	Basis     string          `json:"basis"`
	Projected bool            `json:"projected"`
	// Effects are what the rule profile's variants did to the total (an
	// execution cap), each with its rule and sentence.
	Effects []effectJSON `json:"effects"`
}

// ruleProfileRefJSON names the rule profile version a score was made with.
type ruleProfileRefJSON struct {
	Name    string `json:"name"`
	Version int    `json:"version"`
}

type effectJSON struct {
	Rule   string `json:"rule"`
	Before string `json:"before"`
	After  string `json:"after"`
	Basis  string `json:"basis"`
}

type warningJSON struct {
	Rule  string `json:"rule"`
	Light string `json:"light"`
	Basis string `json:"basis"`
}

type transitionJSON struct {
	Action string `json:"action"`
	From   string `json:"from"`
	To     string `json:"to"`
	Actor  string `json:"actor"`
	// ActorName is the actor's display name ("" when none).
	ActorName string `json:"actor_name"`
	At        string `json:"at"`
	Comment   string `json:"comment"`
	// Level is the review level of an approve, return or reopen: 1 the
	// 主管部门, 2 the finance bureau; 0 for the submitter's steps.
	Level int `json:"level"`
}

type problemJSON struct {
	IndicatorID int64  `json:"indicator_id,omitempty"`
	Field       string `json:"field"`
	Message     string `json:"message"`
}

type reportJSON struct {
	ProjectCode  string           `json:"project_code"`
	Period       string           `json:"period"`
	PeriodKind   string           `json:"period_kind"`
	Status       string           `json:"status"`
	StatusLabel  string           `json:"status_label"`
	Version      int              `json:"version"`
	Saved        bool             `json:"saved"`
	Editable     bool             `json:"editable"`
	Actions      []string         `json:"actions"`
	TimeProgress string           `json:"time_progress"`
	Light        string           `json:"light"`
	Budget       budgetJSON       `json:"budget"`
	Lines        []lineJSON       `json:"lines"`
	Score        scoreJSON        `json:"score"`
	Blocking     []problemJSON    `json:"blocking"`
	Transitions  []transitionJSON `json:"transitions"`
	UpdatedAt    *string          `json:"updated_at"`
	UpdatedBy    string           `json:"updated_by"`
	// UpdatedByName is the display name of updated_by.
	UpdatedByName string `json:"updated_by_name"`
	// TargetVersion is the version of the project's targets the report is
	// filled and scored against.
	TargetVersion int `json:"target_version"`
	// CurrentTargetVersion is the project's version of its targets now:
	// greater than TargetVersion when they were adjusted after the report
	// was filled; Indicators stay those of TargetVersion.
	CurrentTargetVersion int `json:"current_target_version"`
	// Indicators and ExecutionWeight are the targets of TargetVersion, the
	// ones the report's lines are read and scored against.
	Indicators      []indicatorJSON `json:"indicators"`
	ExecutionWeight string          `json:"execution_weight"`
	// RuleProfile is the rule profile the stored evaluation was scored with.
	RuleProfile ruleProfileRefJSON `json:"rule_profile"`
	// Warnings are the project-level warnings of the profile's variants
	// (completion–execution gap, self-evaluation warnings).
	Warnings []warningJSON `json:"warnings"`
}

func plain(d decimal.Decimal) string { return report.FormatNumber(d) }

func score2(d decimal.Decimal) string { return report.FormatFixed(d, 2) }

func toReportJSON(rec store.ReportRecord) reportJSON {
	r, ev := rec.Report, rec.Evaluation
	out := reportJSON{
		ProjectCode: r.ProjectCode, Period: r.PeriodKey, PeriodKind: string(rec.Period.Kind),
		Status: string(r.Status), StatusLabel: r.Status.Label(), Version: r.Version, Saved: rec.Saved,
		Actions: []string{}, TimeProgress: plain(ev.TimeProgress), Light: string(ev.Light),
		Budget: budgetJSON{Budget: money(rec.Project.Budget), Adjusted: nullable(r.Budget.Adjusted, money),
			Executed: nullable(r.Budget.Executed, money), Projected: nullable(r.Budget.Projected, money), Reason: r.Budget.Reason,
			Base: money(ev.Budget.Adjusted), Rate: nullable(ev.Budget.Rate, plain), Light: string(ev.Budget.Light),
			NeedsReason: ev.Budget.NeedsReason, Missing: nonNil(ev.Budget.Missing)},
		Score:       toScoreJSON(rec.Period.Kind == "monitor", ev),
		Blocking:    []problemJSON{},
		Transitions: []transitionJSON{},
		UpdatedBy:   rec.UpdatedBy, UpdatedByName: rec.UpdatedByName,
	}
	out.TargetVersion, out.CurrentTargetVersion = rec.TargetVersion, max(rec.CurrentTargetVersion, rec.TargetVersion)
	out.Indicators, out.ExecutionWeight = toProjectJSON(rec.Project).Indicators, number(rec.Project.ExecutionWeight)
	out.RuleProfile = ruleProfileRefJSON{Name: ev.RuleProfile.Name, Version: ev.RuleProfile.Version}
	out.Budget.Basis = ev.Budget.Basis
	for _, pe := range monitor.Parts(rec.Project, r.Budget) {
		out.Budget.Parts = append(out.Budget.Parts, budgetPartJSON{Part: pe.Part, Label: pe.Label, Budget: money(pe.Budget),
			Executed: nullable(pe.Executed, money), Projected: nullable(pe.Projected, money), Rate: nullable(pe.Rate, plain)})
	}
	out.Warnings = []warningJSON{}
	for _, w := range ev.Warnings {
		out.Warnings = append(out.Warnings, warningJSON{Rule: w.Rule, Light: string(w.Light), Basis: w.Basis})
	}
	if rec.Saved {
		at := rec.UpdatedAt.UTC().Format(time.RFC3339)
		out.UpdatedAt = &at
	}
	evals := map[int64]monitor.LineEvaluation{}
	for _, le := range ev.Lines {
		evals[le.IndicatorID] = le
	}
	for _, in := range rec.Project.Indicators {
		l, _, _ := r.Line(in.ID)
		le := evals[in.ID]
		lj := lineJSON{IndicatorID: in.ID, Value: nullable(l.Value, plain), Projected: nullable(l.Projected, plain),
			Band: string(l.Band), ScoreInput: nullable(l.ScoreInput, score2), CompletedOn: l.CompletedOn,
			NotApplicable: l.NotApplicable, NotApplicableReason: l.NotApplicableReason, DeviationCauses: []string{},
			Explanation: l.Explanation, Likelihood: string(l.Likelihood), Measures: l.Measures,
			Light: string(le.Light), NeedsExplanation: le.NeedsExplanation(), Missing: nonNil(le.Missing),
			Score: score2(le.Score.Score), Rule: string(le.Score.Rule), RuleName: le.Score.Rule.Name(), Basis: le.Score.Basis,
			LightBasis: le.LightBasis}
		if lj.Light == "" {
			lj.Light = string(report.LightGrey)
		}
		for _, c := range l.DeviationCauses {
			lj.DeviationCauses = append(lj.DeviationCauses, string(c))
		}
		out.Lines = append(out.Lines, lj)
	}
	for _, p := range ev.Blocking {
		out.Blocking = append(out.Blocking, problemJSON{IndicatorID: p.IndicatorID, Field: p.Field, Message: p.Message})
	}
	for _, t := range rec.Transitions {
		out.Transitions = append(out.Transitions, transitionJSON{Action: string(t.Action), From: string(t.From), To: string(t.To),
			Actor: t.Actor, ActorName: t.ActorName, At: t.At.UTC().Format(time.RFC3339), Comment: t.Comment, Level: t.Level})
	}
	return out
}

func toScoreJSON(projected bool, ev monitor.Evaluation) scoreJSON {
	sc := ev.Score
	out := scoreJSON{Total: score2(ev.Total), ComputedTotal: score2(sc.ComputedTotal), Grade: string(ev.Grade),
		IndicatorSum: score2(sc.IndicatorSum), IndicatorWeight: plain(sc.IndicatorWeight),
		ApplicableWeight: plain(sc.ApplicableWeight), Basis: sc.Basis, Projected: projected, Lines: []scoreLineJSON{}}
	out.Execution.Rate = nullable(sc.Execution.Rate, plain)
	out.Execution.Score, out.Execution.Rule, out.Execution.Basis = score2(sc.Execution.Score), string(sc.Execution.Rule), sc.Execution.Basis
	out.Execution.RuleName = sc.Execution.Rule.Name()
	for _, l := range sc.Lines {
		out.Lines = append(out.Lines, toScoreLineJSON(l))
	}
	out.Effects = []effectJSON{}
	for _, e := range sc.Effects {
		out.Effects = append(out.Effects, effectJSON{Rule: string(e.Rule), Before: score2(e.Before), After: score2(e.After), Basis: e.Basis})
	}
	return out
}

func toScoreLineJSON(l scoring.LineScore) scoreLineJSON {
	return scoreLineJSON{IndicatorID: l.IndicatorID, Kind: string(l.Kind), Rule: string(l.Rule), RuleName: l.Rule.Name(), Target: l.Target, Value: l.Value,
		Weight: l.Weight, Band: string(l.Band), Computed: score2(l.Computed), Adjusted: nullable(l.Adjusted, score2),
		Reason: l.Reason, Score: score2(l.Score), Overshoot: l.Overshoot, NotApplicable: l.NotApplicable, Basis: l.Basis}
}
