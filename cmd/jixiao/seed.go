package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"jixiao/app/config"
	"jixiao/app/seed"
)

// seedCmd loads the Golmud 2024 targets and periods; running it again
// changes nothing.
func seedCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demoUsers := fs.Bool("demo-users", false, "also create the demo accounts")
	demoYears := fs.Bool("demo-years", false, "also fill and approve the demo's 2024 annual self-evaluations and copy 2024 to 2025 target drafts")
	if err := fs.Parse(args); err != nil {
		return usageError("seed: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("seed: 多余的参数 " + fs.Arg(0))
	}
	ds, err := seed.Golmud2024()
	if err != nil {
		return err
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, p := range ds.Periods {
		if err := st.SavePeriod(ctx, p); err != nil {
			return err
		}
	}
	if err := st.SaveProjects(ctx, ds.Projects); err != nil {
		return err
	}
	if err := saveBudget(ctx, st); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %s %s: %d projects, %d periods\n", ds.Department.Code, ds.Department.Name, len(ds.Projects), len(ds.Periods))
	if *demoUsers {
		if err := seed.EnsureDemoUsers(ctx, st, cfg.DemoPassword, stdout); err != nil {
			return err
		}
	}
	if *demoYears {
		return seed.DemoYears(ctx, st, time.Now, stdout)
	}
	return nil
}
