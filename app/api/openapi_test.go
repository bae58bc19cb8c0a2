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
