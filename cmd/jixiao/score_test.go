package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

func TestScorePrintsEveryProjectsTotalAndGrade(t *testing.T) {
	if out, err := jixiao(t, "", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	st := openStore(t)
	ctx := context.Background()
	const code = "63280100024T000000642"
	p, err := st.GetProject(ctx, store.ScopeAll(), code)
	if err != nil {
		t.Fatal(err)
	}
	// 金融服务活动资金, 15.80 万元, annual: every target met, qualitative lines
	// at their full weight, executed 14.22 = 90 % → 10 × 0.9 = 9.00; total 90 + 9 = 99.00 → 优.
	in := report.Report{Budget: report.Budget{Executed: dec("14.22")}}
	for _, ind := range p.Indicators {
		l := report.Line{IndicatorID: ind.ID}
		switch ind.Kind() {
		case "qualitative":
			l.Band, l.ScoreInput = report.BandAchieved, dec(ind.Weight.String())
		case "deadline":
			l.CompletedOn = "2024-12-15"
		default:
			l.Value = dec(ind.Target)
		}
		in.Lines = append(in.Lines, l)
	}
	sub := reports.Actor{Caller: user.Caller{Username: "cli-test", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{code}}}
	if _, err := reports.New(st, rules.National(), time.Now).Save(ctx, store.ScopeAll(), sub, code, "2024", 0, in); err != nil {
		t.Fatal(err)
	}
	out, err := jixiao(t, "", "score", "--period", "2024", "--json")
	if err != nil {
		t.Fatalf("score: %v\n%s", err, out)
	}
	var res struct {
		Period   string `json:"period"`
		Projects []struct {
			Code  string  `json:"code"`
			Saved bool    `json:"saved"`
			Total *string `json:"total"`
			Grade string  `json:"grade"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Period != "2024" || len(res.Projects) != 12 {
		t.Fatalf("period %s with %d projects", res.Period, len(res.Projects))
	}
	for _, pr := range res.Projects {
		if pr.Code == code {
			if pr.Total == nil || *pr.Total != "99.00" || pr.Grade != "优" {
				t.Errorf("%s: %v %s, want 99.00 优", code, pr.Total, pr.Grade)
			}
		} else if pr.Total != nil || pr.Grade != "" || pr.Saved {
			t.Errorf("%s has a total or grade without a report: %+v", pr.Code, pr)
		}
	}
	table, err := jixiao(t, "", "score", "--period", "2024")
	if err != nil || !strings.Contains(table, "99.00") || !strings.Contains(table, "未填报") {
		t.Errorf("table output (%v):\n%s", err, table)
	}
	// the eleven projects nobody filled: 未填报, no 0, no 差
	unfilledRows := 0
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasPrefix(f[0], "6328") {
			continue
		}
		if f[0] == code {
			if !strings.Contains(line, "99.00") || !strings.Contains(line, "优") {
				t.Errorf("the filled project: %q", line)
			}
			continue
		}
		unfilledRows++
		if f[len(f)-1] != "未填报" || strings.Count(line, "未填报") != 2 || strings.Contains(line, "差") || strings.Contains(line, "0.00") {
			t.Errorf("an unfilled project: %q", line)
		}
	}
	if unfilledRows != 11 {
		t.Errorf("%d unfilled rows in\n%s", unfilledRows, table)
	}
	if _, err := jixiao(t, "", "score"); err == nil {
		t.Error("score without --period must fail")
	}
}

func dec(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}
