// Command jixiao-drill runs Jixiao's recovery drills on this machine,
// loopback only, in a temporary directory it removes afterwards:
//
//	jixiao-drill failover   etcd, two Patroni nodes, Jixiao, saving clients, kill -9 of the primary
//	jixiao-drill pitr       pgBackRest: a full backup, a mistaken batch return, a restore to the moment before
//
// Each prints its figures as one JSON line last and exits non-zero when a
// goal is missed (failover: nothing acknowledged lost, unavailable at most
// --max-unavailable seconds; pitr: the approved reports there, the mistake
// gone, the audit chain intact).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"jixiao/app/drill"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	jixiao := fs.String("jixiao", "bin/jixiao", "the jixiao binary to serve")
	pgBin := fs.String("pg-bin", envOr("PG_BIN", "/usr/lib/postgresql/15/bin"), "the PostgreSQL 15 programs")
	maxUnavailable := fs.Float64("max-unavailable", 15, "failover: the longest acceptable time without a successful save, in seconds")
	keep := fs.Bool("keep", false, "keep the temporary directory's logs: copy them to ./drill-logs before removing it")
	limit := fs.Duration("timeout", 8*time.Minute, "the whole drill's time limit")
	_ = fs.Parse(os.Args[2:])
	bin, err := filepath.Abs(*jixiao)
	if err != nil {
		fail(err)
	}
	if _, err := os.Stat(bin); err != nil {
		fail(fmt.Errorf("the jixiao binary: %w (make go-build)", err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	env, err := drill.NewEnv(*pgBin, bin, os.Stderr)
	if err != nil {
		fail(err)
	}
	code := run(ctx, env, os.Args[1], *maxUnavailable)
	if *keep {
		_ = exec.Command("cp", "-r", env.Path("logs"), "drill-logs").Run() // kept out of git (.gitignore)
	}
	env.Close()
	os.Exit(code)
}

// run runs one drill and returns the exit status.
func run(ctx context.Context, env *drill.Env, which string, maxUnavailable float64) int {
	switch which {
	case "failover":
		res, err := drill.Failover(ctx, env, drill.DefaultFailover)
		if err != nil {
			return report(env, err)
		}
		printJSON(res)
		switch {
		case res.Acknowledged == 0:
			env.Logf("FAIL: no save was acknowledged")
		case res.Lost > 0:
			env.Logf("FAIL: %d acknowledged saves lost", res.Lost)
		case res.UnavailableS > maxUnavailable:
			env.Logf("FAIL: saving was unavailable for %.1f s, more than %.0f s", res.UnavailableS, maxUnavailable)
		default:
			return 0
		}
		return 1
	case "pitr":
		res, err := drill.PITR(ctx, env)
		if err != nil {
			return report(env, err)
		}
		printJSON(res)
		if !res.OK() {
			env.Logf("FAIL: the restored database is not as it was at the target time")
			return 1
		}
		return 0
	}
	usage()
	return 2
}

func report(env *drill.Env, err error) int {
	env.Logf("FAIL: %v", err)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return 3
	}
	return 1
}

func printJSON(v any) {
	b, _ := json.Marshal(v)
	fmt.Println(string(b))
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: jixiao-drill failover|pitr [--jixiao bin/jixiao] [--pg-bin DIR] [--max-unavailable S] [--keep] [--timeout D]")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jixiao-drill:", err)
	os.Exit(1)
}
