package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/user"
)

// rowCounts counts the rows a write would leave: reports, lines, versions,
// transitions and audit entries.
func rowCounts(t *testing.T, st *store.Store) string {
	t.Helper()
	var out []string
	for _, table := range []string{"reports", "report_lines", "report_versions", "report_transitions", "audit_log"} {
		var n int
		if err := st.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s=%d", table, n))
	}
	return strings.Join(out, " ")
}

func TestPreviewEvaluatesAndStoresNothing(t *testing.T) {
	e, st := newAPI(t)
	ids := indicatorIDsOf(t, e, extranetProject)
	path := reportPath(extranetProject, "2024")
	before := rowCounts(t, st)
	// 56 of 56, 98 %, done, achieved, partly 7 of 10, 95 %; 126 of 140 executed = 0.9 → 9.
	body := annualBody(ids, 0, "126.00", map[int]string{4: fmt.Sprintf(`{"indicator_id": %d, "band": "partly", "score_input": "7"}`, ids[4])})
	status, resp := call(t, e, http.MethodPost, path+"/preview", body)
	if status != http.StatusOK {
		t.Fatalf("preview: %d %s", status, resp)
	}
	r := decode[reportBody](t, resp)
	if r.Score.Total != "96.00" || r.Saved || r.Version != 0 || r.Score.Execution.Score != "9.00" {
		t.Errorf("preview total %s saved %v version %d execution %s", r.Score.Total, r.Saved, r.Version, r.Score.Execution.Score)
	}
	if after := rowCounts(t, st); after != before {
		t.Errorf("preview wrote rows: before %s, after %s", before, after)
	}
	t.Run("the rules of a PUT apply", func(t *testing.T) {
		bad := fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "-1"}]}`, ids[0])
		status, resp := call(t, e, http.MethodPost, path+"/preview", bad)
		f := errorBody(t, resp).Fields
		if status != http.StatusUnprocessableEntity || f["lines[0].value"] == "" || f["lines"] == "" {
			t.Errorf("%d %s", status, resp)
		}
	})
	t.Run("a reviewer previews adjustments of the stored report", func(t *testing.T) {
		adj := fmt.Sprintf(`{"adjustments": [{"indicator_id": %d, "score": "7.5", "reason": "佐证充分"}]}`, ids[4])
		before := rowCounts(t, st)
		status, resp := call(t, e.as(user.Reviewer), http.MethodPost, path+"/preview", adj)
		if status != http.StatusOK {
			t.Fatalf("%d %s", status, resp)
		}
		if after := rowCounts(t, st); after != before {
			t.Errorf("a reviewer's preview wrote rows: before %s, after %s", before, after)
		}
		if r := decode[reportBody](t, resp); r.Score.Lines[4].Adjusted == nil || *r.Score.Lines[4].Adjusted != "7.50" {
			t.Errorf("adjusted line %+v", r.Score.Lines[4])
		}
		if status, _ := call(t, e, http.MethodPost, path+"/preview", adj); status != http.StatusForbidden {
			t.Errorf("a submitter previewing adjustments: %d, want 403", status)
		}
	})
}
