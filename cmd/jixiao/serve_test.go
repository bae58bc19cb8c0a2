package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/config"
	"jixiao/app/dbtest"
	"jixiao/domain/audit"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// B7: "serving" was logged before the port was bound, also when binding
// then failed. Now it is logged only once the port accepts connections.
func TestServingIsLoggedOnlyOnceThePortIsBound(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"DATABASE_URL": dbtest.DSN, "ADDR": busy.Addr().String(), "JIXIAO_TOTP_REQUIRED_ROLES": "none"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	err = serve(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err == nil || strings.Contains(logs.String(), "msg=serving") {
		t.Fatalf("a port in use: error %v, log:\n%s", err, logs.String())
	}

	cfg.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logs = syncBuffer{}
	go func() { done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(&logs, nil))) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "msg=serving") {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no serving line:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	line := logs.String()[strings.Index(logs.String(), "msg=serving"):]
	addr := strings.Fields(strings.SplitN(line, "addr=", 2)[1])[0]
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("the logged address %s does not answer: %v", addr, err)
	} else {
		res.Body.Close()
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// A server that would lock out every user who must use a second factor
// (required of some roles, no key to seal it) refuses to start, in one
// sentence, before it touches the database or a port.
func TestServeRefusesSecondFactorsWithoutAKey(t *testing.T) {
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "ADDR": "127.0.0.1:0"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	err = serve(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err == nil || !strings.Contains(err.Error(), "JIXIAO_SECRET_KEY") || strings.Contains(logs.String(), "msg=serving") {
		t.Fatalf("served without a key: %v\n%s", err, logs.String())
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"config"}, strings.NewReader(""), &out, slog.New(slog.NewTextHandler(&logs, nil))); err != nil ||
		out.String() != config.Table() {
		t.Errorf("jixiao config printed %q, %v", out.String(), err)
	}
}

// TestTheServerSealsTheAuditRowsItWrites: while serve runs, committed audit
// rows are linked into the hash chain within a moment, and the rows of the
// last requests are sealed on the way out.
func TestTheServerSealsTheAuditRowsItWrites(t *testing.T) {
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var logs syncBuffer
	go func() { defer close(done); sealAuditRows(ctx, st, slog.New(slog.NewTextHandler(&logs, nil))) }()
	unsealed := func() int {
		var n int
		if err := st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE seq IS NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := range 3 {
		if err := st.AppendAudit(context.Background(), audit.Entry{Actor: "sealer", Action: "test.sealer", Status: i}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for unsealed() > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := unsealed(); n > 0 {
		t.Fatalf("%d rows still unsealed after %v", n, 10*time.Second)
	}
	if err := st.AppendAudit(context.Background(), audit.Entry{Actor: "sealer", Action: "test.sealer.last"}); err != nil {
		t.Fatal(err)
	}
	cancel()
	<-done
	if n := unsealed(); n > 0 {
		t.Errorf("%d rows left unsealed at shutdown", n)
	}
	if v, err := st.VerifyAudit(context.Background()); err != nil || v.Break != nil {
		t.Errorf("chain after the sealer: %+v %v", v.Break, err)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("the sealer logged an error: %s", logs.String())
	}
}
