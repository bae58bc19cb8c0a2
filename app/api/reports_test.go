package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao/domain/user"
)

type reportBody struct {
	Status  string `json:"status"`
	Version int    `json:"version"`
	Saved   bool   `json:"saved"`
	Light   string `json:"light"`
	Budget  struct {
		Executed *string `json:"executed"`
		Rate     *string `json:"rate"`
		Light    string  `json:"light"`
	} `json:"budget"`
	Lines []struct {
		IndicatorID      int64    `json:"indicator_id"`
		Value            *string  `json:"value"`
		Projected        *string  `json:"projected"`
		Band             string   `json:"band"`
		ScoreInput       *string  `json:"score_input"`
		DeviationCauses  []string `json:"deviation_causes"`
		Explanation      string   `json:"explanation"`
		Likelihood       string   `json:"likelihood"`
		Light            string   `json:"light"`
		NeedsExplanation bool     `json:"needs_explanation"`
		Score            string   `json:"score"`
		Rule             string   `json:"rule"`
	} `json:"lines"`
	Score struct {
		Total     string `json:"total"`
		Grade     string `json:"grade"`
		Execution struct {
			Rate  *string `json:"rate"`
			Score string  `json:"score"`
		} `json:"execution"`
		Lines []struct {
			IndicatorID int64   `json:"indicator_id"`
			Rule        string  `json:"rule"`
			Computed    string  `json:"computed"`
			Adjusted    *string `json:"adjusted"`
			Score       string  `json:"score"`
			Basis       string  `json:"basis"`
		} `json:"lines"`
	} `json:"score"`
	TimeProgress string `json:"time_progress"`
	Transitions  []struct {
		Action, From, To, Actor, Comment string
	} `json:"transitions"`
}

const staffProject = "63280100024R000014831"

// indicatorIDsOf reads the indicator ids of a project through the API.
func indicatorIDsOf(t *testing.T, h http.Handler, code string) []int64 {
	t.Helper()
	status, body := call(t, h, http.MethodGet, "/api/v1/projects/"+code, "")
	if status != http.StatusOK {
		t.Fatalf("get project: %d %s", status, body)
	}
	var p struct {
		Indicators []struct {
			ID int64 `json:"id"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(p.Indicators))
	for i, in := range p.Indicators {
		ids[i] = in.ID
	}
	return ids
}

func reportPath(code, period string) string {
	return "/api/v1/projects/" + code + "/reports/" + period
}

func TestANeverSavedReportIsAnEmptyDraftAtVersionZero(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, reportPath("63280100024T000000641", "2024-06"), "")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	r := decode[reportBody](t, body)
	if r.Status != "draft" || r.Version != 0 || r.Saved || len(r.Lines) != 7 || r.TimeProgress != "0.5" {
		t.Errorf("empty report: %+v", r)
	}
	for _, l := range r.Lines {
		if l.Value != nil || l.Light == "" {
			t.Errorf("empty line %+v", l)
		}
	}
}

func TestSaveThenReadBackEqual(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, staffProject)
	body := fmt.Sprintf(`{"version": 0, "budget": {"executed": "300.00", "projected": "744.78"},
		"lines": [
		  {"indicator_id": %d, "value": "63", "projected": "63", "likelihood": "certain"},
		  {"indicator_id": %d, "value": "90", "projected": "96", "likelihood": "possible",
		   "deviation_causes": ["staffing", "other"], "explanation": "考核尚未完成", "measures": "下半年补考"},
		  {"indicator_id": %d, "value": "100", "projected": "100"},
		  {"indicator_id": %d, "band": "achieved", "score_input": "18.5"},
		  {"indicator_id": %d, "value": "96.5", "projected": "97"}]}`, ids[0], ids[1], ids[2], ids[3], ids[4])
	status, saved := call(t, e, http.MethodPut, reportPath(staffProject, "2024-06"), body)
	if status != http.StatusOK {
		t.Fatalf("save: %d %s", status, saved)
	}
	status, read := call(t, e, http.MethodGet, reportPath(staffProject, "2024-06"), "")
	if status != http.StatusOK {
		t.Fatalf("read: %d %s", status, read)
	}
	var a, b map[string]any
	_ = json.Unmarshal(saved, &a)
	_ = json.Unmarshal(read, &b)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("the save's answer and a later read differ:\n%s\n%s", ja, jb)
	}
	r := decode[reportBody](t, read)
	if r.Version != 1 || !r.Saved || r.Lines[1].Explanation != "考核尚未完成" || *r.Lines[4].Value != "96.5" ||
		strings.Join(r.Lines[1].DeviationCauses, ",") != "staffing,other" || *r.Budget.Executed != "300.00" {
		t.Errorf("read back %+v", r)
	}
	// Projected: 20 + 20 + 20 + 18.5 + 10 = 88.5; execution 744.78 ÷ 744.78 → 10; total 98.50.
	if r.Score.Total != "98.50" || r.Score.Grade != "优" || r.Score.Execution.Score != "10.00" {
		t.Errorf("score %+v", r.Score)
	}
	for _, l := range r.Score.Lines {
		if l.Rule == "" || l.Basis == "" {
			t.Errorf("score line without its rule or basis: %+v", l)
		}
	}
	for i, l := range r.Lines {
		if l.Score != r.Score.Lines[i].Score || l.Rule == "" || l.Rule != r.Score.Lines[i].Rule {
			t.Errorf("line %d shows score %q rule %q, score.lines has %+v", i, l.Score, l.Rule, r.Score.Lines[i])
		}
	}
	// 90 % against ≥ 95 % now: a level indicator not yet at target is yellow.
	if r.Lines[1].Light != "yellow" || r.Lines[0].Light != "green" {
		t.Errorf("lights %s %s", r.Lines[0].Light, r.Lines[1].Light)
	}
}

func TestStaleVersionIs409AndChangesNothing(t *testing.T) {
	e, _ := newAPI(t)
	const code = "63280100024T000000638"
	ids := indicatorIDsOf(t, e, code)
	first := fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "1"}]}`, ids[0])
	if status, body := call(t, e, http.MethodPatch, reportPath(code, "2024-06"), first); status != http.StatusOK {
		t.Fatalf("first save: %d %s", status, body)
	}
	stale := fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "5"}]}`, ids[0])
	status, body := call(t, e, http.MethodPatch, reportPath(code, "2024-06"), stale)
	if status != http.StatusConflict || errorBody(t, body).Code != "stale_version" {
		t.Fatalf("stale save: %d %s", status, body)
	}
	_, read := call(t, e, http.MethodGet, reportPath(code, "2024-06"), "")
	if r := decode[reportBody](t, read); r.Version != 1 || *r.Lines[0].Value != "1" {
		t.Errorf("a stale save changed the report: version %d value %v", r.Version, *r.Lines[0].Value)
	}
}

func TestBadInputIs422NamesTheFieldAndStoresNothing(t *testing.T) {
	e, _ := newAPI(t)
	const code = "63280100024T000000639"
	ids := indicatorIDsOf(t, e, code)
	// 年发行期数 ≥ 12 册 (0), 社会效益 qualitative W 10 (4).
	tests := []struct {
		name, line, field string
	}{
		{"negative value", fmt.Sprintf(`{"indicator_id": %d, "value": "-1"}`, ids[0]), "lines[0].value"},
		{"not a number", fmt.Sprintf(`{"indicator_id": %d, "value": "十二"}`, ids[0]), "lines[0].value"},
		{"too many digits", fmt.Sprintf(`{"indicator_id": %d, "value": "123456789012345678"}`, ids[0]), "lines[0].value"},
		{"too many decimals", fmt.Sprintf(`{"indicator_id": %d, "value": "1.123456"}`, ids[0]), "lines[0].value"},
		{"score outside its band", fmt.Sprintf(`{"indicator_id": %d, "band": "achieved", "score_input": "7.99"}`, ids[4]), "lines[0].score_input"},
		{"unknown band", fmt.Sprintf(`{"indicator_id": %d, "band": "excellent"}`, ids[4]), "lines[0].band"},
		{"unknown cause", fmt.Sprintf(`{"indicator_id": %d, "value": "3", "deviation_causes": ["weather"]}`, ids[0]), "lines[0].deviation_causes[0]"},
		{"unknown likelihood", fmt.Sprintf(`{"indicator_id": %d, "value": "3", "likelihood": "maybe"}`, ids[0]), "lines[0].likelihood"},
		{"unknown indicator", `{"indicator_id": 999999, "value": "3"}`, "lines[0].indicator_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, e, http.MethodPatch, reportPath(code, "2024"), `{"version": 0, "lines": [`+tc.line+`]}`)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", status, body)
			}
			eb := errorBody(t, body)
			if eb.Fields[tc.field] == "" {
				t.Errorf("no message for %s: %v", tc.field, eb.Fields)
			}
			_, read := call(t, e, http.MethodGet, reportPath(code, "2024"), "")
			if r := decode[reportBody](t, read); r.Saved || r.Version != 0 {
				t.Errorf("a rejected save stored something: %+v", r)
			}
		})
	}
	t.Run("negative budget", func(t *testing.T) {
		status, body := call(t, e, http.MethodPatch, reportPath(code, "2024"), `{"version": 0, "budget": {"executed": "-3"}}`)
		if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields["budget.executed"] == "" {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("malformed JSON is 400", func(t *testing.T) {
		if status, body := call(t, e, http.MethodPut, reportPath(code, "2024"), `{"version": 0, "lines": [`); status != http.StatusBadRequest {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("missing version", func(t *testing.T) {
		status, body := call(t, e, http.MethodPut, reportPath(code, "2024"), `{"lines": []}`)
		if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields["version"] == "" {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("unknown period is 404", func(t *testing.T) {
		if status, _ := call(t, e, http.MethodGet, reportPath(code, "2023"), ""); status != http.StatusNotFound {
			t.Errorf("status %d", status)
		}
	})
}

func TestBodyOverTheLimitIs413(t *testing.T) {
	e, _ := newAPI(t)
	big := `{"version": 0, "budget": {"reason": "` + strings.Repeat("x", 2<<20) + `"}}`
	status, _ := call(t, e, http.MethodPut, reportPath("63280100024T000000642", "2024"), big)
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", status)
	}
}

func TestWorkflowThroughTheAPI(t *testing.T) {
	e, _ := newAPI(t)
	const code = "63280100024T000000700"
	ids := indicatorIDsOf(t, e, code)
	// An incomplete annual report: submit is 422 listing the missing lines.
	first := fmt.Sprintf(`{"version": 0, "budget": {"executed": "6.50"}, "lines": [{"indicator_id": %d, "value": "150"}]}`, ids[0])
	if status, body := call(t, e, http.MethodPatch, reportPath(code, "2024"), first); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	status, body := call(t, e, http.MethodPost, reportPath(code, "2024")+"/submit", "")
	if status != http.StatusUnprocessableEntity || len(errorBody(t, body).Fields) == 0 {
		t.Fatalf("incomplete submit: %d %s", status, body)
	}
	full := fmt.Sprintf(`{"version": 1, "budget": {"executed": "6.50"}, "lines": [
		{"indicator_id": %d, "value": "150"}, {"indicator_id": %d, "value": "95"},
		{"indicator_id": %d, "completed_on": "2024-12-01"},
		{"indicator_id": %d, "band": "achieved", "score_input": "10"}, {"indicator_id": %d, "band": "achieved"},
		{"indicator_id": %d, "value": "95"}]}`, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
	if status, body := call(t, e, http.MethodPut, reportPath(code, "2024"), full); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, reportPath(code, "2024")+"/submit", ""); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPut, reportPath(code, "2024"), strings.Replace(full, `"version": 1`, `"version": 3`, 1)); status != http.StatusConflict {
		t.Fatalf("edit of a submitted report: %d %s", status, body)
	}
	reviewer := e.as(user.Reviewer)
	if status, body := call(t, reviewer, http.MethodPost, reportPath(code, "2024")+"/return", `{"comment": ""}`); status != http.StatusUnprocessableEntity {
		t.Fatalf("return without comment: %d %s", status, body)
	}
	adj := fmt.Sprintf(`{"comment": "同意", "adjustments": [{"indicator_id": %d, "score": "8.50", "reason": "佐证材料不足"}]}`, ids[4])
	status, body = call(t, reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", adj)
	if status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	r := decode[reportBody](t, body)
	// 20+20+20+10+8(band floor)+10 = 88 computed, 88.5 with the adjustment; + 10 execution.
	if r.Status != "approved" || r.Score.Total != "98.50" || r.Score.Lines[4].Computed != "8.00" || *r.Score.Lines[4].Adjusted != "8.50" {
		t.Errorf("approved report: status %s total %s line %+v", r.Status, r.Score.Total, r.Score.Lines[4])
	}
	if status, body := call(t, reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusConflict {
		t.Errorf("approve twice: %d %s", status, body)
	}
	if status, body := call(t, reviewer, http.MethodPost, reportPath(code, "2024")+"/reopen", `{"reason": "数据有误"}`); status != http.StatusOK {
		t.Errorf("reopen: %d %s", status, body)
	}
	// The approval's adjustment held for that approval: the reopened report
	// shows the computed score again.
	_, body = call(t, e, http.MethodGet, reportPath(code, "2024"), "")
	if r := decode[reportBody](t, body); r.Status != "returned" || r.Score.Lines[4].Adjusted != nil || r.Score.Total != "98.00" {
		t.Errorf("reopened report: status %s total %s line %+v", r.Status, r.Score.Total, r.Score.Lines[4])
	}
	status, body = call(t, e, http.MethodGet, reportPath(code, "2024")+"/history", "")
	if status != http.StatusOK {
		t.Fatalf("history: %d %s", status, body)
	}
	if h := decode[[]map[string]any](t, body); len(h) != 5 {
		t.Errorf("history has %d versions, want 5 (save, save, submit, approve, reopen)", len(h))
	}
}

func TestDashboardCountsStoredResults(t *testing.T) {
	e, _ := newAPI(t)
	const code = "63280100024T000000702"
	ids := indicatorIDsOf(t, e, code)
	save := fmt.Sprintf(`{"version": 0, "budget": {"executed": "10.00"}, "lines": [{"indicator_id": %d, "value": "2", "projected": "2"}]}`, ids[0])
	if status, body := call(t, e, http.MethodPatch, reportPath(code, "2024-06"), save); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	status, body := call(t, e, http.MethodGet, "/api/v1/dashboard?period=2024-06", "")
	if status != http.StatusOK {
		t.Fatalf("dashboard: %d %s", status, body)
	}
	var d struct {
		ProjectCount int            `json:"project_count"`
		BudgetTotal  string         `json:"budget_total"`
		TimeProgress string         `json:"time_progress"`
		ByLight      map[string]int `json:"by_light"`
		ByStatus     map[string]int `json:"by_status"`
		Reported     int            `json:"reported_count"`
		Projects     []struct {
			Code, Status, Light string
			Score               *string `json:"score"`
			ExecutionRate       *string `json:"execution_rate"`
		} `json:"projects"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if d.ProjectCount != 12 || d.BudgetTotal != "2150.78" || d.TimeProgress != "0.5" {
		t.Errorf("dashboard totals %+v", d)
	}
	lights := 0
	for _, n := range d.ByLight {
		lights += n
	}
	// lights count reported reports (submitted or approved) only; the draft
	// is counted by its status
	if lights != d.Reported || d.Reported != d.ByStatus["submitted"]+d.ByStatus["approved"] || d.ByStatus["draft"] < 1 {
		t.Errorf("lights count %d reports, reported %d, statuses %v", lights, d.Reported, d.ByStatus)
	}
	statuses := 0
	for _, n := range d.ByStatus {
		statuses += n
	}
	if statuses != 12 {
		t.Errorf("statuses count %d projects, want 12: %v", statuses, d.ByStatus)
	}
	found := false
	for _, p := range d.Projects {
		if p.Code == code {
			found = true
			// 10.00 of 64.80 executed at mid-year: 0.1543 → 0.1543 ÷ 0.5 < 0.6 → red.
			if p.Score == nil || p.ExecutionRate == nil || *p.ExecutionRate != "0.1543" || p.Light != "red" {
				t.Errorf("dashboard row %+v", p)
			}
		}
	}
	if !found {
		t.Error("the saved project is missing from the dashboard")
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/dashboard", ""); status != http.StatusBadRequest {
		t.Errorf("dashboard without a period: %d", status)
	}
}

func TestReportActionsAndRefusalsLeaveAuditRows(t *testing.T) {
	e, _ := newAPI(t)
	const code = "63280100024T000000637"
	ids := indicatorIDsOf(t, e, code)
	path := reportPath(code, "2024-06")
	save := fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "1", "projected": "26"}]}`, ids[0])
	if status, body := call(t, e, http.MethodPatch, path, save); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	saved := auditOf(t, e, url.Values{"action": {"report.save"}, "object_id": {code + "/2024-06"}})
	if saved.Total != 1 || saved.Items[0].Actor != "t_submitter" || len(saved.Items[0].After) == 0 || saved.Items[0].IP == "" {
		t.Fatalf("save audit %+v", saved)
	}
	var after struct {
		Version int `json:"version"`
		Lines   []struct {
			Value *string `json:"value"`
		} `json:"lines"`
	}
	if err := json.Unmarshal(saved.Items[0].After, &after); err != nil || after.Version != 1 || *after.Lines[0].Value != "1" {
		t.Errorf("after %s (%v)", saved.Items[0].After, err)
	}
	// A stale save, a reviewer's attempt to fill, and an invalid value: each refused and recorded.
	refusals := []struct {
		name   string
		h      http.Handler
		method string
		body   string
		status int
	}{
		{"stale version", e, http.MethodPatch, save, http.StatusConflict},
		{"invalid value", e, http.MethodPatch, strings.Replace(save, `"version": 0`, `"version": 1`, 1) + "", 0},
		{"reviewer fills", e.as(user.Reviewer), http.MethodPatch, save, http.StatusForbidden},
		{"approve a draft", e.as(user.Reviewer), http.MethodPost, `{}`, http.StatusConflict},
	}
	refusals[1].body = fmt.Sprintf(`{"version": 1, "lines": [{"indicator_id": %d, "value": "-2"}]}`, ids[0])
	refusals[1].status = http.StatusUnprocessableEntity
	for _, r := range refusals {
		p := path
		if r.method == http.MethodPost {
			p += "/approve"
		}
		if status, body := call(t, r.h, r.method, p, r.body); status != r.status {
			t.Fatalf("%s: %d %s", r.name, status, body)
		}
	}
	rejected := auditOf(t, e, url.Values{"action": {"request.rejected"}})
	denied := auditOf(t, e, url.Values{"action": {"access.denied"}, "actor": {"t_reviewer"}})
	statuses := map[int]int{}
	for _, it := range rejected.Items {
		if strings.Contains(string(it.Detail), code) {
			statuses[it.Status]++
		}
	}
	if statuses[409] != 2 || statuses[422] != 1 {
		t.Errorf("rejected rows by status %v, want two 409 and one 422", statuses)
	}
	if denied.Total == 0 {
		t.Error("the reviewer's attempt to fill left no access.denied row")
	}
}

// A save answers with each line's previous period, read in the save's round
// trip: the annual self-evaluation saved after 2024-06 shows 2024-06's
// values beside its lines, as its GET does.
func TestASaveAnswersWithThePreviousPeriod(t *testing.T) {
	e, st := newAPI(t)
	const code = "99010100024T000000791"
	own := ownProject(t, e, st, code, 3)
	mid := fillReport(t, own, code, "2024-06")
	type withPrevious struct {
		Lines []struct {
			IndicatorID int64 `json:"indicator_id"`
			Previous    *struct {
				Period string  `json:"period"`
				Value  *string `json:"value"`
				Light  string  `json:"light"`
				Status string  `json:"status"`
			} `json:"previous"`
		} `json:"lines"`
	}
	status, body := call(t, own, http.MethodGet, reportPath(code, "2024"), "")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	version := decode[reportBody](t, body).Version
	status, body = call(t, own, http.MethodPatch, reportPath(code, "2024"),
		fmt.Sprintf(`{"version":%d,"budget":{"executed":"1"}}`, version))
	if status != http.StatusOK {
		t.Fatalf("save the annual report: %d %s", status, body)
	}
	saved := decode[withPrevious](t, body)
	_, body = call(t, own, http.MethodGet, reportPath(code, "2024"), "")
	read := decode[withPrevious](t, body)
	if len(saved.Lines) != len(mid.Lines) || len(read.Lines) != len(mid.Lines) {
		t.Fatalf("%d lines saved, %d read, 2024-06 has %d", len(saved.Lines), len(read.Lines), len(mid.Lines))
	}
	for i, l := range saved.Lines {
		m := mid.Lines[i]
		p := l.Previous
		if p == nil || p.Period != "2024-06" || p.Status != mid.Status || p.Light != m.Light ||
			(p.Value == nil) != (m.Value == nil) || (p.Value != nil && !sameDecimal(*p.Value, *m.Value)) {
			t.Errorf("line %d: the save answers previous %+v, 2024-06 has %v %s %s", l.IndicatorID, p, m.Value, m.Light, mid.Status)
			continue
		}
		if r := read.Lines[i].Previous; r == nil || (r.Value == nil) != (p.Value == nil) || (r.Value != nil && *r.Value != *p.Value) || r.Light != p.Light {
			t.Errorf("line %d: the save answers previous %+v, its GET %+v", l.IndicatorID, p, r)
		}
	}
}
