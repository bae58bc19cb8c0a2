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
	"slices"
	"strings"
	"syscall"

	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/rules"
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
  jixiao user password --username U --password-stdin
                               set a user's password (ends their sessions): recovers a lost one
  jixiao score --period P [--department D] [--json]
                               print every project's stored score for a period
  jixiao import targets FILE [--dry-run] [--year Y] [--sheet S] [--json]
                               import target tables (.xlsx, .csv); with any error nothing is stored
  jixiao export targets|monitoring|self-evaluation (--year Y | --period P) [--department D] -o FILE
                               write the target, monitoring or self-evaluation table (.xlsx)
  jixiao audit verify [--file F [--compare]]
                               walk the audit hash chain (or an exported file) and name the first broken row
  jixiao audit export --since DATE [--out F]
                               write the audit rows from DATE on, with their hashes, as JSON lines
  jixiao backup FILE           write the database to FILE (pg_dump custom format)
  jixiao restore [--no-owner] FILE
                               load FILE into the empty or missing database of DATABASE_URL
  jixiao config                print every setting of the environment with its default (README "Configuration")
  jixiao secret generate       print a new random JIXIAO_SECRET_KEY
  jixiao secret rotate --new-key-stdin
                               re-encrypt every second-factor secret under the key read from standard input
  jixiao reminders run [--now YYYY-MM-DD]
                               send the reminders of open rounds due as of now (or that day)
  jixiao gen --departments N [--projects-per M] [--seed S] --password-stdin [--json]
                               load a synthetic province for benchmarks (generated
                               accounts gen_s<department>, gen_r<n>, gen_auditor)

environment: DATABASE_URL (default the local PostgreSQL, database jixiao), ADDR, and the
  JIXIAO_* settings that jixiao config lists with their defaults
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log, closeLog := logger(os.Args[1:])
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, log)
	closeLog()
	if err != nil {
		// for people: one plain sentence, not a log line
		fmt.Fprintln(os.Stderr, "jixiao: "+sentence(err))
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "运行 jixiao help 查看用法")
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// logger is JSON lines for the server (for log collectors, written in
// batches: bufferedLog) and plain text for the other commands, which people
// run. The function returned writes what is left.
func logger(args []string) (*slog.Logger, func()) {
	if len(args) > 0 && args[0] == "serve" {
		buf := newBufferedLog(os.Stderr)
		return slog.New(flushingHandler{slog.NewJSONHandler(buf, nil), buf}), buf.Close
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), func() {}
}

// sentence makes an error one line a person can read.
func sentence(err error) string {
	msg := err.Error()
	if store.IsUnavailable(err) {
		msg = "无法连接数据库（请检查 DATABASE_URL）：" + msg
	}
	lines := strings.Split(msg, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(slices.DeleteFunc(lines, func(s string) bool { return s == "" }), "；")
}

type usageError string

func (u usageError) Error() string { return string(u) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError("没有给出命令")
	}
	cfg, err := config.FromEnv(config.Getenv(os.LookupEnv))
	if err != nil {
		return err
	}
	switch args[0] {
	case "serve":
		if len(args) > 1 {
			return usageError("serve: 多余的参数 " + args[1])
		}
		return serve(ctx, cfg, log)
	case "migrate":
		if len(args) > 1 {
			return usageError("migrate: 多余的参数 " + args[1])
		}
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
	case "import":
		return importCmd(ctx, cfg, args[1:], stdout, log)
	case "export":
		return exportCmd(ctx, cfg, args[1:], stdout, log)
	case "audit":
		return auditCmd(ctx, cfg, args[1:], stdout, log)
	case "backup":
		return backupCmd(ctx, cfg, args[1:], stdout, log)
	case "restore":
		return restoreCmd(ctx, cfg, args[1:], stdout, log)
	case "secret":
		return secretCmd(ctx, cfg, args[1:], stdin, stdout, log)
	case "reminders":
		return remindersCmd(ctx, cfg, args[1:], stdout, log)
	case "gen":
		return genCmd(ctx, cfg, args[1:], stdin, stdout, log)
	case "config":
		if len(args) > 1 {
			return usageError("config: 多余的参数 " + args[1])
		}
		fmt.Fprint(stdout, config.Table())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError(fmt.Sprintf("未知命令 %q", args[0]))
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
	// notifications are mailed too when a mailer is configured
	st.SetMail(cfg.Season.SMTPURL != "")
	return st, nil
}

// defaultRules is the rule set of the periods that chose no rule profile:
// national, or the local profile of the JIXIAO_RULE_* variables, stored
// (as a new version when they changed) so that scores can name it.
func defaultRules(ctx context.Context, st *store.Store, cfg config.Config) (rules.RuleSet, error) {
	local, err := cfg.LocalProfile()
	if err != nil || local == nil {
		return cfg.Rules, err
	}
	stored, err := st.EnsureRuleProfiles(ctx, nil, local)
	if err != nil {
		return rules.RuleSet{}, err
	}
	return stored.RuleSet()
}
