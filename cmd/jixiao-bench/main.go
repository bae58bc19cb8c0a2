// Command jixiao-bench runs `make bench` and `make bench-quick`: it creates a
// database of its own, loads a synthetic province with `jixiao gen`, starts
// `jixiao serve` and `jixiao-baseline` on 127.0.0.1, drives them from this
// separate process, times a rescore of the province, reads the server's
// peak RSS, runs the domain's Go benchmarks, writes BENCHMARKS.md and prints
// one JSON line. Every phase is bounded in time and in requests.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"jixiao/app/bench"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("jixiao-bench: ")
	var o options
	flag.IntVar(&o.departments, "departments", 300, "departments to generate")
	flag.IntVar(&o.projectsPer, "projects-per", 12, "projects per department")
	flag.Uint64Var(&o.seed, "seed", 1, "generator seed")
	flag.DurationVar(&o.phase, "phase", 10*time.Second, "length of each load phase")
	flag.StringVar(&o.out, "out", "", "write BENCHMARKS.md here (empty: do not write)")
	flag.StringVar(&o.bin, "bin", "bin", "directory holding jixiao and jixiao-baseline")
	flag.BoolVar(&o.twoServers, "two-servers", true, "also measure report_get over two servers")
	flag.BoolVar(&o.profile, "profile", true, "take the server's CPU profile during report_get")
	flag.StringVar(&o.benchtime, "benchtime", "1s", "-benchtime of the domain's Go benchmarks")
	flag.BoolVar(&o.keep, "keep", false, "keep the benchmark database")
	flag.StringVar(&o.reuse, "db", "", "use this database (created and generated when missing, never dropped) instead of a fresh one, to measure again without generating")
	flag.StringVar(&o.only, "only", "", "measure only these endpoints (comma-separated names)")
	flag.StringVar(&o.profileOf, "profile-of", "report_get,report_put,dashboard_province", "the endpoints during which the server's CPU profile is taken (comma-separated)")
	flag.BoolVar(&o.rescore, "rescore", true, "time the rescore of the province and run the domain's Go benchmarks (false: the HTTP figures only)")
	flag.BoolVar(&o.mix, "mix", true, "also run the deadline-day mix, without and with every role's lists")
	flag.BoolVar(&o.rescoreAll, "rescore-all", true, "also time the rescore back to the national rules and under the same rules")
	flag.StringVar(&keepProfile, "profile-file", "", "keep the server's raw CPU profiles in files named by this and the endpoint")
	flag.Parse()
	o.command = "jixiao-bench " + strings.Join(os.Args[1:], " ")
	o.admin = os.Getenv("BENCH_ADMIN_URL")
	if o.admin == "" {
		o.admin = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// a hard bound on the whole run
	ctx, cancel := context.WithTimeout(ctx, 2*time.Hour)
	defer cancel()
	res, err := run(ctx, o)
	if err != nil {
		log.Fatal(err)
	}
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(res.Markdown()), 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s", o.out)
	}
	line, err := res.Quick()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(line))
}

type options struct {
	departments, projectsPer int
	seed                     uint64
	phase                    time.Duration
	out, bin, admin, command string
	benchtime                string
	twoServers, profile      bool
	keep, rescoreAll, mix    bool
	rescore                  bool
	only, profileOf, reuse   string
}

// password of the generated accounts: only ever in this throwaway database.
const password = "Bench-Passw0rd"

func run(ctx context.Context, o options) (bench.Results, error) {
	res := bench.Results{Started: time.Now(), Command: o.command, PhaseSeconds: o.phase.Seconds()}
	res.Scale.Departments, res.Scale.ProjectsPer = o.departments, o.projectsPer
	tmp, err := os.MkdirTemp("", "jixiao-bench-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(tmp)
	name, fresh := fmt.Sprintf("jixiao_bench_%d", os.Getpid()), true
	if o.reuse != "" {
		name = o.reuse
	}
	db, created, err := openDatabase(ctx, o.admin, name, o.reuse != "")
	if err != nil {
		return res, err
	}
	if o.reuse == "" && !o.keep {
		defer db.drop()
	}
	if o.reuse != "" && !created {
		if fresh, err = db.empty(ctx); err != nil {
			return res, err
		}
	}
	if res.Machine, err = machine(ctx, db); err != nil {
		return res, err
	}
	jixiao, _ := filepath.Abs(filepath.Join(o.bin, "jixiao"))
	baselineBin, _ := filepath.Abs(filepath.Join(o.bin, "jixiao-baseline"))

	if fresh {
		log.Printf("generating %d departments × %d projects", o.departments, o.projectsPer)
		if err := generate(ctx, jixiao, db.url, o, &res.Scale); err != nil {
			return res, err
		}
	} else if err := db.scale(ctx, &res.Scale); err != nil {
		return res, err
	}
	if res.Scale.DatabaseMB, err = db.sizeMB(ctx); err != nil {
		return res, err
	}
	srv, err := start(ctx, jixiao, []string{"serve"}, db.url, filepath.Join(tmp, "server.log"), true)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	base, err := start(ctx, baselineBin, nil, db.url, filepath.Join(tmp, "baseline.log"), false)
	if err != nil {
		return res, err
	}
	defer base.stop()
	plan, err := newPlan(ctx, db, srv.url, base.url, o.departments)
	if err != nil {
		return res, err
	}
	log.Printf("measuring %d endpoints, %s per phase", len(bench.EndpointNames), o.phase)
	if res.Endpoints, res.Profiles, err = plan.measure(ctx, o, srv, tmp, jixiao); err != nil {
		return res, err
	}
	if o.mix {
		log.Printf("the deadline-day mix, without and with the roles' lists")
		m := bench.Mix{Conns: mixConns, Savers: mixSavers}
		m.Plain.Reads, m.Plain.Saves = plan.mix(ctx, o.phase, false)
		m.Lists.Reads, m.Lists.Saves = plan.mix(ctx, o.phase, true)
		log.Printf("mix: p99 %.2f ms, with lists %.2f ms; failed %d and %d", float64(m.Plain.Reads.P99)/1e6, float64(m.Lists.Reads.P99)/1e6,
			m.Plain.Reads.Errors+m.Plain.Saves.Errors, m.Lists.Reads.Errors+m.Lists.Saves.Errors)
		for _, ph := range []bench.Phase{m.Plain.Reads, m.Plain.Saves, m.Lists.Reads, m.Lists.Saves} {
			if ph.FirstError != "" {
				log.Printf("mix: first failure: %s", firstLine(ph.FirstError))
			}
		}
		res.Mix = &m
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &res.Machine.LoadAverageEnd)
	}
	if res.RSSMB, err = peakRSS(srv.cmd.Process.Pid); err != nil {
		return res, err
	}
	if o.twoServers {
		srv2, err := start(ctx, jixiao, []string{"serve"}, db.url, filepath.Join(tmp, "server2.log"), false)
		if err != nil {
			return res, err
		}
		one, two := plan.twoServers(ctx, o.phase, srv2.url)
		srv2.stop()
		res.OneServer, res.TwoServers = &one, &two
	}
	if !o.rescore {
		return res, nil
	}
	log.Printf("rescoring the province")
	// first under other grade bands (most grades change and are written),
	// then back under the national rules
	if res.RescoreSeconds, res.RescoreReports, res.RescoreChanged, err = rescore(ctx, jixiao, db.url, "JIXIAO_RULE_GRADE_BANDS=80,70,60"); err != nil {
		return res, err
	}
	if o.rescoreAll {
		if res.RescoreBackSeconds, _, res.RescoreBackChanged, err = rescore(ctx, jixiao, db.url); err != nil {
			return res, err
		}
		if res.RescoreSameSeconds, _, _, err = rescore(ctx, jixiao, db.url); err != nil {
			return res, err
		}
	}
	log.Printf("domain benchmarks")
	if res.Scoring, err = scoringBenchmarks(ctx, o.benchtime); err != nil {
		return res, err
	}
	return res, nil
}

// generate runs `jixiao gen` and records what it loaded.
func generate(ctx context.Context, jixiao, dbURL string, o options, sc *bench.Scale) error {
	out, err := command(ctx, jixiao, []string{"gen", "--departments", fmt.Sprint(o.departments), "--projects-per", fmt.Sprint(o.projectsPer),
		"--seed", fmt.Sprint(o.seed), "--password-stdin", "--json"}, dbURL, password+"\n")
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	var g struct {
		Stats struct {
			Departments, Projects, Indicators, Reports, Users int
		} `json:"stats"`
		Seconds float64 `json:"seconds"`
	}
	if err := json.Unmarshal(lastLine(out), &g); err != nil {
		return fmt.Errorf("gen output %q: %w", out, err)
	}
	sc.Projects, sc.Indicators, sc.Reports, sc.Users, sc.GenSeconds = g.Stats.Projects, g.Stats.Indicators, g.Stats.Reports, g.Stats.Users, g.Seconds
	return nil
}

// rescore times `jixiao score --rescore` over the monitoring period.
func rescore(ctx context.Context, jixiao, dbURL string, env ...string) (secs float64, n, changed int, err error) {
	t0 := time.Now()
	out, err := command(ctx, jixiao, []string{"score", "--period", "2024-06", "--rescore", "--json"}, dbURL, "", env...)
	took := time.Since(t0).Seconds()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("rescore: %w", err)
	}
	var r struct {
		Rescored int `json:"rescored"`
		Changed  int `json:"changed"`
	}
	if err := json.Unmarshal(lastLine(out), &r); err != nil {
		return 0, 0, 0, fmt.Errorf("rescore output: %w", err)
	}
	return took, r.Rescored, r.Changed, nil
}

func lastLine(b []byte) []byte {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return []byte(lines[len(lines)-1])
}

// peakRSS reads VmHWM, the process's peak resident set, in MB.
func peakRSS(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			var kb float64
			_, err := fmt.Sscan(f[1], &kb)
			return kb / 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}
