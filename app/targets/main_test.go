package targets_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/domain/project"
	"jixiao/domain/quality"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "targets") }

var seedOnce sync.Once

type fixture struct {
	st      *store.Store
	svc     *targets.Service
	reports *reports.Service
	clock   time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := dbtest.Open(t)
	ctx := context.Background()
	seedOnce.Do(func() {
		_, err := seed.SaveGolmud2024(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		b, err := seed.GolmudBudget2024()
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveBudgetSpending(ctx, b.Department, b.Year, b.Lines); err != nil {
			t.Fatal(err)
		}
	})
	f := &fixture{st: st, clock: time.Date(2024, 7, 5, 9, 0, 0, 0, time.UTC)}
	now := func() time.Time { return f.clock }
	f.svc = targets.New(st, rules.National(), quality.Defaults(), now)
	f.reports = reports.New(st, rules.National(), now)
	return f
}

var sc = store.ScopeDepartments("003001")

func submitter(projects ...string) targets.Actor {
	return targets.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "mishu", Roles: []user.Role{user.Submitter},
		Departments: []string{"003001"}, Projects: projects}}
}

var reviewer = targets.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "reviewer", Roles: []user.Role{user.Reviewer},
	Departments: []string{"003001"}}}

func asReports(a targets.Actor) reports.Actor { return reports.Actor{Caller: a.Caller, IP: a.IP} }

func dec(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

// fill returns a report whose lines meet their targets to date (cut-off month m).
func fill(p project.Project, annual bool) report.Report {
	r := report.Report{Budget: report.Budget{Executed: dec(p.Budget.Div(decimal.NewFromInt(2)).Round(2).String()), Projected: dec(p.Budget.String())}}
	if annual {
		r.Budget = report.Budget{Executed: dec(p.Budget.String())}
	}
	for _, in := range p.Indicators {
		l := report.Line{IndicatorID: in.ID}
		switch in.Kind() {
		case project.KindQualitative:
			l.Band, l.ScoreInput = report.BandAchieved, dec(in.Weight.String())
		case project.KindDeadline:
			if annual {
				l.CompletedOn = "2024-11-30"
			} else {
				l.Likelihood = report.LikelihoodCertain
			}
		default:
			t, _ := in.TargetNumber()
			v := t
			if !annual && in.EffectiveAccrual() == project.AccrualCumulative {
				v = t.Div(decimal.NewFromInt(2))
			}
			l.Value = dec(v.String())
			if !annual {
				l.Projected = dec(t.String())
			}
		}
		r.Lines = append(r.Lines, l)
	}
	return r
}

func indicatorNamed(t *testing.T, p project.Project, name string) project.Indicator {
	t.Helper()
	for _, in := range p.Indicators {
		if in.Name == name {
			return in
		}
	}
	t.Fatalf("%s has no indicator %s", p.Code, name)
	return project.Indicator{}
}

func targetsActorOtherDept() targets.Actor {
	return targets.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "other", Roles: []user.Role{user.Submitter}, Departments: []string{"009001"}}}
}
