package main

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"testing"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

// TestRemindersRunOnceAsOfADay: "reminders run --now" sends the reminders
// of that day to the submitters of every pending report of an open round,
// and a second run as of the same day sends nothing more.
func TestRemindersRunOnceAsOfADay(t *testing.T) {
	if out, err := jixiao(t, "", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	st := openStore(t)
	// A submitter of two projects, removed afterwards so that the demo
	// accounts' test still finds one submitter per project.
	if _, err := st.CreateUser(context.Background(), user.Account{Username: "remind_sub", Roles: []user.Role{user.Submitter},
		Departments: []string{"003001"}, Projects: []string{"63280100024T000000703", "63280100024T000000704"}},
		"$2a$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva", audit.Entry{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.DB().Exec(`DELETE FROM users WHERE username = 'remind_sub'`)
		st.DB().Exec(`UPDATE rounds SET status = 'closed', closed_by = 'test', closed_at = now() WHERE status = 'open'`)
	})
	due := round.Day(time.Now()).AddDate(0, 0, 2)
	r, err := round.New("2024-06", []string{"003001"}, due.Format(time.DateOnly), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateRound(context.Background(), store.ScopeAll(), r, audit.Entry{Actor: audit.CLI, At: time.Now()}, store.ReportNotice{}); err != nil {
		t.Fatal(err)
	}
	notified := regexp.MustCompile(`新增站内通知 (\d+) 条，发送邮件 0 封`)
	out, err := jixiao(t, "", "reminders", "run", "--now", due.Format(time.DateOnly))
	m := notified.FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("reminders run: %v\n%s", err, out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 2 {
		t.Errorf("%d notified, want one at least for each of remind_sub's two projects", n)
	}
	var got int
	if err := st.DB().QueryRow(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.username = 'remind_sub' AND n.kind = 'reminder_due'`).Scan(&got); err != nil || got != 2 {
		t.Errorf("remind_sub has %d due reminders (%v), want 2", got, err)
	}
	out, err = jixiao(t, "", "reminders", "run", "--now", due.Format(time.DateOnly))
	if m := notified.FindStringSubmatch(out); err != nil || m == nil || m[1] != "0" {
		t.Errorf("a second run: %v %s", err, out)
	}
	var ue usageError
	if _, err := jixiao(t, "", "reminders", "run", "--now", "tomorrow"); !errors.As(err, &ue) {
		t.Errorf("a bad --now: %v", err)
	}
}
