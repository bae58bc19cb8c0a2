package api_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/user"
)

// stallProxy forwards TCP connections to PostgreSQL until stall is called;
// from then on it holds every connection open and answers nothing, as a
// database that hangs does: existing connections go silent, new ones are
// accepted and never answered.
type stallProxy struct {
	ln      net.Listener
	mu      sync.Mutex
	stalled bool
	conns   []net.Conn
}

func startStallProxy(t *testing.T, target string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln}
	t.Cleanup(p.close)
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			p.conns = append(p.conns, client)
			stalled := p.stalled
			p.mu.Unlock()
			if stalled {
				continue // accepted, never answered
			}
			upstream, err := net.DialTimeout("tcp", target, 2*time.Second)
			if err != nil {
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, upstream)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(upstream, client) }()
			go func() { _, _ = io.Copy(client, upstream) }()
		}
	}()
	return p
}

// close ends the listener and every connection.
func (p *stallProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// stall cuts every connection from the database but leaves the clients'
// ends open and silent.
func (p *stallProxy) stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stalled = true
	for _, c := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok && c.RemoteAddr().String() == dbAddr {
			_ = tc.Close()
		}
	}
}

const dbAddr = "127.0.0.1:5432"

// B5: a stalled database left requests hanging for 100 s and more. Now a
// request ends within 5 s with 503 and a clear message, and /readyz says 503.
func TestAStalledDatabaseAnswers503WithinFiveSeconds(t *testing.T) {
	e0, _ := newAPI(t) // seeds the data and the role users
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != dbAddr {
		t.Skipf("the test database is at %s, the proxy expects %s", u.Host, dbAddr)
	}
	proxy := startStallProxy(t, dbAddr)
	u.Host = proxy.ln.Addr().String()
	st, err := store.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		proxy.close() // first, so that closing the pool does not wait on silent connections
		st.Close()
	})
	srv := httptest.NewServer(apitest.New(st, apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}}))
	t.Cleanup(srv.Close)
	client := &http.Client{Timeout: 30 * time.Second}
	get := func(path string) (int, string, time.Duration) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+e0.tokens[user.Submitter])
		began := time.Now()
		res, err := client.Do(req)
		took := time.Since(began)
		if err != nil {
			t.Fatalf("%s: %v after %s", path, err, took)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b), took
	}
	if status, body, _ := get("/api/v1/me"); status != http.StatusOK {
		t.Fatalf("before the stall: %d %s", status, body)
	}
	proxy.stall()
	for _, path := range []string{"/api/v1/me", "/readyz"} {
		status, body, took := get(path)
		t.Logf("stalled database: GET %s answered %d after %s", path, status, took.Round(time.Millisecond))
		if status != http.StatusServiceUnavailable || took > 5*time.Second {
			t.Errorf("GET %s: %d after %s, want 503 within 5 s: %s", path, status, took, body)
		}
		if path != "/readyz" && !strings.Contains(body, "数据库") {
			t.Errorf("GET %s: the message does not say the database is the cause: %s", path, body)
		}
	}
	began := time.Now()
	res, err := client.Post(srv.URL+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"t_admin","password":"`+testPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	took := time.Since(began)
	t.Logf("stalled database: POST /api/v1/auth/login answered %d after %s", res.StatusCode, took.Round(time.Millisecond))
	if res.StatusCode != http.StatusServiceUnavailable || took > 5*time.Second {
		t.Errorf("login: %d after %s, want 503 within 5 s", res.StatusCode, took)
	}
}

// B5: starting against a database that accepts and never answers fails
// within the connect timeout instead of hanging.
func TestOpeningASilentDatabaseFailsWithinTheConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var mu sync.Mutex
	var held []net.Conn
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	began := time.Now()
	_, err = store.Open(context.Background(), "postgres://postgres@"+ln.Addr().String()+"/jixiao?sslmode=disable")
	took := time.Since(began)
	t.Logf("opening a silent database failed after %s: %v", took.Round(time.Millisecond), err)
	if err == nil || took > 6*time.Second {
		t.Errorf("open: %v after %s, want an error within the connect timeout", err, took)
	}
}
