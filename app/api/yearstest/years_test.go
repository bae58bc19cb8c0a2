package yearstest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/app/store"
)

type lastYear struct {
	Year    int     `json:"year"`
	Via     string  `json:"via"`
	Target  string  `json:"target"`
	Unit    string  `json:"unit"`
	Actual  *string `json:"actual"`
	Score   *string `json:"score"`
	Status  *string `json:"status"`
	Project struct {
		Code string `json:"code"`
	} `json:"project"`
}

type targetProject struct {
	Code       string `json:"code"`
	Status     string `json:"status"`
	CopiedFrom string `json:"copied_from"`
	Indicators []struct {
		ID        int64     `json:"id"`
		Name      string    `json:"name"`
		Target    string    `json:"target"`
		LibraryID int64     `json:"library_id"`
		CopyOf    int64     `json:"copy_of"`
		LastYear  *lastYear `json:"last_year"`
	} `json:"indicators"`
	LastResult *struct {
		Year     int    `json:"year"`
		Grade    string `json:"grade"`
		Proposed *struct {
			Action string `json:"action"`
		} `json:"proposed"`
		Decided *struct {
			Action  string `json:"action"`
			Percent string `json:"percent"`
		} `json:"decided"`
	} `json:"last_result"`
}

type reportLines struct {
	Lines []struct {
		IndicatorID int64   `json:"indicator_id"`
		Value       *string `json:"value"`
		Score       string  `json:"score"`
	} `json:"lines"`
}

// Copy 2024 → 2025 (the demo's second year): each line of every 2025 draft
// carries 2024's target and the actual of 2024's approved annual
// self-evaluation.
func TestCopyCarriesLastYearsTargetAndActual(t *testing.T) {
	v := newEnv(t)
	ctx := context.Background()
	ps, err := v.st.DepartmentProjects(ctx, store.ScopeAll(), "003001", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 12 {
		t.Fatalf("%d 2025 drafts, want 12", len(ps))
	}
	lines := 0
	for _, p := range ps {
		got := decode[targetProject](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+p.Code, ""))
		if got.Status != "draft" || got.CopiedFrom == "" {
			t.Fatalf("%s: %s copied from %q", p.Code, got.Status, got.CopiedFrom)
		}
		last := decode[targetProject](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+got.CopiedFrom, ""))
		rep := decode[reportLines](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+got.CopiedFrom+"/reports/2024", ""))
		actual := map[int64]*string{}
		score := map[int64]string{}
		for _, l := range rep.Lines {
			actual[l.IndicatorID], score[l.IndicatorID] = l.Value, l.Score
		}
		for i, in := range got.Indicators {
			lines++
			prev := last.Indicators[i]
			ly := in.LastYear
			if ly == nil {
				t.Fatalf("%s %s: no last_year", p.Code, in.Name)
			}
			if in.CopyOf != prev.ID || ly.Via != "copy" || ly.Year != 2024 || ly.Project.Code != got.CopiedFrom {
				t.Errorf("%s %s: copy_of %d (want %d), %+v", p.Code, in.Name, in.CopyOf, prev.ID, ly)
			}
			if ly.Target != prev.Target {
				t.Errorf("%s %s: last year's target %q, want %q", p.Code, in.Name, ly.Target, prev.Target)
			}
			if (ly.Actual == nil) != (actual[prev.ID] == nil) || (ly.Actual != nil && *ly.Actual != *actual[prev.ID]) {
				t.Errorf("%s %s: last year's actual %v, want %v", p.Code, in.Name, ly.Actual, actual[prev.ID])
			}
			if ly.Score == nil || *ly.Score != score[prev.ID] || ly.Status == nil || *ly.Status != "approved" {
				t.Errorf("%s %s: last year's score %v status %v, want %s approved", p.Code, in.Name, ly.Score, ly.Status, score[prev.ID])
			}
			if in.LibraryID != prev.LibraryID || in.LibraryID == 0 {
				t.Errorf("%s %s: library %d, last year's %d", p.Code, in.Name, in.LibraryID, prev.LibraryID)
			}
		}
	}
	if lines != 76 {
		t.Errorf("%d lines, want 76", lines)
	}
	// another department's reviewer sees none of it
	v.must(t, http.StatusNotFound, otherReviewer, http.MethodGet, "/api/v1/projects/"+p642next, "")
}

// A project across years: the two years, indicators matched through
// copy_of, 2024's actuals and grade; the chain is the same from either end.
func TestProjectAcrossYears(t *testing.T) {
	v := newEnv(t)
	type years struct {
		Code  string `json:"code"`
		Years []struct {
			Year         int     `json:"year"`
			TargetStatus string  `json:"target_status"`
			ReportStatus *string `json:"report_status"`
			Total        *string `json:"total"`
			Grade        *string `json:"grade"`
			Execution    *string `json:"execution_rate"`
			Project      struct {
				Code string `json:"code"`
			} `json:"project"`
		} `json:"years"`
		Indicators []struct {
			Name   string `json:"name"`
			Values []*struct {
				Target string  `json:"target"`
				Actual *string `json:"actual"`
				Score  *string `json:"score"`
			} `json:"values"`
		} `json:"indicators"`
	}
	for _, code := range []string{p642, p642next} {
		y := decode[years](t, v.must(t, http.StatusOK, submitter, http.MethodGet, "/api/v1/projects/"+code+"/years", ""))
		if len(y.Years) != 2 || y.Years[0].Year != 2024 || y.Years[1].Year != 2025 || y.Years[1].Project.Code != p642next {
			t.Fatalf("from %s: years %+v", code, y.Years)
		}
		if y.Years[0].Grade == nil || y.Years[0].Total == nil || y.Years[0].Execution == nil || *y.Years[0].ReportStatus != "approved" {
			t.Errorf("2024: %+v", y.Years[0])
		}
		if y.Years[1].Grade != nil || y.Years[1].TargetStatus != "draft" {
			t.Errorf("2025 has a grade or is not a draft: %+v", y.Years[1])
		}
		if len(y.Indicators) == 0 {
			t.Fatal("no indicators")
		}
		for _, in := range y.Indicators {
			if len(in.Values) != 2 || in.Values[0] == nil || in.Values[1] == nil {
				t.Fatalf("%s not matched across years: %+v", in.Name, in.Values)
			}
			if in.Values[0].Score == nil || in.Values[1].Score != nil {
				t.Errorf("%s: scores %+v %+v", in.Name, in.Values[0], in.Values[1])
			}
		}
	}
	v.must(t, http.StatusNotFound, otherSub, http.MethodGet, "/api/v1/projects/"+p642+"/years", "")
}

type resultRow struct {
	Project struct {
		Code string `json:"code"`
	} `json:"project"`
	Total    string `json:"total"`
	Grade    string `json:"grade"`
	Proposed *struct {
		Action  string `json:"action"`
		Percent string `json:"percent"`
	} `json:"proposed"`
	Decided *struct {
		Action    string `json:"action"`
		Percent   string `json:"percent"`
		Note      string `json:"note"`
		DecidedBy string `json:"decided_by"`
	} `json:"decided"`
	Note    string   `json:"note"`
	Actions []string `json:"actions"`
}

// 结果应用: the proposed action follows the grade; a decision other than the
// proposal needs a note; it is audited, shows on next year's draft and in
// results.xlsx.
func TestResultsProposeDecideAuditExport(t *testing.T) {
	v := newEnv(t)
	list := decode[struct {
		Items []resultRow `json:"items"`
		Total int         `json:"total"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/results/2024", ""))
	if list.Total != 12 {
		t.Fatalf("%d results, want the 12 approved self-evaluations", list.Total)
	}
	want := map[string]string{"优": "priority", "良": "maintain", "中": "reduce", "差": "cancel"}
	grades := map[string]bool{}
	var row resultRow
	for _, r := range list.Items {
		grades[r.Grade] = true
		if r.Proposed == nil || r.Proposed.Action != want[r.Grade] || r.Decided != nil {
			t.Errorf("%s %s: proposed %+v decided %+v", r.Project.Code, r.Grade, r.Proposed, r.Decided)
		}
		if len(r.Actions) != 1 || r.Actions[0] != "decide" {
			t.Errorf("the reviewer's actions: %v", r.Actions)
		}
		if r.Project.Code == p642 {
			row = r
		}
	}
	if len(grades) != 4 {
		t.Errorf("the demo's grades: %v, want every grade", grades)
	}
	t.Logf("the demo's 2024 grades: %v", grades)
	path := "/api/v1/results/2024/" + p642
	// a change from the proposal without a note
	status, body := do(t, v.e, reviewer, http.MethodPut, path, `{"action": "reduce", "percent": "-15", "note": ""}`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "note") {
		t.Errorf("no note: %d %s", status, body)
	}
	// submitters and other departments' reviewers may not decide
	v.must(t, http.StatusForbidden, submitter, http.MethodPut, path, `{"action": "reduce", "percent": "-15", "note": "x"}`)
	v.must(t, http.StatusNotFound, otherReviewer, http.MethodPut, path, `{"action": "reduce", "percent": "-15", "note": "x"}`)
	v.must(t, http.StatusNotFound, otherReviewer, http.MethodGet, "/api/v1/projects/"+p642, "")
	got := decode[resultRow](t, v.must(t, http.StatusOK, reviewer, http.MethodPut, path,
		`{"action": "reduce", "percent": "-15", "note": "金融服务活动次数未达目标，压减15%"}`))
	if got.Decided == nil || got.Decided.Action != "reduce" || got.Decided.Percent != "-15.00" || got.Decided.DecidedBy != reviewer || got.Grade != row.Grade {
		t.Fatalf("decided: %+v", got)
	}
	// the decision as proposed needs no note
	var other resultRow
	for _, r := range list.Items {
		if r.Project.Code != p642 {
			other = r
			break
		}
	}
	v.must(t, http.StatusOK, reviewer, http.MethodPut, "/api/v1/results/2024/"+other.Project.Code,
		`{"action": "`+other.Proposed.Action+`", "percent": "`+other.Proposed.Percent+`", "note": ""}`)
	// audited with before and after
	trail := decode[struct {
		Items []struct {
			Action   string          `json:"action"`
			ObjectID string          `json:"object_id"`
			Actor    string          `json:"actor"`
			After    json.RawMessage `json:"after"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, auditor, http.MethodGet, "/api/v1/audit?action=result.decide", ""))
	found := false
	for _, e := range trail.Items {
		if e.Action == "result.decide" && e.ObjectID == p642 && e.Actor == reviewer && strings.Contains(string(e.After), "金融服务活动次数未达目标") {
			found = true
		}
	}
	if !found {
		t.Errorf("the decision is not in the audit trail: %+v", trail.Items)
	}
	// next year's draft shows it
	next := decode[targetProject](t, v.must(t, http.StatusOK, submitter, http.MethodGet, "/api/v1/projects/"+p642next, ""))
	if next.LastResult == nil || next.LastResult.Year != 2024 || next.LastResult.Decided == nil || next.LastResult.Decided.Action != "reduce" {
		t.Errorf("next year's draft: %+v", next.LastResult)
	}
	// results.xlsx read back
	status, xlsx := do(t, v.e, reviewer, http.MethodGet, "/api/v1/exports/results.xlsx?year=2024", "")
	if status != http.StatusOK {
		t.Fatalf("export: %d %s", status, xlsx)
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("预算编制参考表")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 14 || rows[1][2] != "项目编码" {
		t.Fatalf("%d rows: %v", len(rows), rows[:2])
	}
	seen := false
	for _, r := range rows[2:] {
		if r[2] == p642 {
			seen = true
			if r[6] != row.Grade || r[9] != "压减" || r[10] != "-15.00%" || r[11] != "金融服务活动次数未达目标，压减15%" {
				t.Errorf("642's row: %v", r)
			}
		}
	}
	if !seen {
		t.Error("642 not exported")
	}
	// the other department sees no rows
	o := decode[struct {
		Total int `json:"total"`
	}](t, v.must(t, http.StatusOK, otherReviewer, http.MethodGet, "/api/v1/results/2024", ""))
	if o.Total != 0 {
		t.Errorf("another department's reviewer sees %d results", o.Total)
	}
	v.must(t, http.StatusForbidden, submitter, http.MethodGet, "/api/v1/results/2024", "")
}

// The department's projects by year: each Golmud project followed into its
// 2025 copy, 2024's grade beside it; another department sees nothing.
func TestDepartmentYears(t *testing.T) {
	v := newEnv(t)
	got := decode[struct {
		Years    []int `json:"years"`
		Projects []struct {
			Code  string `json:"code"`
			Years []*struct {
				Project struct {
					Code string `json:"code"`
				} `json:"project"`
				Grade *string `json:"grade"`
			} `json:"years"`
		} `json:"projects"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/departments/003001/years", ""))
	if len(got.Years) != 2 || got.Years[0] != 2024 || got.Years[1] != 2025 {
		t.Fatalf("years %v", got.Years)
	}
	if len(got.Projects) != 12 {
		t.Fatalf("%d projects, want the 12 followed into 2025", len(got.Projects))
	}
	for _, p := range got.Projects {
		if len(p.Years) != 2 || p.Years[0] == nil || p.Years[1] == nil || p.Years[0].Grade == nil || p.Years[1].Grade != nil {
			t.Errorf("%s: %+v", p.Code, p.Years)
		}
		if p.Code != p.Years[1].Project.Code || !strings.Contains(p.Code, "25T") && !strings.Contains(p.Code, "25R") {
			t.Errorf("%s: the row is named by its latest code", p.Code)
		}
	}
	v.must(t, http.StatusNotFound, otherReviewer, http.MethodGet, "/api/v1/departments/003001/years", "")
}

// Each line of a report page carries its previous monitoring period, read
// in the round trip of the report: once 2024-06 of project 642 is saved, its
// annual self-evaluation of 2024 shows 2024-06's lines beside its own, the
// same as the history read on its own (what a save answers with).
func TestReportLinesCarryThePreviousPeriod(t *testing.T) {
	v := newEnv(t)
	ctx := context.Background()
	type line struct {
		IndicatorID int64   `json:"indicator_id"`
		Value       *string `json:"value"`
		Previous    *struct {
			Period string  `json:"period"`
			Value  *string `json:"value"`
			Light  string  `json:"light"`
			Status string  `json:"status"`
		} `json:"previous"`
	}
	type page struct {
		Version int    `json:"version"`
		Status  string `json:"status"`
		Lines   []line `json:"lines"`
	}
	annual := decode[page](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+p642+"/reports/2024", ""))
	var filled line
	for _, l := range annual.Lines {
		if l.Value != nil {
			filled = l
			break
		}
	}
	if filled.Value == nil {
		t.Fatal("no valued line in 642's annual report")
	}
	mid := decode[page](t, v.must(t, http.StatusOK, submitter, http.MethodGet, "/api/v1/projects/"+p642+"/reports/2024-06", ""))
	saved := decode[page](t, v.must(t, http.StatusOK, submitter, http.MethodPatch, "/api/v1/projects/"+p642+"/reports/2024-06",
		fmt.Sprintf(`{"version":%d,"lines":[{"indicator_id":%d,"value":%q}]}`, mid.Version, filled.IndicatorID, *filled.Value)))
	annual = decode[page](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+p642+"/reports/2024", ""))
	alone, err := v.st.LineHistory(ctx, store.ScopeAll(), p642, "2024")
	if err != nil {
		t.Fatal(err)
	}
	filledSeen := false
	for _, l := range annual.Lines {
		got, ok := alone.Previous[l.IndicatorID]
		if (l.Previous != nil) != ok {
			t.Fatalf("line %d: previous with the report %v, read alone %v", l.IndicatorID, l.Previous != nil, ok)
		}
		if l.Previous == nil {
			continue
		}
		if l.Previous.Period != "2024-06" || l.Previous.Status != saved.Status || l.Previous.Period != got.Period ||
			l.Previous.Light != got.Light || l.Previous.Status != got.Status || !sameValue(l.Previous.Value, got.Value) {
			t.Errorf("line %d: previous %+v with the report, %+v read alone", l.IndicatorID, *l.Previous, got)
		}
		if l.IndicatorID == filled.IndicatorID {
			filledSeen = true
			if !sameValue(l.Previous.Value, filled.Value) {
				t.Errorf("line %d: previous value %v, 2024-06 saved %s", l.IndicatorID, l.Previous.Value, *filled.Value)
			}
		}
	}
	if !filledSeen {
		t.Errorf("the line saved in 2024-06 (%d) carries no previous period", filled.IndicatorID)
	}
}

func sameValue(a, b *string) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
