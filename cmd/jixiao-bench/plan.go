package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao/app/bench"
	"jixiao/app/gen"
)

const periodKey = "2024-06"

// plan is who calls what: signed-in generated accounts and the projects
// they read and save.
type plan struct {
	server, baseline string
	auditor          string   // token
	reviewer         string   // token of gen_r0001
	reviewerDeps     []string // the departments gen_r0001 reviews
	readers          []reader // submitters for reads, one per latency connection
	writers          []writer // a draft each for saves
	db               *database
}

type reader struct {
	token, department string
	saved             []string // project codes with a saved report
}

type writer struct {
	token, code string
}

func newPlan(ctx context.Context, db *database, server, baseline string, departments int) (*plan, error) {
	p := &plan{server: server, baseline: baseline, db: db}
	tokens := map[string]string{}
	login := func(name string) (string, error) {
		if t, ok := tokens[name]; ok {
			return t, nil
		}
		body, _ := json.Marshal(map[string]string{"username": name, "password": password})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, server+"/api/v1/auth/login", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		out, err := bench.Do(http.DefaultClient, req, http.StatusOK)
		if err != nil {
			return "", fmt.Errorf("login %s: %w", name, err)
		}
		var r struct {
			Token string `json:"token"`
		}
		if err := json.Unmarshal(out, &r); err != nil || r.Token == "" {
			return "", fmt.Errorf("login %s: no token in %.200s", name, out)
		}
		tokens[name] = r.Token
		return r.Token, nil
	}
	var err error
	if p.auditor, err = login(gen.AuditorName); err != nil {
		return nil, err
	}
	if p.reviewer, err = login(gen.ReviewerName(0)); err != nil {
		return nil, err
	}
	for i := 0; i < min(gen.DepartmentsPerReviewer, departments); i++ {
		p.reviewerDeps = append(p.reviewerDeps, gen.DepartmentCode(i))
	}
	// eight departments spread over the province read their reports
	for k := range 8 {
		dep := gen.DepartmentCode(k * departments / 8)
		var saved []string
		err := db.query(ctx, func(c *pgx.Conn) error {
			rows, err := c.Query(ctx, `SELECT p.code FROM projects p JOIN reports r ON r.project_code = p.code AND r.period_key = $1
				WHERE p.department_code = $2 ORDER BY p.code`, periodKey, dep)
			if err != nil {
				return err
			}
			saved, err = pgx.CollectRows(rows, pgx.RowTo[string])
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(saved) == 0 {
			return nil, fmt.Errorf("department %s has no saved report", dep)
		}
		t, err := login(gen.SubmitterName(dep))
		if err != nil {
			return nil, err
		}
		p.readers = append(p.readers, reader{token: t, department: dep, saved: saved})
	}
	// 64 drafts to save, one per throughput connection, each of another
	// department: a province's saves come from its thousands of departments
	// (saves of one department wait for each other at its dashboard rollup)
	var drafts [][2]string
	err = db.query(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT DISTINCT ON (p.department_code) p.code, p.department_code FROM projects p
			LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $1
			WHERE coalesce(r.status, 'draft') IN ('draft', 'returned') ORDER BY p.department_code, p.code LIMIT 64`, periodKey)
		if err != nil {
			return err
		}
		drafts, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
			var v [2]string
			return v, r.Scan(&v[0], &v[1])
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, d := range drafts {
		t, err := login(gen.SubmitterName(d[1]))
		if err != nil {
			return nil, err
		}
		p.writers = append(p.writers, writer{token: t, code: d[0]})
	}
	return p, nil
}

func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}}
}

// endpoint is one measured endpoint: how a worker of the product and of the
// baseline makes its requests.
type endpoint struct {
	name, what string
	product    func(w int) bench.Op
	baseline   func(w int) bench.Op // nil: no baseline (writes)
	skip       string
}

func (p *plan) endpoints(ctx context.Context) []endpoint {
	var n atomic.Int64
	pick := func(w int) (reader, string) {
		r := p.readers[w%len(p.readers)]
		return r, r.saved[int(n.Add(1))%len(r.saved)]
	}
	eps := []endpoint{
		{name: "report_get", what: "`GET /api/v1/projects/{code}/reports/2024-06` (submitter)",
			product: func(w int) bench.Op {
				return func(ctx context.Context, c *http.Client) error {
					r, code := pick(w)
					return bench.Get(p.server+"/api/v1/projects/"+code+"/reports/"+periodKey, bearer(r.token))(ctx, c)
				}
			},
			baseline: func(w int) bench.Op {
				return func(ctx context.Context, c *http.Client) error {
					_, code := pick(w)
					return bench.Get(p.baseline+"/report/"+code+"/"+periodKey, nil)(ctx, c)
				}
			}},
		{name: "report_put", what: "`PUT /api/v1/projects/{code}/reports/2024-06` (draft save, submitter)",
			product: func(w int) bench.Op { return p.saver(w) }},
		{name: "dashboard_province", what: "`GET /api/v1/dashboard?period=2024-06` (auditor: the whole province, first page)",
			product: func(int) bench.Op {
				return bench.Get(p.server+"/api/v1/dashboard?period="+periodKey, bearer(p.auditor))
			},
			baseline: func(int) bench.Op { return bench.Get(p.baseline+"/dashboard?period="+periodKey, nil) }},
		{name: "dashboard_department", what: "`GET /api/v1/dashboard?period=2024-06` (submitter: one department)",
			product: func(w int) bench.Op {
				return bench.Get(p.server+"/api/v1/dashboard?period="+periodKey, bearer(p.readers[w%len(p.readers)].token))
			},
			baseline: func(w int) bench.Op {
				return bench.Get(p.baseline+"/dashboard?period="+periodKey+"&department="+p.readers[w%len(p.readers)].department, nil)
			}},
		{name: "project_list", what: "`GET /api/v1/projects?year=2024` (submitter: one department)",
			product: func(w int) bench.Op {
				return bench.Get(p.server+"/api/v1/projects?year=2024", bearer(p.readers[w%len(p.readers)].token))
			},
			baseline: func(w int) bench.Op {
				return bench.Get(p.baseline+"/projects?year=2024&department="+p.readers[w%len(p.readers)].department, nil)
			}},
		{name: "report_list", what: "`GET /api/v1/reports?period=2024-06&status=submitted` (reviewer of 50 departments, first page)",
			product: func(int) bench.Op {
				return bench.Get(p.server+"/api/v1/reports?period="+periodKey+"&status=submitted", bearer(p.reviewer))
			},
			baseline: func(int) bench.Op {
				return bench.Get(p.baseline+"/reports?period="+periodKey+"&status=submitted&departments="+strings.Join(p.reviewerDeps, ","), nil)
			}},
	}
	// the reviewer's list is served only once GET /api/v1/reports exists
	if err := bench.Get(p.server+"/api/v1/reports?period="+periodKey+"&status=submitted", bearer(p.reviewer))(ctx, bench.Client(1)); err != nil {
		eps[5].skip = "GET /api/v1/reports is not served by this build (" + firstLine(err.Error()) + ")"
	}
	return eps
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 120 {
		s = s[:120]
	}
	return s
}

// warmUp is how long each endpoint is requested, unmeasured, before its phases.
const warmUp = 2 * time.Second

// measure runs every endpoint: product and baseline at 8 connections, then
// at 64; the server's CPU profiles are taken while the endpoints of
// --profile-of run at 64.
func (p *plan) measure(ctx context.Context, o options, srv *process, tmp, jixiao string) ([]bench.Endpoint, []bench.Profile, error) {
	eps := p.endpoints(ctx)
	var out []bench.Endpoint
	var profiles []bench.Profile
	for _, e := range eps {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), e.name) {
			continue
		}
		r := bench.Endpoint{Name: e.name, What: e.what, Skipped: e.skip}
		if e.skip == "" {
			// a steady state, as of a server that has been serving: each pool
			// connection has prepared the endpoint's statements and
			// PostgreSQL's caches hold what it reads; not measured
			bench.Run(ctx, 8, min(o.phase, warmUp), e.product)
			if e.baseline != nil {
				bench.Run(ctx, 8, min(o.phase, warmUp), e.baseline)
			}
		}
		// what earlier phases (and the warm-up) wrote is flushed now, not during this one
		if err := p.db.query(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, "CHECKPOINT"); return err }); err != nil {
			return nil, nil, fmt.Errorf("checkpoint: %w", err)
		}
		// and reaches the disk: the kernel's write-back of the checkpoint
		// (of the generated database, before the first phase) would
		// otherwise make this phase's WAL flushes wait behind it
		syscall.Sync()
		if e.skip != "" {
			log.Printf("%s: skipped: %s", e.name, e.skip)
			out = append(out, r)
			continue
		}
		r.Product8 = bench.Run(ctx, 8, o.phase, e.product)
		if e.baseline != nil {
			b := bench.Run(ctx, 8, o.phase, e.baseline)
			r.Baseline8 = &b
		}
		var prof chan string
		if slices.Contains(strings.Split(o.profileOf, ","), e.name) && o.profile && srv.pprof != "" {
			prof = make(chan string, 1)
			// over every turn of the product's, when it takes turns with the baseline
			span := o.phase
			if e.baseline != nil {
				span = 2 * o.phase
			}
			go func() { prof <- takeProfile(ctx, srv.pprof, span, tmp, jixiao, e.name) }()
		}
		if e.baseline != nil {
			// the ratio's two throughputs, taken in turns of 2 s
			prod, base := bench.RunAlternating(ctx, 64, o.phase, max(1, int(o.phase/(2*time.Second))), e.product, e.baseline)
			r.Product64, r.Baseline64 = prod, &base
		} else {
			r.Product64 = bench.Run(ctx, 64, o.phase, e.product)
		}
		if prof != nil {
			while := e.name + " at 64 connections"
			if e.baseline != nil {
				while += ", its turns and the baseline's: the server idles in the latter"
			}
			profiles = append(profiles, bench.Profile{While: while, Top: <-prof})
		}
		log.Printf("%s: p50 %.2f ms p99 %.2f ms (8), %.0f rps (64), errors %d %s", e.name, float64(r.Product8.P50)/1e6, float64(r.Product8.P99)/1e6,
			r.Product64.RPS, r.Product8.Errors+r.Product64.Errors, r.Product8.FirstError+r.Product64.FirstError)
		out = append(out, r)
	}
	return out, profiles, nil
}

// twoServers runs report_get at 64 connections on the first server, then
// spread over it and a second one.
func (p *plan) twoServers(ctx context.Context, phase time.Duration, second string) (bench.Phase, bench.Phase) {
	var n atomic.Int64
	op := func(hosts ...string) func(w int) bench.Op {
		return func(w int) bench.Op {
			host := hosts[w%len(hosts)]
			return func(ctx context.Context, c *http.Client) error {
				r := p.readers[w%len(p.readers)]
				code := r.saved[int(n.Add(1))%len(r.saved)]
				return bench.Get(host+"/api/v1/projects/"+code+"/reports/"+periodKey, bearer(r.token))(ctx, c)
			}
		}
	}
	one := bench.Run(ctx, 64, phase, op(p.server))
	two := bench.Run(ctx, 64, phase, op(p.server, second))
	return one, two
}

// keepProfile is where the raw CPU profile is kept (--profile-file).
var keepProfile string

// takeProfile reads a CPU profile of the server for the phase and renders
// its top functions.
func takeProfile(ctx context.Context, pprofAddr string, phase time.Duration, tmp, jixiao, name string) string {
	secs := max(1, int(phase.Seconds())-1)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "profile: " + err.Error()
	}
	defer resp.Body.Close()
	path := filepath.Join(tmp, name+".pprof")
	if keepProfile != "" {
		path = keepProfile + "." + name
	}
	f, err := os.Create(path)
	if err != nil {
		return "profile: " + err.Error()
	}
	_, err = io.Copy(f, resp.Body)
	f.Close()
	if err != nil {
		return "profile: " + err.Error()
	}
	out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=35", jixiao, path).CombinedOutput()
	if err != nil {
		return "profile: " + err.Error() + ": " + string(out)
	}
	return string(out)
}
