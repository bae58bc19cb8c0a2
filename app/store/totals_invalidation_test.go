package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// TestEveryWriteOfTheTotalsRefreshesTheKeptProvince: with the province's
// dashboard kept for a minute, each kind of write through this server that
// changes its totals (a report submitted, reports rescored, a project approved,
// changed or taken back, projects imported, saved by the seed or bulk
// loaded) shows in the very next read: the store method that wrote tells
// the cache once it has committed.
func TestEveryWriteOfTheTotalsRefreshesTheKeptProvince(t *testing.T) {
	// a database of its own: the writes below change what the package's
	// other tests read from the seeded province
	ctx := context.Background()
	st := migratedDatabase(t, "writes")
	ds := seedGolmud(t, st)
	st.SetTotalsCache(time.Minute)
	per := ds.Periods[0].Key
	totals := func() store.PeriodTotals {
		t.Helper()
		_, tot, _, err := st.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		return tot
	}
	at := time.Now().UTC()
	// newProject is an approved copy of a seeded project under another code
	newProject := func(code string) project.Project {
		p := ds.Projects[0]
		p.Code, p.Name, p.Status = code, p.Name+"（"+code+"）", project.StatusApproved
		p.Indicators = append([]project.Indicator(nil), p.Indicators...)
		for i := range p.Indicators {
			p.Indicators[i].ID = 0
		}
		return p
	}
	one := decimal.NewFromInt(1)
	cases := []struct {
		name  string
		write func(t *testing.T)
		// changed tells whether after shows the write, given before
		changed func(before, after store.PeriodTotals) bool
	}{
		{"a report submitted", func(t *testing.T) {
			_, err := st.UpdateReport(ctx, store.ScopeAll(), ds.Projects[2].Code, per, func(rec *store.ReportRecord) (store.Change, error) {
				d := decimal.NewFromInt(7)
				rec.Report.Version++
				rec.Report.Budget.Executed = &d
				rec.Report.Status = report.StatusSubmitted // reported: its score counts
				return store.Change{Action: "submit", Actor: "test", At: at}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool {
			return a.ExecutedTotal.Equal(b.ExecutedTotal.Add(decimal.NewFromInt(7))) && a.Saved == b.Saved+1
		}},
		{"reports rescored", func(t *testing.T) {
			eval := func(p project.Project, per period.Period, r report.Report, adj []scoring.Adjustment) (monitor.Evaluation, error) {
				ev, err := monitor.Evaluate(rules.National(), p, per, r, adj)
				ev.Total = ev.Total.Add(one) // one point more than the rules give
				return ev, err
			}
			if _, changed, err := st.Rescore(ctx, per, eval, audit.Entry{At: at, Actor: "test"}); err != nil || changed == 0 {
				t.Fatalf("rescore changed %d reports: %v", changed, err)
			}
		}, func(b, a store.PeriodTotals) bool {
			return a.Scored > 0 && a.ScoreSum.Equal(b.ScoreSum.Add(decimal.NewFromInt(int64(a.Scored))))
		}},
		{"a project created and approved", func(t *testing.T) {
			p := newProject(ds.Projects[0].Code + "91")
			if _, err := st.CreateProject(ctx, store.ScopeAll(), p, store.ProjectChange{Action: "create", Actor: "test", At: at}); err != nil {
				t.Fatal(err)
			}
			_, err := st.UpdateProject(ctx, store.ScopeAll(), p.Code, func(p *project.Project) (store.ProjectChange, error) {
				p.Status = project.StatusApproved
				return store.ProjectChange{Action: "approve", Actor: "test", At: at}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.Projects == b.Projects+1 }},
		{"a project's budget changed", func(t *testing.T) {
			_, err := st.UpdateProject(ctx, store.ScopeAll(), ds.Projects[0].Code+"91", func(p *project.Project) (store.ProjectChange, error) {
				p.Budget = p.Budget.Add(one)
				return store.ProjectChange{Action: "edit", Actor: "test", At: at}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.BudgetTotal.Equal(b.BudgetTotal.Add(one)) }},
		{"a project taken back into drafting", func(t *testing.T) {
			_, err := st.UpdateProject(ctx, store.ScopeAll(), ds.Projects[0].Code+"91", func(p *project.Project) (store.ProjectChange, error) {
				p.Status = project.StatusDraft
				return store.ProjectChange{Action: "withdraw", Actor: "test", At: at}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.Projects == b.Projects-1 }},
		{"projects imported", func(t *testing.T) {
			if err := st.ImportProjects(ctx, nil, []project.Project{newProject(ds.Projects[0].Code + "92")},
				audit.Entry{At: at, Actor: "test", Action: "project.import", ObjectType: "project"}); err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.Projects == b.Projects+1 }},
		{"projects saved by the seed", func(t *testing.T) {
			if err := st.SaveProjects(ctx, []project.Project{newProject(ds.Projects[0].Code + "93")}); err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.Projects == b.Projects+1 }},
		{"projects bulk loaded", func(t *testing.T) {
			l, err := st.BeginLoad(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := l.Projects(ctx, nil, []project.Project{newProject(ds.Projects[0].Code + "94")}); err != nil {
				l.Rollback(ctx)
				t.Fatal(err)
			}
			if err := l.Periods(ctx, ds.Periods); err != nil {
				l.Rollback(ctx)
				t.Fatal(err)
			}
			if err := l.Commit(ctx, audit.Entry{At: at, Actor: "test", Action: "load", ObjectType: "dataset", Status: 200,
				Detail: audit.JSON(map[string]int{"projects": 1})}); err != nil {
				t.Fatal(err)
			}
		}, func(b, a store.PeriodTotals) bool { return a.Projects == b.Projects+1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := totals()
			sums := st.TotalsSums()
			if again := totals(); st.TotalsSums() != sums || again.Projects != before.Projects {
				t.Fatal("the province's totals were not kept")
			}
			c.write(t)
			after := totals()
			if !c.changed(before, after) {
				t.Errorf("after the write the kept totals were served: before %+v, after %+v", before, after)
			}
			if st.TotalsSums() == sums {
				t.Error("no new sum after the write")
			}
		})
	}
}
