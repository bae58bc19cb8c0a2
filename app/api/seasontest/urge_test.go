package seasontest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
)

// TestUrgeTellsTheSubmittersOnceADay: a reviewer urges (催办) a report
// still with its submitters: they are told, the urge is audited, and a
// second urge the same day is 409; a submitted report, a submitter and
// another department cannot be urged; urging a round urges its pending
// reports, passing over those urged today.
func TestUrgeTellsTheSubmittersOnceADay(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	v.september(t)
	const key = "2024-09"
	const draft, submitted = "63280100024T000000700", "63280100024T000000702" // both s_ducha's
	v.submitComplete(t, submitted, key)

	before := len(v.notesOf(t, "s_ducha"))
	resp := decode[struct {
		Notified int `json:"notified"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(draft, key)+"/urge", ""))
	if resp.Notified != 1 {
		t.Errorf("%d told, want s_ducha", resp.Notified)
	}
	notes := v.notesOf(t, "s_ducha")
	urged, ok := noteOfKind(notes, "report_urged")
	if len(notes) != before+1 || !ok || !strings.Contains(urged.Title, "【催办】") || !strings.Contains(urged.Title, "2024年1–9月监控") ||
		!strings.Contains(urged.Body, "审核人于") || urged.Link != "/projects/"+draft+"/reports/"+key {
		t.Errorf("notices %+v", notes)
	}
	status, body := v.as(t, reviewer, http.MethodPost, reportPath(draft, key)+"/urge", "")
	if status != http.StatusConflict || errorCode(t, body) != "already_urged" {
		t.Errorf("a second urge today: %d %s", status, body)
	}
	if n := len(v.notesOf(t, "s_ducha")); n != before+1 {
		t.Errorf("the second urge told someone: %d notices", n)
	}
	if status, body := v.as(t, reviewer, http.MethodPost, reportPath(submitted, key)+"/urge", ""); status != http.StatusConflict || errorCode(t, body) != "wrong_state" {
		t.Errorf("urging a submitted report: %d %s", status, body)
	}
	if status, _ := v.as(t, "s_ducha", http.MethodPost, reportPath(draft, key)+"/urge", ""); status != http.StatusForbidden {
		t.Errorf("a submitter urges: %d", status)
	}
	if status, _ := v.as(t, reviewer, http.MethodPost, reportPath(otherProject, "2024")+"/urge", ""); status != http.StatusNotFound {
		t.Errorf("urging another department's report: %d", status)
	}
	trail := decode[struct {
		Items []struct {
			Actor    string `json:"actor"`
			ObjectID string `json:"object_id"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, admin, http.MethodGet, "/api/v1/audit?action=report.urge", ""))
	if len(trail.Items) != 1 || trail.Items[0].Actor != reviewer || trail.Items[0].ObjectID != draft+"/"+key {
		t.Errorf("audit %+v", trail.Items)
	}

	// a round: its 11 pending reports, one of them urged already
	due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	round := decode[roundBody](t, v.must(t, http.StatusCreated, reviewer, http.MethodPost, "/api/v1/rounds",
		fmt.Sprintf(`{"period": %q, "departments": ["003001"], "due": %q}`, key, due)))
	t.Cleanup(func() {
		v.must(t, http.StatusOK, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/rounds/%d/close", round.ID), "")
	})
	res := decode[struct{ Urged, Already, Notified int }](t, v.must(t, http.StatusOK, reviewer, http.MethodPost,
		fmt.Sprintf("/api/v1/rounds/%d/urge", round.ID), ""))
	pending := res.Urged + res.Already
	if res.Already != 1 || pending < 10 || res.Notified < res.Urged {
		t.Errorf("round urge %+v", res)
	}
	again := decode[struct{ Urged, Already int }](t, v.must(t, http.StatusOK, reviewer, http.MethodPost,
		fmt.Sprintf("/api/v1/rounds/%d/urge", round.ID), ""))
	if again.Urged != 0 || again.Already != pending {
		t.Errorf("the round urged twice in a day: %+v", again)
	}
	if status, _ := v.as(t, "s_xzcw", http.MethodPost, fmt.Sprintf("/api/v1/rounds/%d/urge", round.ID), ""); status != http.StatusForbidden {
		t.Errorf("a submitter urges a round: %d", status)
	}
}
