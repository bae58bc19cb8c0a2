package quality_test

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/quality"
)

func dp(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// history gives clean()'s 政务督办数量 (≥ 150 件) last year's target and actual.
func history(target, actual string, budget string) quality.History {
	h := quality.History{Lines: make([]*quality.LastYear, 6)}
	h.Lines[0] = &quality.LastYear{Target: target, Unit: "件", Year: 2023}
	if actual != "" {
		h.Lines[0].Actual = dp(actual)
	}
	if budget != "" {
		h.Budget = dp(budget)
	}
	return h
}

func has(fs []quality.Finding, rule string) bool {
	return slices.ContainsFunc(fs, func(f quality.Finding) bool { return f.Rule == rule })
}

func TestBelowLastActual(t *testing.T) {
	p := clean()
	fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("150", "180", ""))
	if !has(fs, "below_last_actual") || fs[0].Indicator != "政务督办数量" {
		t.Errorf("150 below last year's 180: %+v", fs)
	}
	if fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("150", "150", "")); len(fs) != 0 {
		t.Errorf("target equal to last year's actual: %+v", fs)
	}
	if fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("150", "", "")); len(fs) != 0 {
		t.Errorf("no actual yet: %+v", fs)
	}
	// a lower-is-better target below last year's actual is ambition, not a fault
	q := clean()
	q.Indicators[3].Target = "5"
	h := quality.History{Lines: make([]*quality.LastYear, 6)}
	h.Lines[3] = &quality.LastYear{Target: "6.5", Unit: "万元", Actual: dp("6"), Year: 2023}
	if fs := quality.ReviewWithHistory(q, nil, quality.Defaults(), h); has(fs, "below_last_actual") {
		t.Errorf("a ≤ target: %+v", fs)
	}
}

func TestUnchangedWhileBudgetGrew(t *testing.T) {
	p := clean() // budget 6.50, 政务督办数量 ≥ 150
	fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("150", "", "5.00"))
	if !has(fs, "unchanged_budget_grew") {
		t.Errorf("budget +30%%, target unchanged: %+v", fs)
	}
	if fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("150", "", "6.00")); has(fs, "unchanged_budget_grew") {
		t.Errorf("budget +8.3%% is within the 10%% setting: %+v", fs)
	}
	if fs := quality.ReviewWithHistory(p, nil, quality.Defaults(), history("120", "", "5.00")); has(fs, "unchanged_budget_grew") {
		t.Errorf("target raised with the budget: %+v", fs)
	}
	s, err := quality.Defaults().With(map[string]string{"budget_growth": "0.5"})
	if err != nil {
		t.Fatal(err)
	}
	if fs := quality.ReviewWithHistory(p, nil, s, history("150", "", "5.00")); has(fs, "unchanged_budget_grew") {
		t.Errorf("30%% growth under a 50%% setting: %+v", fs)
	}
}

func TestValueBasisMissing(t *testing.T) {
	p := clean()
	p.Status = project.StatusDraft
	p.Indicators[1].ValueBasis = ""
	fs := quality.Review(p, nil, quality.Defaults())
	if len(fs) != 1 || fs[0].Rule != "value_basis_missing" || fs[0].Source != "财预〔2021〕101号" {
		t.Errorf("a draft target without basis: %+v", fs)
	}
	if fs := quality.Review(clean(), nil, quality.Defaults()); len(fs) != 0 {
		t.Errorf("every basis stated: %+v", fs)
	}
	p.Status = project.StatusApproved
	if fs := quality.Review(p, nil, quality.Defaults()); len(fs) != 0 {
		t.Errorf("a published table has no basis column: %+v", fs)
	}
}

func TestEconomicCostMissing(t *testing.T) {
	p := clean()
	p.Indicators[3].Level2, p.Indicators[3].Name = "社会成本指标", "对群众生活的影响"
	p.Indicators[3].Nature, p.Indicators[3].Target, p.Indicators[3].Unit = project.NatureQualitative, "无明显影响", ""
	fs := quality.Review(p, nil, quality.Defaults())
	if len(fs) != 1 || fs[0].Rule != "economic_cost_missing" {
		t.Errorf("only a social cost: %+v", fs)
	}
	if fs := quality.Review(clean(), nil, quality.Defaults()); has(fs, "economic_cost_missing") {
		t.Errorf("an economic cost is set: %+v", fs)
	}
	none := clean()
	none.Indicators[3].Level1, none.Indicators[3].Level2 = "产出指标", "数量指标"
	if fs := quality.Review(none, nil, quality.Defaults()); has(fs, "economic_cost_missing") || !has(fs, "cost_missing") {
		t.Errorf("no cost at all is cost_missing's: %+v", fs)
	}
}
