package seasontest

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"jixiao/app/api/apitest"
)

// TestBatchMovesEachReportOnItsOwn: three submitted reports and one draft
// in one request: three approved, one error, the draft left as it was, and
// each item audited.
func TestBatchMovesEachReportOnItsOwn(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const period = "2024"
	submitted := []string{"63280100024T000000703", "63280100024T000000704", "63280100024T000000705"}
	const draft = "63280100024T000000642"
	for _, c := range submitted {
		v.submitComplete(t, c, period)
	}
	draftVersion := v.fillComplete(t, draft, period)

	items := ""
	for _, c := range append(submitted, draft) {
		items += fmt.Sprintf(`{"code": %q, "period": %q},`, c, period)
	}
	body := `{"action": "approve", "comment": "同意", "items": [` + items[:len(items)-1] + `]}`
	resp := decode[struct {
		Items []struct {
			Code, Period, Status, Error string
			ErrorCode                   string `json:"error_code"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodPost, "/api/v1/reports/batch", body))
	if len(resp.Items) != 4 {
		t.Fatalf("want 4 results, got %+v", resp.Items)
	}
	for i, r := range resp.Items[:3] {
		if r.Code != submitted[i] || r.Status != "approved" || r.Error != "" {
			t.Errorf("item %d: %+v, want approved", i, r)
		}
		if got := v.statusOf(t, r.Code, period); got != "approved" {
			t.Errorf("%s is %s after the batch", r.Code, got)
		}
	}
	if r := resp.Items[3]; r.Status != "" || r.ErrorCode != "wrong_state" || r.Error == "" {
		t.Errorf("draft item: %+v, want a wrong_state error", r)
	}
	after := decode[struct {
		Status  string `json:"status"`
		Version int    `json:"version"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, reportPath(draft, period), ""))
	if after.Status != "draft" || after.Version != draftVersion {
		t.Errorf("the draft changed: %+v, want draft at version %d", after, draftVersion)
	}
	audit := decode[struct {
		Items []struct {
			Action   string `json:"action"`
			ObjectID string `json:"object_id"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, admin, http.MethodGet, "/api/v1/audit?"+url.Values{"actor": {reviewer}, "page_size": {"100"}}.Encode(), ""))
	seen := map[string]string{}
	for _, a := range audit.Items {
		seen[a.ObjectID] += a.Action + " "
	}
	for _, c := range submitted {
		if seen[c+"/"+period] != "report.approve " {
			t.Errorf("audit of %s: %q", c, seen[c+"/"+period])
		}
	}
	if seen[draft+"/"+period] != "report.batch_approve_refused " {
		t.Errorf("audit of the refused draft: %q", seen[draft+"/"+period])
	}
}

// TestBatchRefusesABadRequestWhole: more than 100 items, an unknown action
// or a return without a comment is 422 and moves nothing.
func TestBatchRefusesABadRequestWhole(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	items := ""
	for i := 0; i < 101; i++ {
		items += fmt.Sprintf(`{"code": "c%d", "period": "2024"},`, i)
	}
	for name, body := range map[string]string{
		"too many":          `{"action": "approve", "items": [` + items[:len(items)-1] + `]}`,
		"unknown action":    `{"action": "reopen", "items": [{"code": "x", "period": "2024"}]}`,
		"return no comment": `{"action": "return", "items": [{"code": "x", "period": "2024"}]}`,
	} {
		status, resp := v.as(t, reviewer, http.MethodPost, "/api/v1/reports/batch", body)
		if status != http.StatusUnprocessableEntity || errorCode(t, resp) != "validation" {
			t.Errorf("%s: %d %s", name, status, resp)
		}
	}
	if status, _ := v.as(t, ownerOf["63280100024T000000703"], http.MethodPost, "/api/v1/reports/batch",
		`{"action": "approve", "items": [{"code": "63280100024T000000703", "period": "2024"}]}`); status != http.StatusForbidden {
		t.Errorf("a submitter's batch: %d, want 403", status)
	}
}

// TestABatchReturnIssuesRectificationItemsToEachReport: one item wrong in
// itself refuses the whole batch; right, every report returned gets it.
func TestABatchReturnIssuesRectificationItemsToEachReport(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	v.september(t)
	const key = "2024-09"
	codes := []string{"63280100024T000000703", "63280100024T000000704"} // s_xinxi's
	for _, c := range codes {
		v.submitComplete(t, c, key)
	}
	items := fmt.Sprintf(`[{"code": %q, "period": %q}, {"code": %q, "period": %q}]`, codes[0], key, codes[1], key)
	status, body := v.as(t, reviewer, http.MethodPost, "/api/v1/reports/batch",
		`{"action": "return", "comment": "请整改", "items": `+items+`, "rectifications": [{"text": ""}]}`)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("an empty item: %d %s", status, body)
	}
	for _, c := range codes {
		if got := v.statusOf(t, c, key); got != "submitted" {
			t.Fatalf("%s moved on a refused batch: %s", c, got)
		}
	}
	v.must(t, http.StatusOK, reviewer, http.MethodPost, "/api/v1/reports/batch",
		`{"action": "return", "comment": "请整改", "items": `+items+`, "rectifications": [{"text": "补充等保测评报告"}]}`)
	for _, c := range codes {
		got := v.rectificationsOf(t, "s_xinxi", c, key)
		if v.statusOf(t, c, key) != "returned" || len(got) != 1 || got[0].Text != "补充等保测评报告" {
			t.Errorf("%s: items %+v", c, got)
		}
		v.must(t, http.StatusOK, "s_xinxi", http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/answer", got[0].ID), `{"answer": "已补充"}`)
		v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rectifications/%d/close", got[0].ID), "")
	}
}
