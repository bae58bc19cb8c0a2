// Package quality reviews the quality of a project's performance targets
// (绩效目标审核, 财预〔2015〕88号, 财预〔2021〕101号): each rule is a pure
// function over the project and the other projects of its department, and
// every finding says which rule, which indicator, why (in Chinese) and where
// the rule comes from, so the person who wrote the target can act on it.
package quality

import (
	"sort"

	"jixiao/domain/project"
)

// Severity says how much a finding matters.
type Severity string

// The severities.
const (
	High   Severity = "high"   // the target cannot be assessed as written
	Medium Severity = "medium" // the target is weak
	Low    Severity = "low"    // worth a second look
)

// Finding is one problem of a project's targets.
type Finding struct {
	Rule        string
	Severity    Severity
	IndicatorID int64 // 0: the project as a whole (its goal, its set of indicators)
	// Indicator is the indicator's name, or "" for the project; for tests
	// and messages, since ids differ between databases.
	Indicator string
	Message   string
	Source    string
}

// Rule describes one rule of the review.
type Rule struct {
	ID       string
	Severity Severity
	Title    string
	Source   string
	check    func(c context) []Finding
}

// context is what a rule sees.
type context struct {
	p      project.Project
	others []project.Project
	s      Settings
	h      History
}

// The sources the rules cite.
const (
	src101 = "财预〔2021〕101号"
	src88  = "财预〔2015〕88号"
	src10  = "财预〔2020〕10号"
)

// Rules lists every rule of the review, in the order findings are given.
func Rules() []Rule {
	return []Rule{
		{"cost_missing", Medium, "未设置成本指标", src101, costMissing},
		{"quantity_missing", High, "缺少数量指标", src101, outputMissing("quantity_missing", "数量")},
		{"quality_missing", High, "缺少质量指标", src101, outputMissing("quality_missing", "质量")},
		{"timeliness_missing", High, "缺少时效指标", src101, outputMissing("timeliness_missing", "时效")},
		{"frequency_low", High, "按频次表述的目标值明显偏低", src88, frequencyLow},
		{"deadline_restates_year", Medium, "时效目标只重复预算年度", src101, deadlineRestatesYear},
		{"similar_text", Medium, "与本单位其他项目的表述相同或几乎相同", src88, similarText},
		{"qualitative_weight", Medium, "定性指标权重过半", src101, qualitativeWeight},
		{"satisfaction_weight", Low, "满意度指标权重过高", src10, satisfactionWeight},
		{"rate_full_target", Low, "比率目标为100%，无超额空间", src101, rateFullTarget},
		{"name_copies_goal", Low, "指标名称照抄绩效目标", src88, nameCopiesGoal},
		// learning from last year (copy_of, library_id) and 101号's value bases
		{"below_last_actual", High, "指标值低于上年实际完成值", src101, belowLastActual},
		{"unchanged_budget_grew", Medium, "预算增加而指标值未变", src88, unchangedWhileBudgetGrew},
		{"value_basis_missing", Low, "未说明指标值依据", src101, valueBasisMissing},
		{"economic_cost_missing", Medium, "成本指标中没有经济成本指标", src101, economicCostMissing},
	}
}

// Review runs every rule on p. others are the department's other projects
// of the same year (p itself is skipped if present), for the rules that look
// for text reused across projects. Findings come in rule order, then in the
// project's indicator order.
func Review(p project.Project, others []project.Project, s Settings) []Finding {
	return ReviewWithHistory(p, others, s, History{})
}

// ReviewWithHistory is Review knowing the project's last year, for the
// rules that compare with it (below_last_actual, unchanged_budget_grew).
func ReviewWithHistory(p project.Project, others []project.Project, s Settings, h History) []Finding {
	c := context{p: p, s: s, h: h}
	for _, o := range others {
		if o.Code != p.Code && o.Year == p.Year && o.Department.Code == p.Department.Code {
			c.others = append(c.others, o)
		}
	}
	sort.Slice(c.others, func(i, j int) bool { return c.others[i].Code < c.others[j].Code })
	out := []Finding{}
	for _, r := range Rules() {
		fs := r.check(c)
		for i := range fs {
			fs[i].Rule, fs[i].Severity, fs[i].Source = r.ID, r.Severity, r.Source
		}
		out = append(out, fs...)
	}
	return out
}

func projectFinding(msg string) Finding { return Finding{Message: msg} }

func indicatorFinding(in project.Indicator, msg string) Finding {
	return Finding{IndicatorID: in.ID, Indicator: in.Name, Message: msg}
}
