package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/domain/audit"
)

// offTriggers runs statements on one connection with the audit triggers
// disabled, as a superuser could.
func offTriggers(t *testing.T, stmts ...string) {
	t.Helper()
	st := openStore(t)
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	stmts = append(append([]string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}, stmts...), `ALTER TABLE audit_log ENABLE TRIGGER USER`)
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestAuditVerifyNamesTheFirstBrokenRow: jixiao audit verify passes on an
// intact trail, fails naming the row a superuser edited, and passes again
// once the edit is undone.
func TestAuditVerifyNamesTheFirstBrokenRow(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := st.AppendAudit(ctx, audit.Entry{Actor: "cli-verify", Action: "test.verify", Detail: audit.JSON(map[string]int{"i": i})}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := jixiao(t, "", "audit", "verify")
	if err != nil || !strings.Contains(out, "审计链完整") {
		t.Fatalf("intact trail: %v\n%s", err, out)
	}
	var seq, id int64
	if err := st.DB().QueryRowContext(ctx, `SELECT seq, id FROM audit_log WHERE actor = 'cli-verify' ORDER BY seq OFFSET 1 LIMIT 1`).Scan(&seq, &id); err != nil {
		t.Fatal(err)
	}
	offTriggers(t, fmt.Sprintf(`UPDATE audit_log SET actor = 'someone else' WHERE id = %d`, id))
	_, err = jixiao(t, "", "audit", "verify")
	want := fmt.Sprintf("第 %d 条（id %d）", seq, id)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("edited row: %v, want it to name %s", err, want)
	}
	offTriggers(t, fmt.Sprintf(`UPDATE audit_log SET actor = 'cli-verify' WHERE id = %d`, id))
	if out, err := jixiao(t, "", "audit", "verify"); err != nil {
		t.Fatalf("after undoing the edit: %v\n%s", err, out)
	}
}

// TestAuditExportWritesAVerifiableFile: the export holds the rows since a
// date with their hashes; verify --file passes on it, names the line of an
// edited copy, and --compare finds a database rewritten after the export.
func TestAuditExportWritesAVerifiableFile(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	for i := 0; i < 4; i++ {
		if err := st.AppendAudit(ctx, audit.Entry{Actor: "cli-export", Action: "test.export", ObjectID: "对象\n" + fmt.Sprint(i),
			Before: audit.JSON(map[string]any{"值": "1.50", "n": i})}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "audit.jsonl")
	since := time.Now().Add(-24 * time.Hour).Format(time.DateOnly)
	out, err := jixiao(t, "", "audit", "export", "--since", since, "--out", file)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 4 || !strings.Contains(string(data), `"hash":"`) || !strings.Contains(string(data), `"prev_hash":"`) {
		t.Fatalf("%d lines:\n%s", len(lines), data)
	}
	out, err = jixiao(t, "", "audit", "verify", "--file", file, "--compare")
	if err != nil || !strings.Contains(out, "导出文件完整") || !strings.Contains(out, "数据库与导出文件一致") {
		t.Fatalf("verify the export: %v\n%s", err, out)
	}
	if out, _ := jixiao(t, "", "audit", "export", "--since", "2999-01-01"); out != "" {
		t.Errorf("nothing since 2999, got %q", out)
	}

	// an edited line in the file
	edited := filepath.Join(dir, "edited.jsonl")
	bad := append([]string{}, lines...)
	bad[2] = strings.Replace(bad[2], `"actor":"`, `"actor":"x`, 1)
	os.WriteFile(edited, []byte(strings.Join(bad, "\n")+"\n"), 0o600)
	if _, err := jixiao(t, "", "audit", "verify", "--file", edited); err == nil || !strings.Contains(err.Error(), "第 3 行") {
		t.Errorf("edited line 3: %v", err)
	}
	// a line left out
	gap := filepath.Join(dir, "gap.jsonl")
	os.WriteFile(gap, []byte(strings.Join(append(append([]string{}, lines[:1]...), lines[2:]...), "\n")+"\n"), 0o600)
	if _, err := jixiao(t, "", "audit", "verify", "--file", gap); err == nil || !strings.Contains(err.Error(), "第 2 行") {
		t.Errorf("line 2 left out: %v", err)
	}

	// the database rewritten after the export, the chain recomputed from the
	// edited row on so that the database alone still verifies
	var seq int64
	st.DB().QueryRowContext(ctx, `SELECT max(seq) FROM audit_log WHERE actor = 'cli-export'`).Scan(&seq)
	offTriggers(t, fmt.Sprintf(`UPDATE audit_log SET status = 999 WHERE seq = %d`, seq), rechain(seq))
	if out, err := jixiao(t, "", "audit", "verify"); err != nil {
		t.Fatalf("the rewritten chain should verify on its own: %v\n%s", err, out)
	}
	_, err = jixiao(t, "", "audit", "verify", "--file", file, "--compare")
	if err == nil || !strings.Contains(err.Error(), "导出后审计记录被改写") {
		t.Errorf("compare with a rewritten database: %v", err)
	}
	offTriggers(t, fmt.Sprintf(`UPDATE audit_log SET status = 0 WHERE seq = %d`, seq), rechain(seq))
	if _, err := jixiao(t, "", "audit", "verify", "--file", file, "--compare"); err != nil {
		t.Errorf("after undoing: %v", err)
	}
}

// rechain recomputes every hash from seq on and the head, as someone who
// knows the scheme could after editing a row.
func rechain(seq int64) string {
	return fmt.Sprintf(`DO $$
DECLARE r audit_log; prev bytea;
BEGIN
    SELECT prev_hash INTO prev FROM audit_log WHERE seq = %d;
    FOR r IN SELECT * FROM audit_log WHERE seq >= %d ORDER BY seq LOOP
        r.prev_hash := prev;
        prev := audit_row_hash(prev, r);
        UPDATE audit_log SET prev_hash = r.prev_hash, hash = prev WHERE seq = r.seq;
    END LOOP;
    UPDATE audit_chain_head SET hash = prev;
END $$`, seq, seq)
}
