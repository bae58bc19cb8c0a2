package provincetest

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"jixiao/app/auth"
	"jixiao/app/gen"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

type projectPage struct {
	Items []struct {
		Code string `json:"code"`
	} `json:"items"`
	Total int `json:"total"`
	Page  int `json:"page"`
	Size  int `json:"size"`
}

// TestTheAuditorsProjectListIsOnePageWithItsTotal: the auditor of the
// province asks for /projects with no paging parameters and gets the
// first page of the default size with the total of every project of the
// year, not the province's thousands of projects; the next page follows
// without overlap, and a page beyond the maximum size is refused.
func TestTheAuditorsProjectListIsOnePageWithItsTotal(t *testing.T) {
	v := newEnv(t)
	var want int
	if err := v.st.DB().QueryRowContext(context.Background(), "SELECT count(*) FROM projects WHERE year = 2024").Scan(&want); err != nil {
		t.Fatal(err)
	}
	if want != departments*projectsPer {
		t.Fatalf("the generated province has %d projects of 2024, want %d", want, departments*projectsPer)
	}
	first, n := get[projectPage](t, v, gen.AuditorName, "/api/v1/projects?year=2024")
	if first.Total != want || len(first.Items) != 50 || first.Page != 1 || first.Size != 50 {
		t.Fatalf("auditor's first page: total %d, %d items, page %d size %d; want total %d, 50 items", first.Total, len(first.Items),
			first.Page, first.Size, want)
	}
	t.Logf("the first page of %d projects is %d bytes", want, n)
	second, _ := get[projectPage](t, v, gen.AuditorName, "/api/v1/projects?year=2024&page=2")
	seen := map[string]bool{}
	for _, it := range first.Items {
		seen[it.Code] = true
	}
	for _, it := range second.Items {
		if seen[it.Code] {
			t.Errorf("%s is on pages 1 and 2", it.Code)
		}
	}
	if len(second.Items) != 50 || second.Total != want {
		t.Errorf("second page: %d items, total %d", len(second.Items), second.Total)
	}
	if status, body := v.do(t, gen.AuditorName, http.MethodGet, "/api/v1/projects?year=2024&size=501", ""); status != http.StatusBadRequest {
		t.Errorf("size 501: %d %.200s, want 400", status, body)
	}
	// without a year too: every year's projects, one page
	all, _ := get[projectPage](t, v, gen.AuditorName, "/api/v1/projects")
	if all.Total < want || len(all.Items) != 50 {
		t.Errorf("without a year: total %d, %d items", all.Total, len(all.Items))
	}
}

type anyPage struct {
	Items []json.RawMessage `json:"items"`
	Total int               `json:"total"`
	Page  int               `json:"page"`
	Size  int               `json:"size"`
}

// TestEveryListAnswersOnePage: in the generated province, every list a role
// opens answers, with no paging parameters, one page of the default size at
// most with the total of every item; a size beyond the maximum is refused.
func TestEveryListAnswersOnePage(t *testing.T) {
	v := newEnv(t)
	ctx := context.Background()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.st.CreateUser(ctx, user.Account{Username: "prov_admin", Roles: []user.Role{user.Admin}}, hash, audit.Entry{Actor: audit.CLI}); err != nil &&
		!strings.Contains(err.Error(), "exists") {
		t.Fatal(err)
	}
	reviewer := gen.ReviewerName(0)
	for _, c := range []struct {
		who, path string
		atLeast   int // the total must count at least this many
	}{
		{gen.AuditorName, "/api/v1/projects?year=2024", departments * projectsPer},
		{gen.AuditorName, "/api/v1/reports?period=2024-06", departments * projectsPer},
		{reviewer, "/api/v1/reports?period=2024-06&status=submitted", 1},
		{gen.AuditorName, "/api/v1/audit", 1},
		{gen.AuditorName, "/api/v1/contacts", departments},
		{"prov_admin", "/api/v1/users", departments},
		{reviewer, "/api/v1/target-changes", 0},
		{reviewer, "/api/v1/rounds", 0},
		{reviewer, "/api/v1/todos", 0},
		{gen.AuditorName, "/api/v1/account-resets", 0},
	} {
		p, n := get[anyPage](t, v, c.who, c.path)
		size := 50
		if p.Size != 0 && p.Size != size {
			t.Errorf("%s: size %d, want the default %d", c.path, p.Size, size)
		}
		if len(p.Items) > size || p.Total < c.atLeast || p.Total < len(p.Items) || (p.Total > size && len(p.Items) != size) {
			t.Errorf("%s as %s: %d items of %d (want at most %d, a total of at least %d)", c.path, c.who, len(p.Items), p.Total, size, c.atLeast)
		}
		t.Logf("%s as %s: %d of %d, %d bytes", c.path, c.who, len(p.Items), p.Total, n)
		sep := "?"
		if strings.Contains(c.path, "?") {
			sep = "&"
		}
		if status, body := v.do(t, c.who, http.MethodGet, c.path+sep+"size=501", ""); status != http.StatusBadRequest {
			t.Errorf("%s with size 501: %d %.200s, want 400", c.path, status, body)
		}
	}
	// the departments a picker reads: an array of at most a page
	status, body := v.do(t, gen.AuditorName, http.MethodGet, "/api/v1/departments", "")
	var deps []json.RawMessage
	if status != http.StatusOK || json.Unmarshal(body, &deps) != nil {
		t.Fatalf("departments: %d %.200s", status, body)
	}
	if len(deps) != 200 {
		t.Errorf("departments without a size: %d, want a page of 200 of the province's %d", len(deps), departments)
	}
}

// TestTheProvincesDashboardListsABoundOfDepartments: the auditor's
// dashboard of the province lists the first 100 departments in code order
// with the count of them all, not a row for each of the province's
// departments in every answer; a department filter reads one of the rest.
func TestTheProvincesDashboardListsABoundOfDepartments(t *testing.T) {
	v := newEnv(t)
	type folded struct {
		Code     string `json:"code"`
		Projects int    `json:"projects"`
	}
	type dashboard struct {
		Departments     []folded `json:"departments"`
		DepartmentCount int      `json:"department_count"`
	}
	d, n := get[dashboard](t, v, gen.AuditorName, "/api/v1/dashboard?period=2024-06")
	if d.DepartmentCount != departments || len(d.Departments) != 100 {
		t.Fatalf("%d departments listed of %d, want 100 of %d", len(d.Departments), d.DepartmentCount, departments)
	}
	for i := 1; i < len(d.Departments); i++ {
		if d.Departments[i-1].Code >= d.Departments[i].Code {
			t.Fatalf("departments out of code order: %s before %s", d.Departments[i-1].Code, d.Departments[i].Code)
		}
	}
	t.Logf("the province's dashboard is %d bytes", n)
	last := gen.DepartmentCode(departments - 1)
	one, _ := get[dashboard](t, v, gen.AuditorName, "/api/v1/dashboard?period=2024-06&department="+last)
	if one.DepartmentCount != 1 || len(one.Departments) != 1 || one.Departments[0].Code != last || one.Departments[0].Projects != projectsPer {
		t.Errorf("department %s alone: %+v", last, one)
	}
}
