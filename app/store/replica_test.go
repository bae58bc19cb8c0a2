package store_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// TestReadsThatMayLagGoToTheReplica starts a private primary cluster and a
// streaming replica made from it with pg_basebackup (the machine's shared
// server is not touched), and shows that with a replica the dashboard and
// the project list read from it while a report read and every save use the
// primary: with the replica's replay paused, a save shows on the report at
// once and on the dashboard only when replay resumes.
func TestReadsThatMayLagGoToTheReplica(t *testing.T) {
	primary := dbtest.NewCluster(t)
	ctx := context.Background()
	st, err := store.Open(ctx, primary.URL("jixiao"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	ds, err := seed.SaveGolmud2024(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	replica := primary.Replica()
	if err := st.UseReplica(ctx, replica.URL("jixiao")); err != nil {
		t.Fatal(err)
	}
	if err := st.PingReplica(ctx); err != nil {
		t.Fatal(err)
	}
	svc := reports.New(st, rules.National(), time.Now)
	dashboard := func() reports.Dashboard {
		t.Helper()
		d, err := svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	within(t, 10*time.Second, "the replica has the seed", func() bool { return dashboard().ProjectCount == 12 })

	onReplica := func(sql string) {
		t.Helper()
		conn, err := pgx.Connect(ctx, replica.URL("jixiao"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	onReplica("SELECT pg_wal_replay_pause()")
	code := ds.Projects[0].Code
	p, err := st.GetProject(ctx, store.ScopeAll(), code)
	if err != nil {
		t.Fatal(err)
	}
	v := p.Budget
	sub := reports.Actor{Caller: user.Caller{Username: "sub", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{code}}}
	in := report.Report{Budget: report.Budget{Executed: &v}}
	for _, ind := range p.Indicators {
		in.Lines = append(in.Lines, report.Line{IndicatorID: ind.ID})
	}
	if _, err := svc.Save(ctx, store.ScopeAll(), sub, code, "2024-06", 0, in); err != nil {
		t.Fatal(err)
	}
	if rec, err := svc.Get(ctx, store.ScopeAll(), code, "2024-06"); err != nil || rec.Report.Version != 1 {
		t.Fatalf("the report read right after the save (primary): version %d, %v", rec.Report.Version, err)
	}
	if d := dashboard(); d.ByStatus[store.StatusUnfilled] != 12 || d.ExecutedTotal.IsPositive() {
		t.Errorf("with replay paused the dashboard already shows the save: executed %s", d.ExecutedTotal)
	}
	if ps, err := st.ListProjects(ctx, store.ScopeAll(), store.ProjectFilter{Year: 2024}); err != nil || len(ps) != 12 {
		t.Errorf("project list on the replica: %d, %v", len(ps), err)
	}
	onReplica("SELECT pg_wal_replay_resume()")
	within(t, 5*time.Second, "the dashboard shows the save once replay resumes", func() bool {
		return dashboard().ExecutedTotal.Equal(v)
	})
}

func within(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %s", what, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%s after %s", what, time.Since(start).Round(time.Millisecond))
}
