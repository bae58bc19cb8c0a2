// Package gen makes a synthetic, reproducible province shaped like the
// Golmud seed: departments with projects whose indicator mixes, kinds and
// weights are the seed's, and mid-year reports with values whose lights and
// scores come from the real domain rules. The same options always give the
// same data, so benchmarks at one scale are comparable across runs.
package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"jixiao/app/seed"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// Options say how big a province to make.
type Options struct {
	Departments int    // how many departments (预算单位)
	ProjectsPer int    // projects per department
	Seed        uint64 // the same seed gives the same data
	// Tree makes the departments 主管部门 with 1–MaxUnits units (二级预算单位)
	// each, in order: a 主管部门, then its units; otherwise they are flat.
	Tree bool
}

// MaxUnits is the most units a generated 主管部门 has.
const MaxUnits = 15

// Limits keep a mistyped flag from filling the disk.
const (
	MaxDepartments = 99999
	MaxProjectsPer = 200
)

// Validate checks the options.
func (o Options) Validate() error {
	if o.Departments < 1 || o.Departments > MaxDepartments {
		return fmt.Errorf("departments must be 1–%d", MaxDepartments)
	}
	if o.ProjectsPer < 1 || o.ProjectsPer > MaxProjectsPer {
		return fmt.Errorf("projects-per must be 1–%d", MaxProjectsPer)
	}
	return nil
}

// DepartmentCode is the code of the i-th generated department (0-based):
// "8" and five digits, outside the range real unit codes such as 003001 use.
func DepartmentCode(i int) string { return fmt.Sprintf("8%05d", i+1) }

// SubmitterName is the username of a department's generated submitter.
func SubmitterName(dept string) string { return "gen_s" + dept }

// ReviewerName is the username of the generated reviewer of a group of
// DepartmentsPerReviewer departments.
func ReviewerName(group int) string { return fmt.Sprintf("gen_r%04d", group+1) }

// AuditorName is the generated auditor, who sees the whole province.
const AuditorName = "gen_auditor"

// DepartmentsPerReviewer is how many departments one generated reviewer reviews.
const DepartmentsPerReviewer = 50

// Generator makes the data; it holds the seed's projects as templates.
type Generator struct {
	opts      Options
	year      int
	templates []project.Project
	periods   []period.Period
	rules     rules.RuleSet
	// parent is the index of each department's 主管部门, -1 for one at the
	// top (every department when the options make no tree).
	parent []int
}

// SupervisorName is the username of the generated supervisor (主管部门审核人)
// of a 主管部门 with units.
func SupervisorName(dept string) string { return "gen_p" + dept }

// parents lays out the tree: a 主管部门, then 1–MaxUnits units, drawn from
// the seed; the last group may be cut short by the count.
func (g *Generator) parents() []int {
	out := make([]int, g.opts.Departments)
	for i := range out {
		out[i] = -1
	}
	if !g.opts.Tree {
		return out
	}
	for i := 0; i < len(out); {
		k := 1 + g.rng(3, uint64(i)).IntN(MaxUnits)
		for j := 1; j <= k && i+j < len(out); j++ {
			out[i+j] = i
		}
		i += k + 1
	}
	return out
}

// Parent is the index of the i-th department's 主管部门, -1 for none.
func (g *Generator) Parent(i int) int { return g.parent[i] }

// New returns a generator for the options, scoring with rs.
func New(o Options, rs rules.RuleSet) (*Generator, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	ds, err := seed.Golmud2024()
	if err != nil {
		return nil, err
	}
	g := &Generator{opts: o, year: ds.Year, templates: ds.Projects, periods: ds.Periods, rules: rs}
	g.parent = g.parents()
	return g, nil
}

// Periods are the reporting periods of the generated year (the seed's).
func (g *Generator) Periods() []period.Period { return g.periods }

// Monitor is the monitoring period the generated reports are filed for.
func (g *Generator) Monitor() period.Period {
	for _, p := range g.periods {
		if p.Kind == period.KindMonitor {
			return p
		}
	}
	return g.periods[0]
}

// rng is the random source of one department or project: it depends on the
// seed and the index only, so data does not change with loading order.
func (g *Generator) rng(kind, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.opts.Seed^0x9e3779b97f4a7c15, kind<<40|i))
}

// Department returns the i-th department with its projects (indicators
// without ids). Names are numbered; indicator sets are the seed projects'
// with targets and budgets varied.
func (g *Generator) Department(i int) (project.Department, []project.Project) {
	d := project.Department{Code: DepartmentCode(i), Name: fmt.Sprintf("模拟单位%05d", i+1), Level: 1}
	if p := g.parent[i]; p >= 0 {
		d.Parent, d.Level = DepartmentCode(p), 2
	}
	r := g.rng(1, uint64(i))
	ps := make([]project.Project, g.opts.ProjectsPer)
	for j := range ps {
		t := g.templates[r.IntN(len(g.templates))]
		p := project.Project{
			Code: fmt.Sprintf("63%s024T%09d", d.Code, j+1), Name: fmt.Sprintf("%s（模拟%d-%d）", t.Name, i+1, j+1),
			Category: t.Category, Department: d, Year: g.year, Goal: t.Goal, ExecutionWeight: t.ExecutionWeight,
			Budget: vary(r, t.Budget, 0.3, 2.5, 2),
		}
		for _, in := range t.Indicators {
			in.ID = 0
			if in.Kind().Numeric() {
				if n, ok := in.TargetNumber(); ok && n.IsPositive() && in.Unit != "%" {
					places := int32(0)
					if !n.IsInteger() {
						places = 2
					}
					if v := vary(r, n, 0.5, 2, places); v.IsPositive() {
						in.Target = v.String()
					}
				}
			}
			p.Indicators = append(p.Indicators, in)
		}
		ps[j] = p
	}
	return d, ps
}

// vary multiplies d by a random factor in [lo, hi), rounded to places.
func vary(r *rand.Rand, d decimal.Decimal, lo, hi float64, places int32) decimal.Decimal {
	f := decimal.NewFromInt(int64(1000 * (lo + r.Float64()*(hi-lo)))).Shift(-3)
	return d.Mul(f).Round(places)
}

// Report is one generated report: its inputs, the evaluation by the domain
// rules, and how far through the workflow it went.
type Report struct {
	Report     report.Report
	Evaluation monitor.Evaluation
}

// Share of projects with a saved monitoring report, and of those that can
// be submitted, the shares submitted and approved (in percent).
const (
	savedPercent     = 85
	submittedPercent = 35
	approvedPercent  = 20
)

// Report makes the monitoring report of the project with index (dept,
// position) and ids assigned, or false when the project has none. Its
// lights and scores come from monitor.Evaluate; a report is submitted or
// approved only when the rules let it be submitted.
func (g *Generator) Report(dept, pos int, p project.Project) (Report, bool, error) {
	r := g.rng(2, uint64(dept)<<16|uint64(pos))
	if r.IntN(100) >= savedPercent {
		return Report{}, false, nil
	}
	per := g.Monitor()
	rep := report.Report{ProjectCode: p.Code, PeriodKey: per.Key, Status: report.StatusDraft, Version: 1}
	m := decimal.NewFromInt(int64(per.CutoffMonth)).Div(decimal.NewFromInt(12))
	exec := vary(r, p.Budget.Mul(m), 0.55, 1.25, 2)
	proj := vary(r, p.Budget, 0.85, 1.0, 2)
	rep.Budget = report.Budget{Executed: &exec, Projected: &proj}
	for _, in := range p.Indicators {
		rep.Lines = append(rep.Lines, g.line(r, per, m, in))
	}
	ev, err := monitor.Evaluate(g.rules, p, per, rep, nil)
	if err != nil {
		return Report{}, false, fmt.Errorf("generate report %s: %w", p.Code, err)
	}
	// Explain what the rules ask to have explained, as a submitter would.
	if len(ev.Blocking) > 0 {
		for i, le := range ev.Lines {
			if le.NeedsExplanation() {
				l := &rep.Lines[i]
				l.DeviationCauses = []report.Cause{report.CauseOther}
				l.Explanation, l.Measures = "受季节因素影响，进度暂时滞后（模拟数据）", "加快推进，按月调度（模拟数据）"
				if l.Likelihood == report.LikelihoodNone {
					l.Likelihood = report.LikelihoodPossible
				}
			}
		}
		if len(ev.Budget.Missing) > 0 {
			rep.Budget.Reason = "部分采购尚未完成支付（模拟数据）"
		}
		if ev, err = monitor.Evaluate(g.rules, p, per, rep, nil); err != nil {
			return Report{}, false, fmt.Errorf("generate report %s: %w", p.Code, err)
		}
	}
	if len(ev.Blocking) == 0 {
		switch n := r.IntN(100); {
		case n < approvedPercent:
			rep.Status, rep.Version = report.StatusApproved, 3
		case n < approvedPercent+submittedPercent:
			rep.Status, rep.Version = report.StatusSubmitted, 2
		}
	}
	return Report{Report: rep, Evaluation: ev}, true, nil
}

// line fills one indicator's line the way a submitter would at mid-year:
// values around what the target and time progress suggest.
func (g *Generator) line(r *rand.Rand, per period.Period, m decimal.Decimal, in project.Indicator) report.Line {
	l := report.Line{IndicatorID: in.ID}
	switch kind := in.Kind(); {
	case kind.Numeric():
		t, _ := in.TargetNumber()
		places := int32(0)
		if !t.IsInteger() || in.Unit == "%" {
			places = 2
		}
		v := vary(r, t, 0.93, 1.1, places) // a level: about the target
		if in.EffectiveAccrual() == project.AccrualCumulative {
			v = vary(r, t.Mul(m), 0.55, 1.4, places)
		}
		pj := vary(r, t, 0.85, 1.15, places)
		if in.Unit == "%" {
			v, pj = capAt(v, 100), capAt(pj, 100)
		}
		l.Value, l.Projected = &v, &pj
	case kind == project.KindDeadline:
		if r.IntN(10) < 8 {
			l.Likelihood = report.LikelihoodCertain
		} else {
			l.Likelihood = report.LikelihoodPossible
			l.Band = report.BandPartly
			s := bandScore(g.rules, report.BandPartly, in.Weight)
			l.ScoreInput = &s
		}
	case kind == project.KindQualitative:
		b := report.BandAchieved
		switch n := r.IntN(100); {
		case n < 5:
			b = report.BandNotAchieved
		case n < 30:
			b = report.BandPartly
		}
		l.Band = b
		s := bandScore(g.rules, b, in.Weight)
		l.ScoreInput = &s
	}
	return l
}

// bandScore is the middle of a band for weight w, 2 places.
func bandScore(rs rules.RuleSet, b report.Band, w decimal.Decimal) decimal.Decimal {
	lo, hi := b.Range(rs.QualitativeBands, w)
	return lo.Add(hi).Div(decimal.NewFromInt(2)).RoundDown(2)
}

func capAt(d decimal.Decimal, n int64) decimal.Decimal {
	if c := decimal.NewFromInt(n); d.GreaterThan(c) {
		return c
	}
	return d
}
