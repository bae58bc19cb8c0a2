package seasontest

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"jixiao/app/api/apitest"
)

type rectBody struct {
	ID      int64   `json:"id"`
	Text    string  `json:"text"`
	Due     *string `json:"due"`
	Status  string  `json:"status"`
	Answer  string  `json:"answer"`
	Overdue bool    `json:"overdue"`
}

func (v *env) rectificationsOf(t *testing.T, username, code, period string) []rectBody {
	t.Helper()
	return decode[struct {
		Items []rectBody `json:"items"`
	}](t, v.must(t, http.StatusOK, username, http.MethodGet, reportPath(code, period)+"/rectifications", "")).Items
}

// TestRectificationLoop: a reviewer returns a report with rectification
// items; they are the submitter's to-dos; the submitter answers with
// evidence; the answer is the reviewer's to-do; the reviewer closes one and
// reopens it; items set at approval can be answered with evidence although
// the report is locked.
func TestRectificationLoop(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const code, period, owner = "63280100024R000014831", "2024", "s_xzcw"
	v.submitComplete(t, code, period)
	due := time.Now().AddDate(0, 0, 7).Format(time.DateOnly)

	bad := `{"comment": "请整改", "rectifications": [{"text": ""}, {"text": "x", "due": "2000-01-01"}]}`
	status, body := v.as(t, reviewer, http.MethodPost, reportPath(code, period)+"/return", bad)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid items: %d %s", status, body)
	}
	if v.statusOf(t, code, period) != "submitted" || len(v.rectificationsOf(t, reviewer, code, period)) != 0 {
		t.Fatal("a refused return changed something")
	}
	ret := fmt.Sprintf(`{"comment": "请整改", "rectifications": [{"text": "补充佐证材料", "due": %q}, {"text": "说明<偏差>&原因"}]}`, due)
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, period)+"/return", ret)
	items := v.rectificationsOf(t, owner, code, period)
	if len(items) != 2 || items[0].Status != "open" || items[0].Due == nil || *items[0].Due != due || items[1].Text != "说明<偏差>&原因" {
		t.Fatalf("items %+v", items)
	}
	notes := decode[struct {
		Items []struct {
			Kind string `json:"kind"`
			Body string `json:"body"`
			Link string `json:"link"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, owner, http.MethodGet, "/api/v1/notifications", ""))
	rectNotes := 0
	for _, n := range notes.Items {
		if n.Kind == "rectification" && n.Link == reportPath(code, period)[len("/api/v1"):] {
			rectNotes++
		}
	}
	if rectNotes != 2 {
		t.Errorf("%d rectification notifications for the submitter, want 2: %+v", rectNotes, notes.Items)
	}
	// each item is audited under its own id, with what it says
	trail := decode[struct {
		Items []struct {
			Actor    string         `json:"actor"`
			ObjectID string         `json:"object_id"`
			After    map[string]any `json:"after"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, admin, http.MethodGet, "/api/v1/audit?action=rectification.create", ""))
	audited := map[string]string{}
	for _, e := range trail.Items {
		if e.Actor == reviewer {
			audited[e.ObjectID], _ = e.After["text"].(string)
		}
	}
	for _, it := range items {
		if audited[fmt.Sprint(it.ID)] != it.Text {
			t.Errorf("item %d (%s) audited as %q; trail %+v", it.ID, it.Text, audited[fmt.Sprint(it.ID)], trail.Items)
		}
	}
	todos := v.todosOf(t, owner, period)
	want := map[string]int{"returned " + code: 1, "rectification " + code: 2}
	got := map[string]int{}
	for _, td := range todos {
		got[td]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("submitter's to-dos %v, want %v", todos, want)
		}
	}
	if status, _ := v.as(t, "s_mishu", http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", items[0].ID), `{"answer": "x"}`); status != http.StatusForbidden {
		t.Errorf("a submitter not assigned answers: %d", status)
	}
	if status, _ := v.as(t, otherSubmitter, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", items[0].ID), `{"answer": "x"}`); status != http.StatusNotFound {
		t.Errorf("another department answers: %d", status)
	}
	if status, _ := v.as(t, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/close", items[0].ID), ""); status != http.StatusConflict {
		t.Errorf("close before an answer: %d", status)
	}
	if status, body := v.upload(t, owner, code, period, "整改.pdf", pdfOf(200), "rectification_id", fmt.Sprint(items[0].ID)); status != http.StatusCreated {
		t.Fatalf("evidence of the answer: %d %s", status, body)
	}
	ans := decode[rectBody](t, v.must(t, http.StatusOK, owner, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", items[0].ID), `{"answer": "已补充"}`))
	if ans.Status != "answered" || ans.Answer != "已补充" {
		t.Errorf("answered %+v", ans)
	}
	if got := v.todosOf(t, reviewer, period); !contains(got, "rectification_answer "+code) {
		t.Errorf("reviewer's to-dos %v lack the answer", got)
	}
	closed := decode[rectBody](t, v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/close", items[0].ID), ""))
	if closed.Status != "closed" {
		t.Errorf("closed %+v", closed)
	}
	if status, _ := v.as(t, owner, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", items[0].ID), `{"answer": "再改"}`); status != http.StatusConflict {
		t.Errorf("answer a closed item: %d", status)
	}
	reopened := decode[rectBody](t, v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/reopen", items[0].ID), ""))
	if reopened.Status != "open" {
		t.Errorf("reopened %+v", reopened)
	}

	// Resubmit and approve with an item: it can be answered with evidence
	// although the report is locked.
	v.submitComplete(t, code, period)
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, period)+"/approve", `{"comment": "同意", "rectifications": [{"text": "明年细化指标"}]}`)
	items = v.rectificationsOf(t, owner, code, period)
	if len(items) != 3 || items[2].Text != "明年细化指标" {
		t.Fatalf("items after approval %+v", items)
	}
	if status, body := v.upload(t, owner, code, period, "细化.pdf", pdfOf(200), "rectification_id", fmt.Sprint(items[2].ID)); status != http.StatusCreated {
		t.Errorf("evidence of an item of an approved report: %d %s", status, body)
	}
	if status, _ := v.upload(t, owner, code, period, "not-for-an-item.pdf", pdfOf(200)); status != http.StatusConflict {
		t.Errorf("a report file after approval: %d", status)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
