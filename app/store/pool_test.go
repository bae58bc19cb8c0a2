package store_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/dbtest"
	"jixiao/app/store"
)

// One pool per database: the pgx reads, the gorm reads and writes and the
// database/sql statements of a server all borrow from it, so under load the
// server holds at most the pool's size of connections (pg_stat_activity,
// counted by a connection of the test's own).
func TestTheServerOpensOnePoolPerDatabase(t *testing.T) {
	const size = 4
	const app = "jixiao_pool_test"
	sep := "?"
	if strings.Contains(dbtest.DSN, "?") {
		sep = "&"
	}
	dsn := dbtest.DSN + sep + "pool_max_conns=4&application_name=" + app
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seedGolmud(t, st)

	counter, err := sql.Open("pgx", dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer counter.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for n := 0; n < 200 && ctx.Err() == nil; n++ {
				var err error
				switch (i + n) % 3 {
				case 0: // pgx
					_, err = st.PageProjects(ctx, store.ScopeAll(), store.ProjectFilter{Size: 50})
				case 1: // gorm
					_, err = st.ListUsers(ctx)
				default: // database/sql
					err = st.Ping(ctx)
				}
				if err != nil && ctx.Err() == nil {
					errs <- err
					return
				}
			}
		}(i)
	}
	most := 0
	for ctx.Err() == nil {
		var n int
		if err := counter.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		most = max(most, n)
		time.Sleep(5 * time.Millisecond)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a statement under load: %v", err)
	}
	if most == 0 || most > size {
		t.Errorf("the server held %d connections under load; its pool has %d", most, size)
	}
	t.Logf("at most %d connections of a pool of %d", most, size)
}
