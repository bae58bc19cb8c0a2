// Package drill runs Jixiao's recovery drills on this machine, loopback
// only: a Patroni cluster (etcd and two PostgreSQL 15 nodes) whose primary
// is killed under a stream of saves (Failover), and a point-in-time
// recovery with pgBackRest of a mistaken batch return (PITR). Everything
// lives in a temporary directory, on free 127.0.0.1 ports, run as the
// postgres user when the drill runs as root, and is stopped and removed
// whatever happens; every wait is bounded.
package drill

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Env is a drill's temporary directory and the processes it started.
type Env struct {
	Dir    string
	PGBin  string // the PostgreSQL 15 programs
	Jixiao string // the jixiao binary
	Log    io.Writer
	uid    int
	gid    int
	asPG   bool

	mu    sync.Mutex
	procs []*Proc
}

// Proc is a process the drill started, in a process group of its own.
type Proc struct {
	Name string
	Cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// Exited tells whether the process has ended.
func (p *Proc) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// NewEnv makes the temporary directory (owned by the postgres user when
// this runs as root: PostgreSQL refuses to run as root).
func NewEnv(pgBin, jixiao string, log io.Writer) (*Env, error) {
	dir, err := os.MkdirTemp("", "jixiao-drill-")
	if err != nil {
		return nil, err
	}
	e := &Env{Dir: dir, PGBin: pgBin, Jixiao: jixiao, Log: log, uid: os.Getuid(), gid: os.Getgid()}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		e.uid, _ = strconv.Atoi(u.Uid)
		e.gid, _ = strconv.Atoi(u.Gid)
		e.asPG = true
		if err := os.Chown(dir, e.uid, e.gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if err := e.Mkdir("logs"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return e, nil
}

// Logf writes a line of progress.
func (e *Env) Logf(format string, args ...any) {
	fmt.Fprintf(e.Log, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05.000")}, args...)...)
}

// Path is a path inside the drill's directory.
func (e *Env) Path(parts ...string) string {
	return filepath.Join(append([]string{e.Dir}, parts...)...)
}

// Mkdir makes a directory of the drill (mode 0700, the postgres user's).
func (e *Env) Mkdir(parts ...string) error {
	p := e.Path(parts...)
	if err := os.MkdirAll(p, 0o700); err != nil {
		return err
	}
	return os.Chown(p, e.uid, e.gid)
}

// WriteFile writes a file of the drill, readable by the postgres user only.
func (e *Env) WriteFile(name, text string) error {
	p := e.Path(name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		return err
	}
	return os.Chown(p, e.uid, e.gid)
}

// command builds a command run as the postgres user (asPG) or as this
// process's user, in a process group of its own, with env added.
func (e *Env) command(asPG bool, prog string, args []string, env []string) *exec.Cmd {
	cmd := exec.Command(prog, args...)
	cmd.Dir = e.Dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if asPG && e.asPG {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(e.uid), Gid: uint32(e.gid)}
		cmd.Env = append(cmd.Env, "HOME="+e.Dir, "USER=postgres", "LOGNAME=postgres")
	}
	return cmd
}

// Start starts a long-running process whose output goes to logs/name.log.
func (e *Env) Start(name string, asPG bool, prog string, args []string, env ...string) (*Proc, error) {
	f, err := os.OpenFile(e.Path("logs", name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := e.command(asPG, prog, args, env)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &Proc{Name: name, Cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	e.mu.Lock()
	e.procs = append(e.procs, p)
	e.mu.Unlock()
	return p, nil
}

// Run runs a command to its end within timeout and returns its output.
func (e *Env) Run(ctx context.Context, timeout time.Duration, asPG bool, prog string, args []string, env ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := e.command(asPG, prog, args, env)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return out.String(), fmt.Errorf("%s %s: %w: %s", filepath.Base(prog), strings.Join(args, " "), err, lastLines(out.String(), 15))
		}
		return out.String(), nil
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return out.String(), fmt.Errorf("%s %s: no end within %s: %s", filepath.Base(prog), strings.Join(args, " "), timeout, lastLines(out.String(), 15))
	}
}

// PG is the path of a PostgreSQL program.
func (e *Env) PG(prog string) string { return filepath.Join(e.PGBin, prog) }

// Close stops every process the drill started (SIGTERM to its group, then
// SIGKILL), then every process still running from the drill's directory
// (PostgreSQL servers and their children, whose working directory is a
// data directory of the drill), and removes the directory. Every wait is
// bounded; it never touches a process that is not the drill's.
func (e *Env) Close() {
	e.mu.Lock()
	procs := append([]*Proc(nil), e.procs...)
	e.mu.Unlock()
	for _, p := range procs {
		if !p.Exited() {
			_ = syscall.Kill(-p.Cmd.Process.Pid, syscall.SIGTERM)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, p := range procs {
		select {
		case <-p.done:
		case <-time.After(time.Until(deadline)):
		}
	}
	for _, p := range procs {
		if !p.Exited() {
			_ = syscall.Kill(-p.Cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	for range 50 {
		left := e.strays()
		if len(left) == 0 {
			break
		}
		for _, pid := range left {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if left := e.strays(); len(left) > 0 {
		e.Logf("processes of the drill still running after cleanup: %v", left)
	}
	if err := os.RemoveAll(e.Dir); err != nil {
		e.Logf("remove %s: %v", e.Dir, err)
	}
}

// strays lists the processes whose working directory is inside the drill's
// directory, or whose command line names it: the drill's and nobody else's.
func (e *Env) strays() []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var out []int
	for _, en := range entries {
		pid, err := strconv.Atoi(en.Name())
		if err != nil || pid == self {
			continue
		}
		cwd, _ := os.Readlink(filepath.Join("/proc", en.Name(), "cwd"))
		cmdline, _ := os.ReadFile(filepath.Join("/proc", en.Name(), "cmdline"))
		if inside(cwd, e.Dir) || bytes.Contains(cmdline, []byte(e.Dir)) {
			out = append(out, pid)
		}
	}
	return out
}

func inside(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// FreePort is a free TCP port on 127.0.0.1.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// FreePorts are n distinct free ports.
func FreePorts(n int) ([]int, error) {
	seen := map[int]bool{}
	var out []int
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		p, err := FreePort()
		if err != nil {
			return nil, err
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if len(out) < n {
		return nil, errors.New("not enough free ports")
	}
	return out, nil
}

// WaitFor calls cond every interval until it returns nil, ctx ends, or
// limit passes; the last error says why not.
func WaitFor(ctx context.Context, limit, interval time.Duration, what string, cond func() error) error {
	began := time.Now()
	var last error
	for {
		if last = cond(); last == nil {
			return nil
		}
		if time.Since(began) > limit {
			return fmt.Errorf("%s: not within %s: %w", what, limit, last)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-time.After(interval):
		}
	}
}

// httpOK is nil when GET url answers 200 within a second.
func httpOK(url string) error {
	c := http.Client{Timeout: time.Second}
	res, err := c.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d", url, res.StatusCode)
	}
	return nil
}

// lastLines is the end of a program's output, for an error.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Tail is the end of a log of the drill, for an error.
func (e *Env) Tail(name string, n int) string {
	b, err := os.ReadFile(e.Path("logs", name+".log"))
	if err != nil {
		return ""
	}
	return lastLines(string(b), n)
}
