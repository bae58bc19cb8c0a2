package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/period"
	"jixiao/domain/user"
)

type targetProject struct {
	Code          string   `json:"code"`
	Status        string   `json:"status"`
	Version       int      `json:"version"`
	TargetVersion int      `json:"target_version"`
	Actions       []string `json:"actions"`
	Indicators    []struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Target string `json:"target"`
	} `json:"indicators"`
}

const draftBody = `{"code":"%s","year":2025,"name":"政务公开查询终端专项资金","category":"3-特定目标类","budget":"12.00",
 "goal":"建设政务公开查询终端，群众就近自助查询政府文件。","indicators":[
 {"level1":"产出指标","level2":"数量指标","name":"查询终端布设数量","nature":">=","target":"20","unit":"台","weight":"30","value_basis":"计划标准"},
 {"level1":"产出指标","level2":"质量指标","name":"终端故障率","nature":"<=","target":"2","unit":"%%","weight":"20","value_basis":"行业标准"},
 {"level1":"产出指标","level2":"时效指标","name":"终端投入使用时间","nature":"=","target":"2025","unit":"年","weight":"10","value_basis":"计划标准"},
 {"level1":"成本指标","level2":"经济成本指标","name":"单台终端购置成本","nature":"<=","target":"0.5","unit":"万元","weight":"10","value_basis":"计划标准"},
 {"level1":"效益指标","level2":"社会效益","name":"群众查询文件便利程度","nature":"定性","target":"显著","weight":"10","value_basis":"计划标准"},
 {"level1":"满意度指标","level2":"服务对象满意度","name":"群众满意度","nature":"≥","target":"95","unit":"%%","weight":"%s","value_basis":"历史标准"}]}`

// TestTargetLifecycleByAPI: a submitter drafts, a reviewer returns, the
// submitter edits and submits again, the reviewer approves despite a finding
// with a kept reason; reports only once approved; everything audited.
func TestTargetLifecycleByAPI(t *testing.T) {
	e, st := newAPI(t)
	ctx := context.Background()
	const code = "63280100025T000008001"
	if err := st.SavePeriod(ctx, period.Period{Key: "2025", Kind: period.KindFinal, Year: 2025, CutoffMonth: 12}); err != nil {
		t.Fatal(err)
	}

	status, body := call(t, e, http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, code, "11"))
	if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields["indicators"] == "" {
		t.Fatalf("weights adding to 101: %d %s", status, body)
	}
	if status, _ := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, code, "10")); status != http.StatusForbidden {
		t.Errorf("a reviewer drafting: %d", status)
	}
	status, body = call(t, e, http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, code, "10"))
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	p := decode[targetProject](t, body)
	if p.Status != "draft" || p.Version != 1 || len(p.Indicators) != 6 || fmt.Sprint(p.Actions) != "[edit submit]" {
		t.Errorf("draft: %+v", p)
	}
	if status, body := call(t, e, http.MethodGet, "/api/v1/projects/"+code+"/reports/2025", ""); status != http.StatusConflict ||
		errorBody(t, body).Code != "not_approved" {
		t.Errorf("a report of a draft project: %d %s", status, body)
	}

	// The submitter sees the findings while drafting.
	status, body = call(t, e, http.MethodGet, "/api/v1/projects/"+code+"/review", "")
	review := decode[struct {
		Findings []struct {
			Rule        string `json:"rule"`
			Severity    string `json:"severity"`
			IndicatorID *int64 `json:"indicator_id"`
			Message     string `json:"message"`
			Source      string `json:"source"`
		} `json:"findings"`
	}](t, body)
	if status != http.StatusOK || len(review.Findings) != 1 || review.Findings[0].Rule != "deadline_restates_year" ||
		review.Findings[0].IndicatorID == nil || *review.Findings[0].IndicatorID != p.Indicators[2].ID || review.Findings[0].Source != "财预〔2021〕101号" {
		t.Errorf("review: %d %s", status, body)
	}

	put := func(version int, weight string) (int, []byte) {
		var m map[string]any
		_ = json.Unmarshal([]byte(fmt.Sprintf(draftBody, code, weight)), &m)
		m["version"] = version
		b, _ := json.Marshal(m)
		return call(t, e, http.MethodPut, "/api/v1/projects/"+code, string(b))
	}
	if status, body := put(9, "10"); status != http.StatusConflict || errorBody(t, body).Code != "stale_version" {
		t.Errorf("stale PUT: %d %s", status, body)
	}
	if status, body := put(1, "10"); status != http.StatusOK || decode[targetProject](t, body).Version != 2 {
		t.Errorf("PUT: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/submit", "{}"); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	if status, body := put(3, "10"); status != http.StatusConflict || errorBody(t, body).Code != "wrong_state" {
		t.Errorf("PUT while submitted: %d %s", status, body)
	}
	status, body = call(t, e.as(user.Reviewer), http.MethodGet, "/api/v1/projects/"+code, "")
	if p = decode[targetProject](t, body); fmt.Sprint(p.Actions) != "[approve return]" {
		t.Errorf("reviewer's actions: %v", p.Actions)
	}
	if status, body := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/return", `{"comment":""}`); status != http.StatusUnprocessableEntity {
		t.Errorf("return without comment: %d %s", status, body)
	}
	if status, body := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/return", `{"comment":"请细化完成时限"}`); status != http.StatusOK ||
		decode[targetProject](t, body).Status != "returned" {
		t.Errorf("return: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/submit", "{}"); status != http.StatusOK {
		t.Fatalf("submit again: %d %s", status, body)
	}
	status, body = call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/approve", `{}`)
	if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields["reason"] == "" {
		t.Errorf("approve despite a finding without a reason: %d %s", status, body)
	}
	status, body = call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/approve", `{"reason":"终端年内投入使用即可"}`)
	if p = decode[targetProject](t, body); status != http.StatusOK || p.Status != "approved" || p.TargetVersion != 1 {
		t.Fatalf("approve: %d %s", status, body)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/projects/"+code+"/transitions", "")
	trs := decode[[]struct {
		Action, From, To, Comment string
		Findings                  []map[string]any
	}](t, body)
	if len(trs) != 4 || trs[3].Comment != "终端年内投入使用即可" || len(trs[3].Findings) != 1 {
		t.Errorf("transitions: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodGet, "/api/v1/projects/"+code+"/reports/2025", ""); status != http.StatusOK {
		t.Errorf("report once approved: %d %s", status, body)
	}
	entries, _, err := st.ListAudit(ctx, audit.Filter{ObjectType: "project", ObjectID: code, Page: 1, PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
	}
	if fmt.Sprint(actions) != "[project.approve project.submit project.return project.submit project.edit project.create]" {
		t.Errorf("audit: %v", actions)
	}
}

// TestTargetChangeByAPI adjusts an approved 2025 project: 201 pending, a
// second version on approval, both shown side by side.
func TestTargetChangeByAPI(t *testing.T) {
	e, st := newAPI(t)
	const code = "63280100025T000008002"
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, code, "10")); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/target-changes", `{"reason":"x","items":[]}`); status != http.StatusConflict ||
		errorBody(t, body).Code != "not_approved" {
		t.Errorf("adjusting a draft: %d %s", status, body)
	}
	call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/submit", "{}")
	if got := reviewerTodo(t, e, "target_review", code); got.Link != "/projects/"+code {
		t.Errorf("submitted targets in the reviewer's to-dos: %+v", got)
	}
	status, body := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/approve", `{"reason":"同意"}`)
	p := decode[targetProject](t, body)
	if got := reviewerTodo(t, e, "target_review", code); got.Kind != "" {
		t.Errorf("approved targets still in the reviewer's to-dos: %+v", got)
	}
	if status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/target-changes",
		fmt.Sprintf(`{"reason":"","items":[{"op":"change","indicator_id":%d,"target":"15"}]}`, p.Indicators[0].ID)); status != http.StatusUnprocessableEntity ||
		errorBody(t, body).Fields["reason"] == "" {
		t.Errorf("no reason: %d %s", status, body)
	}
	change := fmt.Sprintf(`{"reason":"场地不足，布设数量调整为15台","items":[{"op":"change","indicator_id":%d,"target":"15"}]}`, p.Indicators[0].ID)
	// a submitter of the department who does not fill the project files no change
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/target-changes", change); status != http.StatusForbidden ||
		errorBody(t, body).Code != "not_assigned" {
		t.Errorf("a change filed by an unassigned submitter: %d %s", status, body)
	}
	filler := withHeader(e.anon(), assignedSubmitter(t, e, st, "tc_filler", code).bearer()...)
	status, body = call(t, filler, http.MethodPost, "/api/v1/projects/"+code+"/target-changes", change)
	ch := decode[struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}](t, body)
	if status != http.StatusCreated || ch.Status != "pending" || ch.ID == 0 {
		t.Fatalf("request: %d %s", status, body)
	}
	if got := reviewerTodo(t, e, "target_change", code); got.TargetChangeID != ch.ID {
		t.Errorf("the pending change in the reviewer's to-dos: %+v, want id %d", got, ch.ID)
	}
	status, body = call(t, e.as(user.Reviewer), http.MethodGet, "/api/v1/target-changes?status=pending", "")
	queue := decode[struct {
		Items []struct {
			ID      int64  `json:"id"`
			Project string `json:"project"`
		} `json:"items"`
	}](t, body)
	if status != http.StatusOK || len(queue.Items) == 0 || queue.Items[0].ID != ch.ID || queue.Items[0].Project != code {
		t.Errorf("the reviewer's queue: %d %s", status, body)
	}
	if status, _ := call(t, e.as(user.Reviewer), http.MethodGet, "/api/v1/target-changes?status=maybe", ""); status != http.StatusUnprocessableEntity {
		t.Errorf("unknown status: %d", status)
	}
	if status, _ := call(t, e, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/approve", ch.ID), "{}"); status != http.StatusForbidden {
		t.Errorf("a submitter approving: %d", status)
	}
	status, body = call(t, e.as(user.Reviewer), http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/approve", ch.ID), `{"comment":"同意"}`)
	if status != http.StatusOK || decode[struct {
		Status        string `json:"status"`
		ResultVersion int    `json:"result_version"`
	}](t, body).ResultVersion != 2 {
		t.Errorf("approve change: %d %s", status, body)
	}
	if status, _ := call(t, e.as(user.Reviewer), http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/reject", ch.ID), `{"comment":"再议"}`); status != http.StatusConflict {
		t.Errorf("deciding twice: %d", status)
	}
	status, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/projects/"+code+"/versions", "")
	vs := decode[struct {
		Items []struct {
			Version    int  `json:"version"`
			Current    bool `json:"current"`
			Indicators []struct {
				Target string `json:"target"`
			} `json:"indicators"`
		} `json:"items"`
	}](t, body)
	if status != http.StatusOK || len(vs.Items) != 2 || vs.Items[0].Indicators[0].Target != "20" || vs.Items[1].Indicators[0].Target != "15" || !vs.Items[1].Current {
		t.Errorf("versions: %d %s", status, body)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/projects/"+code+"/target-changes", "")
	if status != http.StatusOK || decode[struct {
		Total int `json:"total"`
	}](t, body).Total != 1 {
		t.Errorf("list changes: %d %s", status, body)
	}
	// Only a project's assigned submitters move its reports (t_submitter fills the Golmud projects only).
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/reports/2025/retarget", "{}"); status != http.StatusForbidden ||
		errorBody(t, body).Code != "not_assigned" {
		t.Errorf("retarget by an unassigned submitter: %d %s", status, body)
	}
	status, body = call(t, e, http.MethodPost, "/api/v1/projects/63280100024T000000641/reports/2024/retarget", "{}")
	if rep := decode[struct {
		TargetVersion int  `json:"target_version"`
		Editable      bool `json:"editable"`
	}](t, body); status != http.StatusOK || rep.TargetVersion != 1 || !rep.Editable {
		t.Errorf("retarget of a report never saved: %d %s", status, body)
	}
	if status, _ := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/target-changes/999999/approve", "{}"); status != http.StatusNotFound {
		t.Errorf("unknown change: %d", status)
	}
}

// assignedSubmitter creates a submitter of 003001 who fills the projects
// codes, and signs them in.
func assignedSubmitter(t *testing.T, e *testAPI, st *store.Store, username string, codes ...string) session {
	t.Helper()
	createUser(t, st, user.Account{Username: username, DisplayName: "填报 " + username, Roles: []user.Role{user.Submitter},
		Departments: []string{"003001"}, Projects: codes})
	return login(t, e.anon(), username, testPassword)
}

// approvedProject drafts a project of 003001 with code, submits and
// approves it, and returns it.
func approvedProject(t *testing.T, e *testAPI, code string) targetProject {
	t.Helper()
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, code, "10")); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, "/api/v1/projects/"+code+"/submit", "{}"); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	status, body := call(t, e.as(user.Reviewer), http.MethodPost, "/api/v1/projects/"+code+"/approve", `{"reason":"同意"}`)
	if status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	return decode[targetProject](t, body)
}

// TestAStaleTargetChangeIsRefused: two adjustments filed against version 1
// and approved one after the other: the second no longer applies (its
// "from" is gone) and is 409 stale_version naming both versions; nothing of
// it is applied, it stays pending, and it can still be rejected.
func TestAStaleTargetChangeIsRefused(t *testing.T) {
	e, st := newAPI(t)
	const code = "63280100025T000008103"
	p := approvedProject(t, e, code)
	filler := withHeader(e.anon(), assignedSubmitter(t, e, st, "tc_stale", code).bearer()...)
	file := func(target string) int64 {
		t.Helper()
		status, body := call(t, filler, http.MethodPost, "/api/v1/projects/"+code+"/target-changes",
			fmt.Sprintf(`{"reason":"布设数量调整为%s台","items":[{"op":"change","indicator_id":%d,"target":"%s"}]}`, target, p.Indicators[0].ID, target))
		if status != http.StatusCreated {
			t.Fatalf("request: %d %s", status, body)
		}
		return decode[struct {
			ID int64 `json:"id"`
		}](t, body).ID
	}
	first, second := file("15"), file("18")
	reviewer := e.as(user.Reviewer)
	if status, body := call(t, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/approve", first), `{"comment":"同意"}`); status != http.StatusOK {
		t.Fatalf("approve the first: %d %s", status, body)
	}
	status, body := call(t, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/approve", second), `{"comment":"同意"}`)
	eb := decode[struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Current struct {
				Version int `json:"version"`
				Sent    int `json:"sent_version"`
			} `json:"current"`
		} `json:"error"`
	}](t, body).Error
	if status != http.StatusConflict || eb.Code != "stale_version" || eb.Current.Version != 2 || eb.Current.Sent != 1 || !strings.Contains(eb.Message, "第 1 版") {
		t.Fatalf("approve the second, filed against version 1: %d %s", status, body)
	}
	_, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/projects/"+code+"/versions", "")
	vs := decode[struct {
		Items []struct {
			Version    int `json:"version"`
			Indicators []struct {
				Target string `json:"target"`
			} `json:"indicators"`
		} `json:"items"`
	}](t, body).Items
	if len(vs) != 2 || vs[1].Indicators[0].Target != "15" {
		t.Errorf("versions after the refusal: %s", body)
	}
	_, body = call(t, filler, http.MethodGet, "/api/v1/projects/"+code, "")
	if got := decode[targetProject](t, body); got.TargetVersion != 2 || got.Indicators[0].Target != "15" {
		t.Errorf("the project after the refusal: version %d target %s", got.TargetVersion, got.Indicators[0].Target)
	}
	_, body = call(t, reviewer, http.MethodGet, "/api/v1/projects/"+code+"/target-changes", "")
	for _, c := range decode[struct {
		Items []struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"items"`
	}](t, body).Items {
		if c.ID == second && c.Status != "pending" {
			t.Errorf("the refused change is %s, want still pending", c.Status)
		}
	}
	if status, body := call(t, reviewer, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/reject", second), `{"comment":"已按第一项申请调整，请按现行目标重新申请"}`); status != http.StatusOK {
		t.Errorf("reject the stale change: %d %s", status, body)
	}
}

func TestReconciliationByAPI(t *testing.T) {
	e, st := newAPI(t)
	seedOtherDepartment(t, st)
	status, body := call(t, e, http.MethodGet, "/api/v1/departments/003001/reconciliation?year=2024", "")
	r := decode[struct {
		TargetsTotal string  `json:"targets_total"`
		BudgetTotal  *string `json:"budget_total"`
		Difference   *string `json:"difference"`
		Projects     int     `json:"projects"`
	}](t, body)
	if status != http.StatusOK || r.TargetsTotal != "2150.78" || r.BudgetTotal == nil || *r.BudgetTotal != "2153.78" ||
		r.Difference == nil || *r.Difference != "3.00" || r.Projects != 12 {
		t.Errorf("reconciliation: %d %s", status, body)
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/departments/003001/reconciliation", ""); status != http.StatusBadRequest {
		t.Errorf("without year: %d", status)
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/departments/"+otherDepartment+"/reconciliation?year=2024", ""); status != http.StatusNotFound {
		t.Errorf("another department: %d", status)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/dashboard?period=2024-06", "")
	d := decode[struct {
		ProjectCount int `json:"project_count"`
		Gaps         []struct {
			Department struct{ Code string } `json:"department"`
			Difference string                `json:"difference"`
		} `json:"reconciliation_gaps"`
	}](t, body)
	if status != http.StatusOK || len(d.Gaps) != 1 || d.Gaps[0].Difference != "3.00" || d.Gaps[0].Department.Code != "003001" {
		t.Errorf("dashboard gap: %d %s", status, body)
	}
}

// TestPreviewReviewStoresNothing: the editor's findings and problems as typed.
func TestPreviewReviewStoresNothing(t *testing.T) {
	e, st := newAPI(t)
	const code = "63280100025T000008003"
	status, body := call(t, e, http.MethodPost, "/api/v1/projects/review", fmt.Sprintf(draftBody, code, "11"))
	res := decode[struct {
		Findings []struct {
			Rule string `json:"rule"`
		} `json:"findings"`
		Problems map[string]string `json:"problems"`
	}](t, body)
	rules := map[string]bool{}
	for _, f := range res.Findings {
		rules[f.Rule] = true
	}
	if status != http.StatusOK || !rules["deadline_restates_year"] || !rules["satisfaction_weight"] || res.Problems["indicators"] == "" {
		t.Errorf("preview: %d %s", status, body)
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/projects/"+code, ""); status != http.StatusNotFound {
		t.Errorf("the preview stored the project: %d", status)
	}
	status, body = call(t, e.as(user.Auditor), http.MethodPost, "/api/v1/projects/review", fmt.Sprintf(draftBody, code, "10"))
	if status != http.StatusOK || decode[struct {
		Problems map[string]string `json:"problems"`
	}](t, body).Problems["department.code"] == "" {
		t.Errorf("an auditor has no department of its own: %d %s", status, body)
	}
	seedOtherDepartment(t, st)
	if status, _ := call(t, e, http.MethodPost, "/api/v1/projects/review", strings.Replace(fmt.Sprintf(draftBody, code, "10"), `"year":2025`, `"year":2025,"department":"`+otherDepartment+`"`, 1)); status != http.StatusNotFound {
		t.Errorf("previewing against another department's projects: %d", status)
	}
}

type todoItem struct {
	Kind    string `json:"kind"`
	Project struct {
		Code string `json:"code"`
	} `json:"project"`
	Link           string `json:"link"`
	TargetChangeID int64  `json:"target_change_id"`
}

// reviewerTodo is the reviewer's to-do of that kind for the project (zero if none).
func reviewerTodo(t *testing.T, e *testAPI, kind, code string) todoItem {
	t.Helper()
	status, body := call(t, e.as(user.Reviewer), http.MethodGet, "/api/v1/todos", "")
	if status != http.StatusOK {
		t.Fatalf("todos: %d %s", status, body)
	}
	for _, it := range decode[struct {
		Items []todoItem `json:"items"`
	}](t, body).Items {
		if it.Kind == kind && it.Project.Code == code {
			return it
		}
	}
	return todoItem{}
}
