package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// multiHost is the URL of database db on every cluster, in order, for the
// node that takes writes (as a DATABASE_URL for a Patroni cluster).
func multiHost(db string, cs ...*dbtest.Cluster) string {
	hosts := ""
	for i, c := range cs {
		if i > 0 {
			hosts += ","
		}
		hosts += fmt.Sprintf("127.0.0.1:%d", c.Port)
	}
	return "postgres://postgres@" + hosts + "/" + db + "?sslmode=disable&target_session_attrs=read-write&connect_timeout=2"
}

// seeded migrates the store's database and loads the Golmud projects and
// periods.
func seeded(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	_, err := seed.SaveGolmud2024(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
}

// saver saves one report again and again with the executed amount given.
type saver struct {
	st      *store.Store
	svc     *reports.Service
	code    string
	version int
	lines   []report.Line
	actor   reports.Actor
}

func newSaver(t *testing.T, st *store.Store, code string) *saver {
	t.Helper()
	p, err := st.GetProject(context.Background(), store.ScopeAll(), code)
	if err != nil {
		t.Fatal(err)
	}
	s := &saver{st: st, svc: reports.New(st, rules.National(), time.Now), code: code,
		actor: reports.Actor{Caller: user.Caller{Username: "sub", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{code}}}}
	for _, ind := range p.Indicators {
		s.lines = append(s.lines, report.Line{IndicatorID: ind.ID})
	}
	return s
}

// save stores executed as the next version; a refused save reads the
// version stored (a save may have committed though its answer was lost).
func (s *saver) save(executed string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	v := decimal.RequireFromString(executed)
	rec, err := s.svc.Save(ctx, store.ScopeAll(), s.actor, s.code, "2024-06", s.version, report.Report{Budget: report.Budget{Executed: &v}, Lines: s.lines})
	if err != nil {
		if got, gerr := s.svc.Get(ctx, store.ScopeAll(), s.code, "2024-06"); gerr == nil {
			s.version = got.Report.Version
		}
		return err
	}
	s.version = rec.Report.Version
	return nil
}

// TestTheStoreFollowsAFailoverByItself: with every node in DATABASE_URL
// (target_session_attrs=read-write), a crash of the primary makes saves
// fail as unavailable (503) while no node takes writes; once the replica is
// promoted, saves succeed again through the same store, without a restart,
// and every save acknowledged before the crash is there.
func TestTheStoreFollowsAFailoverByItself(t *testing.T) {
	primary := dbtest.NewCluster(t)
	replica := primary.Replica()
	ctx := context.Background()
	// the replica first: the store must skip a node that takes no writes
	st, err := store.Open(ctx, multiHost("jixiao", replica, primary))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seeded(t, st)
	s := newSaver(t, st, "63280100024T000000642")
	for i := 1; i <= 3; i++ {
		if err := s.save(fmt.Sprintf("%d.00", i)); err != nil {
			t.Fatalf("save %d on the primary: %v", i, err)
		}
	}
	acknowledged := s.version
	// the replica has replayed the saves before the crash (synchronous
	// replication makes this hold at every commit in production)
	within(t, 10*time.Second, "the replica has the saves", func() bool {
		c, err := pgx.Connect(ctx, replica.URL("jixiao"))
		if err != nil {
			return false
		}
		defer c.Close(ctx)
		var v int
		_ = c.QueryRow(ctx, `SELECT version FROM reports WHERE project_code = $1 AND period_key = '2024-06'`, s.code).Scan(&v)
		return v == acknowledged
	})

	primary.Crash()
	err = s.save("4.00")
	if err == nil || !store.IsUnavailable(err) {
		t.Fatalf("a save with the primary down: %v, want unavailable (503)", err)
	}
	replica.Promote()
	began := time.Now()
	saved := false
	for attempt := 0; attempt < 100 && time.Since(began) < 20*time.Second; attempt++ {
		if err := s.save("5.00"); err == nil {
			saved = true
			break
		} else if !store.IsUnavailable(err) && !isStale(err) {
			t.Fatalf("a save after the promotion: %v, want success or unavailable", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !saved {
		t.Fatalf("no save succeeded within 20 s of the promotion")
	}
	t.Logf("a save succeeded %s after the promotion, through the same store", time.Since(began).Round(time.Millisecond))
	rec, err := s.svc.Get(ctx, store.ScopeAll(), s.code, "2024-06")
	if err != nil || rec.Report.Version <= acknowledged {
		t.Fatalf("after the failover: version %d (%v), want above %d", rec.Report.Version, err, acknowledged)
	}
	hist, err := st.ReportHistory(ctx, store.ScopeAll(), s.code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) < acknowledged {
		t.Errorf("%d versions in the history, want every acknowledged one of %d", len(hist), acknowledged)
	}
}

// isStale tells a save refused as stale: its version was read before a
// save whose answer was lost committed.
func isStale(err error) bool { return errors.Is(err, report.ErrStaleVersion) }

// TestANodeThatStopsTakingWritesIsLeft: when the node the store is
// connected to stops taking writes while it stays up (SQLSTATE 25006), the
// write that finds it out is unavailable (503), the connections made until
// then are dropped, and the next writes go to the node that takes them,
// through the same store.
func TestANodeThatStopsTakingWritesIsLeft(t *testing.T) {
	a, b := dbtest.NewCluster(t), dbtest.NewCluster(t)
	ctx := context.Background()
	stB, err := store.Open(ctx, b.URL("jixiao"))
	if err != nil {
		t.Fatal(err)
	}
	seeded(t, stB)
	stB.Close()
	st, err := store.Open(ctx, multiHost("jixiao", a, b))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seeded(t, st)
	s := newSaver(t, st, "63280100024T000000642")
	// several connections in both pools, all to a
	for i := 1; i <= 3; i++ {
		if err := s.save(fmt.Sprintf("%d.00", i)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.svc.Get(ctx, store.ScopeAll(), s.code, "2024-06"); err != nil {
			t.Fatal(err)
		}
	}
	admin, err := pgx.Connect(ctx, a.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `ALTER SYSTEM SET default_transaction_read_only = on`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_reload_conf()`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // sessions take the reloaded setting at their next statement
	u, _ := url.Parse(b.URL("jixiao"))
	b2 := newSaver(t, st, s.code)
	var first error
	began := time.Now()
	ok := false
	for attempt := 0; attempt < 50 && time.Since(began) < 15*time.Second; attempt++ {
		err := b2.save("9.00")
		if err == nil {
			ok = true
			break
		}
		if first == nil {
			first = err
		}
		if !store.IsUnavailable(err) && !isStale(err) {
			t.Fatalf("a write to a read-only node: %v, want unavailable (503)", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if first == nil || !store.IsUnavailable(first) {
		t.Errorf("the first write after a went read-only: %v, want unavailable", first)
	}
	if !ok {
		t.Fatalf("no write reached %s within 15 s", u.Host)
	}
	var port string
	if err := st.DB().QueryRowContext(ctx, `SELECT current_setting('port')`).Scan(&port); err != nil {
		t.Fatal(err)
	}
	if port != fmt.Sprint(b.Port) {
		t.Errorf("the store reads from port %s, want b's %d", port, b.Port)
	}
	t.Logf("writes went to the node that takes them %s after a went read-only", time.Since(began).Round(time.Millisecond))
}
