package drill

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// FailoverResult is what the failover drill measured: saves answered 200,
// those not found afterwards with their value and version, the longest
// time no save succeeded across the kill, and the requests not answered
// 200 (503s while no node took writes, 409s of saves whose answer was lost).
type FailoverResult struct {
	Acknowledged   int     `json:"acknowledged"`
	Lost           int     `json:"lost"`
	UnavailableS   float64 `json:"unavailable_s"`
	FailedRequests int     `json:"failed_requests"`
}

// FailoverOptions are the drill's knobs.
type FailoverOptions struct {
	Timing Timing
	// Before is how long the clients save before the kill; After how long
	// they go on once saves succeed again.
	Before, After time.Duration
	// Limit bounds the wait for saves to succeed after the kill.
	Limit time.Duration
}

// DefaultFailover: 8 s of saves, the kill, saves until 10 s after they
// succeed again (at most 60 s).
var DefaultFailover = FailoverOptions{Timing: DrillTiming, Before: 8 * time.Second, After: 10 * time.Second, Limit: 60 * time.Second}

// demoFillers are demo submitters, each with a project they fill.
var demoFillers = []struct{ user, project string }{
	{"xzcw", "63280100024R000014831"},
	{"mishu", "63280100024T000000639"},
	{"zonghe2", "63280100024T000000637"},
	{"ducha", "63280100024T000000700"},
	{"jingji", "63280100024T000000642"},
	{"xinxi", "63280100024T000000703"},
}

// Failover starts etcd and two Patroni nodes, serves Jixiao on them, lets
// several clients save reports, kills the primary node (its Patroni and
// its postmaster) once the other is its Sync Standby, lets Patroni promote
// it, keeps saving, and checks that every save answered 200 is stored with
// its value and version.
func Failover(ctx context.Context, env *Env, o FailoverOptions) (FailoverResult, error) {
	var res FailoverResult
	began := time.Now()
	cl, err := NewCluster(ctx, env, 2, o.Timing)
	if err != nil {
		return res, err
	}
	env.Logf("cluster up after %s:\n%s", time.Since(began).Round(time.Second), cl.List(ctx))
	demo := secret()
	jenv := jixiaoEnv(cl.URL("jixiao"), cl.SuperPassword, demo)
	if err := env.SeedJixiao(ctx, jenv); err != nil {
		return res, err
	}
	srv, err := env.ServeJixiao(ctx, "jixiao", jenv)
	if err != nil {
		return res, err
	}
	env.Logf("jixiao serves on %s with DATABASE_URL %s", srv.URL, cl.URL("jixiao"))

	fillers := make([]*filler, len(demoFillers))
	for i, f := range demoFillers {
		c, err := SignIn(ctx, srv.URL, f.user, demo)
		if err != nil {
			return res, err
		}
		fillers[i] = &filler{c: c, project: f.project, period: "2024-06", acked: map[int]string{}}
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	for i, f := range fillers {
		wg.Add(1)
		go func() { defer wg.Done(); f.run(runCtx, i) }()
	}
	select {
	case <-time.After(o.Before):
	case <-ctx.Done():
		return res, ctx.Err()
	}
	if _, err := cl.SyncStandby(ctx); err != nil {
		return res, fmt.Errorf("before the kill: %w", err)
	}
	leader, err := cl.Leader(ctx)
	if err != nil {
		return res, err
	}
	repl, err := cl.Replication(ctx, leader)
	if err != nil {
		return res, err
	}
	env.Logf("on %s: %s", leader.Name, repl)
	killed := time.Now()
	if err := cl.Kill(leader); err != nil {
		return res, err
	}
	env.Logf("killed %s (its Patroni and its postmaster) with %d saves acknowledged", leader.Name, acknowledged(fillers))
	// saves succeed again once Patroni has promoted the standby
	err = WaitFor(ctx, o.Limit, 100*time.Millisecond, "a save succeeds after the kill", func() error {
		if firstAckAfter(fillers, killed).IsZero() {
			return fmt.Errorf("none yet")
		}
		return nil
	})
	if err != nil {
		stop()
		wg.Wait()
		return res, fmt.Errorf("%w\n%s", err, cl.List(ctx))
	}
	back := firstAckAfter(fillers, killed)
	env.Logf("saves succeed again %s after the kill:\n%s", back.Sub(killed).Round(time.Millisecond), cl.List(ctx))
	select {
	case <-time.After(o.After):
	case <-ctx.Done():
	}
	stop()
	wg.Wait()

	// every save answered 200 is there, with its value, at its version
	for _, f := range fillers {
		lost, err := f.check(ctx)
		if err != nil {
			return res, err
		}
		res.Lost += lost
		if lost > 0 {
			env.Logf("LOST %s", f.lostDetail)
		}
		res.Acknowledged += len(f.acked)
		res.FailedRequests += f.failed
	}
	byStatus := map[int]int{}
	for _, f := range fillers {
		for st, n := range f.byStatus {
			byStatus[st] += n
		}
	}
	env.Logf("saves not answered 200, by status (0: no answer): %v", byStatus)
	for st, n := range byStatus {
		if st != http.StatusServiceUnavailable && st != http.StatusConflict {
			// a failover is answered 503 (try again) or, for a save whose
			// answer was lost, 409 on the next try: anything else is a fault
			return res, fmt.Errorf("%d saves answered %d during the failover", n, st)
		}
	}
	res.UnavailableS = longestGap(fillers, killed).Seconds()
	res.UnavailableS = float64(int(res.UnavailableS*10+0.5)) / 10
	return res, nil
}

// filler is a client saving one report again and again.
type filler struct {
	c       *Client
	project string
	period  string
	mu      sync.Mutex
	version int
	acked   map[int]string // version → the executed amount saved
	ackAt   []time.Time    // when each save was answered 200
	sentAt  []time.Time    // when each of those was sent
	failed  int
	// byStatus counts the answers not 200 by status (0: no answer)
	byStatus map[int]int
	// lostDetail says which acknowledged saves were not found, if any
	lostDetail string
}

// run saves the report with a new executed amount until ctx ends; a save
// not answered 200 reads the report again (a save whose answer was lost
// may have committed) and goes on.
func (f *filler) run(ctx context.Context, n int) {
	f.refresh(ctx)
	for i := 1; ctx.Err() == nil; i++ {
		value := fmt.Sprintf("%d.%02d", n+1, i%100)
		if i >= 100 {
			value = fmt.Sprintf("%d%d.%02d", n+1, i/100, i%100)
		}
		var out struct {
			Version int `json:"version"`
		}
		reqCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		sent := time.Now()
		status, _, err := f.c.Do(reqCtx, http.MethodPatch, reportPath(f.project, f.period),
			map[string]any{"version": f.version, "budget": map[string]string{"executed": value}}, &out)
		cancel()
		if ctx.Err() != nil {
			return // the drill ended this save: not counted either way
		}
		f.mu.Lock()
		if err == nil && status == http.StatusOK {
			f.version = out.Version
			f.acked[out.Version] = value
			f.ackAt = append(f.ackAt, time.Now())
			f.sentAt = append(f.sentAt, sent)
			f.mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			continue
		}
		f.failed++
		if f.byStatus == nil {
			f.byStatus = map[int]int{}
		}
		f.byStatus[status]++
		f.mu.Unlock()
		time.Sleep(200 * time.Millisecond)
		f.refresh(ctx)
	}
}

// refresh reads the report's version.
func (f *filler) refresh(ctx context.Context) {
	var out struct {
		Version int `json:"version"`
	}
	reqCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if status, _, err := f.c.Do(reqCtx, http.MethodGet, reportPath(f.project, f.period), nil, &out); err == nil && status == http.StatusOK {
		f.mu.Lock()
		f.version = out.Version
		f.mu.Unlock()
	}
}

// historyEntry is a version of a report as its history answers it.
type historyEntry struct {
	Version int `json:"version"`
	Report  struct {
		Budget struct {
			Executed *string `json:"executed"`
		} `json:"budget"`
	} `json:"report"`
}

// check reads the report's history and counts the acknowledged saves not
// there with their value at their version.
func (f *filler) check(ctx context.Context) (int, error) {
	var hist []historyEntry
	// the history answers a page at a time, newest first: every page of it
	// (bounded: 200 pages of 500 versions)
	const size = 500
	for page := 1; page <= 200; page++ {
		var got []historyEntry
		var status int
		var body []byte
		path := fmt.Sprintf("%s/history?page=%d&size=%d", reportPath(f.project, f.period), page, size)
		err := WaitFor(ctx, 30*time.Second, 500*time.Millisecond, "read the history of "+f.project, func() error {
			var err error
			got = nil
			status, body, err = f.c.Do(ctx, http.MethodGet, path, nil, &got)
			if err == nil && status != http.StatusOK {
				err = fmt.Errorf("%d %s", status, body)
			}
			return err
		})
		if err != nil {
			return 0, err
		}
		hist = append(hist, got...)
		if len(got) < size {
			break
		}
	}
	stored := map[int]string{}
	for _, h := range hist {
		if h.Report.Budget.Executed != nil {
			stored[h.Version] = *h.Report.Budget.Executed
		}
	}
	var missing []string
	for v, value := range f.acked {
		if got, ok := stored[v]; !ok || !sameAmount(got, value) {
			missing = append(missing, fmt.Sprintf("v%d %s (stored %q, present %v)", v, value, got, ok))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		f.lostDetail = fmt.Sprintf("%s: %d of %d acknowledged saves not stored as answered, %d versions stored; %v",
			f.project, len(missing), len(f.acked), len(stored), missing[:min(len(missing), 8)])
	}
	return len(missing), nil
}

func acknowledged(fs []*filler) int {
	n := 0
	for _, f := range fs {
		f.mu.Lock()
		n += len(f.acked)
		f.mu.Unlock()
	}
	return n
}

// firstAckAfter is when a save sent after t was first answered 200 (a
// save sent before may still be answered by the dying primary); zero if
// none yet.
func firstAckAfter(fs []*filler, t time.Time) time.Time {
	var first time.Time
	for _, f := range fs {
		f.mu.Lock()
		for i, at := range f.ackAt {
			if f.sentAt[i].After(t) && (first.IsZero() || at.Before(first)) {
				first = at
			}
		}
		f.mu.Unlock()
	}
	return first
}

// longestGap is the longest time no client's save was answered 200, among
// the gaps that include or follow the kill: how long saving was
// unavailable to everyone.
func longestGap(fs []*filler, killed time.Time) time.Duration {
	var all []time.Time
	for _, f := range fs {
		f.mu.Lock()
		all = append(all, f.ackAt...)
		f.mu.Unlock()
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Before(all[j]) })
	var gap time.Duration
	for i := 1; i < len(all); i++ {
		if all[i].After(killed) {
			gap = max(gap, all[i].Sub(all[i-1]))
		}
	}
	return gap
}

// sameAmount compares two amounts as exact decimals ("1.1" is "1.10").
func sameAmount(a, b string) bool {
	x, err1 := decimal.NewFromString(a)
	y, err2 := decimal.NewFromString(b)
	return err1 == nil && err2 == nil && x.Equal(y)
}
