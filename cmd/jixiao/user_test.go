package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) {
	if serveChild() { // this test binary started as a server by kill_test.go
		return
	}
	if os.Getenv("JIXIAO_RUN_MAIN") == "1" { // cli_test.go runs the binary as a process
		main()
		return
	}
	dbtest.Main(m, "cmd")
}

// jixiao runs the command line against the package's database.
func jixiao(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	t.Setenv("DATABASE_URL", dbtest.DSN)
	var out bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	return out.String(), err
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestSeedDemoUsersCreatesThemOnceWithPrintedPasswords(t *testing.T) {
	t.Setenv("JIXIAO_DEMO_PASSWORD", "")
	out, err := jixiao(t, "", "seed", "--demo-users")
	if err != nil {
		t.Fatalf("seed --demo-users: %v\n%s", err, out)
	}
	passwords := regexp.MustCompile(`(?m)^(\S+)\s+created\s+(\S+)\s+password (\S+)$`).FindAllStringSubmatch(out, -1)
	if len(passwords) != 9 {
		t.Fatalf("want 9 created users with passwords, got:\n%s", out)
	}
	st := openStore(t)
	ctx := context.Background()
	for _, m := range passwords {
		a, hash, err := st.UserForLogin(ctx, m[1])
		if err != nil {
			t.Fatal(err)
		}
		if err := auth.VerifyPassword(hash, m[3]); err != nil {
			t.Errorf("%s: the printed password does not sign in: %v", m[1], err)
		}
		if string(a.Roles[0]) != m[2] || a.DisplayName == "" {
			t.Errorf("%s: %+v", m[1], a)
		}
	}
	// every Golmud project has exactly one submitter; the reviewer reviews 003001
	us, err := st.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assigned := map[string]int{}
	for _, u := range us {
		for _, p := range u.Projects {
			assigned[p]++
		}
		if u.Username == "reviewer" && (len(u.Departments) != 1 || u.Departments[0] != "003001") {
			t.Errorf("reviewer reviews %v", u.Departments)
		}
	}
	if len(assigned) != 12 {
		t.Errorf("%d projects assigned, want 12: %v", len(assigned), assigned)
	}
	for p, n := range assigned {
		if n != 1 {
			t.Errorf("%s has %d submitters", p, n)
		}
	}
	ds, err := st.ListDepartments(ctx, store.ScopeAll())
	// departments other tests of the package add (department_test.go) aside
	ds = slices.DeleteFunc(ds, func(d project.Department) bool { return strings.HasPrefix(d.Code, "cli9") })
	if err != nil || len(ds) != 2 || ds[1].Code != "009001" || ds[1].Name != "格尔木市财政局" {
		t.Errorf("departments %+v %v", ds, err)
	}

	again, err := jixiao(t, "", "seed", "--demo-users")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(again, "password") || strings.Count(again, " exists") != 9 {
		t.Errorf("a second run changed something:\n%s", again)
	}
	_, total, _ := st.ListAudit(ctx, audit.Filter{Actor: audit.CLI, Action: audit.UserCreated})
	if total != 9 {
		t.Errorf("%d user.create rows by cli, want 9", total)
	}
}

func TestUserAdd(t *testing.T) {
	if _, err := jixiao(t, "", "seed"); err != nil {
		t.Fatal(err)
	}
	out, err := jixiao(t, "Cli-Passw0rd\n", "user", "add", "--username", "cli_rev", "--role", "reviewer",
		"--department", "003001", "--display-name", "财政局 审核", "--password-stdin")
	if err != nil || !strings.Contains(out, "created user cli_rev (reviewer)") {
		t.Fatalf("user add: %v %s", err, out)
	}
	st := openStore(t)
	a, hash, err := st.UserForLogin(context.Background(), "cli_rev")
	if err != nil || a.DisplayName != "财政局 审核" || a.Departments[0] != "003001" {
		t.Fatalf("stored %+v %v", a, err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || auth.VerifyPassword(hash, "Cli-Passw0rd") != nil {
		t.Errorf("hash %q", hash)
	}
	out, err = jixiao(t, "Cli-Passw0rd\n", "user", "add", "--username", "cli_sub", "--role", "submitter",
		"--department", "003001", "--projects", "63280100024T000000639, 63280100024T000000642", "--password-stdin")
	if err != nil {
		t.Fatalf("submitter: %v %s", err, out)
	}
	if a, _ := st.GetUser(context.Background(), "cli_sub"); len(a.Projects) != 2 {
		t.Errorf("projects %v", a.Projects)
	}
	_, total, _ := st.ListAudit(context.Background(), audit.Filter{Actor: audit.CLI, ObjectID: "cli_sub"})
	if total != 1 {
		t.Errorf("audit rows for cli_sub: %d", total)
	}

	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		usage bool   // a usage error
		want  string // in the error
	}{
		{"weak password", "weak\n", []string{"--username", "x1", "--role", "auditor", "--password-stdin"}, false, "密码"},
		{"no password on stdin", "", []string{"--username", "x2", "--role", "auditor", "--password-stdin"}, true, "password"},
		{"no --password-stdin", "Cli-Passw0rd\n", []string{"--username", "x3", "--role", "auditor"}, true, "password-stdin"},
		{"unknown role", "Cli-Passw0rd\n", []string{"--username", "x4", "--role", "root", "--password-stdin"}, true, "role"},
		{"unknown department", "Cli-Passw0rd\n", []string{"--username", "x5", "--role", "reviewer", "--department", "000000", "--password-stdin"}, false, "--department"},
		{"unknown project", "Cli-Passw0rd\n", []string{"--username", "x6", "--role", "submitter", "--department", "003001", "--projects", "NOPE", "--password-stdin"}, false, "--projects"},
		{"submitter without department", "Cli-Passw0rd\n", []string{"--username", "x7", "--role", "submitter", "--password-stdin"}, false, "--department"},
		{"taken", "Cli-Passw0rd\n", []string{"--username", "CLI_REV", "--role", "auditor", "--password-stdin"}, false, "已存在"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := jixiao(t, tc.stdin, append([]string{"user", "add"}, tc.args...)...)
			var ue usageError
			if err == nil || errors.As(err, &ue) != tc.usage || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v (usage %v), want one mentioning %q (usage %v)", err, errors.As(err, &ue), tc.want, tc.usage)
			}
		})
	}
	if _, err := openStore(t).GetUser(context.Background(), "x1"); !errors.Is(err, user.ErrNotFound) {
		t.Errorf("a refused user was created: %v", err)
	}
}

func TestSeedDemoUsersTakesThePasswordFromTheEnvironment(t *testing.T) {
	t.Setenv("JIXIAO_DEMO_PASSWORD", "short")
	if _, err := jixiao(t, "", "seed", "--demo-users"); err == nil || !strings.Contains(err.Error(), "JIXIAO_DEMO_PASSWORD") {
		t.Errorf("a weak JIXIAO_DEMO_PASSWORD: %v", err)
	}
	if _, err := jixiao(t, "", "seed"); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	ctx := context.Background()
	// start from no demo users whatever ran before
	if _, err := st.DB().ExecContext(ctx, `DELETE FROM users WHERE username IN ('xzcw','mishu','zonghe2','ducha','jingji','xinxi','reviewer','admin','auditor')`); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIXIAO_DEMO_PASSWORD", "Demo-Passw0rd")
	out, err := jixiao(t, "", "seed", "--demo-users")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "password from JIXIAO_DEMO_PASSWORD") != 9 || strings.Contains(out, "Demo-Passw0rd") {
		t.Errorf("output:\n%s", out)
	}
	_, hash, err := st.UserForLogin(ctx, "xinxi")
	if err != nil || auth.VerifyPassword(hash, "Demo-Passw0rd") != nil {
		t.Errorf("xinxi does not sign in with JIXIAO_DEMO_PASSWORD: %v", err)
	}
}
