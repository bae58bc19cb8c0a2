package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/rules"
)

// TestProvinceTotalsLagOnlyForWritesThroughAnotherServer: with the totals
// kept, a save through this server shows in the next dashboard at once; a
// save through another server (a second Store on the same database) shows
// once the time to live has passed, not before.
func TestProvinceTotalsLagOnlyForWritesThroughAnotherServer(t *testing.T) {
	one := dbtest.Open(t)
	ds := seedGolmud(t, one)
	two := dbtest.Open(t) // another server on the same database
	const ttl = 400 * time.Millisecond
	one.SetTotalsCache(ttl)
	ctx := context.Background()
	per := ds.Periods[0].Key
	executed := func() decimal.Decimal {
		t.Helper()
		_, tot, _, err := one.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		return tot.ExecutedTotal
	}
	// the line of a project, as the kept page shows it
	line := func(code string) *decimal.Decimal {
		t.Helper()
		_, _, ps, err := one.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Code == code {
				return p.Executed
			}
		}
		t.Fatalf("%s not on the page", code)
		return nil
	}
	_ = line(ds.Projects[2].Code) // the page kept before the save
	save := func(st *store.Store, code string, amount int64) {
		t.Helper()
		_, err := st.UpdateReport(ctx, store.ScopeAll(), code, per, func(rec *store.ReportRecord) (store.Change, error) {
			d := decimal.NewFromInt(amount)
			rec.Report.Version++
			rec.Report.Budget.Executed = &d
			return store.Change{Action: "save", Actor: "test", At: time.Now().UTC()}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	before := executed()
	save(one, ds.Projects[2].Code, 7)
	if got := executed(); !got.Equal(before.Add(decimal.NewFromInt(7))) {
		t.Fatalf("after a save through this server: executed %s, want %s + 7", got, before)
	}
	if got := line(ds.Projects[2].Code); got == nil || !got.Equal(decimal.NewFromInt(7)) {
		t.Fatalf("after a save through this server its line shows executed %v, want 7", got)
	}
	// through the other server: the kept totals are served until they expire
	t0 := time.Now()
	save(two, ds.Projects[3].Code, 5)
	got := executed()
	if time.Since(t0) < ttl && !got.Equal(before.Add(decimal.NewFromInt(7))) {
		t.Fatalf("a save through another server showed before the totals expired: %s", got)
	}
	time.Sleep(ttl)
	if got := executed(); !got.Equal(before.Add(decimal.NewFromInt(12))) {
		t.Fatalf("after the time to live: executed %s, want %s + 12", got, before)
	}
	// kept totals are copies: changing what a caller got changes nothing kept
	_, tot, _, _ := one.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 5})
	tot.ByGrade["优"] = -1
	_, again, _, _ := one.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 5})
	if again.ByGrade["优"] == -1 {
		t.Fatal("a caller changed the kept totals")
	}
}

// TestConcurrentDashboardsShareOneSum: requests that find no totals kept,
// all at once, wait for one sum of the rollups rather than each making one.
func TestConcurrentDashboardsShareOneSum(t *testing.T) {
	st := dbtest.Open(t)
	ds := seedGolmud(t, st)
	st.SetTotalsCache(time.Minute)
	ctx := context.Background()
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, tot, _, err := st.PeriodOverview(ctx, store.ScopeAll(), ds.Periods[0].Key, "", store.Page{Limit: 5})
			if err == nil && tot.Projects == 0 {
				err = fmt.Errorf("no projects in the totals")
			}
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := st.TotalsSums(); n != 1 {
		t.Errorf("32 dashboards at once summed the rollups %d times, want 1", n)
	}
}

// TestAKeptViewIsReadAnewInTheBackground: a view past half its life is
// served as kept while one read refreshes it in the background; the next
// request gets the refreshed view without reading.
func TestAKeptViewIsReadAnewInTheBackground(t *testing.T) {
	one := dbtest.Open(t)
	ds := seedGolmud(t, one)
	two := dbtest.Open(t)
	const ttl = 600 * time.Millisecond
	one.SetTotalsCache(ttl)
	ctx := context.Background()
	per := ds.Periods[0].Key
	executed := func() decimal.Decimal {
		t.Helper()
		_, tot, _, err := one.PeriodOverview(ctx, store.ScopeAll(), per, "", store.Page{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		return tot.ExecutedTotal
	}
	t0 := time.Now()
	before := executed()
	// the view's life starts when it is kept, at the latest now
	kept := time.Now()
	sums := one.TotalsSums()
	_, err := two.UpdateReport(ctx, store.ScopeAll(), ds.Projects[4].Code, per, func(rec *store.ReportRecord) (store.Change, error) {
		d := decimal.NewFromInt(3)
		rec.Report.Version++
		rec.Report.Budget.Executed = &d
		return store.Change{Action: "save", Actor: "test", At: time.Now().UTC()}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(ttl/2 + 50*time.Millisecond - time.Since(kept))
	got := executed() // past half its life: served as kept, read anew behind
	if time.Since(t0) < ttl && !got.Equal(before) {
		t.Fatalf("the kept view was not served: %s, kept %s", got, before)
	}
	for deadline := time.Now().Add(5 * time.Second); one.TotalsSums() == sums && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
	}
	if one.TotalsSums() == sums {
		t.Fatal("no read in the background")
	}
	if got := executed(); !got.Equal(before.Add(decimal.NewFromInt(3))) {
		t.Fatalf("after the background read: executed %s, want %s + 3", got, before)
	}
}

// A period's rule profile, kept a moment for every dashboard and save, is
// read anew at once when it is chosen through this server: a save right
// after the choice is scored by the new profile, not the one kept.
func TestAChosenProfileIsReadAnewAtOnceOnThisServer(t *testing.T) {
	st := dbtest.Open(t)
	ds := seedGolmud(t, st)
	st.SetTotalsCache(time.Minute)
	ctx := context.Background()
	if _, err := st.EnsureRuleProfiles(ctx, rules.Shipped(), nil); err != nil {
		t.Fatal(err)
	}
	per := ds.Periods[0].Key
	before, err := st.PeriodProfileNow(ctx, per) // now kept for a minute
	if err != nil {
		t.Fatal(err)
	}
	to := rules.ProfileRef{Name: "grades-80-70-60", Version: 1}
	e := audit.Entry{At: time.Now(), Actor: "admin"}
	if _, err := st.SetPeriodRuleProfile(ctx, per, before, to, e); err != nil {
		t.Fatal(err)
	}
	after, err := st.PeriodProfileNow(ctx, per)
	if err != nil || after == nil || *after != to {
		t.Errorf("after the choice the kept profile is %v (%v), want %v", after, err, to)
	}
}
