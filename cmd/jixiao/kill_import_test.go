package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// importTable writes n projects (the Golmud projects over and over, under
// codes starting with prefix, in department 990005) as the disclosure's
// target table.
func importTable(t *testing.T, prefix string, n int) []byte {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	ps := make([]project.Project, n)
	total := decimal.Zero
	for i := range ps {
		p := ds.Projects[i%len(ds.Projects)]
		p.Code = fmt.Sprintf("%s%05d", prefix, i)
		p.Name = fmt.Sprintf("%s（第%d份）", p.Name, i)
		p.Department = project.Department{Code: "990005", Name: "导入终止测试单位"}
		ps[i] = p
		total = total.Add(p.Budget)
	}
	var buf bytes.Buffer
	err = workbooks.WriteTargets(&buf, workbooks.TargetTable{Year: ds.Year, Total: total, ExecutionWeight: ds.ExecutionWeight,
		Projects: func(yield func(project.Project, error) bool) {
			for _, p := range ps {
				if !yield(p, nil) {
					return
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postImport uploads a target table and returns the status (0: no answer).
func postImport(c *http.Client, base, token string, file []byte) int {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "targets.xlsx")
	if err != nil {
		return 0
	}
	_, _ = fw.Write(file)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/imports/targets?year=2024", &body)
	if err != nil {
		return 0
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode
}

// TestKilledDuringAnImportLeavesItAllOrNothing imports a table of many
// projects and kills the server with SIGKILL at a random moment of the
// import, again and again: after each restart the table's projects are
// either all stored, with every indicator and the import's audit entry, or
// none is; an import answered 200 is always all stored.
func TestKilledDuringAnImportLeavesItAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dsn, st := killDatabase(t, "_killimport")
	hash, err := authHash()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, user.Account{Username: "kill_admin", Roles: []user.Role{user.Admin}}, hash,
		audit.Entry{Actor: audit.CLI}); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	const n = 300 // projects per table
	noTOTP := "JIXIAO_TOTP_REQUIRED_ROLES=none"
	c := &http.Client{Timeout: 60 * time.Second}

	// one import to the end: how long one takes here, and that it stores
	// everything when nothing interrupts it
	srv := startServer(t, dsn, addr, noTOTP)
	token := login(t, srv.url, "kill_admin")
	t0 := time.Now()
	if status := postImport(c, srv.url, token, importTable(t, "KIMPA", n)); status != http.StatusOK {
		t.Fatalf("an import without kill answered %d", status)
	}
	took := time.Since(t0)
	checkImported(t, st, "KIMPA", n, true)
	srv.kill()

	cycles := 3
	if os.Getenv("JIXIAO_SOAK") != "" {
		cycles = 10
	}
	outcome := map[bool]int{}
	for cycle := range cycles {
		prefix := fmt.Sprintf("KIMP%c", 'B'+cycle)
		file := importTable(t, prefix, n)
		srv := startServer(t, dsn, addr, noTOTP)
		token := login(t, srv.url, "kill_admin")
		answered := make(chan int, 1)
		go func() { answered <- postImport(c, srv.url, token, file) }()
		if cycle == cycles-1 {
			// anywhere from the upload to the answer
			time.Sleep(time.Duration(float64(took) * rand.Float64()))
		} else {
			// once the import's transaction has written, a moment later
			waitForWritingTransaction(t, st, 30*time.Second)
			time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
		}
		srv.kill()
		status := <-answered
		all := countImported(t, st, prefix) == n
		if status == http.StatusOK && !all {
			t.Fatalf("cycle %d: the import was answered 200 but is not all stored", cycle)
		}
		checkImported(t, st, prefix, n, all)
		outcome[all]++
	}
	srv = startServer(t, dsn, addr, noTOTP) // restarted after the last kill, everything reads back
	srv.kill()
	t.Logf("an import takes %s here; of %d killed imports %d were stored whole and %d not at all", took.Round(time.Millisecond),
		cycles, outcome[true], outcome[false])
}

// waitForWritingTransaction waits until another session of the database
// has a transaction open that has written (it holds a transaction id).
func waitForWritingTransaction(t *testing.T, st *store.Store, limit time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		var n int
		if err := st.DB().QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
	}
	t.Fatal("no import transaction started")
}

func countImported(t *testing.T, st *store.Store, prefix string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM projects WHERE code LIKE $1 || '%'`, prefix).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkImported: the table's projects are all there with every indicator
// and the import is audited, or nothing of it is there.
func checkImported(t *testing.T, st *store.Store, prefix string, n int, all bool) {
	t.Helper()
	var projects, indicators, audited int
	err := st.DB().QueryRow(`SELECT (SELECT count(*) FROM projects WHERE code LIKE $1 || '%'),
		(SELECT count(*) FROM indicators WHERE project_code LIKE $1 || '%'),
		(SELECT count(*) FROM audit_log WHERE action = $2 AND detail::text LIKE '%' || $1 || '%')`, prefix, workbooks.ActionImport).
		Scan(&projects, &indicators, &audited)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range n {
		want += len(ds.Projects[i%len(ds.Projects)].Indicators)
	}
	switch {
	case all && (projects != n || indicators != want || audited != 1):
		t.Fatalf("%s: %d projects, %d indicators, %d audit entries; want %d, %d, 1", prefix, projects, indicators, audited, n, want)
	case !all && (projects != 0 || indicators != 0 || audited != 0):
		t.Fatalf("%s: half an import: %d projects, %d indicators, %d audit entries", prefix, projects, indicators, audited)
	}
}
