package seasontest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/reminders"
	"jixiao/domain/period"
	"jixiao/domain/round"
)

// september adds the monitoring period 2024-09, which the other tests of
// the package do not use.
func (v *env) september(t *testing.T) {
	t.Helper()
	if err := v.st.SavePeriod(context.Background(), period.Period{Key: "2024-09", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 9}); err != nil {
		t.Fatal(err)
	}
}

type noteBody struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Body  string `json:"body"`
	Link  string `json:"link"`
}

func (v *env) notesOf(t *testing.T, username string) []noteBody {
	t.Helper()
	return decode[struct {
		Items []noteBody `json:"items"`
	}](t, v.must(t, http.StatusOK, username, http.MethodGet, "/api/v1/notifications", "")).Items
}

func noteOfKind(notes []noteBody, kind string) (noteBody, bool) {
	for _, n := range notes {
		if n.Kind == kind {
			return n, true
		}
	}
	return noteBody{}, false
}

// TestWhoMustActIsToldByNameAndPeriod: a return tells the submitter why, by
// whom and when, naming the project and the period as people do; the
// to-do and the report list carry the reason; a rectification item and an
// approval are told too; with mail on, each is queued for the submitter's
// address.
func TestWhoMustActIsToldByNameAndPeriod(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	v.st.SetMail(true)
	t.Cleanup(func() { v.st.SetMail(false) })
	// a period of its own, so that the other tests of the package find 642
	// as they left it
	const code, key, owner = "63280100024T000000642", "2024-09", "s_jingji"
	v.september(t)
	v.must(t, http.StatusOK, owner, http.MethodPut, "/api/v1/me/email", `{"email": "jingji@example.cn"}`)
	t.Cleanup(func() {
		// the other tests of the package meet none of this: no address, no
		// message waiting for the reminder job, no open item
		v.must(t, http.StatusOK, owner, http.MethodPut, "/api/v1/me/email", `{"email": ""}`)
		if _, err := v.st.DB().ExecContext(context.Background(), "DELETE FROM mail_outbox WHERE email = 'jingji@example.cn'"); err != nil {
			t.Error(err)
		}
		for _, it := range v.rectificationsOf(t, owner, code, key) {
			v.must(t, http.StatusOK, owner, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", it.ID), `{"answer": "已补充"}`)
			v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/close", it.ID), "")
		}
	})
	v.submitComplete(t, code, key)
	due := time.Now().AddDate(0, 0, 5).Format(time.DateOnly)
	ret := fmt.Sprintf(`{"comment": "请补充银企对接会议签到表", "rectifications": [{"text": "补充会议签到表", "due": %q}]}`, due)
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, key)+"/return", ret)

	notes := v.notesOf(t, owner)
	returned, ok := noteOfKind(notes, "report_returned")
	if !ok {
		t.Fatalf("no return notice: %+v", notes)
	}
	for _, want := range []string{"金融服务活动资金", "2024年1–9月监控"} {
		if !strings.Contains(returned.Title, want) {
			t.Errorf("title %q lacks %s", returned.Title, want)
		}
	}
	for _, want := range []string{"审核人于", "退回原因：请补充银企对接会议签到表", "同时下达整改要求1项", code} {
		if !strings.Contains(returned.Body, want) {
			t.Errorf("body %q lacks %s", returned.Body, want)
		}
	}
	if returned.Link != "/projects/"+code+"/reports/"+key {
		t.Errorf("link %q", returned.Link)
	}
	rect, ok := noteOfKind(notes, "rectification")
	if !ok || !strings.Contains(rect.Title, "金融服务活动资金 2024年1–9月监控") || !strings.Contains(rect.Body, "补充会议签到表") {
		t.Errorf("rectification notice %+v", rect)
	}

	// the to-do and the report list say why
	todos := decode[todoList](t, v.must(t, http.StatusOK, owner, http.MethodGet, "/api/v1/todos", ""))
	found := false
	for _, td := range todos.Items {
		if td.Kind == "returned" && td.Project.Code == code && td.Period == key {
			found = true
			if td.Text != "请补充银企对接会议签到表" || td.By != reviewer || td.ByName != "审核人" || td.At == nil {
				t.Errorf("returned to-do %+v", td)
			}
		}
	}
	if !found {
		t.Errorf("no returned to-do: %+v", todos.Items)
	}
	list := decode[struct {
		Items []struct {
			Returned *struct {
				By, ByName, Comment string
			} `json:"returned"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, owner, http.MethodGet, "/api/v1/reports?period="+key+"&status=returned&q="+url.QueryEscape("金融服务"), ""))
	if len(list.Items) != 1 || list.Items[0].Returned == nil || list.Items[0].Returned.Comment != "请补充银企对接会议签到表" {
		t.Errorf("report list %+v", list.Items)
	}

	// approval is told, with the score
	v.must(t, http.StatusOK, owner, http.MethodPost, reportPath(code, key)+"/submit", "")
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, key)+"/approve", `{"comment": "同意"}`)
	approved, ok := noteOfKind(v.notesOf(t, owner), "report_approved")
	if !ok || !strings.Contains(approved.Title, "金融服务活动资金 2024年1–9月监控") || !strings.Contains(approved.Body, "得分") ||
		!strings.Contains(approved.Body, "审核意见：同意") {
		t.Errorf("approval notice %+v", approved)
	}

	// each notice is queued for the address once
	var mails []struct{ Email, Subject string }
	rows, err := v.st.DB().QueryContext(context.Background(), "SELECT email, subject FROM mail_outbox WHERE email = 'jingji@example.cn' ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var m struct{ Email, Subject string }
		if err := rows.Scan(&m.Email, &m.Subject); err != nil {
			t.Fatal(err)
		}
		mails = append(mails, m)
	}
	if len(mails) != 3 || !strings.HasPrefix(mails[0].Subject, "【") {
		t.Errorf("mails %+v, want the return, the item and the approval", mails)
	}
}

// TestRectificationDueDatesAreReminded: an open item is reminded before its
// due date and on it, to the submitters; once late, the reviewers too; an
// answered item no more.
func TestRectificationDueDatesAreReminded(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	v.september(t)
	const code, key, owner = "63280100024T000000634", "2024-09", "s_xzcw"
	v.submitComplete(t, code, key)
	today := round.Day(time.Now())
	due := today.AddDate(0, 0, 2)
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, key)+"/return",
		fmt.Sprintf(`{"comment": "请整改", "rectifications": [{"text": "补充确权测绘报告", "due": %q}]}`, due.Format(time.DateOnly)))
	items := v.rectificationsOf(t, owner, code, key)
	if len(items) != 1 {
		t.Fatalf("items %+v", items)
	}
	job := reminders.New(v.st, round.Schedule{BeforeDays: 3, OverdueEveryDays: 3}, nil, nil)
	dueNotes := func(username string) []noteBody {
		var out []noteBody
		for _, n := range v.notesOf(t, username) {
			if n.Kind == "rectification_due" && strings.Contains(n.Body, "补充确权测绘报告") {
				out = append(out, n)
			}
		}
		return out
	}
	run := func(days int) {
		t.Helper()
		if _, err := job.Run(context.Background(), due.AddDate(0, 0, days).Add(9*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	run(-2)
	got := dueNotes(owner)
	if len(got) != 1 || !strings.Contains(got[0].Title, "机关事务综合管理及办公用房确权专项资金 2024年1–9月监控的整改事项将于") ||
		got[0].Link != "/projects/"+code+"/reports/"+key {
		t.Fatalf("before the due date: %+v", got)
	}
	run(-1) // the same stage: nothing new
	if n := len(dueNotes(owner)); n != 1 {
		t.Errorf("%d reminders after a second run before the due date", n)
	}
	run(0)
	run(1)
	if n := len(dueNotes(owner)); n != 3 {
		t.Errorf("%d reminders for the submitter by the first day late, want 3", n)
	}
	if rs := dueNotes(reviewer); len(rs) != 1 || !strings.Contains(rs[0].Title, "已逾期1天") {
		t.Errorf("the reviewer's reminders %+v", rs)
	}
	v.must(t, http.StatusOK, owner, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", items[0].ID), `{"answer": "已补充"}`)
	run(4)
	if n := len(dueNotes(owner)); n != 3 {
		t.Errorf("an answered item is still reminded: %d", n)
	}
	v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/close", items[0].ID), "")
}
