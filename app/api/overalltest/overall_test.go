package overalltest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "overall") }

const password = "Test-Passw0rd"

type env struct {
	h  http.Handler
	st *store.Store
}

func (e env) as(t *testing.T, username string) func(method, path, body string) (int, []byte) {
	t.Helper()
	token := apitest.Login(t, e.h, username, password)
	return func(method, path, body string) (int, []byte) { return apitest.Do(t, e.h, token, method, path, body) }
}

// newEnv seeds the Golmud data as `jixiao seed` does, with a submitter of
// 003001 (who fills the overall report), its reviewer and an admin.
func newEnv(t *testing.T) env {
	t.Helper()
	st := dbtest.Open(t)
	ctx := context.Background()
	_, err := seed.SaveGolmud2024(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.SaveGolmudBudget2024(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := seed.SaveGolmudBudget2024(ctx, st, time.Now()); err != nil { // idempotent
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []user.Account{
		{Username: "o_clerk", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}},
		{Username: "o_reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}},
	} {
		if _, err := st.CreateUser(ctx, a, hash, audit.Entry{Actor: audit.CLI}); err != nil {
			t.Fatal(err)
		}
	}
	d := apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Security:      &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit},
		LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}}
	return env{h: apitest.New(st, d), st: st}
}

type overallProject struct {
	Code           string  `json:"code"`
	Kind           string  `json:"kind"`
	Status         string  `json:"status"`
	Version        int     `json:"version"`
	Budget         string  `json:"budget"`
	BudgetBasic    *string `json:"budget_basic"`
	BudgetProjects *string `json:"budget_projects"`
	IndicatorCount int     `json:"indicator_count"`
	Indicators     []struct {
		ID int64 `json:"id"`
	} `json:"indicators"`
}

// sheetText is every string of an xlsx file's shared strings and sheets.
func sheetText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not an xlsx: %v", err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/sharedStrings") || strings.HasPrefix(f.Name, "xl/worksheets/") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(body)
		}
	}
	return b.String()
}

// TestTheDepartmentAsAWhole: the seed's 003001-ZT2024 is a draft of kind
// department with the disclosed budget and no indicators; the
// reconciliation compares its 项目支出 with the projects' targets (3.00);
// once the department fills its indicators (of the 部门整体 framework) and the
// reviewer approves them, its annual report saves and scores, and every
// table exports it in its own layout, apart from the projects' tables.
func TestTheDepartmentAsAWhole(t *testing.T) {
	e := newEnv(t)
	clerk, reviewer := e.as(t, "o_clerk"), e.as(t, "o_reviewer")

	status, body := clerk(http.MethodGet, "/api/v1/projects?year=2024&kind=department", "")
	var list struct {
		Items []overallProject `json:"items"`
		Total int              `json:"total"`
	}
	if err := json.Unmarshal(body, &list); status != http.StatusOK || err != nil {
		t.Fatalf("list: %d %s", status, body)
	}
	if list.Total != 1 {
		t.Fatalf("overall projects: %+v", list)
	}
	p := list.Items[0]
	if p.Code != "003001-ZT2024" || p.Kind != "department" || p.Status != "draft" || p.Budget != "4397.85" ||
		p.BudgetBasic == nil || *p.BudgetBasic != "2244.07" || p.BudgetProjects == nil || *p.BudgetProjects != "2153.78" || p.IndicatorCount != 0 {
		t.Errorf("003001-ZT2024: %+v", p)
	}
	_, body = clerk(http.MethodGet, "/api/v1/projects?year=2024&kind=project", "")
	if strings.Contains(string(body), "ZT2024") || !strings.Contains(string(body), `"total":12`) {
		t.Errorf("the projects of kind project: %.300s", body)
	}
	// the department's document holds the reports of approved targets: the draft is not among them yet
	if status, body := reviewer(http.MethodGet, "/api/v1/departments/003001/reports/2024/document.docx", ""); status != http.StatusOK {
		t.Errorf("the department's document beside a draft overall target set: %d %.200s", status, body)
	}
	if status, body := clerk(http.MethodGet, "/api/v1/projects?year=2024&kind=whole", ""); status != http.StatusBadRequest {
		t.Errorf("kind=whole: %d %s", status, body)
	}

	status, body = reviewer(http.MethodGet, "/api/v1/departments/003001/reconciliation?year=2024", "")
	var rec struct {
		TargetsTotal string `json:"targets_total"`
		Difference   string `json:"difference"`
		Overall      *struct {
			Code, Budget, BudgetBasic, BudgetProjects, Difference string
		} `json:"overall"`
	}
	if err := json.Unmarshal(body, &rec); status != http.StatusOK || err != nil {
		t.Fatalf("reconciliation: %d %s", status, body)
	}
	var o map[string]any
	_ = json.Unmarshal(body, &o)
	ov, _ := o["overall"].(map[string]any)
	if rec.TargetsTotal != "2150.78" || rec.Difference != "3.00" || ov["code"] != "003001-ZT2024" || ov["budget_projects"] != "2153.78" ||
		ov["difference"] != "3.00" || ov["budget_basic"] != "2244.07" {
		t.Errorf("reconciliation: %s", body)
	}

	// the department fills its overall targets: the 部门整体 framework's levels
	edit := `{"version":1,"name":"格尔木市人民政府办公室2024年部门整体支出绩效","category":"部门整体","budget":"1","goal":"履行政府办公室职责，保障市政府高效运转。","execution_weight":"10","indicators":[
		{"level1":"产出指标","level2":"履职效能","name":"政务督办事项办结率","nature":">=","target":"95","unit":"%","weight":"30"},
		{"level1":"效益指标","level2":"管理效率","name":"公文平均办理时长","nature":"<=","target":"3","unit":"天","weight":"20"},
		{"level1":"效益指标","level2":"社会效应","name":"政务公开信息发布数量","nature":">=","target":"600","unit":"条","weight":"20"},
		{"level1":"满意度指标","level2":"服务对象满意度","name":"服务对象满意度","nature":">=","target":"90","unit":"%","weight":"20"}]}`
	status, body = clerk(http.MethodPut, "/api/v1/projects/003001-ZT2024", edit)
	if status != http.StatusOK {
		t.Fatalf("edit the overall targets: %d %s", status, body)
	}
	var edited overallProject
	_ = json.Unmarshal(body, &edited)
	if edited.Budget != "4397.85" || len(edited.Indicators) != 4 {
		t.Errorf("edited: budget %s (the whole budget stays), %d indicators", edited.Budget, len(edited.Indicators))
	}
	if status, body := clerk(http.MethodPost, "/api/v1/projects/003001-ZT2024/submit", "{}"); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	if status, body := reviewer(http.MethodPost, "/api/v1/projects/003001-ZT2024/approve", `{"reason":"同意"}`); status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, body)
	}
	// assigned to fill its reports
	if _, err := e.st.DB().ExecContext(context.Background(), `INSERT INTO user_projects (user_id, project_code)
		SELECT id, '003001-ZT2024' FROM users WHERE username = 'o_clerk'`); err != nil {
		t.Fatal(err)
	}
	clerk = e.as(t, "o_clerk")
	ids := edited.Indicators
	report := fmt.Sprintf(`{"version":0,"budget":{"executed":"4300.00","parts":[{"part":"basic","executed":"2200.00"},{"part":"projects","executed":"2100.00"}]},"lines":[
		{"indicator_id":%d,"value":"97"},{"indicator_id":%d,"value":"2.5"},{"indicator_id":%d,"value":"640"},{"indicator_id":%d,"value":"92"}]}`,
		ids[0].ID, ids[1].ID, ids[2].ID, ids[3].ID)
	status, body = clerk(http.MethodPut, "/api/v1/projects/003001-ZT2024/reports/2024", report)
	if status != http.StatusOK {
		t.Fatalf("save the overall report: %d %s", status, body)
	}
	var r struct {
		Status string `json:"status"`
		Score  struct {
			Total     string `json:"total"`
			Grade     string `json:"grade"`
			Execution struct {
				Rate  string `json:"rate"`
				Score string `json:"score"`
			} `json:"execution"`
		} `json:"score"`
	}
	_ = json.Unmarshal(body, &r)
	// every indicator met (90) + execution 4300.00 / 4397.85 = 97.78% → 9.78
	if r.Score.Total != "99.78" || r.Score.Grade != "优" || r.Score.Execution.Score != "9.78" {
		t.Errorf("overall report's score: %+v", r.Score)
	}
	checkParts(t, body, `[{"part":"basic","label":"基本支出","budget":"2244.07","executed":"2200.00","projected":null,"rate":"0.9804"},`+
		`{"part":"projects","label":"项目支出","budget":"2153.78","executed":"2100.00","projected":null,"rate":"0.975"}]`)
	// a partial save changes one part and keeps the other
	status, body = clerk(http.MethodPatch, "/api/v1/projects/003001-ZT2024/reports/2024",
		`{"version":1,"budget":{"parts":[{"part":"projects","executed":"2153.78"}]}}`)
	if status != http.StatusOK {
		t.Fatalf("patch a part: %d %s", status, body)
	}
	checkParts(t, body, `[{"part":"basic","label":"基本支出","budget":"2244.07","executed":"2200.00","projected":null,"rate":"0.9804"},`+
		`{"part":"projects","label":"项目支出","budget":"2153.78","executed":"2153.78","projected":null,"rate":"1"}]`)
	status, body = clerk(http.MethodGet, "/api/v1/projects/003001-ZT2024/reports/2024", "")
	if status != http.StatusOK {
		t.Fatalf("read the overall report: %d %s", status, body)
	}
	checkParts(t, body, `[{"part":"basic","label":"基本支出","budget":"2244.07","executed":"2200.00","projected":null,"rate":"0.9804"},`+
		`{"part":"projects","label":"项目支出","budget":"2153.78","executed":"2153.78","projected":null,"rate":"1"}]`)
	for _, bad := range []struct{ body, field string }{
		{`{"version":2,"budget":{"parts":[{"part":"whole","executed":"1"}]}}`, "budget.parts[0].part"},
		{`{"version":2,"budget":{"parts":[{"part":"basic","executed":"-1"}]}}`, "budget.parts[0].executed"},
		{`{"version":2,"budget":{"parts":[{"part":"basic","executed":"1.234"}]}}`, "budget.parts[0].executed"},
		{`{"version":2,"budget":{"parts":[{"part":"basic","executed":1}]}}`, "budget.parts[0].executed"},
		{`{"version":2,"budget":{"parts":[{"part":"basic"},{"part":"basic"}]}}`, "budget.parts[1].part"},
	} {
		status, body := clerk(http.MethodPatch, "/api/v1/projects/003001-ZT2024/reports/2024", bad.body)
		if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"`+bad.field+`"`) {
			t.Errorf("%s: %d %s", bad.body, status, body)
		}
	}
	if status, body := clerk(http.MethodPost, "/api/v1/projects/003001-ZT2024/reports/2024/submit", ""); status != http.StatusOK {
		t.Fatalf("submit the overall report: %d %s", status, body)
	}

	for _, tc := range []struct{ path, want, not string }{
		{"/api/v1/exports/targets.xlsx?year=2024&department=003001&kind=department", "2024年度部门整体支出绩效目标表", "63280100024R000014831"},
		{"/api/v1/exports/self-evaluation.xlsx?year=2024&department=003001&kind=department", "2024年度部门整体支出绩效自评表", "63280100024R000014831"},
		{"/api/v1/exports/monitoring.xlsx?period=2024-06&department=003001&kind=department", "2024年1-6月部门整体支出绩效运行监控表", "63280100024R000014831"},
		{"/api/v1/exports/self-evaluation.xlsx?year=2024&department=003001", "2024年度项目支出绩效自评表", "部门整体"},
	} {
		status, body := reviewer(http.MethodGet, tc.path, "")
		if status != http.StatusOK {
			t.Errorf("%s: %d %.200s", tc.path, status, body)
			continue
		}
		text := sheetText(t, body)
		if !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
			t.Errorf("%s: want %q and not %q", tc.path, tc.want, tc.not)
		}
		if strings.Contains(tc.path, "kind=department") && !strings.Contains(text, "基本支出 2244.07 万元，项目支出 2153.78 万元") {
			t.Errorf("%s: no budget composition", tc.path)
		}
		if strings.Contains(tc.path, "self-evaluation.xlsx") && strings.Contains(tc.path, "kind=department") &&
			(!strings.Contains(text, "其中：基本支出") || !strings.Contains(text, "其中：项目支出")) {
			t.Errorf("%s: no execution of 基本支出 and 项目支出", tc.path)
		}
	}
	projectReportHasNoParts(t, e)
}

// checkParts compares a report's budget.parts with want (JSON).
func checkParts(t *testing.T, body []byte, want string) {
	t.Helper()
	var r struct {
		Budget struct {
			Parts json.RawMessage `json:"parts"`
		} `json:"budget"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if string(r.Budget.Parts) != want {
		t.Errorf("budget.parts:\n got %s\nwant %s", r.Budget.Parts, want)
	}
}

// projectReportHasNoParts: the report of an ordinary project neither shows
// nor takes the execution of 基本支出 and 项目支出.
func projectReportHasNoParts(t *testing.T, e env) {
	t.Helper()
	if _, err := e.st.DB().ExecContext(context.Background(), `INSERT INTO user_projects (user_id, project_code)
		SELECT u.id, p.code FROM users u, projects p WHERE u.username = 'o_clerk' AND p.department_code = '003001' AND p.kind = 'project'`); err != nil {
		t.Fatal(err)
	}
	clerk := e.as(t, "o_clerk")
	var code string
	if err := e.st.DB().QueryRowContext(context.Background(),
		`SELECT code FROM projects WHERE department_code = '003001' AND kind = 'project' ORDER BY code LIMIT 1`).Scan(&code); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/projects/" + code + "/reports/2024-06"
	status, body := clerk(http.MethodPatch, path, `{"version":0,"budget":{"executed":"1.00","parts":[{"part":"basic","executed":"1.00"}]}}`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"budget.parts"`) {
		t.Errorf("parts on a project's report: %d %s", status, body)
	}
	status, body = clerk(http.MethodPatch, path, `{"version":0,"budget":{"executed":"1.00"}}`)
	if status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	var r map[string]map[string]json.RawMessage
	_ = json.Unmarshal(body, &r)
	if _, has := r["budget"]["parts"]; has || r["budget"]["executed"] == nil {
		t.Errorf("a project's report shows parts: %s", r["budget"])
	}
}
