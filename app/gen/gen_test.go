package gen_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"reflect"
	"testing"
	"time"

	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/gen"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

func TestMain(m *testing.M) { dbtest.Main(m, "gen") }

func TestTheSameSeedGivesTheSameProvince(t *testing.T) {
	a, _ := gen.New(gen.Options{Departments: 20, ProjectsPer: 12, Seed: 7}, rules.National())
	b, _ := gen.New(gen.Options{Departments: 20, ProjectsPer: 12, Seed: 7}, rules.National())
	c, _ := gen.New(gen.Options{Departments: 20, ProjectsPer: 12, Seed: 8}, rules.National())
	_, pa := a.Department(13)
	_, pb := b.Department(13)
	_, pc := c.Department(13)
	if !reflect.DeepEqual(pa, pb) {
		t.Error("seed 7 gave two different departments 13")
	}
	if reflect.DeepEqual(pa, pc) {
		t.Error("seeds 7 and 8 gave the same department 13")
	}
	ra, oka, _ := a.Report(13, 2, pa[2])
	rb, okb, _ := b.Report(13, 2, pb[2])
	if oka != okb || !reflect.DeepEqual(ra, rb) {
		t.Error("seed 7 gave two different reports")
	}
}

func TestGeneratedProjectsAreShapedLikeTheSeed(t *testing.T) {
	g, err := gen.New(gen.Options{Departments: 30, ProjectsPer: 12, Seed: 1}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[project.Kind]int{}
	statuses := map[report.Status]int{}
	indicators, projects := 0, 0
	for i := range 30 {
		_, ps := g.Department(i)
		for j, p := range ps {
			if err := p.Validate(); err != nil { // weights add to 100, targets are numbers
				t.Fatalf("%s: %v", p.Code, err)
			}
			for k := range p.Indicators {
				p.Indicators[k].ID = int64(k + 1)
				kinds[p.Indicators[k].Kind()]++
			}
			indicators += len(p.Indicators)
			projects++
			r, ok, err := g.Report(i, j, p)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			statuses[r.Report.Status]++
			if r.Report.Status != report.StatusDraft && r.Evaluation.SubmitError() != nil {
				t.Errorf("%s is %s but could not be submitted: %v", p.Code, r.Report.Status, r.Evaluation.SubmitError())
			}
		}
	}
	for _, k := range []project.Kind{project.KindHigher, project.KindEqual, project.KindDeadline, project.KindQualitative} {
		if kinds[k] == 0 {
			t.Errorf("no indicator of kind %s among %v", k, kinds)
		}
	}
	// the seed has 76 indicators in 12 projects
	if per := float64(indicators) / float64(projects); per < 5 || per > 8 {
		t.Errorf("%.1f indicators per project, the seed has 6.3", per)
	}
	for _, s := range []report.Status{report.StatusDraft, report.StatusSubmitted, report.StatusApproved} {
		if statuses[s] == 0 {
			t.Errorf("no %s report among %v", s, statuses)
		}
	}
}

// TestLoadStoresWhatTheRulesComputeWithUsableAccounts loads a small province
// and reads it back: every stored evaluation equals a fresh one from the
// stored inputs, the rollups equal the projects' lines, the history and
// transitions follow the status, and a generated submitter can sign in.
func TestLoadStoresWhatTheRulesComputeWithUsableAccounts(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	g, err := gen.New(gen.Options{Departments: 6, ProjectsPer: 5, Seed: 3}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.NewPasswordHash("Gen-Passw0rd")
	if err != nil {
		t.Fatal(err)
	}
	stats, err := gen.Load(ctx, st, g, hash, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Departments != 6 || stats.Projects != 30 || stats.Reports == 0 || stats.Users != 6+1+1 {
		t.Fatalf("stats %+v", stats)
	}
	svc := reports.New(st, rules.National(), time.Now)
	dash, err := svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "")
	if err != nil {
		t.Fatal(err)
	}
	if dash.ProjectCount != 30 || len(dash.Projects) != 30 {
		t.Fatalf("dashboard has %d projects", dash.ProjectCount)
	}
	saved := 0
	for _, p := range dash.Projects {
		rec, err := st.GetReport(ctx, store.ScopeAll(), p.Code, "2024-06")
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Saved {
			continue
		}
		saved++
		fresh, err := monitor.Evaluate(rules.National(), rec.Project, rec.Period, rec.Report, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(rec.Evaluation)
		b, _ := json.Marshal(fresh)
		if string(a) != string(b) {
			t.Errorf("%s: stored evaluation differs from a fresh one", p.Code)
		}
		if want := map[report.Status]int{report.StatusDraft: 0, report.StatusSubmitted: 1, report.StatusApproved: 2}[rec.Report.Status]; len(rec.Transitions) != want {
			t.Errorf("%s is %s with %d transitions", p.Code, rec.Report.Status, len(rec.Transitions))
		}
		hist, err := st.ReportHistory(ctx, store.ScopeAll(), p.Code, "2024-06")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != rec.Report.Version {
			t.Errorf("%s at version %d has %d versions", p.Code, rec.Report.Version, len(hist))
		}
	}
	if saved != stats.Reports {
		t.Errorf("%d saved reports read back, %d loaded", saved, stats.Reports)
	}
	byStatus := map[string]int{}
	for _, p := range dash.Projects {
		if !p.Saved {
			byStatus[store.StatusUnfilled]++
			continue
		}
		byStatus[string(p.Status)]++
	}
	if !reflect.DeepEqual(byStatus, dash.ByStatus) || dash.ByStatus["submitted"] != stats.Submitted {
		t.Errorf("rollup statuses %v, projects %v, stats %+v", dash.ByStatus, byStatus, stats)
	}
	acct, h, err := st.UserForLogin(ctx, gen.SubmitterName(gen.DepartmentCode(2)))
	if err != nil {
		t.Fatal(err)
	}
	if err := auth.VerifyPassword(h, "Gen-Passw0rd"); err != nil || len(acct.Projects) != 5 || acct.Departments[0] != gen.DepartmentCode(2) {
		t.Errorf("generated submitter %+v: %v", acct, err)
	}
	// a second load of the same province fails whole, storing nothing
	if _, err := gen.Load(ctx, st, g, hash, time.Now()); err == nil {
		t.Error("loading the same province twice succeeded")
	}
	after, err := svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "")
	if err != nil || after.ProjectCount != 30 {
		t.Errorf("after a failed load: %d projects, %v", after.ProjectCount, err)
	}
}

// TestATreeProvince: with Tree, the departments are 主管部门 each followed by
// 1–15 units one level below; every 主管部门 with units has a supervisor
// who reads its units' projects and a department filter on it rolls them up.
func TestATreeProvince(t *testing.T) {
	ctx := context.Background()
	// a database of its own: the generated codes are those of the other tests
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	u.Path += "_tree"
	dsn := u.String()
	if err := store.CreateDatabase(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		if err := store.DropDatabase(context.Background(), dsn); err != nil {
			t.Log(err)
		}
	})
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	const n = 40
	g, err := gen.New(gen.Options{Departments: n, ProjectsPer: 2, Seed: 11, Tree: true}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	tops, units := 0, map[int]int{}
	for i := range n {
		p := g.Parent(i)
		d, _ := g.Department(i)
		switch {
		case p < 0:
			tops++
			if d.Parent != "" || d.Level != 1 {
				t.Errorf("department %d: %+v", i, d)
			}
		default:
			units[p]++
			if p >= i || g.Parent(p) >= 0 || d.Parent != gen.DepartmentCode(p) || d.Level != 2 {
				t.Errorf("unit %d under %d: %+v", i, p, d)
			}
		}
	}
	for p, k := range units {
		if k < 1 || k > gen.MaxUnits {
			t.Errorf("主管部门 %d has %d units", p, k)
		}
	}
	if tops < 2 || tops > n/2 {
		t.Errorf("%d 主管部门 of %d departments", tops, n)
	}
	hash, err := auth.NewPasswordHash("Gen-Passw0rd")
	if err != nil {
		t.Fatal(err)
	}
	stats, err := gen.Load(ctx, st, g, hash, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Supervised != len(units) || stats.Departments != n {
		t.Fatalf("stats %+v, want %d supervised", stats, len(units))
	}
	svc := reports.New(st, rules.National(), time.Now)
	first := gen.DepartmentCode(0)
	dash, err := svc.Dashboard(ctx, store.ScopeAll(), "2024-06", first)
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * (1 + units[0]); dash.ProjectCount != want {
		t.Errorf("the first 主管部门's dashboard: %d projects, want %d", dash.ProjectCount, want)
	}
	var level2 int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM departments WHERE level = 2 AND parent_code IS NOT NULL`).Scan(&level2); err != nil {
		t.Fatal(err)
	}
	if level2 != n-tops {
		t.Errorf("%d units stored, want %d", level2, n-tops)
	}
}
