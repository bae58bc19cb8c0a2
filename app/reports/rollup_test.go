package reports_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/user"
)

// assertRollupsMatchProjects proves the dashboard's totals, read from the
// rollups the database keeps, equal an aggregate of its project lines
// computed afresh.
func assertRollupsMatchProjects(t *testing.T, d reports.Dashboard) {
	t.Helper()
	light, status, grade := map[string]int{}, map[string]int{}, map[string]int{"优": 0, "良": 0, "中": 0, "差": 0}
	budget, executed := d.BudgetTotal.Sub(d.BudgetTotal), d.BudgetTotal.Sub(d.BudgetTotal)
	for _, p := range d.Projects {
		budget = budget.Add(p.Adjusted)
		if p.Executed != nil {
			executed = executed.Add(*p.Executed)
		}
		if !p.Saved {
			status[store.StatusUnfilled]++
			continue
		}
		status[string(p.Status)]++
		if !p.Status.Reported() { // lights and grades of reported reports only
			continue
		}
		light[string(p.Light)]++
		if p.Total != nil {
			grade[p.Grade]++
		}
	}
	if d.ProjectCount != len(d.Projects) {
		t.Errorf("project count %d, listed %d", d.ProjectCount, len(d.Projects))
	}
	if fmt.Sprint(light) != fmt.Sprint(d.ByLight) || fmt.Sprint(status) != fmt.Sprint(d.ByStatus) || fmt.Sprint(grade) != fmt.Sprint(d.ByGrade) {
		t.Errorf("rollups: lights %v statuses %v grades %v; afresh: %v %v %v", d.ByLight, d.ByStatus, d.ByGrade, light, status, grade)
	}
	if !budget.Equal(d.BudgetTotal) || !executed.Equal(d.ExecutedTotal) {
		t.Errorf("rollups: budget %s executed %s; afresh: %s %s", d.BudgetTotal, d.ExecutedTotal, budget, executed)
	}
}

// TestRollupsFollowConcurrentSavesAndTransitions saves every project of a
// department at once (twelve transactions refreshing one rollup row), then
// submits and returns one: after each step the rollups equal a fresh
// aggregate.
func TestRollupsFollowConcurrentSavesAndTransitions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// a department of its own, so that other tests' reports do not count
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Projects {
		ds.Projects[i].Code = "R" + ds.Projects[i].Code
		ds.Projects[i].Department = project.Department{Code: "990001", Name: "汇总测试单位"}
	}
	if err := f.st.SaveProjects(ctx, ds.Projects); err != nil {
		t.Fatal(err)
	}
	ps, err := f.st.ListProjects(ctx, store.ScopeAll(), store.ProjectFilter{Year: 2024, Department: "990001"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ps))
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			proj, ids := indicatorIDs(t, f.st, p.Code)
			in := report.Report{Budget: report.Budget{Executed: d(fmt.Sprintf("%d.5", i+1)), Projected: d("1")}}
			for k, id := range ids {
				l := report.Line{IndicatorID: id}
				if proj.Indicators[k].Kind().Numeric() {
					l.Value, l.Projected = d("1"), d("1")
				}
				in.Lines = append(in.Lines, l)
			}
			cur, err := f.svc.Get(ctx, store.ScopeAll(), p.Code, "2024-06")
			if err != nil {
				errs <- err
				return
			}
			if _, err := f.svc.Save(ctx, store.ScopeAll(), submitter(p.Code), p.Code, "2024-06", cur.Report.Version, in); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	dash, err := f.svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "990001")
	if err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchProjects(t, dash)
	if dash.ByStatus["draft"] != len(ps) || dash.ExecutedTotal.IsZero() {
		t.Errorf("after saving every project: %v, executed %s", dash.ByStatus, dash.ExecutedTotal)
	}

	// a page holds the totals of all and the lines of the page
	page, err := f.svc.DashboardPage(ctx, store.ScopeDepartments("990001"), "2024-06", "", store.Page{Offset: 10, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if page.ProjectCount != len(ps) || len(page.Projects) != len(ps)-10 || page.Projects[0].Code != dash.Projects[10].Code {
		t.Errorf("page 3 of 5: count %d, %d lines", page.ProjectCount, len(page.Projects))
	}
	if fmt.Sprint(page.ByLight) != fmt.Sprint(dash.ByLight) || !page.BudgetTotal.Equal(dash.BudgetTotal) {
		t.Errorf("a page's totals %v %s differ from the whole's %v %s", page.ByLight, page.BudgetTotal, dash.ByLight, dash.BudgetTotal)
	}
	// a scope of single projects is aggregated afresh, and sees only them
	one, err := f.svc.DashboardPage(ctx, store.ScopeProjects(ps[0].Code), "2024-06", "", store.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if one.ProjectCount != 1 || len(one.Projects) != 1 {
		t.Errorf("a one-project scope sees %d projects", one.ProjectCount)
	}

	// a transition moves the counts by status
	code := ps[3].Code
	completeAnnual(t, f, code)
	if _, err := f.svc.Submit(ctx, store.ScopeAll(), submitter(code), code, "2024"); err != nil {
		t.Fatal(err)
	}
	annual, err := f.svc.Dashboard(ctx, store.ScopeAll(), "2024", "990001")
	if err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchProjects(t, annual)
	if annual.ByStatus["submitted"] != 1 {
		t.Errorf("after one submit: %v", annual.ByStatus)
	}
	if _, err := f.svc.Return(ctx, store.ScopeAll(), reports.Actor{Caller: user.Caller{Username: "reviewer", Roles: []user.Role{user.Reviewer},
		Departments: []string{"990001"}}}, code, "2024", "请补充"); err != nil {
		t.Fatal(err)
	}
	if annual, err = f.svc.Dashboard(ctx, store.ScopeAll(), "2024", "990001"); err != nil {
		t.Fatal(err)
	}
	assertRollupsMatchProjects(t, annual)
	if annual.ByStatus["returned"] != 1 || annual.ByStatus["submitted"] != 0 {
		t.Errorf("after the return: %v", annual.ByStatus)
	}
}
