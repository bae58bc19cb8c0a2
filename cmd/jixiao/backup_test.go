package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// tableDigests reads, for every table and sequence of the public schema,
// the number of rows and an MD5 of all of them in a fixed order (sequences:
// their last value). audit_log and audit_chain_head are left to the caller:
// a restore appends its own audit row.
func tableDigests(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	rows, err := st.DB().QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, tb := range tables {
		var n int
		var digest string
		if err := st.DB().QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM %q t`, tb)).Scan(&n, &digest); err != nil {
			t.Fatal(err)
		}
		out[tb] = fmt.Sprintf("%d rows %s", n, digest)
	}
	seqs, err := st.DB().QueryContext(ctx, `SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	defer seqs.Close()
	for seqs.Next() {
		var n string
		var v int64
		seqs.Scan(&n, &v)
		out["sequence "+n] = fmt.Sprint(v)
	}
	return out
}

// TestBackupRestoreGivesAnEqualDatabase: a database with reports, their
// history, users and audit rows is backed up with jixiao backup, restored
// with jixiao restore into a fresh database, and every table holds the same
// rows; the restored audit chain verifies, and the restore is its next row.
func TestBackupRestoreGivesAnEqualDatabase(t *testing.T) {
	// a database of its own: the package's is shared with tests that count
	// reports and users
	source := freshDatabase(t, "backup_source")
	cli := func(stdin string, args ...string) (string, error) {
		t.Setenv("DATABASE_URL", source)
		var out strings.Builder
		err := run(context.Background(), args, strings.NewReader(stdin), &out, discardLog())
		return out.String(), err
	}
	if out, err := cli("", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	if out, err := cli("Backup-Passw0rd\n", "user", "add", "--username", "backup_sub", "--role", "submitter",
		"--department", "003001", "--projects", "63280100024T000000639", "--password-stdin"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	st, err := store.Open(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	const code = "63280100024T000000639"
	p, err := st.GetProject(ctx, store.ScopeAll(), code)
	if err != nil {
		t.Fatal(err)
	}
	in := report.Report{Budget: report.Budget{Executed: dec(p.Budget.String())}}
	for _, ind := range p.Indicators {
		l := report.Line{IndicatorID: ind.ID}
		switch ind.Kind() {
		case "qualitative":
			l.Band, l.ScoreInput = report.BandAchieved, dec(ind.Weight.String())
		case "deadline":
			l.CompletedOn = "2024-12-15"
		default:
			l.Value = dec(ind.Target)
		}
		in.Lines = append(in.Lines, l)
	}
	svc := reports.New(st, rules.National(), time.Now)
	sub := reports.Actor{Caller: user.Caller{Username: "backup_sub", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{code}}}
	rec, err := svc.Save(ctx, store.ScopeAll(), sub, code, "2024", 0, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Save(ctx, store.ScopeAll(), sub, code, "2024", rec.Report.Version, in); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, store.ScopeAll(), sub, code, "2024"); err != nil {
		t.Fatal(err)
	}
	if err := st.AppendAudit(ctx, audit.Entry{Actor: "backup-test", Action: "test.backup", Detail: audit.JSON(map[string]string{"说明": "备份前"})}); err != nil {
		t.Fatal(err)
	}
	before := tableDigests(t, st)
	for _, tb := range []string{"report_versions", "audit_log", "users"} {
		if d, ok := before[tb]; !ok || strings.HasPrefix(d, "0 rows") {
			t.Fatalf("the source has no %s to back up: %q", tb, d)
		}
	}
	var headSeq int64
	var auditDigest string
	auditOf := func(s *store.Store) string {
		s.DB().QueryRowContext(ctx, `SELECT md5(string_agg(t::text, E'\n' ORDER BY seq)) FROM audit_log t WHERE seq <= $1`, headSeq).Scan(&auditDigest)
		return auditDigest
	}
	st.DB().QueryRowContext(ctx, `SELECT seq FROM audit_chain_head`).Scan(&headSeq)
	sourceAudit := auditOf(st)

	file := filepath.Join(t.TempDir(), "jixiao.dump")
	out, err := cli("", "backup", file)
	if err != nil || !strings.Contains(out, "已备份") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v %v", fi.Mode(), err)
	}
	if _, total, _ := st.ListAudit(ctx, audit.Filter{Action: actionBackup}); total == 0 {
		t.Error("the backup left no audit row")
	}

	target := databaseURL(t, "restored")
	t.Setenv("DATABASE_URL", target)
	var buf strings.Builder
	if err := run(ctx, []string{"restore", file}, strings.NewReader(""), &buf, discardLog()); err != nil {
		t.Fatalf("restore: %v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), "审计链完整") {
		t.Errorf("restore output:\n%s", buf.String())
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	copied := tableDigests(t, restored)
	for tb, d := range before {
		if tb == "audit_log" || tb == "audit_chain_head" || tb == "sequence audit_log_id_seq" {
			continue
		}
		if copied[tb] != d {
			t.Errorf("%s: source %s, restored %s", tb, d, copied[tb])
		}
	}
	if len(copied) != len(before) {
		t.Errorf("%d tables and sequences restored, %d in the source", len(copied), len(before))
	}
	if got := auditOf(restored); got != sourceAudit {
		t.Errorf("audit rows up to %d differ after the restore", headSeq)
	}
	v, err := restored.VerifyAudit(ctx)
	if err != nil || v.Break != nil {
		t.Fatalf("audit verify on the copy: %v %v", err, v.Break)
	}
	var last string
	restored.DB().QueryRowContext(ctx, `SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&last)
	if last != actionRestore {
		t.Errorf("the last audit row of the copy is %q, want the restore", last)
	}
	buf.Reset()
	if err := run(ctx, []string{"audit", "verify"}, strings.NewReader(""), &buf, discardLog()); err != nil {
		t.Errorf("jixiao audit verify on the copy: %v", err)
	}

	// a second restore into the now non-empty database is refused
	if err := run(ctx, []string{"restore", file}, strings.NewReader(""), &buf, discardLog()); err == nil || !strings.Contains(err.Error(), "不是空的") {
		t.Errorf("restore into a database with data: %v", err)
	}
}

// TestBackupChecksTheToolsVersion: a pg_dump older than the server, or a
// pg_restore older than the archive, is refused before anything is written.
func TestBackupChecksTheToolsVersion(t *testing.T) {
	dir := t.TempDir()
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		script := "#!/bin/sh\necho '" + tool + " (PostgreSQL) 9.6.24'\n"
		if err := os.WriteFile(filepath.Join(dir, tool), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("JIXIAO_PG_BIN", dir)
	file := filepath.Join(t.TempDir(), "old.dump")
	_, err := jixiao(t, "", "backup", file)
	if err == nil || !strings.Contains(err.Error(), "pg_dump 9.6 不能备份 PostgreSQL") {
		t.Errorf("old pg_dump: %v", err)
	}
	if _, serr := os.Stat(file); serr == nil {
		t.Error("a file was written")
	}
	if _, err := jixiao(t, "", "restore", "/nonexistent.dump"); err == nil {
		t.Error("restore with a fake pg_restore passed")
	}
	t.Setenv("JIXIAO_PG_BIN", filepath.Join(dir, "missing"))
	if _, err := jixiao(t, "", "backup", file); err == nil || !strings.Contains(err.Error(), "找不到可用的 pg_dump") {
		t.Errorf("missing pg_dump: %v", err)
	}
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// databaseURL names a database beside the package's, dropped when the test ends.
func databaseURL(t *testing.T, name string) string {
	t.Helper()
	dsn := strings.Replace(dbtest.DSN, "jixiao_test_cmd_", "jixiao_test_cmd_"+name+"_", 1)
	t.Cleanup(func() { store.DropDatabase(context.Background(), dsn) })
	return dsn
}

// freshDatabase creates and migrates a database beside the package's.
func freshDatabase(t *testing.T, name string) string {
	t.Helper()
	dsn := databaseURL(t, name)
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(context.Background(), discardLog()); err != nil {
		t.Fatal(err)
	}
	return dsn
}
