package drill

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

// PITRResult is what the point-in-time recovery drill found in the
// database restored to the moment before a mistaken batch return.
type PITRResult struct {
	// Approved are the reports approved before the target time, and
	// ApprovedRestored those found approved after the restore.
	Approved         int `json:"approved"`
	ApprovedRestored int `json:"approved_restored"`
	// Returned are the reports the mistaken batch returned after the
	// target time; StillSubmitted those found submitted (as they were at
	// the target time) after the restore: the mistake is gone.
	Returned       int  `json:"returned"`
	StillSubmitted int  `json:"still_submitted"`
	AuditIntact    bool `json:"audit_chain_intact"`
	// RestoreS is how long pgBackRest's restore and the recovery to the
	// target took.
	RestoreS float64 `json:"restore_s"`
}

// OK tells whether the restore holds what it must: every approval, none of
// the mistake, an intact audit chain.
func (r PITRResult) OK() bool {
	return r.Approved > 0 && r.ApprovedRestored == r.Approved && r.Returned > 0 && r.StillSubmitted == r.Returned && r.AuditIntact
}

// The drill's reports (annual 2024, the demo submitters' projects): the
// first are approved before the target time; the others are submitted
// before it and returned by mistake, in one batch, after it.
var (
	pitrApproved = []struct{ user, project string }{
		{"xzcw", "63280100024R000014831"}, {"xzcw", "63280100024T000000634"}, {"xzcw", "63280100024T000000638"},
	}
	pitrReturned = []struct{ user, project string }{
		{"xzcw", "63280100024T000000641"}, {"mishu", "63280100024T000000639"}, {"jingji", "63280100024T000000642"},
	}
)

const pitrPeriod = "2024"

// PITR runs a PostgreSQL 15 server whose WAL pgBackRest archives to a
// local repository, takes a full backup, lets Jixiao's submitters and
// reviewer approve reports, notes the time T, makes a mistaken batch
// return, restores the backup to T into a new data directory, and checks
// that there the reports are approved, the mistake absent, and
// `jixiao audit verify` finds the audit chain intact.
func PITR(ctx context.Context, env *Env) (PITRResult, error) {
	var res PITRResult
	ports, err := FreePorts(2)
	if err != nil {
		return res, err
	}
	pw := secret()
	src := &pgServer{env: env, name: "pg", port: ports[0], password: pw}
	if err := src.init(ctx); err != nil {
		return res, err
	}
	if err := env.writeBackRestConf(src); err != nil {
		return res, err
	}
	if err := src.start(ctx); err != nil {
		return res, err
	}
	for _, cmd := range [][]string{{"stanza-create"}, {"check"}, {"backup", "--type=full"}} {
		if _, err := env.backRest(ctx, cmd...); err != nil {
			return res, err
		}
	}
	env.Logf("pgBackRest: stanza created, WAL archiving checked, full backup taken")

	demo := secret()
	jenv := jixiaoEnv(src.url("jixiao"), pw, demo)
	if err := env.SeedJixiao(ctx, jenv); err != nil {
		return res, err
	}
	srv, err := env.ServeJixiao(ctx, "jixiao", jenv)
	if err != nil {
		return res, err
	}
	reviewer, err := SignIn(ctx, srv.URL, "reviewer", demo)
	if err != nil {
		return res, err
	}
	for _, r := range append(append([]struct{ user, project string }{}, pitrApproved...), pitrReturned...) {
		c, err := SignIn(ctx, srv.URL, r.user, demo)
		if err != nil {
			return res, err
		}
		if err := fillAndSubmit(ctx, c, r.project); err != nil {
			return res, err
		}
	}
	for _, r := range pitrApproved {
		if status, body, err := reviewer.Do(ctx, http.MethodPost, reportPath(r.project, pitrPeriod)+"/approve",
			map[string]any{"comment": "同意", "adjustments": []any{}}, nil); err != nil || status != http.StatusOK {
			return res, fmt.Errorf("approve %s: %d %s %v", r.project, status, body, err)
		}
		res.Approved++
	}
	// T: after every approval has committed, before the mistake
	time.Sleep(1500 * time.Millisecond)
	target, err := src.now(ctx)
	if err != nil {
		return res, err
	}
	time.Sleep(1500 * time.Millisecond)
	items := []map[string]string{}
	for _, r := range pitrReturned {
		items = append(items, map[string]string{"code": r.project, "period": pitrPeriod})
	}
	var batch struct {
		Items []struct {
			Status string `json:"status"`
			Error  string `json:"error"`
		} `json:"items"`
	}
	if status, body, err := reviewer.Do(ctx, http.MethodPost, "/api/v1/reports/batch",
		map[string]any{"action": "return", "comment": "请补充佐证材料", "items": items}, &batch); err != nil || status != http.StatusOK {
		return res, fmt.Errorf("the batch return: %d %s %v", status, body, err)
	}
	for _, it := range batch.Items {
		if it.Status != "returned" {
			return res, fmt.Errorf("the batch return: an item %s %s", it.Status, it.Error)
		}
		res.Returned++
	}
	env.Logf("%d reports approved, then T = %s, then %d returned by mistake in one batch", res.Approved, target.Format(time.RFC3339Nano), res.Returned)
	// the WAL holding the mistake is archived (the restore must reach past T)
	if err := src.exec(ctx, `SELECT pg_switch_wal()`); err != nil {
		return res, err
	}
	if _, err := env.backRest(ctx, "check"); err != nil {
		return res, err
	}

	// restore to T into a new data directory, on a port of its own
	dst := &pgServer{env: env, name: "restored", port: ports[1], password: pw}
	began := time.Now()
	if _, err := env.backRest(ctx, "restore", "--pg1-path="+dst.dataDir(), "--type=time", "--target="+target.Format("2006-01-02 15:04:05.999999-07"),
		"--target-action=promote", "--target-exclusive"); err != nil {
		return res, err
	}
	if err := dst.startRestored(ctx); err != nil {
		return res, err
	}
	res.RestoreS = float64(time.Since(began).Milliseconds()/100) / 10
	env.Logf("restored to T into %s and recovered in %.1f s", dst.dataDir(), res.RestoreS)

	statuses, err := dst.statuses(ctx)
	if err != nil {
		return res, err
	}
	for _, r := range pitrApproved {
		if statuses[r.project] == "approved" {
			res.ApprovedRestored++
		}
	}
	for _, r := range pitrReturned {
		if statuses[r.project] == "submitted" {
			res.StillSubmitted++
		}
	}
	out, err := env.Run(ctx, 2*time.Minute, false, env.Jixiao, []string{"audit", "verify"}, jixiaoEnv(dst.url("jixiao"), pw, demo)...)
	env.Logf("jixiao audit verify on the restored database: %s", strings.TrimSpace(out))
	res.AuditIntact = err == nil
	return res, nil
}

// fillAndSubmit fills the annual report of a project completely (every
// target met, the budget spent) and submits it.
func fillAndSubmit(ctx context.Context, c *Client, code string) error {
	var p struct {
		Budget     string `json:"budget"`
		Indicators []struct {
			ID     int64  `json:"id"`
			Kind   string `json:"kind"`
			Target string `json:"target"`
		} `json:"indicators"`
	}
	if status, body, err := c.Do(ctx, http.MethodGet, "/api/v1/projects/"+code, nil, &p); err != nil || status != http.StatusOK {
		return fmt.Errorf("read %s: %d %s %v", code, status, body, err)
	}
	lines := []map[string]any{}
	for _, in := range p.Indicators {
		l := map[string]any{"indicator_id": in.ID}
		switch in.Kind {
		case "qualitative":
			l["band"] = "achieved"
		case "deadline":
			l["completed_on"] = "2024-12-01"
		default:
			t, err := decimal.NewFromString(strings.TrimSpace(in.Target))
			if err != nil {
				return fmt.Errorf("target of %s: %w", code, err)
			}
			l["value"] = t.String()
		}
		lines = append(lines, l)
	}
	body := map[string]any{"version": 0, "budget": map[string]string{"executed": p.Budget}, "lines": lines}
	if status, b, err := c.Do(ctx, http.MethodPut, reportPath(code, pitrPeriod), body, nil); err != nil || status != http.StatusOK {
		return fmt.Errorf("fill %s: %d %s %v", code, status, b, err)
	}
	if status, b, err := c.Do(ctx, http.MethodPost, reportPath(code, pitrPeriod)+"/submit", map[string]any{}, nil); err != nil || status != http.StatusOK {
		return fmt.Errorf("submit %s: %d %s %v", code, status, b, err)
	}
	return nil
}

// pgServer is a PostgreSQL 15 server of the drill.
type pgServer struct {
	env      *Env
	name     string
	port     int
	password string
}

func (s *pgServer) dataDir() string { return s.env.Path(s.name, "data") }

func (s *pgServer) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// init makes the cluster: scram-sha-256 on loopback (the superuser's
// password given), trust on its own socket for pgBackRest, WAL archived by
// pgBackRest.
func (s *pgServer) init(ctx context.Context) error {
	if err := s.env.Mkdir(s.name); err != nil {
		return err
	}
	if err := s.env.WriteFile(s.name+"/pw", s.password+"\n"); err != nil {
		return err
	}
	if _, err := s.env.Run(ctx, 2*time.Minute, true, s.env.PG("initdb"), []string{"-D", s.dataDir(), "-U", "postgres", "-E", "UTF8",
		"--locale=C.UTF-8", "--data-checksums", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + s.env.Path(s.name, "pw")}); err != nil {
		return err
	}
	conf := fmt.Sprintf(`
listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = '%s'
wal_level = replica
archive_mode = on
archive_command = '%s'
max_wal_senders = 3
shared_buffers = 32MB
`, s.port, s.env.Path(s.name), s.env.backRestCommand("archive-push %p"))
	return appendFile(s.env.Path(s.name, "data", "postgresql.conf"), conf)
}

func (s *pgServer) start(ctx context.Context) error {
	_, err := s.env.Run(ctx, 2*time.Minute, true, s.env.PG("pg_ctl"), []string{"-D", s.dataDir(), "-l", s.env.Path("logs", s.name+".log"), "-w", "-t", "90", "start"})
	return err
}

// startRestored starts the restored data directory on its own port and
// socket, without archiving (it is a copy), and waits until recovery to
// the target has ended and it takes writes.
func (s *pgServer) startRestored(ctx context.Context) error {
	if err := s.env.Mkdir(s.name); err != nil {
		return err
	}
	opts := fmt.Sprintf("-c port=%d -c unix_socket_directories=%s -c archive_mode=off", s.port, s.env.Path(s.name))
	if _, err := s.env.Run(ctx, 2*time.Minute, true, s.env.PG("pg_ctl"), []string{"-D", s.dataDir(), "-l", s.env.Path("logs", s.name+".log"),
		"-o", opts, "-w", "-t", "90", "start"}); err != nil {
		return fmt.Errorf("%w\n%s", err, s.env.Tail(s.name, 20))
	}
	return WaitFor(ctx, 90*time.Second, 300*time.Millisecond, "the restored server ends recovery", func() error {
		c, err := s.connect(ctx, "postgres")
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		var inRecovery bool
		if err := c.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&inRecovery); err != nil {
			return err
		}
		if inRecovery {
			return fmt.Errorf("still in recovery")
		}
		return nil
	})
}

func (s *pgServer) connect(ctx context.Context, db string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(s.url(db))
	if err != nil {
		return nil, err
	}
	cfg.Password = s.password
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return pgx.ConnectConfig(cctx, cfg)
}

func (s *pgServer) exec(ctx context.Context, sql string) error {
	c, err := s.connect(ctx, "jixiao")
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

// now is the server's clock.
func (s *pgServer) now(ctx context.Context) (time.Time, error) {
	c, err := s.connect(ctx, "jixiao")
	if err != nil {
		return time.Time{}, err
	}
	defer c.Close(ctx)
	var t time.Time
	err = c.QueryRow(ctx, `SELECT clock_timestamp()`).Scan(&t)
	return t, err
}

// statuses are the statuses of the drill's annual reports.
func (s *pgServer) statuses(ctx context.Context) (map[string]string, error) {
	c, err := s.connect(ctx, "jixiao")
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	rows, err := c.Query(ctx, `SELECT project_code, status FROM reports WHERE period_key = $1`, pitrPeriod)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, status string
		if err := rows.Scan(&code, &status); err != nil {
			return nil, err
		}
		out[code] = status
	}
	return out, rows.Err()
}

// backRestConf is the drill's pgBackRest configuration: a local repository
// in the drill's directory (README "Point-in-time recovery" says how to
// point repo1 at another site).
func (e *Env) writeBackRestConf(src *pgServer) error {
	for _, d := range []string{"repo", "pgbackrest-lock", "pgbackrest-spool", "logs/pgbackrest"} {
		if err := e.Mkdir(d); err != nil {
			return err
		}
	}
	return e.WriteFile("pgbackrest.conf", fmt.Sprintf(`[global]
repo1-path=%s
repo1-retention-full=2
start-fast=y
log-path=%s
lock-path=%s
spool-path=%s
log-level-console=warn
log-level-file=info

[jixiao]
pg1-path=%s
pg1-port=%d
pg1-socket-path=%s
pg1-user=postgres
`, e.Path("repo"), e.Path("logs", "pgbackrest"), e.Path("pgbackrest-lock"), e.Path("pgbackrest-spool"),
		src.dataDir(), src.port, e.Path(src.name)))
}

// backRestCommand is a pgBackRest command line of the drill's stanza.
func (e *Env) backRestCommand(args string) string {
	return fmt.Sprintf("pgbackrest --config=%s --stanza=jixiao %s", e.Path("pgbackrest.conf"), args)
}

// backRest runs pgBackRest on the drill's stanza, as the postgres user.
func (e *Env) backRest(ctx context.Context, args ...string) (string, error) {
	return e.Run(ctx, 3*time.Minute, true, "pgbackrest", append([]string{"--config=" + e.Path("pgbackrest.conf"), "--stanza=jixiao"}, args...))
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(text)
	return err
}
