package main

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"jixiao/app/bench"
)

// The deadline-day mix: mixConns connections read reports across the
// province and open the province's dashboard while mixSavers clerks save
// drafts, each of another department; run once as it is and once with a
// share of each role's lists among the reads.
const (
	mixConns  = 32
	mixSavers = 8
)

// mixLists are the lists each role opens on the deadline's days, first
// pages with no paging parameters, as the web app asks for them.
func (p *plan) mixLists() []bench.Op {
	var ops []bench.Op
	for _, l := range []struct{ token, path string }{
		{p.auditor, "/api/v1/projects?year=2024"},
		{p.reviewer, "/api/v1/reports?period=" + periodKey + "&status=submitted"},
		{p.auditor, "/api/v1/reports?period=" + periodKey},
		{p.auditor, "/api/v1/audit"},
		{p.auditor, "/api/v1/departments"},
		{p.auditor, "/api/v1/contacts"},
		{p.reviewer, "/api/v1/target-changes"},
		{p.reviewer, "/api/v1/rounds"},
		{p.reviewer, "/api/v1/todos"},
		{p.reviewer, "/api/v1/notifications"},
		{p.readers[0].token, "/api/v1/projects?year=2024"},
	} {
		ops = append(ops, bench.Get(p.server+l.path, bearer(l.token)))
	}
	return ops
}

// mix runs the deadline-day mix for dur: of every 20 requests of a reading
// connection, 14 read a report and 6 open the province's dashboard; with
// lists, 3 of the 20 open a list (in turn), 12 read and 5 open the
// dashboard. It returns the readers' phase and the clerks' saves.
func (p *plan) mix(ctx context.Context, dur time.Duration, withLists bool) (reads, saves bench.Phase) {
	var n atomic.Int64
	lists := p.mixLists()
	read := func(w int) bench.Op {
		r := p.readers[w%len(p.readers)]
		return func(ctx context.Context, c *http.Client) error {
			code := r.saved[int(n.Add(1))%len(r.saved)]
			return bench.Get(p.server+"/api/v1/projects/"+code+"/reports/"+periodKey, bearer(r.token))(ctx, c)
		}
	}
	dash := bench.Get(p.server+"/api/v1/dashboard?period="+periodKey, bearer(p.auditor))
	newOp := func(w int) bench.Op {
		i, rd := w, read(w) // workers start at different places of the cycle
		return func(ctx context.Context, c *http.Client) error {
			i++
			k := i % 20
			switch {
			case withLists && k < 3:
				return lists[(i/20*3+k+w)%len(lists)](ctx, c)
			case withLists && k < 15, !withLists && k < 14:
				return rd(ctx, c)
			default:
				return dash(ctx, c)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// the clerks: the first mixSavers drafts, of as many departments
		saves = bench.Run(ctx, mixSavers, dur, func(w int) bench.Op { return p.saver(w % mixSavers) })
	}()
	reads = bench.Run(ctx, mixConns, dur, newOp)
	wg.Wait()
	return reads, saves
}
