package api_test

import (
	"net/http"
	"testing"

	"jixiao/domain/user"
)

func TestDashboardPagesItsProjectsButTotalsAll(t *testing.T) {
	a, _ := newAPI(t)
	type dash struct {
		ProjectCount int            `json:"project_count"`
		ByStatus     map[string]int `json:"by_status"`
		Projects     []struct {
			Code string `json:"code"`
		} `json:"projects"`
	}
	status, body := call(t, a.as(user.Auditor), http.MethodGet, "/api/v1/dashboard?period=2024-06", "")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	all := decode[dash](t, body)
	status, body = call(t, a.as(user.Auditor), http.MethodGet, "/api/v1/dashboard?period=2024-06&page=2&size=5", "")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	page := decode[dash](t, body)
	if all.ProjectCount != 12 || len(all.Projects) != 12 || page.ProjectCount != 12 || len(page.Projects) != 5 ||
		page.Projects[0].Code != all.Projects[5].Code {
		t.Errorf("all %d/%d, page 2 of 5: %d/%d", all.ProjectCount, len(all.Projects), page.ProjectCount, len(page.Projects))
	}
	for _, q := range []string{"size=0", "size=1001", "page=x"} {
		status, body := call(t, a.as(user.Auditor), http.MethodGet, "/api/v1/dashboard?period=2024-06&"+q, "")
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s, want 422", q, status, body)
		}
	}
}
