package monitor_test

import (
	"strings"
	"testing"

	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

func shipped(t *testing.T, name string) rules.RuleSet {
	t.Helper()
	for _, p := range rules.Shipped() {
		if p.Name == name {
			rs, err := p.RuleSet()
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}
	}
	t.Fatalf("no shipped profile %s", name)
	return rules.RuleSet{}
}

// TestFixedCheckpointsByHand: budget 100, checkpoints 25 % by April, 40 % by
// June, 60 % by August, 80 % by October, instead of the time-progress ratio.
func TestFixedCheckpointsByHand(t *testing.T) {
	sc := shipped(t, rules.ProfileCheckpoints)
	tests := []struct {
		period, executed string
		want             report.Light
		national         report.Light // the time-progress ratio, for contrast
		says             string
	}{
		{"2024-04", "24.99", report.LightYellow, report.LightYellow, "低于4月末节点25%"},
		{"2024-04", "25", report.LightGreen, report.LightYellow, "达到4月末节点25%"},
		{"2024-05", "24", report.LightYellow, report.LightRed, "低于4月末节点25%"},
		{"2024-06", "39.99", report.LightYellow, report.LightYellow, "低于6月末节点40%"},
		{"2024-06", "40", report.LightGreen, report.LightGreen, "达到6月末节点40%"},
		{"2024-08", "59", report.LightYellow, report.LightGreen, "低于8月末节点60%"},
		{"2024-08", "60", report.LightGreen, report.LightGreen, "达到8月末节点60%"},
		{"2024-10", "79.99", report.LightYellow, report.LightGreen, "低于10月末节点80%"},
		{"2024-10", "80", report.LightGreen, report.LightGreen, "达到10月末节点80%"},
		{"2024-03", "0", report.LightGreen, report.LightRed, "尚未到第一个执行进度节点"},
	}
	budget := d("100")
	for _, tt := range tests {
		t.Run(tt.period+" "+tt.executed, func(t *testing.T) {
			x := d(tt.executed)
			if got := monitor.BudgetLight(sc, per(tt.period), &budget, &x); got != tt.want {
				t.Errorf("light %s, want %s", got, tt.want)
			}
			if got := monitor.BudgetLight(rules.National(), per(tt.period), &budget, &x); got != tt.national {
				t.Errorf("national light %s, want %s", got, tt.national)
			}
			_, basis, ok := monitor.CheckpointLight(sc, per(tt.period), &budget, &x)
			if !ok || !strings.Contains(basis, tt.says) || !strings.Contains(basis, "（来源：") {
				t.Errorf("basis %q, want %q and a source", basis, tt.says)
			}
		})
	}
	x := d("10")
	if _, _, ok := monitor.CheckpointLight(sc, per("2024"), &budget, &x); ok {
		t.Error("the annual period is lit by the national ratio")
	}
}

func TestEvaluateLightsTheBudgetByCheckpoint(t *testing.T) {
	r := midYear()
	r.Budget.Executed = dp("35") // 35 % by June: below 40 %; the ratio 35 ÷ 50 = 70 % would be yellow too
	ev, err := monitor.Evaluate(shipped(t, rules.ProfileCheckpoints), evalProject(), per("2024-06"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Budget.Light != report.LightYellow || !strings.HasPrefix(ev.Budget.Basis, "截至6月执行率35%，低于6月末节点40%") {
		t.Errorf("budget %s %q", ev.Budget.Light, ev.Budget.Basis)
	}
	if ev.RuleProfile != (rules.ProfileRef{Name: "sichuan-2025", Version: 1}) {
		t.Errorf("rule profile %v", ev.RuleProfile)
	}
}

// TestCompletionGapByHand: indicator weight 90, execution weight 10,
// budget 100, executed 65 (65 %).
//
//	indicator sum 88:    88 ÷ 90 = 97.78 %, 32.78 points above 65 %: warning
//	indicator sum 67.5:  75 %, exactly 10 points: no warning (more than 10)
//	indicator sum 67.51: 75.01 %: warning
//	indicator sum 49.5:  55 %, 10 points below: no warning; 49.49: warning
func TestCompletionGapByHand(t *testing.T) {
	sc := shipped(t, rules.ProfileCheckpoints)
	p := project.Project{ExecutionWeight: d("10")}
	budget, executed := d("100"), d("65")
	for sum, want := range map[string]bool{"88": true, "67.5": false, "67.51": true, "49.5": false, "49.49": true} {
		res := scoring.Result{IndicatorWeight: d("90"), IndicatorSum: d(sum), Execution: scoring.ExecutionScore{Score: d("6.5")}}
		ws := monitor.Warnings(sc, per("2024-06"), p, res, &budget, &executed)
		if (len(ws) == 1) != want {
			t.Errorf("indicator sum %s: warnings %v, want a gap warning %v", sum, ws, want)
			continue
		}
		if want && (ws[0].Rule != monitor.WarningCompletionGap || ws[0].Light != report.LightYellow) {
			t.Errorf("warning %+v", ws[0])
		}
		if national := monitor.Warnings(rules.National(), per("2024-06"), p, res, &budget, &executed); national != nil {
			t.Errorf("national warns %v", national)
		}
	}
	res := scoring.Result{IndicatorWeight: d("90"), IndicatorSum: d("88"), Execution: scoring.ExecutionScore{Score: d("6.5")}}
	ws := monitor.Warnings(sc, per("2024"), p, res, &budget, &executed)
	want := "指标完成率（指标得分÷指标权重）97.78%，预算执行率65%，相差32.78个百分点，超过10个百分点：黄灯预警（来源："
	if len(ws) != 1 || !strings.HasPrefix(ws[0].Basis, want) {
		t.Errorf("warnings %v, want %q", ws, want)
	}
}

// TestSelfEvaluationWarningByHand: indicator weight 90, execution weight 10,
// budget 100. Red when the indicator score rate exceeds 105 % of the
// execution score rate; yellow when more than 20 % is unspent.
//
//	sum 88, executed 65 (score 6.5): 97.78 % > 65 % × 1.05 = 68.25 %: red;
//	  35 % unspent: yellow
//	sum 62.01 (68.9 %), executed 65: red; 61.42 (68.24 %): not red
//	executed 80 (score 8), sum 75.6 (84 % = 80 % × 1.05): not red; 20 % unspent: not yellow
//	executed 79.99 (score 8.00): 20.01 % unspent: yellow
func TestSelfEvaluationWarningByHand(t *testing.T) {
	sw := shipped(t, rules.ProfileSelfEvalWarning)
	p := project.Project{ExecutionWeight: d("10")}
	budget := d("100")
	tests := []struct {
		sum, executed, execScore string
		want                     []string
	}{
		{"88", "65", "6.5", []string{monitor.WarningSelfEvalOutrun, monitor.WarningSelfEvalUnspent}},
		{"62.01", "65", "6.5", []string{monitor.WarningSelfEvalOutrun, monitor.WarningSelfEvalUnspent}},
		{"61.42", "65", "6.5", []string{monitor.WarningSelfEvalUnspent}},
		{"75.6", "80", "8", nil},
		{"75.6", "79.99", "8", []string{monitor.WarningSelfEvalUnspent}},
	}
	for _, tt := range tests {
		x := d(tt.executed)
		res := scoring.Result{IndicatorWeight: d("90"), IndicatorSum: d(tt.sum), Execution: scoring.ExecutionScore{Score: d(tt.execScore)}}
		ws := monitor.Warnings(sw, per("2024"), p, res, &budget, &x)
		var got []string
		for _, w := range ws {
			got = append(got, w.Rule)
			wantLight := map[string]report.Light{monitor.WarningSelfEvalOutrun: report.LightRed, monitor.WarningSelfEvalUnspent: report.LightYellow}[w.Rule]
			if w.Light != wantLight || !strings.Contains(w.Basis, "（来源：") {
				t.Errorf("%+v", w)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("sum %s executed %s: %v, want %v", tt.sum, tt.executed, got, tt.want)
		}
		if mid := monitor.Warnings(sw, per("2024-06"), p, res, &budget, &x); mid != nil {
			t.Errorf("a monitoring period gets self-evaluation warnings %v", mid)
		}
	}
}

func TestWarningsLightTheProjectAndAskForAReason(t *testing.T) {
	// the worked annual report of §3 spends 65 of 100: 35 % unspent
	p := evalProject()
	r := midYear()
	r.PeriodKey = "2024"
	r.Budget = report.Budget{Executed: dp("65")}
	for i := range r.Lines {
		r.Lines[i].Value = r.Lines[i].Projected
		r.Lines[i].Projected, r.Lines[i].Likelihood = nil, ""
	}
	r.Lines[3] = report.Line{IndicatorID: 4, CompletedOn: "2024-11-30"}
	ev, err := monitor.Evaluate(shipped(t, rules.ProfileSelfEvalWarning), p, per("2024"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Light != report.LightRed || len(ev.Warnings) != 2 {
		t.Fatalf("light %s, warnings %v", ev.Light, ev.Warnings)
	}
	found := false
	for _, b := range ev.Blocking {
		if b.Field == "budget.reason" {
			found = true
		}
	}
	if !found {
		t.Errorf("blocking %v lacks budget.reason", ev.Blocking)
	}
	r.Budget.Reason = "年末集中支付未到账"
	ev, err = monitor.Evaluate(shipped(t, rules.ProfileSelfEvalWarning), p, per("2024"), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range ev.Blocking {
		if b.Field == "budget.reason" {
			t.Errorf("a reason given still blocks: %v", b)
		}
	}
}
