package reports_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "reports") }

var seedOnce sync.Once

// fixture is the service on the package database seeded with the Golmud data.
type fixture struct {
	svc      *reports.Service
	st       *store.Store
	clock    time.Time
	reviewer reports.Actor
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := dbtest.Open(t)
	seedOnce.Do(func() {
		_, err := seed.SaveGolmud2024(context.Background(), st)
		if err != nil {
			t.Fatal(err)
		}
	})
	f := &fixture{st: st, clock: time.Date(2024, 7, 5, 9, 0, 0, 0, time.UTC)}
	f.svc = reports.New(st, rules.National(), func() time.Time { return f.clock })
	f.reviewer = reports.Actor{IP: "127.0.0.1", Caller: user.Caller{ID: 0, Username: "reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}}}
	return f
}

// submitter is a submitter of 003001 assigned to the given projects.
func submitter(codes ...string) reports.Actor {
	return reports.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "xzcw", Roles: []user.Role{user.Submitter},
		Departments: []string{"003001"}, Projects: codes}}
}

func d(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

// indicatorIDs returns the stored ids of a project's indicators in published order.
func indicatorIDs(t *testing.T, st *store.Store, code string) (project.Project, []int64) {
	t.Helper()
	p, err := st.GetProject(context.Background(), store.ScopeAll(), code)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(p.Indicators))
	for i, in := range p.Indicators {
		ids[i] = in.ID
	}
	return p, ids
}

// assertStoredEqualsFresh proves that what a save stored equals a fresh
// computation by the domain from the stored inputs.
func assertStoredEqualsFresh(t *testing.T, f *fixture, rec store.ReportRecord) {
	t.Helper()
	got, err := f.st.GetReport(context.Background(), store.ScopeAll(), rec.Report.ProjectCode, rec.Report.PeriodKey)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := monitor.Evaluate(rules.National(), got.Project, got.Period, got.Report, got.Adjustments)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got.Evaluation)
	b, _ := json.Marshal(fresh)
	if string(a) != string(b) {
		t.Errorf("stored evaluation differs from a fresh one:\nstored %s\nfresh  %s", a, b)
	}
	dash, err := f.svc.Dashboard(context.Background(), store.ScopeAll(), rec.Report.PeriodKey, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range dash.Projects {
		if p.Code == rec.Report.ProjectCode {
			if p.Total == nil || !p.Total.Equal(fresh.Total) || string(p.Light) != string(fresh.Light) || p.Grade != string(fresh.Grade) {
				t.Errorf("dashboard row %+v differs from fresh total %s light %s grade %s", p, fresh.Total, fresh.Light, fresh.Grade)
			}
		}
	}
}

func mustEqual(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if got.StringFixed(2) != want {
		t.Errorf("%s = %s, want %s", what, got.StringFixed(2), want)
	}
}

var _ = report.StatusDraft

func itoa(i int64) string { return decimal.NewFromInt(i).String() }
