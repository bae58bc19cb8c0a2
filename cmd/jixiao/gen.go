package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/app/gen"
)

// genCmd loads a synthetic province (app/gen) for benchmarks and load
// tests: departments × projects shaped like the Golmud seed, mid-year
// reports scored by the domain rules, and accounts that can sign in with the
// password read from standard input.
func genCmd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	deps := fs.Int("departments", 0, "how many departments")
	per := fs.Int("projects-per", 12, "projects per department")
	seedN := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	passwordStdin := fs.Bool("password-stdin", false, "read the generated accounts' password from standard input")
	asJSON := fs.Bool("json", false, "print what was loaded as JSON")
	tree := fs.Bool("tree", false, "make the departments 主管部门 with 1–15 units each (二级预算单位), each 主管部门 with a supervisor")
	if err := fs.Parse(args); err != nil {
		return usageError("gen: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("gen: unexpected argument " + fs.Arg(0))
	}
	if !*passwordStdin {
		return usageError("gen: --password-stdin is required (the accounts' password is read from standard input)")
	}
	g, err := gen.New(gen.Options{Departments: *deps, ProjectsPer: *per, Seed: *seedN, Tree: *tree}, cfg.Rules)
	if err != nil {
		return usageError("gen: " + err.Error())
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	hash, err := auth.NewPasswordHash(password)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	stats, err := gen.Load(ctx, st, g, hash, time.Now().UTC())
	if err != nil {
		return err
	}
	took := time.Since(start)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{"stats": stats, "seconds": took.Seconds()})
	}
	fmt.Fprintf(stdout, "generated %d departments, %d projects, %d indicators, %d reports (%d submitted, %d approved), %d users in %s\n",
		stats.Departments, stats.Projects, stats.Indicators, stats.Reports, stats.Submitted, stats.Approved, stats.Users, took.Round(time.Millisecond))
	return nil
}
