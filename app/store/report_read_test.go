package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// TestAReportIsNeverReadHalfSaved: while one report is saved again and
// again (each save writing its version into a line's value and into the
// budget), readers read it: every read is of one save, its row (version,
// budget, evaluation) and its lines alike, although the read's statements
// each see what was committed when they began; and so is every read made in
// a transaction of its own from the first attempt.
func TestAReportIsNeverReadHalfSaved(t *testing.T) {
	t.Run("read again when split", func(t *testing.T) { neverHalfSaved(t, "halfsaved", false) })
	t.Run("in a snapshot", func(t *testing.T) {
		defer store.SetReportReadAttempts(1)()
		neverHalfSaved(t, "halfsavedtx", true)
	})
}

func neverHalfSaved(t *testing.T, name string, inSnapshot bool) {
	ctx := context.Background()
	st := migratedDatabase(t, name)
	ds := seedGolmud(t, st)
	const per = "2024-06"
	p := ds.Projects[0]
	var first int
	for first = 0; first < len(p.Indicators) && !p.Indicators[first].Kind().Numeric(); first++ {
	}
	if first == len(p.Indicators) {
		t.Fatal("no numeric indicator")
	}
	rec, err := st.GetReport(ctx, store.ScopeAll(), p.Code, per)
	if err != nil {
		t.Fatal(err)
	}
	id := rec.Project.Indicators[first].ID
	saves := 0
	save := func() {
		_, err := st.UpdateReport(ctx, store.ScopeAll(), p.Code, per, func(rec *store.ReportRecord) (store.Change, error) {
			rec.Report.Version++
			v := decimal.NewFromInt(int64(rec.Report.Version))
			rec.Report.Lines = []report.Line{{IndicatorID: id, Value: &v, Projected: &v}}
			rec.Report.Budget.Executed = &v
			ev, err := monitor.Evaluate(rules.National(), rec.Project, rec.Period, rec.Report, nil)
			if err != nil {
				return store.Change{}, err
			}
			rec.Evaluation = ev
			return store.Change{Action: "save", Actor: "test", At: time.Now().UTC()}, nil
		})
		if err != nil {
			t.Error(err)
			return
		}
		saves++
	}
	save()
	deadline := time.Now().Add(4 * time.Second)
	var stop atomic.Bool
	var reads, torn atomic.Int64
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() && time.Now().Before(deadline) {
				rec, err := st.GetReportWithHistory(ctx, store.ScopeAll(), p.Code, per)
				if err != nil {
					t.Error(err)
					return
				}
				reads.Add(1)
				want := decimal.NewFromInt(int64(rec.Report.Version))
				line, _, ok := rec.Report.Line(id)
				exe := rec.Report.Budget.Executed
				if !ok || line.Value == nil || !line.Value.Equal(want) || exe == nil || !exe.Equal(want) ||
					len(rec.Evaluation.Lines) == 0 || rec.Evaluation.Budget.Rate == nil {
					if torn.Add(1) == 1 {
						t.Errorf("version %d read with the line %+v and executed %v", rec.Report.Version, line, exe)
					}
				}
			}
		}()
	}
	for saves < 300 && time.Now().Before(deadline) {
		save()
	}
	stop.Store(true)
	wg.Wait()
	if reads.Load() < 100 || saves < 20 {
		t.Fatalf("only %d reads during %d saves", reads.Load(), saves)
	}
	if n := torn.Load(); n > 0 {
		t.Errorf("%d of %d reads mixed two saves", n, reads.Load())
	}
	rereads := st.ReportRereads()
	if inSnapshot && rereads != 0 {
		t.Errorf("%d reads in a snapshot read again", rereads)
	}
	t.Logf("%d reads during %d saves, read again %d times", reads.Load(), saves, rereads)
}
