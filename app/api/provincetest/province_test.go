package provincetest

import (
	"context"
	"net/http"
	"testing"

	"jixiao/app/gen"
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
