package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"

	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
	"jixiao/migrations"
)

// appendSome appends n audit rows whose content exercises the encoding:
// Chinese text, newlines, separators, NULL and non-NULL documents.
func appendSome(t *testing.T, st *store.Store, tag string, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		e := audit.Entry{Actor: "链|测试:1", ActorID: int64(i), IP: "10.0.0.1", Action: "test.chain." + tag,
			ObjectType: "report", ObjectID: fmt.Sprintf("P%d/2024\n06", i), Status: 200 + i}
		if i%2 == 0 {
			e.Before = audit.JSON(map[string]any{"说明": "原因|1:2\n第二行", "n": i, "z": nil, "a": []int{1, 2}})
			e.Detail = audit.JSON(map[string]string{"reason": "~|"})
		}
		if err := st.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

func mustHold(t *testing.T, st *store.Store) store.AuditVerification {
	t.Helper()
	v, err := st.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v.Break != nil {
		t.Fatalf("the chain breaks: %v", v.Break)
	}
	return v
}

// tamper runs statements on one connection with the audit triggers off,
// as a superuser could.
func tamper(t *testing.T, st *store.Store, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	all := append([]string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}, stmts...)
	all = append(all, `ALTER TABLE audit_log ENABLE TRIGGER USER`)
	for _, s := range all {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func seqOf(t *testing.T, st *store.Store, action string, nth int) (seq, id int64) {
	t.Helper()
	if err := st.DB().QueryRowContext(context.Background(),
		`SELECT seq, id FROM audit_log WHERE action = $1 ORDER BY seq OFFSET $2 LIMIT 1`, action, nth).Scan(&seq, &id); err != nil {
		t.Fatal(err)
	}
	return seq, id
}

// TestAuditChainFindsTheEditedRow: a row edited with the triggers disabled
// (as a superuser would) is named by verify as the first broken row; once
// the edit is undone the chain holds again.
func TestAuditChainFindsTheEditedRow(t *testing.T) {
	st := dbtest.Open(t)
	appendSome(t, st, "edit", 6)
	before := mustHold(t, st)
	if before.Rows < 6 || before.HeadSeq != before.Rows {
		t.Fatalf("rows %d, head %d", before.Rows, before.HeadSeq)
	}
	seq, id := seqOf(t, st, "test.chain.edit", 3)
	var status int
	st.DB().QueryRow(`SELECT status FROM audit_log WHERE id = $1`, id).Scan(&status)
	tamper(t, st, fmt.Sprintf(`UPDATE audit_log SET status = 500 WHERE id = %d`, id))
	v, err := st.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v.Break == nil || v.Break.Seq != seq || v.Break.ID != id || !strings.Contains(v.Break.Reason, "内容与其哈希不符") {
		t.Fatalf("edited row %d (seq %d): got %+v", id, seq, v.Break)
	}
	if v.Rows != seq-1 {
		t.Errorf("%d rows held before the break, want %d", v.Rows, seq-1)
	}
	// rewriting the row's own hash too moves the break to the next row
	tamper(t, st, fmt.Sprintf(`UPDATE audit_log SET hash = audit_row_hash(prev_hash, audit_log) WHERE id = %d`, id))
	v, _ = st.VerifyAudit(context.Background())
	if v.Break == nil || v.Break.Seq != seq+1 || !strings.Contains(v.Break.Reason, "前一条哈希") {
		t.Fatalf("rehashed row %d: got %+v", id, v.Break)
	}
	tamper(t, st, fmt.Sprintf(`UPDATE audit_log SET status = %d WHERE id = %d`, status, id),
		fmt.Sprintf(`UPDATE audit_log SET hash = audit_row_hash(prev_hash, audit_log) WHERE id = %d`, id))
	mustHold(t, st)
}

// TestAuditChainFindsRemovedRows: a row deleted from the middle, or from the
// end, breaks the chain where it was.
func TestAuditChainFindsRemovedRows(t *testing.T) {
	st := dbtest.Open(t)
	appendSome(t, st, "delete", 4)
	mustHold(t, st)
	ctx := context.Background()
	// keep a copy of a row to put it back
	save := func(seq int64) func() {
		tamper(t, st, fmt.Sprintf(`CREATE TABLE audit_saved_%d AS SELECT * FROM audit_log WHERE seq = %d`, seq, seq))
		return func() {
			tamper(t, st, fmt.Sprintf(`INSERT INTO audit_log SELECT * FROM audit_saved_%d`, seq), fmt.Sprintf(`DROP TABLE audit_saved_%d`, seq))
		}
	}
	middle, id := seqOf(t, st, "test.chain.delete", 1)
	restore := save(middle)
	tamper(t, st, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, id))
	v, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v.Break == nil || v.Break.Seq != middle+1 || !strings.Contains(v.Break.Reason, "序号应为") {
		t.Fatalf("deleted seq %d: got %+v", middle, v.Break)
	}
	restore()
	mustHold(t, st)

	last := mustHold(t, st).HeadSeq
	restore = save(last)
	tamper(t, st, fmt.Sprintf(`DELETE FROM audit_log WHERE seq = %d`, last))
	v, _ = st.VerifyAudit(ctx)
	if v.Break == nil || v.Break.Seq != last || !strings.Contains(v.Break.Reason, "缺失") {
		t.Fatalf("deleted the last row %d: got %+v", last, v.Break)
	}
	restore()
	mustHold(t, st)
}

// TestAuditChainHoldsUnderConcurrentWriters: audit rows appended from many
// transactions at once still form one gapless chain.
func TestAuditChainHoldsUnderConcurrentWriters(t *testing.T) {
	st := dbtest.Open(t)
	start := mustHold(t, st).HeadSeq
	const writers, each = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				errs <- st.AppendAudit(context.Background(), audit.Entry{Actor: fmt.Sprintf("w%d", w), Action: "test.chain.concurrent",
					Detail: audit.JSON(map[string]int{"i": i})})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	v := mustHold(t, st)
	if v.HeadSeq-start < writers*each {
		t.Errorf("head moved from %d to %d, want at least %d more", start, v.HeadSeq, writers*each)
	}
}

// TestAuditChainTakesInRowsWrittenBeforeIt: the migration that brings the
// chain links the rows already in the trail, in the order written.
func TestAuditChainTakesInRowsWrittenBeforeIt(t *testing.T) {
	ctx := context.Background()
	dsn := ownDatabase(t, "backfill")
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, st.DB(), migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 8); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 7, 1, 9, 30, 0, 123456000, time.UTC)
	for i := 0; i < 3; i++ {
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, 'old', 'test.old', $2::jsonb)`,
			at.Add(time.Duration(-i)*time.Hour), fmt.Sprintf(`{"i": %d, "文": "行\n"}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	v := mustHold(t, st)
	if v.Rows != 3 || v.HeadSeq != 3 {
		t.Errorf("rows %d head %d, want 3 and 3", v.Rows, v.HeadSeq)
	}
	var firstID, firstSeq int64
	if err := st.DB().QueryRowContext(ctx, `SELECT id, seq FROM audit_log ORDER BY id LIMIT 1`).Scan(&firstID, &firstSeq); err != nil || firstSeq != 1 {
		t.Errorf("the first row written is seq %d (%v)", firstSeq, err)
	}
	if err := st.AppendAudit(ctx, audit.Entry{Actor: "new", Action: "test.new"}); err != nil {
		t.Fatal(err)
	}
	if v := mustHold(t, st); v.HeadSeq != 4 {
		t.Errorf("head %d after one more row", v.HeadSeq)
	}
}

// TestTheAppRoleCannotMoveTheChainHead: as in the compose setup (a
// superuser migrates, the app signs in with the default grants), the app's
// role appends chained rows and verifies them, but cannot write the chain
// head or switch the chain trigger off.
func TestTheAppRoleCannotMoveTheChainHead(t *testing.T) {
	ctx := context.Background()
	admin := openAs(t, dbtest.AdminURL())
	var super bool
	if err := admin.DB().QueryRowContext(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil || !super {
		t.Skipf("the test server's role is not a superuser (%v)", err)
	}
	app, db := randomName(t, "jixiao_t_app_"), randomName(t, "jixiao_t_chain_")
	if _, err := admin.DB().ExecContext(ctx, `CREATE ROLE `+app+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.DB().ExecContext(ctx, `DROP ROLE IF EXISTS `+app) })
	if err := store.CreateDatabase(ctx, dsnAs(t, "", db)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.DropDatabase(ctx, dsnAs(t, "", db)) })
	migrator := openAs(t, dsnAs(t, "", db))
	for _, q := range []string{
		`GRANT USAGE ON SCHEMA public TO ` + app,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ` + app,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ` + app,
	} {
		if _, err := migrator.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := migrator.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	as := openAs(t, dsnAs(t, app, db))
	for i := 0; i < 3; i++ {
		if err := as.AppendAudit(ctx, audit.Entry{Actor: audit.CLI, Action: "test.app_chain"}); err != nil {
			t.Fatalf("append as the app role: %v", err)
		}
	}
	if v := mustHold(t, as); v.HeadSeq != 3 {
		t.Errorf("head %d after three rows", v.HeadSeq)
	}
	for _, q := range []string{
		`UPDATE audit_chain_head SET seq = 1`,
		`DELETE FROM audit_chain_head`,
		`UPDATE audit_log SET seq = 0 WHERE seq IS NULL`,
		`ALTER FUNCTION audit_seal(integer) OWNER TO ` + app,
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain`,
		`CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
	} {
		if _, err := as.DB().ExecContext(ctx, q); err == nil {
			t.Errorf("the app role could: %s", q)
		}
	}
}

// TestUpgradeDisablesNobodyAsIdle: users who exist before migration 00009
// get a last sign-in (from their sessions, else the upgrade), their
// password's age from their last change, and their hash in the history.
func TestUpgradeDisablesNobodyAsIdle(t *testing.T) {
	ctx := context.Background()
	dsn := ownDatabase(t, "upgrade")
	st := openAs(t, dsn)
	p, err := goose.NewProvider(goose.DialectPostgres, st.DB(), migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 8); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO users (username, password_hash, created_at, updated_at)
		VALUES ('old_user', '$argon2id$old', now() - interval '200 days', now() - interval '200 days')`); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := st.GetUser(ctx, "old_user")
	if err != nil {
		t.Fatal(err)
	}
	if a.LastLoginAt == nil || time.Since(*a.LastLoginAt) > time.Hour {
		t.Errorf("last sign-in after the upgrade: %v", a.LastLoginAt)
	}
	if user.DefaultSecurity.Idle(a.LastLoginAt, a.CreatedAt, time.Now()) {
		t.Error("the upgrade made an old user idle")
	}
	if !user.DefaultSecurity.PasswordExpired(a.PasswordChangedAt, time.Now()) {
		t.Errorf("a password last changed 200 days ago (%v) does not expire", a.PasswordChangedAt)
	}
	if h, err := st.RecentPasswordHashes(ctx, a.ID); err != nil || len(h) != 1 || h[0] != "$argon2id$old" {
		t.Errorf("history %v %v", h, err)
	}
}

// unsealed counts the audit rows not yet linked into the chain.
func unsealed(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE seq IS NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditRowsAreSealedAfterTheirCommitInIDOrder: a row is written
// unsealed, whatever seq or hash its writer gives, and SealAudit links the
// committed rows into the chain, oldest id first.
func TestAuditRowsAreSealedAfterTheirCommitInIDOrder(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	start := mustHold(t, st).HeadSeq
	appendSome(t, st, "seal", 4)
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO audit_log (actor, action, seq, prev_hash, hash)
		VALUES ('forger', 'test.chain.seal', 1, sha256('x'), sha256('y'))`); err != nil {
		t.Fatal(err)
	}
	if n := unsealed(t, st); n != 5 {
		t.Fatalf("%d rows unsealed after five appends, want 5", n)
	}
	n, err := st.SealAudit(ctx)
	if err != nil || n != 5 {
		t.Fatalf("sealed %d (%v), want 5", n, err)
	}
	if n, err := st.SealAudit(ctx); err != nil || n != 0 {
		t.Fatalf("sealed %d (%v) with nothing left, want 0", n, err)
	}
	rows, err := st.DB().QueryContext(ctx, `SELECT seq FROM audit_log WHERE action = 'test.chain.seal' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := start
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			t.Fatal(err)
		}
		if want++; seq != want {
			t.Errorf("seq %d, want %d", seq, want)
		}
	}
	if v := mustHold(t, st); v.HeadSeq != start+5 {
		t.Errorf("head %d, want %d", v.HeadSeq, start+5)
	}
}

// TestAWriterDoesNotWaitForAnotherWritersAuditRow: an audited transaction
// still open (its audit row written, its commit not yet on disk) does not
// hold up another writer's audit row; the sealer takes the committed row
// and the open one after its commit, later in the chain though its id is
// older.
func TestAWriterDoesNotWaitForAnotherWritersAuditRow(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	mustHold(t, st)
	open, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer open.Rollback()
	var openID int64
	if err := open.QueryRowContext(ctx, `INSERT INTO audit_log (actor, action) VALUES ('first', 'test.chain.open') RETURNING id`).Scan(&openID); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := st.AppendAudit(wctx, audit.Entry{Actor: "second", Action: "test.chain.open"}); err != nil {
		t.Fatalf("a second writer waited for the first one's transaction: %v", err)
	}
	sctx, scancel := context.WithTimeout(ctx, 5*time.Second)
	defer scancel()
	if n, err := st.SealAudit(sctx); err != nil || n != 1 {
		t.Fatalf("sealed %d (%v) beside an open transaction, want the committed row", n, err)
	}
	if err := open.Commit(); err != nil {
		t.Fatal(err)
	}
	v := mustHold(t, st)
	var firstSeq, secondSeq int64
	if err := st.DB().QueryRowContext(ctx, `SELECT (SELECT seq FROM audit_log WHERE id = $1),
		(SELECT seq FROM audit_log WHERE action = 'test.chain.open' AND actor = 'second')`, openID).Scan(&firstSeq, &secondSeq); err != nil {
		t.Fatal(err)
	}
	if firstSeq != v.HeadSeq || secondSeq != firstSeq-1 {
		t.Errorf("the open transaction's row is seq %d and the other %d, head %d: want it sealed after its commit, last",
			firstSeq, secondSeq, v.HeadSeq)
	}
}

// TestSealingIsTheOnlyChangeTheTrailTakes: with the triggers on, even a
// superuser's UPDATE can only seal an unsealed row as it stands, with the
// hash of its content; a change of content, a made-up hash or a second seal
// of a sealed row is refused.
func TestSealingIsTheOnlyChangeTheTrailTakes(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	start := mustHold(t, st).HeadSeq
	var id int64
	if err := st.DB().QueryRowContext(ctx, `INSERT INTO audit_log (actor, action) VALUES ('x', 'test.chain.only') RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	refused := func(q string) {
		t.Helper()
		_, err := st.DB().ExecContext(ctx, fmt.Sprintf(q, id))
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" {
			t.Errorf("%s: %v, want refused (42501)", q, err)
		}
	}
	refused(`UPDATE audit_log SET actor = 'y' WHERE id = %d`)
	refused(`UPDATE audit_log SET status = 1, seq = 999, prev_hash = sha256('x'), hash = sha256('y') WHERE id = %d`)
	refused(`UPDATE audit_log SET seq = 999, prev_hash = sha256('x'), hash = sha256('y') WHERE id = %d`)
	refused(`DELETE FROM audit_log WHERE id = %d`)
	if n, err := st.SealAudit(ctx); err != nil || n != 1 {
		t.Fatalf("sealed %d (%v), want 1", n, err)
	}
	if v := mustHold(t, st); v.HeadSeq != start+1 {
		t.Errorf("head %d, want %d", v.HeadSeq, start+1)
	}
	refused(`UPDATE audit_log SET seq = seq WHERE id = %d`)
	refused(`UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL WHERE id = %d`)
}

// TestAStandbyVerifiesWhatIsSealed: where the database takes no writes (a
// standby), verify checks the sealed chain and leaves the unsealed rows to
// the primary's sealer.
func TestAStandbyVerifiesWhatIsSealed(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	sealed := mustHold(t, st).HeadSeq
	appendSome(t, st, "standby", 2)
	sep := "?"
	if strings.Contains(dbtest.DSN, "?") {
		sep = "&"
	}
	ro := openAs(t, dbtest.DSN+sep+"default_transaction_read_only=on")
	if err := ro.AppendAudit(ctx, audit.Entry{Actor: "x", Action: "test.chain.standby"}); err == nil {
		t.Fatal("the read-only connection took a write")
	}
	v, err := ro.VerifyAudit(ctx)
	if err != nil {
		t.Fatalf("verify on a read-only database: %v", err)
	}
	if v.Break != nil || v.HeadSeq != sealed {
		t.Errorf("verify on a read-only database: break %v, head %d, want none and %d", v.Break, v.HeadSeq, sealed)
	}
	if n := unsealed(t, st); n != 2 {
		t.Errorf("%d rows unsealed, want the 2 left to the primary", n)
	}
}
