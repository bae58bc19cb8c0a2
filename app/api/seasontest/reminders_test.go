package seasontest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/mail"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"jixiao/app/api/apitest"
	"jixiao/app/dbtest"
	"jixiao/app/reminders"
	"jixiao/domain/audit"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

// mailbox is an SMTP server on 127.0.0.1 that keeps what it receives.
type mailbox struct {
	mu   sync.Mutex
	got  []string // "recipient|subject"
	addr string
}

func (m *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{box: m}, nil }

type mailSession struct {
	box *mailbox
	to  []string
}

func (s *mailSession) Reset()                                    { s.to = nil }
func (s *mailSession) Logout() error                             { return nil }
func (s *mailSession) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	for _, to := range s.to {
		s.box.got = append(s.box.got, to+"|"+subject)
	}
	return nil
}

func (m *mailbox) received() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.got...)
}

func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box := &mailbox{addr: ln.Addr().String()}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return box
}

// TestRemindersBeforeOnAndAfterTheDueDate: a round for 999001 due in five
// days; the job run as of several days reminds the submitter three days
// before and on the due date, and once overdue also the department's
// reviewer, every three days; each reminder once, even with two instances
// running the job at the same moment, and each mailed once.
func TestRemindersBeforeOnAndAfterTheDueDate(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	ctx := context.Background()
	hash := mustHash(t)
	_, err := v.st.CreateUser(ctx, user.Account{Username: "s_reviewer2", Roles: []user.Role{user.Reviewer}, Departments: []string{otherDepartment}}, hash, audit.Entry{Actor: audit.CLI})
	if err != nil {
		t.Fatal(err)
	}
	tokens["s_reviewer2"] = loginToken(t, v, "s_reviewer2")
	v.must(t, http.StatusOK, otherSubmitter, http.MethodPut, "/api/v1/me/email", `{"email": "other@example.org"}`)
	v.must(t, http.StatusOK, "s_reviewer2", http.MethodPut, "/api/v1/me/email", `{"email": "rev2@example.org"}`)
	if status, _ := v.as(t, "s_reviewer2", http.MethodPut, "/api/v1/me/email", `{"email": "not an address"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("a bad address: %d", status)
	}

	today := round.Day(time.Now())
	due := today.AddDate(0, 0, 5)
	v.must(t, http.StatusCreated, "s_reviewer2", http.MethodPost, "/api/v1/rounds",
		fmt.Sprintf(`{"period": "2024", "departments": [%q], "due": %q}`, otherDepartment, due.Format(time.DateOnly)))

	box := startMailbox(t)
	mailer, err := reminders.NewMailer("smtp://" + box.addr + "?from=jixiao@example.org&tls=none")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st2 := dbtest.Open(t) // a second instance: its own connection pool
	jobs := []*reminders.Service{
		reminders.New(v.st, round.Schedule{BeforeDays: 3, OverdueEveryDays: 3}, mailer, log),
		reminders.New(st2, round.Schedule{BeforeDays: 3, OverdueEveryDays: 3}, mailer, log),
	}
	runAt := func(days int) {
		t.Helper()
		now := due.AddDate(0, 0, days).Add(9 * time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, len(jobs))
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = j.Run(ctx, now)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("run as of due%+d: %v", days, err)
			}
		}
	}
	titles := func(username string) []string {
		l := decode[struct {
			Items []struct {
				Kind string `json:"kind"`
				Link string `json:"link"`
			} `json:"items"`
			Unread int `json:"unread"`
		}](t, v.must(t, http.StatusOK, username, http.MethodGet, "/api/v1/notifications", ""))
		var out []string
		for _, n := range l.Items {
			if strings.Contains(n.Link, otherProject) {
				out = append(out, n.Kind)
			}
		}
		sort.Strings(out)
		return out
	}
	steps := []struct {
		days          int
		submitter     string
		reviewer      string
		mailsReceived int
	}{
		{-5, "", "", 0},
		{-4, "", "", 0},
		{-3, "reminder_before", "", 1},
		{-2, "reminder_before", "", 1},
		{0, "reminder_before reminder_due", "", 2},
		{1, "reminder_before reminder_due reminder_overdue", "reminder_overdue", 4},
		{3, "reminder_before reminder_due reminder_overdue", "reminder_overdue", 4},
		{4, "reminder_before reminder_due reminder_overdue reminder_overdue", "reminder_overdue reminder_overdue", 6},
	}
	for _, s := range steps {
		runAt(s.days)
		got := strings.Join(titles(otherSubmitter), " ")
		want := strings.Join(sortedWords(s.submitter), " ")
		if got != want {
			t.Errorf("due%+d: submitter has %q, want %q", s.days, got, want)
		}
		if got, want := strings.Join(titles("s_reviewer2"), " "), strings.Join(sortedWords(s.reviewer), " "); got != want {
			t.Errorf("due%+d: reviewer has %q, want %q", s.days, got, want)
		}
		if got := box.received(); len(got) != s.mailsReceived {
			t.Errorf("due%+d: %d mails received, want %d: %v", s.days, len(got), s.mailsReceived, got)
		}
	}
	perAddress := map[string]int{}
	for _, m := range box.received() {
		perAddress[strings.SplitN(m, "|", 2)[0]]++
		if !strings.Contains(m, "|【") || !strings.Contains(m, "其他单位专项资金") {
			t.Errorf("mail without the reminder's subject: %q", m)
		}
	}
	if perAddress["other@example.org"] != 4 || perAddress["rev2@example.org"] != 2 {
		t.Errorf("mails per address %v", perAddress)
	}
	for _, u := range []string{"s_xzcw", reviewer} {
		if got := titles(u); len(got) != 0 {
			t.Errorf("%s of 003001 got reminders of 999001: %v", u, got)
		}
	}
	v.must(t, http.StatusOK, otherSubmitter, http.MethodPost, "/api/v1/notifications/read", `{"all": true}`)
	l := decode[struct {
		Unread int `json:"unread"`
	}](t, v.must(t, http.StatusOK, otherSubmitter, http.MethodGet, "/api/v1/notifications", ""))
	if l.Unread != 0 {
		t.Errorf("%d unread after marking all read", l.Unread)
	}

	// Submitting ends the reminders of a report.
	v.submitComplete(t, otherProject, "2024")
	runAt(7)
	if got := titles(otherSubmitter); len(got) != 4 {
		t.Errorf("a submitted report is still reminded: %v", got)
	}
}

func sortedWords(s string) []string {
	w := strings.Fields(s)
	sort.Strings(w)
	return w
}

func mustHash(t *testing.T) string {
	t.Helper()
	h, err := hashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func loginToken(t *testing.T, v *env, username string) string {
	t.Helper()
	return apitest.Login(t, v.e, username, testPassword)
}
