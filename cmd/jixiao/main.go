// Command jixiao is the one binary of Jixiao: it serves the API and the web
// app, migrates the database, loads the Golmud data and scores periods.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"jixiao/app/config"
	"jixiao/app/store"
)

const usage = `jixiao — 预算绩效目标管理

usage:
  jixiao serve                 migrate if needed, then serve the API and web app on $ADDR (default :8080)
  jixiao migrate               apply the embedded migrations and exit
  jixiao seed [--demo-users]   load the Golmud 2024 targets and periods (idempotent); with
                               --demo-users also the demo accounts (README "Demo accounts")
  jixiao user add --username U --role R [--department D] [--projects C1,C2]
                  [--display-name N] --password-stdin
                               create a user (roles: submitter, reviewer, admin, auditor)
  jixiao score --period P [--department D] [--json]
                               print every project's stored score for a period
  jixiao reminders run [--now YYYY-MM-DD]
                               send the reminders of open rounds due as of now (or that day)

environment: DATABASE_URL (default the local PostgreSQL, database jixiao), ADDR,
  JIXIAO_SESSION_IDLE_MINUTES (30), JIXIAO_SESSION_ABSOLUTE_HOURS (12), JIXIAO_DEMO_PASSWORD,
  JIXIAO_RULE_<SETTING> for the scoring rules (e.g. JIXIAO_RULE_REVERSE_METHOD=linear)
`

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, log); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprint(os.Stderr, usage)
			fmt.Fprintln(os.Stderr, "\nerror:", err)
			os.Exit(2)
		}
		log.Error("jixiao failed", "error", err)
		os.Exit(1)
	}
}

type usageError string

func (u usageError) Error() string { return string(u) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError("no command given")
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		st, err := openMigrated(ctx, cfg, log)
		if err != nil {
			return err
		}
		return st.Close()
	case "seed":
		return seedCmd(ctx, cfg, args[1:], stdout, log)
	case "user":
		return userCmd(ctx, cfg, args[1:], stdin, stdout, log)
	case "score":
		return scoreCmd(ctx, cfg, args[1:], stdout, log)
	case "reminders":
		return remindersCmd(ctx, cfg, args[1:], stdout, log)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError(fmt.Sprintf("unknown command %q", args[0]))
}

// openMigrated opens the database (creating it if missing) and migrates it.
func openMigrated(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx, log); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
