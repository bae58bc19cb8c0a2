package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/user"
)

type projectList struct {
	Items []struct {
		Code       string `json:"code"`
		Name       string `json:"name"`
		Category   string `json:"category"`
		Budget     any    `json:"budget"`
		Department struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"department"`
		IndicatorCount int `json:"indicator_count"`
	} `json:"items"`
	Total       int    `json:"total"`
	BudgetTotal string `json:"budget_total"`
}

func TestListProjectsOf2024AddUpToTheDisclosedTotal(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/projects?year=2024", "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	l := decode[projectList](t, body)
	if l.Total != 12 || len(l.Items) != 12 {
		t.Fatalf("want 12 projects, got total %d, items %d", l.Total, len(l.Items))
	}
	sum := decimal.Zero
	indicators := 0
	for _, p := range l.Items {
		s, ok := p.Budget.(string)
		if !ok {
			t.Fatalf("budget of %s is %T, want a string", p.Code, p.Budget)
		}
		sum = sum.Add(decimal.RequireFromString(s))
		indicators += p.IndicatorCount
		if p.Department.Code != "003001" || p.Department.Name != "格尔木市人民政府办公室" {
			t.Errorf("%s: department %+v", p.Code, p.Department)
		}
	}
	if !sum.Equal(decimal.RequireFromString("2150.78")) || l.BudgetTotal != "2150.78" {
		t.Errorf("budgets add to %s (budget_total %s), want 2150.78", sum, l.BudgetTotal)
	}
	if indicators != 76 {
		t.Errorf("indicator counts add to %d, want 76", indicators)
	}
}

func TestListProjectsFilters(t *testing.T) {
	e, _ := newAPI(t)
	for _, tc := range []struct {
		name, query string
		want        int
	}{
		{"other year has none", "?year=2023", 0},
		{"department filter", "?year=2024&department=003001", 12},
		{"unknown department", "?department=999999", 0},
		{"no filter", "", 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, e, http.MethodGet, "/api/v1/projects"+tc.query, "")
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			if l := decode[projectList](t, body); l.Total != tc.want || len(l.Items) != tc.want {
				t.Errorf("got %d projects, want %d", l.Total, tc.want)
			}
		})
	}
}

func TestListProjectsRejectsAMalformedYear(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/projects?year=24x", "")
	if status != http.StatusBadRequest {
		t.Fatalf("status %d: %s", status, body)
	}
	if msg := errorBody(t, body).Message; msg == "" {
		t.Error("a 400 without a message")
	}
}

type errorEnvelope struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func errorBody(t *testing.T, body []byte) struct {
	Code    string
	Message string
	Fields  map[string]string
} {
	t.Helper()
	env := decode[errorEnvelope](t, body)
	return struct {
		Code    string
		Message string
		Fields  map[string]string
	}{env.Error.Code, env.Error.Message, env.Error.Fields}
}

func TestGetProjectShowsItsIndicatorsAsPublished(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/projects/63280100024R000014831", "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var p struct {
		Code            string `json:"code"`
		Name            string `json:"name"`
		Category        string `json:"category"`
		Budget          string `json:"budget"`
		Goal            string `json:"goal"`
		ExecutionWeight string `json:"execution_weight"`
		Indicators      []struct {
			ID      int64           `json:"id"`
			Level1  string          `json:"level1"`
			Level2  string          `json:"level2"`
			Name    string          `json:"name"`
			Nature  string          `json:"nature"`
			Target  string          `json:"target"`
			Unit    string          `json:"unit"`
			Weight  json.RawMessage `json:"weight"`
			Kind    string          `json:"kind"`
			Accrual string          `json:"accrual"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Name != "编制外长期聘用人员支出" || p.Category != "12-编外人员类" || p.Budget != "744.78" || p.ExecutionWeight != "10" {
		t.Errorf("project fields: %+v", p)
	}
	if p.Goal == "" {
		t.Error("goal text missing")
	}
	wantWeights := []string{`"20"`, `"20"`, `"20"`, `"20"`, `"10"`}
	if len(p.Indicators) != len(wantWeights) {
		t.Fatalf("got %d indicators, want 5", len(p.Indicators))
	}
	for i, w := range wantWeights {
		if string(p.Indicators[i].Weight) != w {
			t.Errorf("indicator %d weight %s, want %s (a JSON string)", i, p.Indicators[i].Weight, w)
		}
		if p.Indicators[i].ID == 0 {
			t.Errorf("indicator %d has no id", i)
		}
	}
	first := p.Indicators[0]
	if first.Nature != "=" || first.Target != "63" || first.Unit != "人" || first.Kind != "equal" || first.Accrual != "level" {
		t.Errorf("first indicator: %+v", first)
	}
	if q := p.Indicators[3]; q.Nature != "qualitative" || q.Kind != "qualitative" || q.Accrual != "" {
		t.Errorf("fourth indicator: %+v", q)
	}
	if r := p.Indicators[1]; r.Nature != ">=" || r.Target != "95" || r.Unit != "%" || r.Kind != "higher" || r.Accrual != "level" {
		t.Errorf("second indicator: %+v", r)
	}
}

func TestGetUnknownProjectIs404WithAChineseMessage(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/projects/NOPE", "")
	if status != http.StatusNotFound {
		t.Fatalf("status %d: %s", status, body)
	}
	if eb := errorBody(t, body); eb.Code != "not_found" || eb.Message == "" {
		t.Errorf("error body %s", body)
	}
}

func TestPeriodsAndDepartments(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/periods?year=2024", "")
	if status != http.StatusOK {
		t.Fatalf("periods: %d %s", status, body)
	}
	type periodJSON struct {
		Key         string `json:"key"`
		Kind        string `json:"kind"`
		Year        int    `json:"year"`
		CutoffMonth int    `json:"cutoff_month"`
	}
	ps := decode[[]periodJSON](t, body)
	want := []periodJSON{{"2024-06", "monitor", 2024, 6}, {"2024", "final", 2024, 12}}
	if len(ps) != len(want) || ps[0] != want[0] || ps[1] != want[1] {
		t.Errorf("periods %+v, want %+v", ps, want)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/departments", "")
	if status != http.StatusOK {
		t.Fatalf("departments: %d %s", status, body)
	}
	ds := decode[[]map[string]any](t, body)
	if len(ds) != 1 || ds[0]["code"] != "003001" || ds[0]["name"] != "格尔木市人民政府办公室" || ds[0]["parent_code"] != nil || ds[0]["level"] != float64(1) {
		t.Errorf("departments %v", ds)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	e, _ := newAPI(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		if status, body := call(t, e, http.MethodGet, path, ""); status != http.StatusOK {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
}

func TestResponsesCarryARequestID(t *testing.T) {
	e, _ := newAPI(t)
	req, _ := http.NewRequest(http.MethodGet, "/healthz", nil)
	rec := newRecorder()
	e.ServeHTTP(rec, req)
	if rec.Header().Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id header")
	}
}

// TestTheProjectListIsPagedAndSearchedOnTheServer: a page at a time (50 by
// default, at most 500), searched by part of a name or a code, the totals
// counting every match; a submitter's own projects first.
func TestTheProjectListIsPagedAndSearchedOnTheServer(t *testing.T) {
	e, st := newAPI(t)
	type list struct {
		Items []struct {
			Code     string `json:"code"`
			Assigned bool   `json:"assigned"`
		} `json:"items"`
		Total       int    `json:"total"`
		BudgetTotal string `json:"budget_total"`
		Page        int    `json:"page"`
		Size        int    `json:"size"`
	}
	get := func(h http.Handler, query string) list {
		t.Helper()
		status, body := call(t, h, http.MethodGet, "/api/v1/projects?year=2024&department=003001"+query, "")
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", query, status, body)
		}
		return decode[list](t, body)
	}
	reviewer := e.as(user.Reviewer)
	all := get(reviewer, "")
	if all.Total != 12 || len(all.Items) != 12 || all.BudgetTotal != "2150.78" || all.Page != 1 || all.Size != 50 {
		t.Fatalf("default page: %d items of %d, budget %s, page %d size %d", len(all.Items), all.Total, all.BudgetTotal, all.Page, all.Size)
	}
	p2 := get(reviewer, "&page=2&size=5")
	if len(p2.Items) != 5 || p2.Total != 12 || p2.BudgetTotal != "2150.78" || p2.Items[0].Code != all.Items[5].Code {
		t.Errorf("page 2 of 5: %+v", p2)
	}
	if past := get(reviewer, "&page=9&size=5"); len(past.Items) != 0 || past.Total != 12 {
		t.Errorf("past the last page: %+v", past)
	}
	if found := get(reviewer, "&q="+url.QueryEscape("金融服务")); found.Total != 1 || found.Items[0].Code != "63280100024T000000642" || found.BudgetTotal != "15.80" {
		t.Errorf("by name: %+v", found)
	}
	if found := get(reviewer, "&q=T000000642"); found.Total != 1 {
		t.Errorf("by code: %+v", found)
	}
	if found := get(reviewer, "&q=%25"); found.Total != 0 {
		t.Errorf("a wildcard is a character: %+v", found)
	}
	// a submitter's own projects come first
	createUser(t, st, user.Account{Username: "t_own642", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"},
		Projects: []string{"63280100024T000000642"}})
	own := get(withHeader(e.anon(), login(t, e.anon(), "t_own642", testPassword).bearer()...), "&size=3")
	if own.Total != 12 || own.Items[0].Code != "63280100024T000000642" || !own.Items[0].Assigned || own.Items[1].Assigned {
		t.Errorf("own first: %+v", own)
	}
	for _, bad := range []string{"&size=501", "&page=0", "&status=done", "&q=" + strings.Repeat("长", 101)} {
		if status, _ := call(t, reviewer, http.MethodGet, "/api/v1/projects?year=2024"+bad, ""); status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, status)
		}
	}
	// department pickers search on the server
	status, body := call(t, reviewer, http.MethodGet, "/api/v1/departments?q="+url.QueryEscape("政府办公室")+"&size=5", "")
	ds := decode[[]struct{ Code, Name string }](t, body)
	if status != http.StatusOK || len(ds) != 1 || ds[0].Code != "003001" {
		t.Errorf("departments by name: %d %s", status, body)
	}
	status, body = call(t, reviewer, http.MethodGet, "/api/v1/departments?codes=003001,999999", "")
	if ds := decode[[]struct{ Code, Name string }](t, body); status != http.StatusOK || len(ds) != 1 || ds[0].Name != "格尔木市人民政府办公室" {
		t.Errorf("departments by code: %d %s", status, body)
	}
	if status, _ := call(t, reviewer, http.MethodGet, "/api/v1/departments?size=1000", ""); status != http.StatusBadRequest {
		t.Errorf("a page of 1000 departments: %d", status)
	}
}
