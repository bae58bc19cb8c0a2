package bench_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao/app/bench"
)

func TestRunCountsAnswersAndErrorsWithinItsTime(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			http.Error(w, "no", http.StatusServiceUnavailable)
			return
		}
		time.Sleep(time.Millisecond)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	t0 := time.Now()
	ph := bench.Run(context.Background(), 4, 300*time.Millisecond, func(int) bench.Op { return bench.Get(srv.URL, nil) })
	if took := time.Since(t0); took > 2*time.Second {
		t.Errorf("a 300 ms phase took %s", took)
	}
	if ph.Requests == 0 || ph.Errors == 0 || !strings.Contains(ph.FirstError, "503") {
		t.Fatalf("phase %+v", ph)
	}
	if ph.P50 < time.Millisecond || ph.P99 < ph.P50 || ph.Max < ph.P99 || ph.RPS <= 0 {
		t.Errorf("percentiles %s %s %s, rps %f", ph.P50, ph.P99, ph.Max, ph.RPS)
	}
	if got := int(n.Load()); got < ph.Requests+ph.Errors {
		t.Errorf("server saw %d requests, the phase counted %d", got, ph.Requests+ph.Errors)
	}
}

// withCPU is ph with cpu spent on its requests.
func withCPU(ph bench.Phase, cpu time.Duration) bench.Phase {
	ph.CPU = cpu
	return ph
}

func results() bench.Results {
	ph := func(p50, p99 time.Duration, rps float64) bench.Phase {
		return bench.Phase{Conns: 8, Requests: 1000, P50: p50, P99: p99, Max: 2 * p99, RPS: rps}
	}
	b := func(p bench.Phase) *bench.Phase { return &p }
	return bench.Results{
		Started: time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC), Command: "jixiao-bench --departments 5000",
		Machine:      bench.Machine{CPU: "Test CPU", Cores: 2, MemoryMB: 7900, Kernel: "6.1", Go: "go1.26", Postgres: "15.9", LoadAverage: 3.5},
		Scale:        bench.Scale{Departments: 5000, ProjectsPer: 12, Projects: 60000, Indicators: 420123, Reports: 51000, Users: 5101, GenSeconds: 95.5, DatabaseMB: 1234},
		PhaseSeconds: 10,
		Endpoints: []bench.Endpoint{
			{Name: "report_get", What: "GET report", Product8: ph(1510*time.Microsecond, 7250*time.Microsecond, 4100), Product64: withCPU(ph(9*time.Millisecond, 25*time.Millisecond, 4321), 800*time.Millisecond),
				Baseline8: b(ph(time.Millisecond, 4*time.Millisecond, 5000)), Baseline64: b(withCPU(ph(8*time.Millisecond, 20*time.Millisecond, 5555), 600*time.Millisecond))},
			{Name: "report_put", What: "PUT report", Product8: ph(9*time.Millisecond, 31*time.Millisecond, 700), Product64: ph(50*time.Millisecond, 90*time.Millisecond, 777)},
			{Name: "dashboard_province", What: "dashboard", Product8: ph(3*time.Millisecond, 12*time.Millisecond, 900), Product64: ph(30*time.Millisecond, 60*time.Millisecond, 999),
				Baseline8: b(ph(40*time.Millisecond, 80*time.Millisecond, 20)), Baseline64: b(ph(400*time.Millisecond, 800*time.Millisecond, 22))},
			{Name: "report_list", What: "list", Skipped: "not served"},
		},
		RescoreSeconds: 8.76, RescoreReports: 51000, RescoreChanged: 20111, RescoreBackSeconds: 8.1, RescoreSameSeconds: 4.2,
		RSSMB: 88.8, Scoring: []bench.GoBench{{Name: "BenchmarkEvaluate-2", NsPerOp: 39545, BytesPerOp: 10989, AllocsPerOp: 320, IndicatorsPerSec: 126437}},
		OneServer: b(ph(9*time.Millisecond, 25*time.Millisecond, 4321)), TwoServers: b(ph(9*time.Millisecond, 26*time.Millisecond, 4400)),
		Profiles: []bench.Profile{{While: "report_get at 64 connections", Top: "flat  flat%\n 10ms 50% runtime.futex"}},
		Mix: &bench.Mix{Conns: 32, Savers: 8,
			Plain: bench.MixRun{Reads: ph(3*time.Millisecond, 40*time.Millisecond, 900), Saves: ph(9*time.Millisecond, 31*time.Millisecond, 100)},
			Lists: bench.MixRun{Reads: func() bench.Phase {
				p := ph(4*time.Millisecond, 90*time.Millisecond, 800)
				p.Errors = 2
				return p
			}(), Saves: ph(9*time.Millisecond, 31*time.Millisecond, 100)}},
	}
}

// TestMarkdownShowsEveryFigure renders BENCHMARKS.md from fixed results and
// looks for every figure the issue asks for.
func TestMarkdownShowsEveryFigure(t *testing.T) {
	md := results().Markdown()
	for _, want := range []string{
		"jixiao-bench --departments 5000", "2026-11-27 14:00 UTC", "Test CPU", "| cores | 2 |", "15.9",
		"| 5000 | 60000 | 420123 | 51000 | 5101 | 95.5 s | 1234 MB |", "| load average at the start | 3.50 |",
		"| report_get | GET report | 1.51 | 7.25 | 4100 | 4321 | 25.00 | 1.00 / 4.00 | 5555 | 0.78× | 0.800 / 0.600 | 0 |",
		"| report_put | PUT report | 9.00 | 31.00 | 700 | 777 | 90.00 | — | — | — | — | 0 |",
		"dashboard_province | dashboard | 3.00 | 12.00 | 900 | 999 | 60.00 | 40.00 / 80.00 | 22 | 45.41× |",
		"not measured: not served",
		"| BenchmarkEvaluate-2 | 39545 | 10989 | 320 | 126437 |",
		"**8.76 s**, 20111 reports changed", "**88.8 MB**",
		"| report GET p99 ≤ 10 ms at 8 connections | 7.25 ms | yes |",
		"| draft save (8 clients in 8 departments) p99 ≤ 30 ms at 8 connections | 31.00 ms | **no** |",
		"| report_get ≥ 0.8× the least a server can do (throughput at 64) | 0.78× | **no** |",
		"| dashboard_province ≥ 0.7× the least a server can do (throughput at 64) | 45.41× | yes |",
		"the least a server can do",
		"## The deadline-day mix", "| without lists | 1000 | 900 | 3.00 | 40.00 | 80.00 | 0 | 1000 | 9.00 / 31.00 | 0 |",
		"| with every role's lists | 1000 | 800 | 4.00 | 90.00 | 180.00 | 2 | 1000 | 9.00 / 31.00 | 0 |",
		"| deadline-day mix with every role's lists: p99 ≤ 2× the mix without them, no failed request | 90.00 ms against 40.00 ms (2.25×), 2 failed | **no** |",
		"| rescore of the province ≤ 10 s | 8.76 s | yes |",
		"| server peak RSS ≤ 300 MB under load | 88.8 MB | yes |",
		"What bounds the goals missed", "- draft save (8 clients in 8 departments) p99 ≤ 30 ms at 8 connections: A draft save is two round trips", "runtime.futex",
		"| 1 | 4321 |", "| 2 | 4400 |",
		"A whole country, on paper", "6 million projects",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("BENCHMARKS.md lacks %q", want)
		}
	}
	if strings.Contains(md, "smaller than the province") {
		t.Error("a province-scale run says it is smaller")
	}
	if t.Failed() {
		t.Log(md)
	}
	small := results()
	small.Scale.Departments = 50
	if !strings.Contains(small.Markdown(), "smaller than the province") {
		t.Error("a 50-department run does not say it is smaller than the province")
	}
}

// TestQuickLineIsTheIssuesObject checks the JSON line of bench-quick.
func TestQuickLineIsTheIssuesObject(t *testing.T) {
	b, err := results().Quick()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "endpoints,rescore_s,rss_mb,scale" {
		t.Errorf("keys %v", keys)
	}
	var eps map[string]map[string]*float64
	if err := json.Unmarshal(got["endpoints"], &eps); err != nil {
		t.Fatal(err)
	}
	g := eps["report_get"]
	if *g["p50_ms"] != 1.51 || *g["p99_ms"] != 7.25 || *g["rps"] != 4321 || *g["baseline_rps"] != 5555 {
		t.Errorf("report_get %v", g)
	}
	if eps["report_put"]["baseline_rps"] != nil {
		t.Error("a write has a baseline")
	}
	if _, ok := eps["report_list"]; ok {
		t.Error("a skipped endpoint is in the line")
	}
	if strings.Contains(string(b), "\n") {
		t.Error("not one line")
	}
}

// TestRunAlternatingTakesTurnsAndSumsEachLoad: two loads run in turns, each
// phase counting only its own answers over its own turns.
func TestRunAlternatingTakesTurnsAndSumsEachLoad(t *testing.T) {
	var mu sync.Mutex
	var turns []string // the load of each request, in the order the server saw them
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if n := len(turns); n == 0 || turns[n-1] != r.URL.Path {
			turns = append(turns, r.URL.Path)
		}
		mu.Unlock()
		if r.URL.Path == "/b" {
			time.Sleep(2 * time.Millisecond) // b answers more slowly than a
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	load := func(p string) func(int) bench.Op { return func(int) bench.Op { return bench.Get(srv.URL+p, nil) } }
	a, b := bench.RunAlternating(context.Background(), 2, 600*time.Millisecond, 3, load("/a"), load("/b"))
	if want := []string{"/a", "/b", "/a", "/b", "/a", "/b"}; !slices.Equal(turns, want) {
		t.Errorf("turns %v, want %v", turns, want)
	}
	for name, ph := range map[string]bench.Phase{"a": a, "b": b} {
		if ph.Conns != 2 || ph.Requests == 0 || ph.Errors != 0 || ph.Elapsed < 550*time.Millisecond || ph.Elapsed > 2*time.Second {
			t.Errorf("%s: %+v", name, ph)
		}
		if got := float64(ph.Requests) / ph.Elapsed.Seconds(); got != ph.RPS {
			t.Errorf("%s: rps %f, requests over elapsed %f", name, ph.RPS, got)
		}
	}
	if b.P50 < 2*time.Millisecond || a.RPS <= b.RPS {
		t.Errorf("a %+v, b %+v: b's slower answers are not b's alone", a, b)
	}
}

// TestGoalsMissedForOneReasonAreNamedTogether: two throughput ratios missed
// for the same reason are both named, beside the reason said once.
func TestGoalsMissedForOneReasonAreNamedTogether(t *testing.T) {
	r := results()
	ph := func(rps float64) bench.Phase {
		return bench.Phase{Conns: 64, Requests: 1000, P50: time.Millisecond, P99: 4 * time.Millisecond, Max: 8 * time.Millisecond, RPS: rps}
	}
	base := ph(2000)
	r.Endpoints = append(r.Endpoints, bench.Endpoint{Name: "project_list", What: "list", Product8: ph(900), Product64: ph(1000),
		Baseline8: &base, Baseline64: &base})
	md := r.Markdown()
	want := "- report_get ≥ 0.8× the least a server can do (throughput at 64); project_list ≥ 0.7× the least a server can do (throughput at 64): The product checks the session"
	if !strings.Contains(md, want) {
		t.Errorf("BENCHMARKS.md lacks %q", want)
	}
	if n := strings.Count(md, "The product checks the session and the caller's role"); n != 1 {
		t.Errorf("the reason is said %d times, want once", n)
	}
	if t.Failed() {
		t.Log(md[strings.Index(md, "What bounds"):])
	}
}

// TestAPhaseCountsTheCPUOfOtherProcesses: the CPU time a phase counts is
// the machine's less the load generator's own, so the work of the processes
// it drives (here a shell counting, as a server would work) is in it.
func TestAPhaseCountsTheCPUOfOtherProcesses(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc here")
	}
	var mu sync.Mutex
	var children time.Duration
	ph := bench.Run(context.Background(), 1, 500*time.Millisecond, func(int) bench.Op {
		return func(ctx context.Context, _ *http.Client) error {
			cmd := exec.Command("sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done")
			if err := cmd.Run(); err != nil {
				return err
			}
			mu.Lock()
			children += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			mu.Unlock()
			return nil
		}
	})
	if ph.Errors > 0 {
		t.Fatal(ph.FirstError)
	}
	// /proc counts in ticks of 10 ms; the shell's own CPU time is the floor
	if children < 50*time.Millisecond || ph.CPU < children/2 || ph.CPUPerRequest() <= 0 {
		t.Errorf("the shells took %s of CPU, the phase counted %s (%s a request over %d)", children, ph.CPU, ph.CPUPerRequest(), ph.Requests)
	}
}
