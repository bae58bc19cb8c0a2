package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"jixiao/domain/user"
)

// premisesProject is 机关事务综合管理 (…634), saved and submitted here only.
const premisesProject = "63280100024T000000634"

type reportList struct {
	Items []struct {
		Project struct {
			Code       string `json:"code"`
			Name       string `json:"name"`
			Department struct{ Code, Name string }
		} `json:"project"`
		Period        string  `json:"period"`
		Status        string  `json:"status"`
		Saved         bool    `json:"saved"`
		Light         string  `json:"light"`
		Score         *string `json:"score"`
		Grade         string  `json:"grade"`
		ExecutionRate *string `json:"execution_rate"`
		Blocking      int     `json:"blocking"`
		UpdatedAt     *string `json:"updated_at"`
		UpdatedBy     string  `json:"updated_by"`
	} `json:"items"`
	Total int `json:"total"`
}

func listReports(t *testing.T, h http.Handler, query string) reportList {
	t.Helper()
	status, body := call(t, h, http.MethodGet, "/api/v1/reports?"+query, "")
	if status != http.StatusOK {
		t.Fatalf("list %s: %d %s", query, status, body)
	}
	return decode[reportList](t, body)
}

func TestReportListIsTheReviewersQueue(t *testing.T) {
	e, st := newAPI(t)
	seedOtherDepartment(t, st)
	ids := indicatorIDsOf(t, e, premisesProject)
	full := fmt.Sprintf(`{"version": 0, "budget": {"executed": "100.00"}, "lines": [
		{"indicator_id": %d, "value": "18000"}, {"indicator_id": %d, "value": "95"}, {"indicator_id": %d, "value": "98"},
		{"indicator_id": %d, "completed_on": "2024-10-01"},
		{"indicator_id": %d, "band": "achieved", "score_input": "10"}, {"indicator_id": %d, "band": "achieved", "score_input": "10"},
		{"indicator_id": %d, "value": "95"}]}`, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6])
	path := reportPath(premisesProject, "2024")
	if status, body := call(t, e, http.MethodPut, path, full); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	if status, body := call(t, e, http.MethodPost, path+"/submit", ""); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	reviewer := e.as(user.Reviewer)

	all := listReports(t, reviewer, "period=2024")
	if all.Total != 12 || len(all.Items) != 12 {
		t.Fatalf("the reviewer of 003001 sees %d reports of 2024, want 12", all.Total)
	}
	both := listReports(t, reviewer, "")
	if both.Total != 24 {
		t.Errorf("every project × period: %d, want 24 (12 projects × 2 periods)", both.Total)
	}
	queue := listReports(t, reviewer, "status=submitted&q=确权")
	if queue.Total != 1 || queue.Items[0].Project.Code != premisesProject || queue.Items[0].Period != "2024" ||
		queue.Items[0].Score == nil || *queue.Items[0].Score != "100.00" || queue.Items[0].UpdatedBy != "t_submitter" ||
		queue.Items[0].Project.Department.Code != "003001" || queue.Items[0].UpdatedAt == nil {
		t.Errorf("queue %+v", queue)
	}

	t.Run("a never-saved report is a draft showing what blocks it", func(t *testing.T) {
		const code = "63280100024T000000641"
		l := listReports(t, reviewer, "period=2024&q="+code)
		_, body := call(t, e, http.MethodGet, reportPath(code, "2024"), "")
		r := decode[struct {
			Blocking []any `json:"blocking"`
			Light    string
		}](t, body)
		if l.Total != 1 || l.Items[0].Saved || l.Items[0].Status != "draft" || l.Items[0].Score != nil ||
			l.Items[0].Blocking == 0 || l.Items[0].Blocking != len(r.Blocking) || l.Items[0].Light != r.Light {
			t.Errorf("list row %+v, report blocking %d light %s", l.Items, len(r.Blocking), r.Light)
		}
		_, dash := call(t, reviewer, http.MethodGet, "/api/v1/dashboard?period=2024", "")
		d := decode[struct {
			Projects []struct {
				Code     string
				Blocking int
			}
		}](t, dash)
		for _, p := range d.Projects {
			if p.Code == code && p.Blocking != len(r.Blocking) {
				t.Errorf("dashboard shows %d blocking for a never-saved report listing %d", p.Blocking, len(r.Blocking))
			}
		}
	})
	t.Run("paging and sorting", func(t *testing.T) {
		page := listReports(t, reviewer, "period=2024&size=5&page=3&sort=project")
		if page.Total != 12 || len(page.Items) != 2 || page.Items[1].Project.Code != golmudProjects[11] {
			t.Errorf("page 3 of 5: %+v", page)
		}
		worst := listReports(t, reviewer, "sort=-light")
		sev := map[string]int{"grey": 0, "blue": 1, "green": 2, "yellow": 3, "red": 4}
		for i := 1; i < len(worst.Items); i++ {
			if sev[worst.Items[i].Light] > sev[worst.Items[i-1].Light] {
				t.Fatalf("sort=-light: %s after %s", worst.Items[i].Light, worst.Items[i-1].Light)
			}
		}
	})
	t.Run("scoped like everything else", func(t *testing.T) {
		other := login(t, e.anon(), "other_submitter", testPassword)
		status, body := call(t, e.anon(), http.MethodGet, "/api/v1/reports?period=2024", "", other.bearer()...)
		ol := decode[reportList](t, body)
		if status != http.StatusOK || ol.Total != 1 || ol.Items[0].Project.Code != otherProject {
			t.Errorf("the other department's submitter: %d %+v", status, ol)
		}
		if l := listReports(t, reviewer, "q="+otherProject); l.Total != 0 {
			t.Errorf("the reviewer of 003001 sees another department's report: %+v", l)
		}
	})
	t.Run("a filter it does not know is 400", func(t *testing.T) {
		for _, q := range []string{"state=submitted", "status=done", "light=purple", "sort=name", "size=1000", "page=0", "period=24", "status=draft&status=submitted"} {
			if status, body := call(t, reviewer, http.MethodGet, "/api/v1/reports?"+q, ""); status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", q, status, body)
			}
		}
	})
}

func TestListEndpointsRefuseUnknownQueryParameters(t *testing.T) {
	e, _ := newAPI(t)
	for _, tc := range []struct {
		h    http.Handler
		path string
	}{
		{e, "/api/v1/dashboard?period=2024-06&status=submitted"},
		{e, "/api/v1/projects?year=2024&colour=red"},
		{e, "/api/v1/periods?year=2024&kind=final"},
		{e, "/api/v1/departments?all=1"},
		{e.as(user.Auditor), "/api/v1/audit?who=admin"},
		{e.as(user.Admin), "/api/v1/users?role=admin"},
	} {
		status, body := call(t, tc.h, http.MethodGet, tc.path, "")
		if status != http.StatusBadRequest || errorBody(t, body).Message == "" {
			t.Errorf("%s: %d %s", tc.path, status, body)
		}
	}
	if status, body := call(t, e, http.MethodGet, "/api/v1/dashboard?period=2024-06&department=003001", ""); status != http.StatusOK {
		t.Errorf("supported parameters: %d %s", status, body)
	}
}
