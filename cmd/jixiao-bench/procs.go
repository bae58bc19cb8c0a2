package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao/app/bench"
)

// database is the run's own database on the admin server.
type database struct {
	admin, name, url string
}

// openDatabase creates the database name; when reuse is set, one that
// already exists is opened instead (created says which).
func openDatabase(ctx context.Context, admin, name string, reuse bool) (db *database, created bool, err error) {
	u, err := url.Parse(admin)
	if err != nil {
		return nil, false, err
	}
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return nil, false, fmt.Errorf("connect to %s: %w", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	exists := false
	if reuse {
		if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
			return nil, false, fmt.Errorf("find database: %w", err)
		}
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return nil, false, fmt.Errorf("create database: %w", err)
		}
	}
	u.Path = "/" + name
	return &database{admin: admin, name: name, url: u.String()}, !exists, nil
}

// empty tells whether the database holds no generated province yet.
func (d *database) empty(ctx context.Context) (bool, error) {
	var n int
	err := d.query(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'departments'").Scan(&n)
	})
	if err != nil || n == 0 {
		return true, err
	}
	err = d.query(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SELECT count(*) FROM departments").Scan(&n)
	})
	return n == 0, err
}

// scale counts what an earlier run generated in a reused database.
func (d *database) scale(ctx context.Context, sc *bench.Scale) error {
	return d.query(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT (SELECT count(*) FROM departments), (SELECT count(*) FROM projects),
			(SELECT count(*) FROM indicators WHERE retired_in IS NULL), (SELECT count(*) FROM reports WHERE period_key = '2024-06'),
			(SELECT count(*) FROM users)`).Scan(&sc.Departments, &sc.Projects, &sc.Indicators, &sc.Reports, &sc.Users)
	})
}

func (d *database) drop() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, d.admin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "drop database:", err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{d.name}.Sanitize()+" WITH (FORCE)"); err != nil {
		fmt.Fprintln(os.Stderr, "drop database:", err)
	}
}

func (d *database) query(ctx context.Context, fn func(*pgx.Conn) error) error {
	conn, err := pgx.Connect(ctx, d.url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return fn(conn)
}

func (d *database) sizeMB(ctx context.Context) (float64, error) {
	var n int64
	err := d.query(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SELECT pg_database_size(current_database())").Scan(&n)
	})
	return float64(n) / (1 << 20), err
}

// command runs a program to completion with DATABASE_URL set.
func command(ctx context.Context, bin string, args []string, dbURL, stdin string, env ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(append(os.Environ(), "DATABASE_URL="+dbURL), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", bin, strings.Join(args, " "), err, tail(errb.String()))
	}
	return out.Bytes(), nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// process is a server this run started.
type process struct {
	cmd   *exec.Cmd
	url   string
	pprof string // the pprof listener, when asked for
	log   string
	done  chan struct{}
}

// start runs a server on a free 127.0.0.1 port and waits for /readyz.
func start(ctx context.Context, bin string, args []string, dbURL, logPath string, pprof bool) (*process, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	p := &process{url: "http://" + addr, log: logPath, done: make(chan struct{})}
	// the generated reviewers and auditor sign in with a password only
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "ADDR="+addr, "JIXIAO_TOTP_REQUIRED_ROLES=none")
	if pprof {
		if p.pprof, err = freeAddr(); err != nil {
			return nil, err
		}
		env = append(env, "JIXIAO_PPROF_ADDR="+p.pprof)
	}
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr = env, f, f
	if err := p.cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	go func() { _ = p.cmd.Wait(); f.Close(); close(p.done) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		resp, err := http.Get(p.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.stop()
	b, _ := os.ReadFile(logPath)
	return nil, fmt.Errorf("%s did not become ready: %s", bin, tail(string(b)))
}

// stop ends the server with SIGTERM, and SIGKILL after 10 s.
func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// machine describes this machine and its PostgreSQL.
func machine(ctx context.Context, db *database) (bench.Machine, error) {
	m := bench.Machine{Cores: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				fmt.Sscan(strings.Fields(l)[1], &kb)
			}
		}
		m.MemoryMB = kb / 1024
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &m.LoadAverage)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	err := db.query(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT current_setting('server_version'), 'shared_buffers ' || current_setting('shared_buffers') ||
			', synchronous_commit ' || current_setting('synchronous_commit') || ', autovacuum ' || current_setting('autovacuum')`).
			Scan(&m.Postgres, &m.PostgresSettings)
	})
	return m, err
}
