package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// serveChild runs `jixiao serve` when this test binary was started as the
// server of TestKilledDuringSaves; it reports whether it did.
func serveChild() bool {
	if os.Getenv("JIXIAO_TEST_SERVE") == "" {
		return false
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := run(context.Background(), []string{"serve"}, strings.NewReader(""), io.Discard, log); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
	os.Exit(0)
	return true
}

// server is `jixiao serve` in a process of its own (this test binary).
type server struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

func startServer(t *testing.T, dsn, addr string, env ...string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "JIXIAO_TEST_SERVE=1", "DATABASE_URL="+dsn, "ADDR="+addr, "JIXIAO_SHUTDOWN_GRACE_SECONDS=1",
		"JIXIAO_TOTP_REQUIRED_ROLES=none"), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, url: "http://" + addr, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.kill() })
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(s.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
	}
	t.Fatal("the server did not become ready")
	return nil
}

// kill ends the server with SIGKILL: no shutdown, no draining.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.done
}

// TestKilledDuringSavesLeavesEachAllOrNothing SIGKILLs the server while four
// clients save drafts, restarts it and checks every report: versions 1…n
// without gaps, the lines and budget those of version n, every save the
// clients were told was stored present, and the dashboard rollups equal a
// fresh aggregate.
func TestKilledDuringSavesLeavesEachAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dsn, st := killDatabase(t, "_kill")
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Periods {
		if err := st.SavePeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	var codes []string
	for i := range 4 {
		p := ds.Projects[i]
		p.Code, p.Department = "KILL"+p.Code, project.Department{Code: "990004", Name: "强制终止测试单位"}
		if err := st.SaveProjects(ctx, []project.Project{p}); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, p.Code)
	}
	hash, err := authHash()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, user.Account{Username: "kill_sub", Roles: []user.Role{user.Submitter}, Departments: []string{"990004"},
		Projects: codes}, hash, audit.Entry{Actor: audit.CLI}); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)

	cycles := 2
	if os.Getenv("JIXIAO_SOAK") != "" {
		cycles = 10
	}
	acked := map[string]bool{} // "code/reason" of every save answered 200
	var mu sync.Mutex
	for cycle := range cycles {
		srv := startServer(t, dsn, addr)
		token := login(t, srv.url, "kill_sub")
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w, code := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := &http.Client{Timeout: 10 * time.Second}
				version := -1
				for n := 0; ; n++ {
					select {
					case <-stop:
						return
					default:
					}
					reason := fmt.Sprintf("第%d轮客户端%d第%d次保存", cycle, w, n)
					ok, v := saveDraft(c, srv.url, token, code, version, reason)
					if ok {
						mu.Lock()
						acked[code+"/"+reason] = true
						mu.Unlock()
					}
					version = v
				}
			}()
		}
		time.Sleep(time.Duration(200+rand.IntN(400)) * time.Millisecond)
		srv.kill()
		close(stop)
		wg.Wait()
	}
	srv := startServer(t, dsn, addr) // after the last kill: everything must read back whole
	_ = srv
	svc := reports.New(st, rules.National(), time.Now)
	for _, code := range codes {
		rec, err := st.GetReport(ctx, store.ScopeAll(), code, "2024-06")
		if err != nil {
			t.Fatal(err)
		}
		hist, err := st.ReportHistory(ctx, store.ScopeAll(), code, "2024-06")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Report.Version == 0 || len(hist) != rec.Report.Version {
			t.Fatalf("%s at version %d has %d versions", code, rec.Report.Version, len(hist))
		}
		stored := map[string]bool{}
		for i, v := range hist {
			var body struct {
				Budget struct {
					Reason string `json:"reason"`
				} `json:"budget"`
				Lines []json.RawMessage `json:"lines"`
			}
			if err := json.Unmarshal(v.Body, &body); err != nil {
				t.Fatal(err)
			}
			if v.Version != i+1 || len(body.Lines) != len(rec.Project.Indicators) {
				t.Errorf("%s: version %d at place %d with %d lines", code, v.Version, i+1, len(body.Lines))
			}
			stored[body.Budget.Reason] = true
			if i == len(hist)-1 && body.Budget.Reason != rec.Report.Budget.Reason {
				t.Errorf("%s: the report says %q, its last version %q", code, rec.Report.Budget.Reason, body.Budget.Reason)
			}
		}
		if len(rec.Report.Lines) != len(rec.Project.Indicators) {
			t.Errorf("%s has %d lines of %d", code, len(rec.Report.Lines), len(rec.Project.Indicators))
		}
		for k := range acked {
			if c, reason, _ := strings.Cut(k, "/"); c == code && !stored[reason] {
				t.Errorf("%s: the acknowledged save %q is lost", code, reason)
			}
		}
	}
	d, err := svc.Dashboard(ctx, store.ScopeAll(), "2024-06", "990004")
	if err != nil {
		t.Fatal(err)
	}
	if d.ByStatus["draft"] != len(codes) || d.ProjectCount != len(codes) {
		t.Errorf("rollups after the kills: %v of %d", d.ByStatus, d.ProjectCount)
	}
	t.Logf("%d saves acknowledged over %d kills", len(acked), cycles)
	if len(acked) == 0 {
		t.Error("no save got through: the kills came before any load")
	}
}

// killDatabase makes a database of its own for a kill test (the package's
// is shared with tests that count rows), migrated, dropped at the end.
func killDatabase(t *testing.T, suffix string) (string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	u.Path += suffix
	dsn := u.String()
	if err := store.CreateDatabase(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.DropDatabase(context.Background(), dsn) })
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return dsn, st
}

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// killPassword is the password of the test's submitter.
const killPassword = "Kill-Passw0rd"

func authHash() (string, error) { return auth.NewPasswordHash(killPassword) }

func login(t *testing.T, base, username string) string {
	t.Helper()
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"`+username+`","password":"`+killPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var s struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&s); err != nil || s.Token == "" {
		t.Fatalf("login: %d %v", res.StatusCode, err)
	}
	return s.Token
}

// saveDraft saves the budget reason of a draft with the given version (-1:
// read it first) and tells whether the server said it was stored and the
// version to send next.
func saveDraft(c *http.Client, base, token, code string, version int, reason string) (bool, int) {
	url := base + "/api/v1/projects/" + code + "/reports/2024-06"
	do := func(method, body string) (int, []byte) {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := c.Do(req)
		if err != nil {
			return 0, nil
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
	var r struct {
		Version int `json:"version"`
		Lines   []struct {
			IndicatorID int64 `json:"indicator_id"`
		} `json:"lines"`
	}
	status, body := do(http.MethodGet, "")
	if status != http.StatusOK || json.Unmarshal(body, &r) != nil {
		time.Sleep(20 * time.Millisecond)
		return false, -1
	}
	if version < 0 {
		version = r.Version
	}
	lines := make([]map[string]any, len(r.Lines))
	for i, l := range r.Lines {
		lines[i] = map[string]any{"indicator_id": l.IndicatorID}
	}
	b, _ := json.Marshal(map[string]any{"version": version, "budget": map[string]any{"executed": "2.50", "reason": reason}, "lines": lines})
	status, body = do(http.MethodPut, string(b))
	if status != http.StatusOK || json.Unmarshal(body, &r) != nil {
		return false, -1
	}
	return true, r.Version
}
