package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jixiao/app/api"
	"jixiao/app/api/apitest"
	"jixiao/domain/user"
)

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

var echoParam = regexp.MustCompile(`:([a-z_]+)`)

// TestOpenAPIDescribesEveryRoute keeps the served document true to the
// router: the same operations, and the same permission on each.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e, http.MethodGet, "/api/v1/openapi.json", "")
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Perm        *string `json:"x-permission"`
			OperationID string  `json:"operationId"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]string{}
	ids := map[string]string{} // operationId → operation: the web app's types are named by them
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
			} else if other, dup := ids[op.OperationID]; dup {
				t.Errorf("operationId %q names both %s and %s %s", op.OperationID, other, method, path)
			}
			ids[op.OperationID] = method + " " + path
			if op.Perm == nil {
				t.Errorf("%s %s has no x-permission", method, path)
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = *op.Perm
		}
	}
	served := map[string]string{}
	for _, r := range api.RouteTable() {
		served[r.Method+" "+r.Path] = string(r.Perm)
	}
	// The router itself must serve exactly the table.
	routed := map[string]bool{}
	for _, r := range e.Routes() {
		routed[r.Method+" "+echoParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	for k := range served {
		if !routed[k] {
			t.Errorf("route table entry %s is not routed", k)
		}
	}
	var missing, extra []string
	for k, perm := range served {
		got, ok := documented[k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		if got != perm {
			t.Errorf("%s: document says permission %q, route table %q", k, got, perm)
		}
	}
	for k := range documented {
		if _, ok := served[k]; !ok {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from the document: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("document paths with no route: %v", extra)
	}
}

// TestOpenAPIContractCatchesWhatTheServerDoesNotAnswer: the check every
// test's answers pass (apitest.CheckContract) fails an answer that lacks a
// required property, carries one the document does not name, has null where
// the schema is not nullable, another type, or a value outside the enum; the
// real answers pass it.
func TestOpenAPIContractCatchesWhatTheServerDoesNotAnswer(t *testing.T) {
	e, _ := newAPI(t)
	for _, target := range []string{"/api/v1/me", "/api/v1/projects/63280100024T000000638/reports/2024", "/api/v1/projects?year=2024", "/api/v1/audit"} {
		var h http.Handler = e
		if strings.HasSuffix(target, "/audit") {
			h = e.as(user.Auditor)
		}
		status, body := call(t, h, http.MethodGet, target, "")
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", target, status, body)
		}
		check := func(v map[string]any) []string {
			b, _ := json.Marshal(v)
			_, problems := apitest.ContractProblems(e, http.MethodGet, target, status, "application/json", b)
			return problems
		}
		fresh := func() map[string]any { return decode[map[string]any](t, body) }
		if p := check(fresh()); len(p) != 0 {
			t.Errorf("GET %s: the real answer fails: %v", target, p)
		}
		cases := map[string]func(map[string]any){}
		switch {
		case strings.HasSuffix(target, "/me"):
			cases[`"username" is missing`] = func(v map[string]any) { delete(v, "username") }
			cases[`"assigned_projects" is missing`] = func(v map[string]any) { delete(v, "assigned_projects") }
			cases[`"nickname" is not in the document`] = func(v map[string]any) { v["nickname"] = "x" }
			cases[`$.roles[0]: owner is not in the enum`] = func(v map[string]any) { v["roles"] = []any{"owner"} }
		case strings.Contains(target, "/reports/"):
			cases[`"score" is missing`] = func(v map[string]any) { delete(v, "score") }
			cases[`$.lines[0]: the required property "rule_name" is missing`] = func(v map[string]any) {
				delete(v["lines"].([]any)[0].(map[string]any), "rule_name")
			}
			cases[`$.budget.budget: null, and the schema is not nullable`] = func(v map[string]any) {
				v["budget"].(map[string]any)["budget"] = nil
			}
			cases[`$.version: a string where the schema says integer`] = func(v map[string]any) { v["version"] = "3" }
		case strings.HasSuffix(target, "/audit"):
			cases[`$.items[0].after: matches 0 of the 2 oneOf schemas`] = func(v map[string]any) {
				v["items"].([]any)[0].(map[string]any)["after"] = "text"
			}
		default:
			cases[`$.items[0]: the required property "department" is missing`] = func(v map[string]any) {
				delete(v["items"].([]any)[0].(map[string]any), "department")
			}
			cases[`$.total: the number 1.5 where the schema says integer`] = func(v map[string]any) { v["total"] = 1.5 }
		}
		for want, spoil := range cases {
			v := fresh()
			spoil(v)
			p := check(v)
			if !strings.Contains(strings.Join(p, "\n"), want) {
				t.Errorf("GET %s with %s: problems %v", target, want, p)
			}
		}
	}
}
