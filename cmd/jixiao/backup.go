package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"

	"jixiao/app/backup"
	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/audit"
)

// Audit actions of backups.
const (
	actionBackup  = "system.backup"
	actionRestore = "system.restore"
)

func serverVersion(ctx context.Context, st *store.Store) (backup.Version, error) {
	num, text, err := st.ServerVersion(ctx)
	if err != nil {
		return backup.Version{}, err
	}
	return backup.Version{Major: num / 10000, Text: text}, nil
}

// backupCmd writes the database to FILE with pg_dump (custom format) and
// records the backup, with the file's SHA-256, in the audit trail.
func backupCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usageError("backup FILE")
	}
	file := fs.Arg(0)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	server, err := serverVersion(ctx, st)
	if err != nil {
		return err
	}
	head, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	tools := backup.Tools{Dir: cfg.Security.PGBin}
	a, sum, err := tools.Dump(ctx, cfg.DatabaseURL, server, file)
	if err != nil {
		return err
	}
	e := audit.Entry{Actor: audit.CLI, Action: actionBackup, ObjectType: "backup", ObjectID: filepath.Base(file),
		Detail: audit.JSON(map[string]any{"sha256": backup.Hex(sum), "server_version": server.Text,
			"pg_dump_version": a.DumpedBy.Text, "audit_head_seq": head.HeadSeq})}
	if err := st.AppendAudit(ctx, e); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已备份到 %s：PostgreSQL %s，pg_dump %s，%d 项，SHA-256 %s\n", file, server.Text, a.DumpedBy.Text, a.Entries, backup.Hex(sum))
	if head.Break != nil {
		fmt.Fprintf(stdout, "注意：备份时审计链已断开：%v\n", head.Break)
	}
	return nil
}

// restoreCmd loads FILE into the database of DATABASE_URL, which must be
// missing or empty, checks the restored audit chain and records the restore.
func restoreCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	noOwner := fs.Bool("no-owner", false, "leave out the archive's owners and privileges (a server without its roles)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usageError("restore [--no-owner] FILE")
	}
	file := fs.Arg(0)
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	server, err := serverVersion(ctx, st)
	if err != nil {
		return err
	}
	tools := backup.Tools{Dir: cfg.Security.PGBin}
	a, err := tools.CheckRestore(ctx, file, server)
	if err != nil {
		return err
	}
	empty, err := st.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("目标数据库不是空的：请把 DATABASE_URL 指向一个新的（不存在或空的）数据库再恢复，核对无误后再切换")
	}
	sum, err := backup.FileHash(file)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := tools.Restore(ctx, cfg.DatabaseURL, file, !*noOwner); err != nil {
		return err
	}
	v, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	e := audit.Entry{Actor: audit.CLI, Action: actionRestore, ObjectType: "backup", ObjectID: filepath.Base(file),
		Detail: audit.JSON(map[string]any{"sha256": backup.Hex(sum), "dumped_from": a.DumpedFrom.Text,
			"server_version": server.Text, "audit_intact": v.Break == nil})}
	if err := st.AppendAudit(ctx, e); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已从 %s 恢复：备份来自 PostgreSQL %s，恢复到 %s，SHA-256 %s\n", file, a.DumpedFrom.Text, server.Text, backup.Hex(sum))
	if v.Break != nil {
		return fmt.Errorf("恢复完成，但%w", v.Break)
	}
	fmt.Fprintf(stdout, "审计链完整：%d 条记录\n", v.Rows)
	return nil
}
