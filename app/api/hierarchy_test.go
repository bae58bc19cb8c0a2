package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// A city: 主管部门 h20edu (教育局) with two schools h20edu01 and h20edu02,
// and another 主管部门 h20hlt (卫健委) with a hospital h20hlt01. Each unit has
// copies of a Golmud project (the six indicators of 63280100024T000000700).
const (
	cityTemplate = "63280100024T000000700"
	schoolOne    = "h20edu01"
	schoolTwo    = "h20edu02"
	hospital     = "h20hlt01"
)

// city is the people of the city, each as a handler that acts as them.
type city struct {
	api                                    *testAPI
	st                                     *store.Store
	clerk1, clerk2, clerkH                 http.Handler // submitters of the units
	eduSupervisor, hltSupervisor, reviewer http.Handler
	admin                                  http.Handler
}

var cityOnce sync.Once

// newCity builds the city once per package run; projects are made per test
// by cityProject, so that tests do not share reports.
func newCity(t *testing.T) city {
	t.Helper()
	e, st := newAPI(t)
	admin := e.as(user.Admin)
	cityOnce.Do(func() {
		for _, d := range []string{
			`{"code":"h20edu","name":"市教育局"}`, `{"code":"h20edu01","name":"市第一中学","parent_code":"h20edu"}`,
			`{"code":"h20edu02","name":"市第二中学","parent_code":"h20edu"}`, `{"code":"h20hlt","name":"市卫健委"}`,
			`{"code":"h20hlt01","name":"市人民医院","parent_code":"h20hlt"}`,
		} {
			if status, body := call(t, admin, http.MethodPost, "/api/v1/departments", d); status != http.StatusCreated {
				t.Fatalf("create department %s: %d %s", d, status, body)
			}
		}
		for _, a := range []user.Account{
			{Username: "h20_clerk1", Roles: []user.Role{user.Submitter}, Departments: []string{schoolOne}},
			{Username: "h20_clerk2", Roles: []user.Role{user.Submitter}, Departments: []string{schoolTwo}},
			{Username: "h20_clerkh", Roles: []user.Role{user.Submitter}, Departments: []string{hospital}},
			{Username: "h20_edusup", DisplayName: "教育局审核人", Roles: []user.Role{user.Supervisor}, Departments: []string{"h20edu"}},
			{Username: "h20_hltsup", Roles: []user.Role{user.Supervisor}, Departments: []string{"h20hlt"}},
			{Username: "h20_finance", DisplayName: "财政局审核人", Roles: []user.Role{user.Reviewer}, Departments: []string{"h20edu", "h20hlt"}},
		} {
			createUser(t, st, a)
		}
	})
	as := func(u string) http.Handler {
		return withHeader(e.anon(), login(t, e.anon(), u, testPassword).bearer()...)
	}
	return city{api: e, st: st, admin: admin,
		clerk1: as("h20_clerk1"), clerk2: as("h20_clerk2"), clerkH: as("h20_clerkh"),
		eduSupervisor: as("h20_edusup"), hltSupervisor: as("h20_hltsup"), reviewer: as("h20_finance")}
}

var cityProjects = map[string]int{}

// cityProject copies the template project into a unit under a new code and
// assigns it to the unit's clerk; it returns the code.
func (c city) cityProject(t *testing.T, dept string) string {
	t.Helper()
	ctx := context.Background()
	p, err := c.st.GetProject(ctx, store.ScopeAll(), cityTemplate)
	if err != nil {
		t.Fatal(err)
	}
	cityProjects[dept]++
	p.Code = fmt.Sprintf("H20%s%03d", strings.ToUpper(dept), cityProjects[dept])
	p.Department.Code, p.Department.Name = dept, ""
	for i := range p.Indicators {
		p.Indicators[i].ID = 0
	}
	names := map[string]string{schoolOne: "市第一中学", schoolTwo: "市第二中学", hospital: "市人民医院"}
	p.Department.Name = names[dept]
	if err := c.st.SaveProjects(ctx, []project.Project{p}); err != nil {
		t.Fatal(err)
	}
	// assigned through the API, which makes the grant hold at once
	clerk := map[string]string{schoolOne: "h20_clerk1", schoolTwo: "h20_clerk2", hospital: "h20_clerkh"}[dept]
	var codes []string
	for i := 1; i <= cityProjects[dept]; i++ {
		codes = append(codes, fmt.Sprintf(`"H20%s%03d"`, strings.ToUpper(dept), i))
	}
	body := `{"departments":["` + dept + `"],"projects":[` + strings.Join(codes, ",") + `]}`
	if status, resp := call(t, c.admin, http.MethodPut, "/api/v1/users/"+clerk+"/assignments", body); status != http.StatusOK {
		t.Fatalf("assign %s: %d %s", clerk, status, resp)
	}
	return p.Code
}

// fullAnnual is a complete 2024 self-evaluation of the template project.
func fullAnnual(t *testing.T, h http.Handler, code string, version int) string {
	ids := indicatorIDsOf(t, h, code)
	return fmt.Sprintf(`{"version": %d, "budget": {"executed": "6.50"}, "lines": [
		{"indicator_id": %d, "value": "150"}, {"indicator_id": %d, "value": "95"},
		{"indicator_id": %d, "completed_on": "2024-12-01"},
		{"indicator_id": %d, "band": "achieved", "score_input": "10"}, {"indicator_id": %d, "band": "achieved"},
		{"indicator_id": %d, "value": "95"}]}`, version, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
}

// fillAndSubmit saves a complete annual report as the clerk and submits it.
func fillAndSubmit(t *testing.T, clerk http.Handler, code string) {
	t.Helper()
	_, body := call(t, clerk, http.MethodGet, reportPath(code, "2024"), "")
	v := decode[reportBody](t, body).Version
	if status, body := call(t, clerk, http.MethodPut, reportPath(code, "2024"), fullAnnual(t, clerk, code, v)); status != http.StatusOK {
		t.Fatalf("save %s: %d %s", code, status, body)
	}
	if status, body := call(t, clerk, http.MethodPost, reportPath(code, "2024")+"/submit", ""); status != http.StatusOK {
		t.Fatalf("submit %s: %d %s", code, status, body)
	}
}

type levelledReport struct {
	Status      string   `json:"status"`
	Version     int      `json:"version"`
	Actions     []string `json:"actions"`
	Transitions []struct {
		Action  string `json:"action"`
		From    string `json:"from"`
		To      string `json:"to"`
		Actor   string `json:"actor"`
		Comment string `json:"comment"`
		Level   int    `json:"level"`
	} `json:"transitions"`
}

func readLevelled(t *testing.T, h http.Handler, code string) levelledReport {
	t.Helper()
	status, body := call(t, h, http.MethodGet, reportPath(code, "2024"), "")
	if status != http.StatusOK {
		t.Fatalf("read %s: %d %s", code, status, body)
	}
	return decode[levelledReport](t, body)
}

// queue lists the codes of the reports of 2024 with a status, as h sees them.
func queue(t *testing.T, h http.Handler, status string) []string {
	t.Helper()
	st, body := call(t, h, http.MethodGet, "/api/v1/reports?period=2024&size=200&status="+status, "")
	if st != http.StatusOK {
		t.Fatalf("queue %s: %d %s", status, st, body)
	}
	var out []string
	for _, it := range decode[struct {
		Items []struct {
			Project struct {
				Code string `json:"code"`
			} `json:"project"`
		} `json:"items"`
	}](t, body).Items {
		out = append(out, it.Project.Code)
	}
	return out
}

// TestAUnitsReportGoesThroughItsSupervisorThenTheFinanceBureau: a school's
// report is endorsed by its 主管部门 and then approved by the finance
// reviewer; the reviewer cannot approve before the endorsement (409
// wrong_state) nor sees it among submitted reports; the supervisor of
// another 主管部门 does not find it (404).
func TestAUnitsReportGoesThroughItsSupervisorThenTheFinanceBureau(t *testing.T) {
	c := newCity(t)
	code := c.cityProject(t, schoolOne)
	fillAndSubmit(t, c.clerk1, code)

	if got := readLevelled(t, c.eduSupervisor, code).Actions; !slices.Equal(got, []string{"approve", "return"}) {
		t.Errorf("supervisor's actions on a submitted report: %v", got)
	}
	if got := readLevelled(t, c.reviewer, code).Actions; len(got) != 0 {
		t.Errorf("finance reviewer's actions before the endorsement: %v, want none", got)
	}
	status, body := call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", `{"comment":"同意"}`)
	if status != http.StatusConflict || errorBody(t, body).Code != "wrong_state" {
		t.Fatalf("reviewer approves before endorsement: %d %s, want 409 wrong_state", status, body)
	}
	if q := queue(t, c.reviewer, "submitted"); slices.Contains(q, code) {
		t.Errorf("the reviewer's submitted queue holds the unit's report: %v", q)
	}
	if q := queue(t, c.eduSupervisor, "submitted"); !slices.Contains(q, code) {
		t.Errorf("the supervisor's submitted queue lacks it: %v", q)
	}
	for _, path := range []string{reportPath(code, "2024"), "/api/v1/projects/" + code} {
		if status, body := call(t, c.hltSupervisor, http.MethodGet, path, ""); status != http.StatusNotFound {
			t.Errorf("other 主管部门's supervisor reads %s: %d %s, want 404", path, status, body)
		}
	}
	if status, body := call(t, c.hltSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusNotFound {
		t.Errorf("other 主管部门's supervisor approves: %d %s, want 404", status, body)
	}
	if q := queue(t, c.hltSupervisor, "submitted"); slices.Contains(q, code) {
		t.Errorf("other supervisor's queue: %v", q)
	}

	status, body = call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{"comment":"主管部门审核同意"}`)
	if status != http.StatusOK || decode[levelledReport](t, body).Status != "endorsed" {
		t.Fatalf("endorse: %d %s", status, body)
	}
	if status, body := call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusConflict {
		t.Errorf("the supervisor approves twice: %d %s", status, body)
	}
	if q := queue(t, c.reviewer, "endorsed"); !slices.Contains(q, code) {
		t.Errorf("the reviewer's endorsed queue lacks it: %v", q)
	}
	if got := readLevelled(t, c.reviewer, code).Actions; !slices.Equal(got, []string{"approve", "return"}) {
		t.Errorf("finance reviewer's actions after the endorsement: %v", got)
	}
	status, body = call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", `{"comment":"财政审核通过"}`)
	if status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	r := decode[levelledReport](t, body)
	if r.Status != "approved" || len(r.Transitions) != 3 {
		t.Fatalf("approved report: %+v", r)
	}
	want := []struct {
		to    string
		level int
		actor string
	}{{"submitted", 0, "h20_clerk1"}, {"endorsed", 1, "h20_edusup"}, {"approved", 2, "h20_finance"}}
	for i, w := range want {
		tr := r.Transitions[i]
		if tr.To != w.to || tr.Level != w.level || tr.Actor != w.actor {
			t.Errorf("transition %d: %+v, want %+v", i, tr, w)
		}
	}
	var levels []string
	rows, err := c.st.DB().QueryContext(context.Background(), `SELECT action || ':' || coalesce(detail->>'level', '-') FROM audit_log
		WHERE object_type = 'report' AND object_id = $1 AND action IN ('report.submit', 'report.approve') ORDER BY id`, code+"/2024")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		levels = append(levels, s)
	}
	if !slices.Equal(levels, []string{"report.submit:-", "report.approve:1", "report.approve:2"}) {
		t.Errorf("audit rows with levels: %v", levels)
	}
}

// TestAReturnAtTheSecondLevelGoesToTheSubmitter: the finance bureau returns
// an endorsed report to the school's clerk with its reason; resubmitted, it
// starts again at the 主管部门.
func TestAReturnAtTheSecondLevelGoesToTheSubmitter(t *testing.T) {
	c := newCity(t)
	code := c.cityProject(t, schoolTwo)
	fillAndSubmit(t, c.clerk2, code)
	if status, body := call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusOK {
		t.Fatalf("endorse: %d %s", status, body)
	}
	if status, body := call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/return", `{"comment":"x"}`); status != http.StatusConflict {
		t.Errorf("the supervisor returns what it endorsed: %d %s, want 409", status, body)
	}
	status, body := call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/return", `{"comment":"执行率说明不足，请补充"}`)
	if status != http.StatusOK {
		t.Fatalf("return at level two: %d %s", status, body)
	}
	r := readLevelled(t, c.clerk2, code)
	last := r.Transitions[len(r.Transitions)-1]
	if r.Status != "returned" || last.Level != 2 || last.Comment != "执行率说明不足，请补充" || last.From != "endorsed" {
		t.Fatalf("returned report: %s, last step %+v", r.Status, last)
	}
	if !slices.Contains(r.Actions, "submit") {
		t.Errorf("the clerk's actions on the returned report: %v", r.Actions)
	}
	// the clerk is told, with the reason
	status, body = call(t, c.clerk2, http.MethodGet, "/api/v1/notifications", "")
	if status != http.StatusOK || !strings.Contains(string(body), "执行率说明不足，请补充") {
		t.Errorf("the clerk's notifications: %d %s", status, body)
	}
	if status, body := call(t, c.clerk2, http.MethodPost, reportPath(code, "2024")+"/submit", ""); status != http.StatusOK {
		t.Fatalf("resubmit: %d %s", status, body)
	}
	if status, body := call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusConflict {
		t.Errorf("the reviewer approves the resubmitted report: %d %s, want 409 (level one first)", status, body)
	}
	if q := queue(t, c.eduSupervisor, "submitted"); !slices.Contains(q, code) {
		t.Errorf("the resubmitted report is not back with the supervisor: %v", q)
	}
	// the supervisor may return it too, at level one
	status, body = call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/return", `{"comment":"请补充佐证"}`)
	if status != http.StatusOK {
		t.Fatalf("return at level one: %d %s", status, body)
	}
	r = decode[levelledReport](t, body)
	if last := r.Transitions[len(r.Transitions)-1]; r.Status != "returned" || last.Level != 1 || last.From != "submitted" {
		t.Errorf("returned at level one: %s %+v", r.Status, last)
	}
}

// TestOneLevelPeriodsMakeTheSupervisorsApprovalFinal: with the period set
// to one level, the 主管部门's approval approves; the finance reviewer has
// no turn.
func TestOneLevelPeriodsMakeTheSupervisorsApprovalFinal(t *testing.T) {
	c := newCity(t)
	code := c.cityProject(t, hospital)
	setLevels := func(n int) {
		t.Helper()
		status, body := call(t, c.admin, http.MethodPut, "/api/v1/periods/2024/review-levels", fmt.Sprintf(`{"review_levels":%d}`, n))
		if status != http.StatusOK || !strings.Contains(string(body), fmt.Sprintf(`"review_levels":%d`, n)) {
			t.Fatalf("set review levels %d: %d %s", n, status, body)
		}
	}
	setLevels(1)
	t.Cleanup(func() { setLevels(2) })
	if status, _ := call(t, c.eduSupervisor, http.MethodPut, "/api/v1/periods/2024/review-levels", `{"review_levels":2}`); status != http.StatusForbidden {
		t.Errorf("a supervisor sets review levels: %d, want 403", status)
	}
	fillAndSubmit(t, c.clerkH, code)
	if status, body := call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusConflict {
		t.Errorf("the reviewer approves in a one-level period: %d %s, want 409", status, body)
	}
	status, body := call(t, c.hltSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{"comment":"同意"}`)
	if status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	r := decode[levelledReport](t, body)
	if last := r.Transitions[len(r.Transitions)-1]; r.Status != "approved" || last.Level != 1 {
		t.Errorf("one-level approval: %s %+v", r.Status, last)
	}
	// the final level reopens: here the 主管部门
	if status, body := call(t, c.reviewer, http.MethodPost, reportPath(code, "2024")+"/reopen", `{"reason":"x"}`); status != http.StatusConflict {
		t.Errorf("the reviewer reopens: %d %s, want 409", status, body)
	}
	if status, body := call(t, c.hltSupervisor, http.MethodPost, reportPath(code, "2024")+"/reopen", `{"reason":"数据有误"}`); status != http.StatusOK {
		t.Errorf("the supervisor reopens: %d %s", status, body)
	}
}

// TestMovingADepartmentIsAuditedAndRefusedWhileInReview: a unit with a
// report in review cannot move; once it is decided, it moves, audited, and
// the supervisors' subtrees follow at once.
func TestMovingADepartmentIsAuditedAndRefusedWhileInReview(t *testing.T) {
	c := newCity(t)
	if status, body := call(t, c.admin, http.MethodPost, "/api/v1/departments", `{"code":"h20mv01","name":"市第三中学","parent_code":"h20edu"}`); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	code := c.cityProject(t, schoolOne)
	fillAndSubmit(t, c.clerk1, code)
	status, body := call(t, c.admin, http.MethodPut, "/api/v1/departments/"+schoolOne, `{"name":"市第一中学","parent_code":"h20hlt"}`)
	if status != http.StatusConflict || errorBody(t, body).Code != "wrong_state" {
		t.Errorf("move with a report in review: %d %s, want 409 wrong_state", status, body)
	}
	if status, body := call(t, c.eduSupervisor, http.MethodPut, "/api/v1/departments/h20mv01", `{"name":"x","parent_code":"h20hlt"}`); status != http.StatusForbidden {
		t.Errorf("a supervisor moves a department: %d %s, want 403", status, body)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"name":"市第三中学","parent_code":"h20mv01"}`, "parent_code"},
		{`{"name":"市第三中学","parent_code":"nosuch"}`, "parent_code"},
		{`{"name":"","parent_code":"h20hlt"}`, "name"},
	} {
		status, body := call(t, c.admin, http.MethodPut, "/api/v1/departments/h20mv01", tc.body)
		if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields[tc.field] == "" {
			t.Errorf("%s: %d %s, want 422 on %s", tc.body, status, body, tc.field)
		}
	}
	status, body = call(t, c.admin, http.MethodPut, "/api/v1/departments/h20mv01", `{"name":"市第三中学","parent_code":"h20hlt"}`)
	if status != http.StatusOK || !strings.Contains(string(body), `"parent_code":"h20hlt"`) {
		t.Fatalf("move: %d %s", status, body)
	}
	_, body = call(t, c.hltSupervisor, http.MethodGet, "/api/v1/departments?parent=h20hlt", "")
	if !strings.Contains(string(body), `"code":"h20mv01"`) || !strings.Contains(string(body), `"level":2`) {
		t.Errorf("the hospital supervisor's units after the move: %s", body)
	}
	_, body = call(t, c.eduSupervisor, http.MethodGet, "/api/v1/departments", "")
	if strings.Contains(string(body), "h20mv01") || !strings.Contains(string(body), schoolOne) {
		t.Errorf("the education supervisor's departments after the move: %s", body)
	}
	var n int
	if err := c.st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM audit_log WHERE action = 'department.move'
		AND object_id = 'h20mv01' AND before->>'parent_code' = 'h20edu' AND after->>'parent_code' = 'h20hlt'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("move audited %d times (%v), want 1", n, err)
	}
}

// TestTargetsAndTheirChangesGoThroughBothLevels: a school's target draft
// is endorsed by its 主管部门, then approved by the finance bureau; a
// change to a school's approved targets likewise, and only the second
// approval makes the new target version.
func TestTargetsAndTheirChangesGoThroughBothLevels(t *testing.T) {
	c := newCity(t)
	const draft = "H20TGT2025001"
	if status, body := call(t, c.clerk1, http.MethodPost, "/api/v1/projects", fmt.Sprintf(draftBody, draft, "10")); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	if status, body := call(t, c.clerk1, http.MethodPost, "/api/v1/projects/"+draft+"/submit", "{}"); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	status, body := call(t, c.reviewer, http.MethodPost, "/api/v1/projects/"+draft+"/approve", `{"reason":"同意"}`)
	if status != http.StatusConflict || errorBody(t, body).Code != "wrong_state" {
		t.Errorf("the finance bureau approves before the 主管部门: %d %s", status, body)
	}
	if status, body := call(t, c.hltSupervisor, http.MethodPost, "/api/v1/projects/"+draft+"/approve", `{"reason":"同意"}`); status != http.StatusNotFound {
		t.Errorf("another 主管部门 approves: %d %s", status, body)
	}
	status, body = call(t, c.eduSupervisor, http.MethodPost, "/api/v1/projects/"+draft+"/approve", `{"reason":"主管部门同意"}`)
	if status != http.StatusOK || decode[targetProject](t, body).Status != "endorsed" {
		t.Fatalf("endorse targets: %d %s", status, body)
	}
	status, body = call(t, c.reviewer, http.MethodGet, "/api/v1/projects/"+draft, "")
	if p := decode[targetProject](t, body); status != http.StatusOK || fmt.Sprint(p.Actions) != "[approve return]" {
		t.Errorf("the finance bureau's actions on endorsed targets: %d %v", status, p.Actions)
	}
	status, body = call(t, c.reviewer, http.MethodPost, "/api/v1/projects/"+draft+"/approve", `{"reason":"财政同意"}`)
	if status != http.StatusOK || decode[targetProject](t, body).Status != "approved" {
		t.Fatalf("approve targets: %d %s", status, body)
	}
	_, body = call(t, c.clerk1, http.MethodGet, "/api/v1/projects/"+draft+"/transitions", "")
	var levels []int
	for _, tr := range decode[[]struct {
		Level int `json:"level"`
	}](t, body) {
		levels = append(levels, tr.Level)
	}
	if fmt.Sprint(levels) != "[0 1 2]" {
		t.Errorf("levels of the targets' steps: %v", levels)
	}

	code := c.cityProject(t, schoolOne)
	ids := indicatorIDsOf(t, c.clerk1, code)
	status, body = call(t, c.clerk1, http.MethodPost, "/api/v1/projects/"+code+"/target-changes",
		fmt.Sprintf(`{"reason":"场地调整","items":[{"op":"change","indicator_id":%d,"target":"140"}]}`, ids[0]))
	if status != http.StatusCreated {
		t.Fatalf("request a change: %d %s", status, body)
	}
	id := decode[struct {
		ID int64 `json:"id"`
	}](t, body).ID
	decide := func(h http.Handler, verb string) (int, []byte) {
		return call(t, h, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/%s", id, verb), `{"comment":"意见"}`)
	}
	if status, body := decide(c.reviewer, "approve"); status != http.StatusConflict {
		t.Errorf("the finance bureau decides a change before the 主管部门: %d %s", status, body)
	}
	status, body = decide(c.eduSupervisor, "approve")
	if status != http.StatusOK || !strings.Contains(string(body), `"status":"endorsed"`) || !strings.Contains(string(body), `"endorsed_by":"h20_edusup"`) {
		t.Fatalf("endorse the change: %d %s", status, body)
	}
	_, body = call(t, c.clerk1, http.MethodGet, "/api/v1/projects/"+code, "")
	if v := decode[targetProject](t, body).TargetVersion; v != 1 {
		t.Errorf("target version after the endorsement: %d, want 1", v)
	}
	status, body = decide(c.reviewer, "approve")
	if status != http.StatusOK || !strings.Contains(string(body), `"status":"approved"`) || !strings.Contains(string(body), `"result_version":2`) {
		t.Fatalf("approve the change: %d %s", status, body)
	}
}

type foldedRow struct {
	Code          string `json:"code"`
	Projects      int    `json:"projects"`
	BudgetTotal   string `json:"budget_total"`
	ReportedCount int    `json:"reported_count"`
	UnitCount     int    `json:"unit_count"`
	Units         []struct {
		Code     string `json:"code"`
		Projects int    `json:"projects"`
	} `json:"units"`
}

// TestDashboardsRollUpByHierarchy: the 主管部门's dashboard covers its
// schools and shows one row, the 教育局, with the schools folded under it;
// the finance reviewer's shows one row per 主管部门; a department filter on
// the 主管部门 takes its units.
func TestDashboardsRollUpByHierarchy(t *testing.T) {
	c := newCity(t)
	c.cityProject(t, schoolOne)
	c.cityProject(t, schoolTwo)
	c.cityProject(t, hospital)
	read := func(h http.Handler, query string) (int, []foldedRow) {
		t.Helper()
		status, body := call(t, h, http.MethodGet, "/api/v1/dashboard?period=2024"+query, "")
		if status != http.StatusOK {
			t.Fatalf("dashboard %s: %d %s", query, status, body)
		}
		d := decode[struct {
			ProjectCount int         `json:"project_count"`
			Departments  []foldedRow `json:"departments"`
		}](t, body)
		return d.ProjectCount, d.Departments
	}
	n, rows := read(c.eduSupervisor, "")
	if len(rows) != 1 || rows[0].Code != "h20edu" || rows[0].UnitCount != 2 || rows[0].Projects != n || n < 2 {
		t.Fatalf("the 主管部门's dashboard: %d projects, rows %+v", n, rows)
	}
	if rows[0].Units[0].Code != schoolOne || rows[0].Units[1].Code != schoolTwo {
		t.Errorf("units folded: %+v", rows[0].Units)
	}
	_, rows = read(c.reviewer, "")
	codes := []string{}
	for _, r := range rows {
		codes = append(codes, r.Code)
	}
	if !slices.Equal(codes, []string{"h20edu", "h20hlt"}) {
		t.Errorf("the finance bureau's rows: %v", codes)
	}
	nAll, _ := read(c.reviewer, "")
	nEdu, rows := read(c.reviewer, "&department=h20edu")
	if len(rows) != 1 || rows[0].Code != "h20edu" || nEdu >= nAll || nEdu != rows[0].Projects {
		t.Errorf("filtered on the 主管部门: %d of %d, rows %+v", nEdu, nAll, rows)
	}
	if n, rows := read(c.hltSupervisor, "&department=h20edu"); n != 0 || len(rows) != 0 {
		t.Errorf("another 主管部门's supervisor filtering on 教育局: %d %+v", n, rows)
	}
}

// TestBatchReviewAtBothLevels: the 主管部门 endorses two schools' reports in
// one batch, and the finance bureau approves them in one; a batch of the
// finance bureau before the endorsement leaves each report as it was.
func TestBatchReviewAtBothLevels(t *testing.T) {
	c := newCity(t)
	a, b := c.cityProject(t, schoolOne), c.cityProject(t, schoolTwo)
	fillAndSubmit(t, c.clerk1, a)
	fillAndSubmit(t, c.clerk2, b)
	batch := func(h http.Handler, comment string) []string {
		t.Helper()
		status, body := call(t, h, http.MethodPost, "/api/v1/reports/batch",
			fmt.Sprintf(`{"action":"approve","comment":%q,"items":[{"code":%q,"period":"2024"},{"code":%q,"period":"2024"}]}`, comment, a, b))
		if status != http.StatusOK {
			t.Fatalf("batch: %d %s", status, body)
		}
		var out []string
		for _, r := range decode[struct {
			Items []struct {
				Status    string `json:"status"`
				ErrorCode string `json:"error_code"`
			} `json:"items"`
		}](t, body).Items {
			out = append(out, r.Status+r.ErrorCode)
		}
		return out
	}
	if got := batch(c.reviewer, "财政"); slices.Contains(got, "approved") || slices.Contains(got, "endorsed") {
		t.Errorf("the finance bureau's batch before the endorsement: %v", got)
	}
	if got := batch(c.eduSupervisor, "主管部门同意"); !slices.Equal(got, []string{"endorsed", "endorsed"}) {
		t.Errorf("the 主管部门's batch: %v", got)
	}
	if got := batch(c.reviewer, "财政同意"); !slices.Equal(got, []string{"approved", "approved"}) {
		t.Errorf("the finance bureau's batch: %v", got)
	}
}

// todos lists the (kind, project) pairs of what waits for h.
func todos(t *testing.T, h http.Handler) []string {
	t.Helper()
	status, body := call(t, h, http.MethodGet, "/api/v1/todos", "")
	if status != http.StatusOK {
		t.Fatalf("todos: %d %s", status, body)
	}
	var out []string
	for _, it := range decode[struct {
		Items []struct {
			Kind    string `json:"kind"`
			Project struct {
				Code string `json:"code"`
			} `json:"project"`
		} `json:"items"`
	}](t, body).Items {
		out = append(out, it.Kind+":"+it.Project.Code)
	}
	return out
}

// TestToDosPerLevel: a school's submitted report waits for its 主管部门, not
// for the finance bureau; once endorsed, for the finance bureau only.
func TestToDosPerLevel(t *testing.T) {
	c := newCity(t)
	code := c.cityProject(t, schoolOne)
	fillAndSubmit(t, c.clerk1, code)
	if got := todos(t, c.eduSupervisor); !slices.Contains(got, "review:"+code) {
		t.Errorf("the supervisor's to-dos lack the submitted report: %v", got)
	}
	if got := todos(t, c.reviewer); slices.Contains(got, "review:"+code) {
		t.Errorf("the finance bureau's to-dos hold a report its 主管部门 has not endorsed: %v", got)
	}
	if got := todos(t, c.hltSupervisor); slices.Contains(got, "review:"+code) {
		t.Errorf("another supervisor's to-dos: %v", got)
	}
	if status, body := call(t, c.eduSupervisor, http.MethodPost, reportPath(code, "2024")+"/approve", `{}`); status != http.StatusOK {
		t.Fatalf("endorse: %d %s", status, body)
	}
	if got := todos(t, c.eduSupervisor); slices.Contains(got, "review:"+code) {
		t.Errorf("the supervisor's to-dos after the endorsement: %v", got)
	}
	if got := todos(t, c.reviewer); !slices.Contains(got, "review:"+code) {
		t.Errorf("the finance bureau's to-dos lack the endorsed report: %v", got)
	}
}
