package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// cutProxy forwards TCP connections on one 127.0.0.1 port to PostgreSQL and
// can be cut and restored: cut closes the listener and every connection
// (PostgreSQL stopped: connections reset, new ones refused), restore listens
// on the same port again (PostgreSQL back). The machine's shared PostgreSQL
// is never stopped.
type cutProxy struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func startCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{addr: ln.Addr().String(), target: target}
	p.serve(ln)
	t.Cleanup(p.cut)
	return p
}

func (p *cutProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			upstream, err := net.DialTimeout("tcp", p.target, 2*time.Second)
			if err != nil {
				client.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, client, upstream)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(upstream, client); upstream.Close() }()
			go func() { _, _ = io.Copy(client, upstream); client.Close() }()
		}
	}()
}

func (p *cutProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *cutProxy) restore(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", p.addr, err)
	}
	p.serve(ln)
}

// soak tells whether the long versions of the failure tests run (make soak).
func soak() bool { return os.Getenv("JIXIAO_SOAK") != "" }

// saveOutcome is what one draft save through the cut got.
type saveOutcome struct {
	code   string
	reason string // the budget reason it carried, unique per save
	status int
	took   time.Duration
	at     time.Time
}

// TestDatabaseStoppedDuringLoad saves drafts from four clients while
// PostgreSQL goes away (the proxy in front of it is cut) and comes back:
// while it is away every request ends within 5 s with 503 and /readyz says
// so; within 5 s of its return saves succeed again; and afterwards every
// acknowledged save is stored, nothing is half-written (every report's
// lines are those of its last version, versions run 1…n without gaps).
func TestDatabaseStoppedDuringLoad(t *testing.T) {
	_, st0 := newAPI(t)
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	codes := cloneProjects(t, st0, "990003", "DOWN", 4)
	createUser(t, st0, user.Account{Username: "down_sub", Roles: []user.Role{user.Submitter}, Departments: []string{"990003"}, Projects: codes})
	proxy := startCutProxy(t, u.Host)
	u.Host = proxy.addr
	loadThroughOutages(t, st0, u.String(), codes, proxy.cut, func() { proxy.restore(t) })
}

// TestPrivateClusterStoppedDuringLoad is the same with a real PostgreSQL
// stop (pg_ctl stop -m fast) and start, of a private cluster this test
// creates; the machine's shared server is never stopped.
func TestPrivateClusterStoppedDuringLoad(t *testing.T) {
	cl := dbtest.NewCluster(t)
	ctx := context.Background()
	st0, err := store.Open(ctx, cl.URL("jixiao"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st0.Close() })
	if err := st0.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Periods {
		if err := st0.SavePeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	codes := cloneProjects(t, st0, "990005", "PGCTL", 4)
	createUser(t, st0, user.Account{Username: "down_sub", Roles: []user.Role{user.Submitter}, Departments: []string{"990005"}, Projects: codes})
	loadThroughOutages(t, st0, cl.URL("jixiao"), codes, cl.Stop, cl.Start)
}

// loadThroughOutages runs the load against a server on dsn, taking the
// database away with down and bringing it back with up, and checks what
// TestDatabaseStoppedDuringLoad says; st0 reads the result afterwards.
func loadThroughOutages(t *testing.T, st0 *store.Store, dsn string, codes []string, down, up func()) {
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(apitest.New(st, apitest.Options{Log: slog.New(slog.NewTextHandler(logTo(), &slog.HandlerOptions{Level: slog.LevelError})),
		SessionCacheTTL: time.Second, LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}}))
	t.Cleanup(srv.Close)
	client := &http.Client{Timeout: 30 * time.Second}
	token := loginTo(t, client, srv.URL, "down_sub")

	cycles, away, run := 1, 1500*time.Millisecond, 700*time.Millisecond
	if soak() {
		cycles, away, run = 5, 8*time.Second, 5*time.Second
	}
	var mu sync.Mutex
	var outcomes []saveOutcome
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w, code := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			saver := newDraftSaver(client, srv.URL, token, code)
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				o := saver.save(fmt.Sprintf("客户端%d第%d次保存", w, n))
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				if o.status != http.StatusOK {
					time.Sleep(50 * time.Millisecond)
				}
			}
		}()
	}
	readyz := func() (int, time.Duration) {
		t0 := time.Now()
		res, err := client.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatalf("readyz: %v", err)
		}
		res.Body.Close()
		return res.StatusCode, time.Since(t0)
	}
	var restored []time.Time
	for range cycles {
		time.Sleep(run)
		down()
		cutAt := time.Now()
		time.Sleep(away / 2)
		if status, took := readyz(); status != http.StatusServiceUnavailable || took > 5*time.Second {
			t.Errorf("/readyz with the database away: %d after %s, want 503 within 5 s", status, took)
		}
		time.Sleep(time.Until(cutAt.Add(away)))
		up()
		restored = append(restored, time.Now())
	}
	time.Sleep(run)
	if status, _ := readyz(); status != http.StatusOK {
		t.Errorf("/readyz after the database came back: %d", status)
	}
	close(stop)
	wg.Wait()

	// while away: 503 fast, never a 500
	var ok, unavailable int
	for _, o := range outcomes {
		switch {
		case o.status == http.StatusOK:
			ok++
		case o.status == http.StatusServiceUnavailable:
			unavailable++
			if o.took > 5*time.Second {
				t.Errorf("a save answered 503 after %s, want within 5 s", o.took)
			}
		case o.status == http.StatusConflict: // its previous save committed as the connection broke: re-read
		default:
			t.Errorf("a save answered %d (%s)", o.status, o.reason)
		}
	}
	if ok == 0 || unavailable == 0 {
		t.Fatalf("%d saves stored, %d refused with 503: the cut did not happen during load", ok, unavailable)
	}
	// back within 5 s of each return
	for _, r := range restored {
		var first time.Time
		for _, o := range outcomes {
			if o.status == http.StatusOK && o.at.After(r) && (first.IsZero() || o.at.Before(first)) {
				first = o.at
			}
		}
		if first.IsZero() || first.Sub(r) > 5*time.Second {
			t.Errorf("no save succeeded within 5 s of the database's return at %s (first %s)", r.Format(time.StampMilli), first.Format(time.StampMilli))
		} else {
			t.Logf("first save %s after the database came back", first.Sub(r).Round(time.Millisecond))
		}
	}
	t.Logf("%d saves stored, %d refused with 503", ok, unavailable)
	// nothing lost, nothing half-written
	for _, code := range codes {
		assertWhole(t, st0, code, outcomes)
	}
}

// assertWhole checks one report after failures: its versions run 1…n, its
// lines are those of version n, and every save answered 200 is in its history.
func assertWhole(t *testing.T, st *store.Store, code string, outcomes []saveOutcome) {
	t.Helper()
	ctx := context.Background()
	rec, err := st.GetReport(ctx, store.ScopeAll(), code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	hist, err := st.ReportHistory(ctx, store.ScopeAll(), code, "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != rec.Report.Version {
		t.Errorf("%s at version %d has %d versions", code, rec.Report.Version, len(hist))
	}
	reasons := map[string]bool{}
	for i, v := range hist {
		if v.Version != i+1 {
			t.Errorf("%s: version %d at place %d", code, v.Version, i+1)
		}
		var body struct {
			Budget struct {
				Reason string `json:"reason"`
			} `json:"budget"`
			Lines []json.RawMessage `json:"lines"`
		}
		if err := json.Unmarshal(v.Body, &body); err != nil {
			t.Fatal(err)
		}
		if len(body.Lines) != len(rec.Project.Indicators) {
			t.Errorf("%s version %d has %d lines of %d", code, v.Version, len(body.Lines), len(rec.Project.Indicators))
		}
		reasons[body.Budget.Reason] = true
	}
	if len(rec.Report.Lines) != len(rec.Project.Indicators) {
		t.Errorf("%s has %d lines of %d", code, len(rec.Report.Lines), len(rec.Project.Indicators))
	}
	if len(hist) > 0 {
		var last struct {
			Budget struct {
				Reason string `json:"reason"`
			} `json:"budget"`
		}
		_ = json.Unmarshal(hist[len(hist)-1].Body, &last)
		if last.Budget.Reason != rec.Report.Budget.Reason {
			t.Errorf("%s: the report says %q, its last version %q", code, rec.Report.Budget.Reason, last.Budget.Reason)
		}
	}
	for _, o := range outcomes {
		if o.code == code && o.status == http.StatusOK && !reasons[o.reason] {
			t.Errorf("%s: the acknowledged save %q is not stored", code, o.reason)
		}
	}
}

// cloneProjects stores n copies of Golmud projects in a department of their
// own and returns their codes.
func cloneProjects(t *testing.T, st *store.Store, dept, prefix string, n int) []string {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	var ps []project.Project
	var codes []string
	for i := range n {
		p := ds.Projects[i%len(ds.Projects)]
		p.Code = fmt.Sprintf("%s%d%s", prefix, i, p.Code)
		p.Department = project.Department{Code: dept, Name: "故障测试单位" + dept}
		ps = append(ps, p)
		codes = append(codes, p.Code)
	}
	if err := st.SaveProjects(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	return codes
}

func loginTo(t *testing.T, client *http.Client, base, username string) string {
	t.Helper()
	res, err := client.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"`+username+`","password":"`+testPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var s session
	if err := json.NewDecoder(res.Body).Decode(&s); err != nil || s.Token == "" {
		t.Fatalf("login %s: %d %v", username, res.StatusCode, err)
	}
	return s.Token
}

// draftSaver saves one report's draft again and again over HTTP, each time
// with a new budget reason, re-reading the version when it is unsure.
type draftSaver struct {
	client            *http.Client
	url, token, code  string
	version           int
	lines             []map[string]any
	executed, project string
}

func newDraftSaver(client *http.Client, base, token, code string) *draftSaver {
	return &draftSaver{client: client, url: base + "/api/v1/projects/" + code + "/reports/2024-06", token: token, code: code, version: -1}
}

func (d *draftSaver) do(method, body string) (int, []byte, time.Duration) {
	req, _ := http.NewRequest(method, d.url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+d.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	res, err := d.client.Do(req)
	if err != nil {
		return 0, nil, time.Since(t0)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, time.Since(t0)
}

func (d *draftSaver) save(reason string) saveOutcome {
	o := saveOutcome{code: d.code, reason: reason}
	if d.version < 0 {
		status, body, took := d.do(http.MethodGet, "")
		o.status, o.took, o.at = status, took, time.Now()
		if status != http.StatusOK {
			return o
		}
		var r struct {
			Version int              `json:"version"`
			Lines   []map[string]any `json:"lines"`
		}
		if err := json.Unmarshal(body, &r); err != nil {
			o.status = -1
			return o
		}
		d.version, d.lines = r.Version, nil
		for _, l := range r.Lines {
			d.lines = append(d.lines, map[string]any{"indicator_id": l["indicator_id"]})
		}
	}
	b, _ := json.Marshal(map[string]any{"version": d.version, "budget": map[string]any{"executed": "1.50", "reason": reason}, "lines": d.lines})
	status, body, took := d.do(http.MethodPut, string(b))
	o.status, o.took, o.at = status, took, time.Now()
	if status == http.StatusOK {
		var r struct {
			Version int `json:"version"`
		}
		_ = json.Unmarshal(body, &r)
		d.version = r.Version
	} else {
		d.version = -1 // unsure whether it was stored: read again
	}
	return o
}

func logTo() io.Writer {
	if os.Getenv("JIXIAO_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
