package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// runBinary runs the command line as a process (this test binary, which
// runs main when JIXIAO_RUN_MAIN is set), for what main itself does: the
// exit status and what reaches standard error.
func runBinary(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JIXIAO_RUN_MAIN=1", "DATABASE_URL="+dbtest.DSN)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// A9: an error is one plain sentence on standard error and a non-zero exit,
// not a JSON log line with "\n" inside.
func TestErrorsAreOnePlainSentenceOnStandardError(t *testing.T) {
	if _, err := jixiao(t, "", "seed"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"a weak password", "weak\n", []string{"user", "add", "--username", "plain_x1", "--role", "submitter", "--password-stdin"}, "密码"},
		{"an unknown period", "", []string{"score", "--period", "2099"}, "期间"},
		{"an unknown department", "", []string{"score", "--period", "2024", "--department", "999999"}, "999999"},
		{"an extra argument", "", []string{"score", "--period", "2024", "extra"}, "extra"},
		{"an unknown user's password", "New-Passw0rd\n", []string{"user", "password", "--username", "nobody_here", "--password-stdin"}, "用户不存在"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runBinary(t, tc.stdin, tc.args...)
			msg := strings.TrimRight(stderr, "\n")
			if code == 0 || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			if strings.HasPrefix(msg, "{") || strings.Contains(msg, `\n`) || strings.Contains(msg, "level=") {
				t.Errorf("not a plain sentence: %q", stderr)
			}
			if first, _, _ := strings.Cut(msg, "\n"); !strings.Contains(first, tc.want) {
				t.Errorf("stderr %q does not say %q in its first line", stderr, tc.want)
			}
			if n := strings.Count(msg, "\n"); n > 1 {
				t.Errorf("%d lines on stderr: %q", n+1, stderr)
			}
		})
	}
}

// A9: the score table lines up Chinese names by display width, with
// statuses and lights in Chinese (a report nobody saved is 未填报).
func TestScoreTableAlignsChineseByDisplayWidth(t *testing.T) {
	if _, err := jixiao(t, "", "seed"); err != nil {
		t.Fatal(err)
	}
	out, err := jixiao(t, "", "score", "--period", "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 13 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	// the columns after the name start at the same display column on every line
	col := func(line, cell string) int {
		i := strings.Index(line, cell)
		if i < 0 {
			return -1
		}
		return runewidth.StringWidth(line[:i])
	}
	want := col(lines[0], "状态")
	for _, l := range lines[1:] {
		if got := col(l, "未填报"); got != want { // nobody filled any: 未填报, not 草稿
			t.Errorf("状态 column at display column %d, want %d:\n%s", got, want, out)
			break
		}
	}
	if strings.Contains(out, "draft") || strings.Contains(out, "grey") || strings.Contains(out, "草稿") {
		t.Errorf("statuses and lights not in Chinese:\n%s", out)
	}
}

// A9: "user password" sets a user's password from standard input and ends
// their sessions: how an operator recovers a lost demo password.
func TestUserPasswordSetsItAndEndsTheSessions(t *testing.T) {
	if _, err := jixiao(t, "", "seed"); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	ctx := context.Background()
	oldHash, _ := auth.HashPassword("Old-Passw0rd")
	// created by a test actor: the demo-user test counts the cli's rows
	a, err := st.CreateUser(ctx, user.Account{Username: "lost_pw", Roles: []user.Role{user.Auditor}}, oldHash, audit.Entry{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	id, _, err := st.BeginLogin(ctx, store.LoginAttempt{Username: "lost_pw", At: now}, now.Add(-time.Hour), now.Add(-time.Hour),
		func(_, _ user.Attempts) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	token, _ := auth.NewToken()
	sess := store.Session{ID: auth.HashToken(token), UserID: a.ID, CSRFToken: "x", CreatedAt: now, LastSeenAt: now}
	if err := st.FinishLogin(ctx, id, &sess, audit.Entry{Actor: "lost_pw", Action: audit.LoginSucceeded}); err != nil {
		t.Fatal(err)
	}
	out, err := jixiao(t, "New-Passw0rd\n", "user", "password", "--username", "LOST_PW", "--password-stdin")
	if err != nil || !strings.Contains(out, "lost_pw") {
		t.Fatalf("user password: %v %s", err, out)
	}
	_, hash, _ := st.UserForLogin(ctx, "lost_pw")
	if auth.VerifyPassword(hash, "New-Passw0rd") != nil {
		t.Error("the new password does not verify")
	}
	if _, _, err := st.SessionCaller(ctx, sess.ID); !errors.Is(err, user.ErrNoSession) {
		t.Errorf("the session lives on: %v", err)
	}
	if _, total, _ := st.ListAudit(ctx, audit.Filter{Actor: audit.CLI, Action: audit.UserPassword, ObjectID: "lost_pw"}); total != 1 {
		t.Errorf("%d user.password rows by cli", total)
	}
	for _, args := range [][]string{
		{"user", "password", "--username", "lost_pw"},
		{"user", "password", "--password-stdin"},
		{"user", "password", "--username", "lost_pw", "--password-stdin", "extra"},
	} {
		if _, err := jixiao(t, "New-Passw0rd\n", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	if _, err := jixiao(t, "weak\n", "user", "password", "--username", "lost_pw", "--password-stdin"); err == nil || !strings.Contains(err.Error(), "密码") {
		t.Errorf("a weak password: %v", err)
	}
}
