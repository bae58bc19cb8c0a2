// Package bench measures Jixiao under load: a closed-loop load generator
// over HTTP keep-alive connections (latency percentiles and throughput),
// and the BENCHMARKS.md report of a run. It runs in its own process, apart
// from the servers it measures, and talks to 127.0.0.1 only.
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Op sends one request on the client and reports an error for anything but
// the expected answer. A worker calls its Op again and again.
type Op func(ctx context.Context, c *http.Client) error

// Phase is the outcome of one load phase.
type Phase struct {
	Conns    int           `json:"conns"`
	Requests int           `json:"requests"`
	Errors   int           `json:"errors"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	P50      time.Duration `json:"p50_ns"`
	P99      time.Duration `json:"p99_ns"`
	Max      time.Duration `json:"max_ns"`
	RPS      float64       `json:"rps"`
	// CPU is the machine's CPU time busy during the phase (every core, as
	// /proc/stat counts it) less the load generator's own: what the server
	// and the database spent on it, and whatever else ran meanwhile.
	// Zero where /proc cannot be read.
	CPU time.Duration `json:"cpu_ns"`
	// FirstError says what went wrong first, if anything did.
	FirstError string `json:"first_error,omitempty"`
}

// CPUPerRequest is the phase's CPU time per answered request.
func (ph Phase) CPUPerRequest() time.Duration {
	if ph.Requests == 0 {
		return 0
	}
	return ph.CPU / time.Duration(ph.Requests)
}

// Settle is the pause after a phase.
var Settle = 150 * time.Millisecond

// MaxRequests bounds a phase whatever its duration.
const MaxRequests = 5_000_000

// Client is an HTTP client keeping conns connections alive to one host.
func Client(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
		IdleConnTimeout: time.Minute, DisableCompression: true,
	}}
}

// Run runs conns workers for dur (and at most MaxRequests requests in all),
// worker w calling newOp(w) in a closed loop: each sends its next request
// when the previous answer has been read.
func Run(ctx context.Context, conns int, dur time.Duration, newOp func(w int) Op) Phase {
	ph, all := run(ctx, conns, dur, newOp)
	return ph.summed(all)
}

// RunAlternating runs two loads, a and b, for dur each, in rounds turns of
// dur/rounds (a, b, a, b, …), and returns each one's phase over its turns
// together: what drifts on the machine during the comparison (other work,
// caches, the database's background writes) weighs on both alike.
func RunAlternating(ctx context.Context, conns int, dur time.Duration, rounds int, a, b func(w int) Op) (Phase, Phase) {
	rounds = max(rounds, 1)
	var pa, pb Phase
	var la, lb []time.Duration
	for range rounds {
		for _, t := range []struct {
			ph  *Phase
			lat *[]time.Duration
			op  func(w int) Op
		}{{&pa, &la, a}, {&pb, &lb, b}} {
			ph, all := run(ctx, conns, dur/time.Duration(rounds), t.op)
			t.ph.Conns, t.ph.Errors, t.ph.Elapsed, t.ph.CPU = conns, t.ph.Errors+ph.Errors, t.ph.Elapsed+ph.Elapsed, t.ph.CPU+ph.CPU
			if t.ph.FirstError == "" {
				t.ph.FirstError = ph.FirstError
			}
			*t.lat = append(*t.lat, all...)
		}
	}
	return pa.summed(la), pb.summed(lb)
}

// summed is the phase with its figures taken from all its latencies.
func (ph Phase) summed(all []time.Duration) Phase {
	ph.Requests = len(all)
	if len(all) > 0 {
		slices.Sort(all)
		ph.P50, ph.P99, ph.Max = all[len(all)*50/100], all[min(len(all)-1, len(all)*99/100)], all[len(all)-1]
		ph.RPS = float64(len(all)) / ph.Elapsed.Seconds()
	}
	return ph
}

// run is one phase: its errors and elapsed time, and the latencies of its
// answers.
func run(ctx context.Context, conns int, dur time.Duration, newOp func(w int) Op) (Phase, []time.Duration) {
	client := Client(conns)
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	ph := Phase{Conns: conns}
	var wg sync.WaitGroup
	var count atomic.Int64
	take := func() bool { return count.Add(1) <= MaxRequests }
	cpu0 := othersCPU()
	start := time.Now()
	for w := range conns {
		op := newOp(w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			errs, first := 0, ""
			for ctx.Err() == nil && take() {
				t0 := time.Now()
				err := op(ctx, client)
				if ctx.Err() != nil { // cut off by the end of the phase: not counted
					break
				}
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			ph.Errors += errs
			if ph.FirstError == "" {
				ph.FirstError = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	ph.Elapsed = time.Since(start)
	if cpu0 >= 0 {
		if cpu1 := othersCPU(); cpu1 >= cpu0 {
			ph.CPU = cpu1 - cpu0
		}
	}
	// let requests cut off at the end finish on the server before the next
	// phase reads what they may still change
	time.Sleep(Settle)
	return ph, all
}

// Get is an Op that GETs url with the given headers and expects 200.
func Get(url string, header http.Header) Op {
	return func(ctx context.Context, c *http.Client) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header = header
		_, err = Do(c, req, http.StatusOK)
		return err
	}
}

// Do sends req and reads the whole answer, which must have status want.
func Do(c *http.Client, req *http.Request, want int) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != want {
		return body, fmt.Errorf("%s %s: %d %.200s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return body, nil
}
