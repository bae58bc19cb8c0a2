package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"jixiao/app/api"
	"jixiao/domain/user"
)

// TestEveryRouteKeepsToTheSubtree sends every route of the route table,
// naming a school's project (its never-saved 2024 report) or the school
// itself, as four people: the school's 主管部门 supervisor (inside), the
// supervisor of another 主管部门 (outside), the finance reviewer of both, and
// the clerk of the other school of the same 主管部门. The outsiders never
// find the school's things (404, or 403 where their role lacks the
// permission; a write is never accepted nor told the report's state), nor
// see them in any list; the insiders read them.
func TestEveryRouteKeepsToTheSubtree(t *testing.T) {
	c := newCity(t)
	code := c.cityProject(t, schoolOne)
	params := map[string]string{
		"{period}": "2024", "{key}": "2024", "{id}": "999999999", "{username}": "matrix-nobody",
		"{name}": "national", "{version}": "1",
	}
	type who struct {
		name    string
		h       http.Handler
		role    user.Role
		inside  bool
		listsIt bool // its lists name the school's project
	}
	people := []who{
		{"supervisor inside", c.eduSupervisor, user.Supervisor, true, true},
		{"supervisor outside", c.hltSupervisor, user.Supervisor, false, false},
		{"finance reviewer", c.reviewer, user.Reviewer, true, true},
		{"clerk of the other school", c.clerk2, user.Submitter, false, false},
	}
	lists := map[string]string{ // list routes and the query that would show the school
		"GET /api/v1/reports":          "?period=2024&size=200",
		"GET /api/v1/reports.csv":      "?period=2024",
		"GET /api/v1/projects":         "?year=2024",
		"GET /api/v1/dashboard":        "?period=2024",
		"GET /api/v1/departments":      "",
		"GET /api/v1/target-changes":   "",
		"GET /api/v1/todos":            "",
		"GET /api/v1/rounds":           "",
		"GET /api/v1/notifications":    "",
		"GET /api/v1/contacts":         "",
		"GET /api/v1/rule-profiles":    "",
		"GET /api/v1/periods":          "?year=2024",
		"GET /api/v1/me":               "",
		"GET /api/v1/me/security":      "",
		"GET /api/v1/account-resets":   "",
		"GET /api/v1/audit":            "",
		"GET /api/v1/audit/vocabulary": "",
	}
	needs := map[string]string{"GET /api/v1/departments/{code}/reconciliation": "?year=2024"}
	checked := 0
	for _, r := range api.RouteTable() {
		if r.Perm == api.PermPublic || r.Perm == api.PermAuthLogout || r.Perm == api.PermAuthStep {
			continue
		}
		key := r.Method + " " + r.Path
		names := strings.Contains(r.Path, "{code}")
		path := r.Path
		if strings.HasPrefix(path, "/api/v1/departments/{code}") {
			path = strings.Replace(path, "{code}", schoolOne, 1)
		} else {
			path = strings.Replace(path, "{code}", code, 1)
		}
		for k, v := range params {
			path = strings.ReplaceAll(path, k, v)
		}
		body := ""
		if r.Method != http.MethodGet {
			body = "{}"
		}
		query, isList := lists[key]
		if q, ok := needs[key]; ok {
			query = q
		}
		for _, p := range people {
			granted := slices.Contains(grants[p.role], r.Perm)
			status, resp := call(t, p.h, r.Method, path+query, body)
			switch {
			case !granted:
				if status != http.StatusForbidden {
					t.Errorf("%s as %s: %d, want 403 (not granted): %.200s", key, p.name, status, resp)
				}
			case names && !p.inside:
				// outside: never found; a write may be refused for its body first, never by the report's state
				ok := status == http.StatusNotFound || r.Method != http.MethodGet &&
					(status == http.StatusBadRequest || status == http.StatusUnprocessableEntity || status == http.StatusForbidden)
				if !ok {
					t.Errorf("%s as %s: %d, want 404: %.300s", key, p.name, status, resp)
				}
			case names && p.inside && r.Method == http.MethodGet:
				if status == http.StatusNotFound || status == http.StatusForbidden {
					t.Errorf("%s as %s: %d, want it found: %.300s", key, p.name, status, resp)
				}
			case isList && status == http.StatusOK:
				has := strings.Contains(string(resp), code) || strings.Contains(string(resp), "市第一中学")
				if has && !p.listsIt {
					t.Errorf("%s as %s lists the school's project: %.300s", key, p.name, resp)
				}
				if !has && p.listsIt && (key == "GET /api/v1/reports" || key == "GET /api/v1/projects" || key == "GET /api/v1/departments" ||
					key == "GET /api/v1/reports.csv") {
					t.Errorf("%s as %s does not list the school's project: %.300s", key, p.name, resp)
				}
			}
			checked++
		}
	}
	if checked < 4*80 {
		t.Errorf("only %d route × person checks", checked)
	}
}
