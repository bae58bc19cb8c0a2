package dbtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// PGBin is where the PostgreSQL 15 programs are (initdb, pg_ctl,
// pg_basebackup); PG_BIN overrides it.
func PGBin() string {
	if d := os.Getenv("PG_BIN"); d != "" {
		return d
	}
	return "/usr/lib/postgresql/15/bin"
}

// Cluster is a private PostgreSQL cluster a test creates in a temporary
// directory on a free 127.0.0.1 port, to stop, start or replicate without
// touching the machine's shared server. It is removed when the test ends.
type Cluster struct {
	Dir  string
	Port int
	t    testing.TB
}

// NewCluster creates and starts a cluster with trust authentication and
// streaming replication allowed from 127.0.0.1. The test is skipped when
// the PostgreSQL programs are not installed.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	if _, err := os.Stat(filepath.Join(PGBin(), "initdb")); err != nil {
		t.Skipf("no initdb in %s: %v", PGBin(), err)
	}
	root := tempDir(t)
	c := &Cluster{Dir: filepath.Join(root, "primary"), Port: freePort(t), t: t}
	c.run("initdb", "-D", c.Dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")
	conf := fmt.Sprintf("\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\nwal_level = replica\n"+
		"max_wal_senders = 4\nfsync = off\nshared_buffers = 16MB\nmax_connections = 60\n", c.Port, root)
	c.appendFile(filepath.Join(c.Dir, "postgresql.conf"), conf)
	c.appendFile(filepath.Join(c.Dir, "pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n")
	c.Start()
	t.Cleanup(func() { c.stop("immediate") })
	return c
}

// URL is the connection URL of a database of the cluster.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, db)
}

// Start starts the cluster and waits until it accepts connections.
func (c *Cluster) Start() {
	c.t.Helper()
	c.run("pg_ctl", "-D", c.Dir, "-l", filepath.Join(c.Dir, "server.log"), "-w", "-t", "60", "start")
}

// Stop stops the cluster at once (connections are cut, as a crash or an
// administrator's fast shutdown would).
func (c *Cluster) Stop() { c.stop("fast") }

// Crash stops the cluster as a power cut would (immediate mode: no
// checkpoint, connections cut, recovery at the next start).
func (c *Cluster) Crash() { c.stop("immediate") }

// Promote makes a replica the primary and waits until it takes writes.
func (c *Cluster) Promote() {
	c.t.Helper()
	c.run("pg_ctl", "-D", c.Dir, "-w", "-t", "60", "promote")
}

func (c *Cluster) stop(mode string) {
	cmd := c.command("pg_ctl", "-D", c.Dir, "-m", mode, "-w", "-t", "60", "stop")
	_ = cmd.Run() // stopping a stopped cluster is fine
}

// Replica makes a streaming replica of the cluster with pg_basebackup and
// starts it on a port of its own.
func (c *Cluster) Replica() *Cluster {
	c.t.Helper()
	r := &Cluster{Dir: filepath.Join(filepath.Dir(c.Dir), "replica"), Port: freePort(c.t), t: c.t}
	c.run("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres", "-D", r.Dir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")
	c.appendFile(filepath.Join(r.Dir, "postgresql.conf"), fmt.Sprintf("\nport = %d\nhot_standby = on\n", r.Port))
	r.Start()
	c.t.Cleanup(func() { r.stop("immediate") })
	return r
}

// run runs a PostgreSQL program, as the postgres user when this process is
// root (initdb refuses root).
func (c *Cluster) run(prog string, args ...string) {
	c.t.Helper()
	out, err := c.command(prog, args...).CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(c.Dir, "server.log"))
		c.t.Fatalf("%s %s: %v\n%s\n%s", prog, strings.Join(args, " "), err, out, log)
	}
}

func (c *Cluster) command(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(PGBin(), prog)
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (c *Cluster) appendFile(path, text string) {
	c.t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		c.t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		c.t.Fatal(err)
	}
}

// tempDir is a temporary directory the postgres user owns when this
// process is root.
func tempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "jixiao-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root without a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	time.Sleep(10 * time.Millisecond)
	return l.Addr().(*net.TCPAddr).Port
}
