package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// unit is a department of its own with a submitter assigned to all its
// projects and a reviewer of it, so that a test's dashboard, tables and
// documents hold its projects only.
type unit struct {
	code      string
	codes     []string // project codes, in order
	submitter http.Handler
	reviewer  http.Handler
}

// newUnit copies Golmud projects (by seed index) into department code under
// codes prefixed with prefix.
func newUnit(t *testing.T, e *testAPI, st *store.Store, code, prefix string, from ...int) unit {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	u := unit{code: code}
	var ps []project.Project
	for _, i := range from {
		p := ds.Projects[i]
		p.Code = prefix + p.Code[len(prefix):]
		p.Department = project.Department{Code: code, Name: "输出测试单位" + code}
		ps = append(ps, p)
		u.codes = append(u.codes, p.Code)
	}
	if err := st.SaveProjects(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	sub, rev := "out_s_"+code, "out_r_"+code
	createUser(t, st, user.Account{Username: sub, DisplayName: "填报人" + code, Roles: []user.Role{user.Submitter}, Departments: []string{code}, Projects: u.codes})
	createUser(t, st, user.Account{Username: rev, DisplayName: "审核人" + code, Roles: []user.Role{user.Reviewer}, Departments: []string{code}})
	u.submitter = withHeader(e.anon(), login(t, e.anon(), sub, testPassword).bearer()...)
	u.reviewer = withHeader(e.anon(), login(t, e.anon(), rev, testPassword).bearer()...)
	return u
}

// seedIndex is the index of a Golmud project in the seed.
func seedIndex(t *testing.T, code string) int {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ds.Projects {
		if p.Code == code {
			return i
		}
	}
	t.Fatalf("no %s in the seed", code)
	return -1
}

func must(t *testing.T, h http.Handler, want int, method, path, body string) []byte {
	t.Helper()
	status, out := call(t, h, method, path, body)
	if status != want {
		t.Fatalf("%s %s: %d %s", method, path, status, out)
	}
	return out
}

type dashboardTotals struct {
	AverageScore  *string        `json:"average_score"`
	ByLight       map[string]int `json:"by_light"`
	ByGrade       map[string]int `json:"by_grade"`
	ByStatus      map[string]int `json:"by_status"`
	ReportedCount int            `json:"reported_count"`
	Projects      []struct {
		Code  string  `json:"code"`
		Score *string `json:"score"`
	} `json:"projects"`
}

// TestTheDashboardAveragesReportedReportsOnly: the average, the grades and
// the lights count submitted and approved reports; one value typed into
// another project's draft leaves them as they were, and the draft and the
// projects nobody filled are counted beside them.
func TestTheDashboardAveragesReportedReportsOnly(t *testing.T) {
	e, st := newAPI(t)
	u := newUnit(t, e, st, "009911", "D1", 0, 1, 2)
	dash := func() dashboardTotals {
		t.Helper()
		return decode[dashboardTotals](t, must(t, u.reviewer, http.StatusOK, http.MethodGet, "/api/v1/dashboard?period=2024-06&department="+u.code, ""))
	}
	empty := dash()
	if empty.AverageScore != nil || empty.ReportedCount != 0 || empty.ByStatus["unfilled"] != 3 || len(empty.ByLight) != 0 {
		t.Errorf("nothing filled: %+v", empty)
	}
	r := fillReport(t, u.submitter, u.codes[0], "2024-06")
	must(t, u.submitter, http.StatusOK, http.MethodPost, reportPath(u.codes[0], "2024-06")+"/submit", "")
	before := dash()
	if before.AverageScore == nil || *before.AverageScore != r.Score.Total || before.ReportedCount != 1 ||
		before.ByStatus["submitted"] != 1 || before.ByStatus["unfilled"] != 2 || before.ByGrade[r.Score.Grade] != 1 || before.ByLight[r.Light] != 1 {
		t.Fatalf("one submitted (%s %s, %s): %+v", r.Score.Total, r.Score.Grade, r.Light, before)
	}
	// one value typed into another project's draft
	ids := indicatorIDsOf(t, u.submitter, u.codes[1])
	must(t, u.submitter, http.StatusOK, http.MethodPatch, reportPath(u.codes[1], "2024-06"),
		fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "1"}]}`, ids[0]))
	after := dash()
	if after.AverageScore == nil || *after.AverageScore != *before.AverageScore || after.ReportedCount != 1 ||
		fmt.Sprint(after.ByGrade) != fmt.Sprint(before.ByGrade) || fmt.Sprint(after.ByLight) != fmt.Sprint(before.ByLight) {
		t.Errorf("a draft moved the dashboard:\nbefore %+v\nafter  %+v", before, after)
	}
	if after.ByStatus["draft"] != 1 || after.ByStatus["unfilled"] != 1 || after.ByStatus["submitted"] != 1 {
		t.Errorf("statuses %v, want a draft, an unfilled project and a submitted report", after.ByStatus)
	}
	// the submitter still sees the draft's projected score on its report
	draft := decode[reportBody](t, must(t, u.submitter, http.StatusOK, http.MethodGet, reportPath(u.codes[1], "2024-06"), ""))
	if !draft.Saved || draft.Score.Total == "" {
		t.Errorf("the draft's own score: %+v", draft.Score)
	}
}

// TestAnAdjustedReportIsReadAgainstItsOwnTargets: an approved report whose
// targets are adjusted afterwards (举办银企对接会议次数 10 → 8) is read, exported
// and written as a document against version 1, saying that version 2 exists;
// reopened, its submitter may move it to version 2.
func TestAnAdjustedReportIsReadAgainstItsOwnTargets(t *testing.T) {
	e, st := newAPI(t)
	u := newUnit(t, e, st, "009912", "V1", seedIndex(t, "63280100024T000000642"))
	code, per := u.codes[0], "2024-06"
	fillReport(t, u.submitter, code, per)
	must(t, u.submitter, http.StatusOK, http.MethodPost, reportPath(code, per)+"/submit", "")
	must(t, u.reviewer, http.StatusOK, http.MethodPost, reportPath(code, per)+"/approve", `{"comment":"同意"}`)
	type indicator struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Target string `json:"target"`
	}
	p := decode[struct {
		Indicators []indicator `json:"indicators"`
	}](t, must(t, u.submitter, http.StatusOK, http.MethodGet, "/api/v1/projects/"+code, ""))
	var meetings indicator
	for _, in := range p.Indicators {
		if in.Name == "举办银企对接会议次数" {
			meetings = in
		}
	}
	if meetings.Target != "10" {
		t.Fatalf("the seed changed: %+v", p.Indicators)
	}
	ch := decode[struct {
		ID int64 `json:"id"`
	}](t, must(t, u.submitter, http.StatusCreated, http.MethodPost, "/api/v1/projects/"+code+"/target-changes",
		fmt.Sprintf(`{"reason":"场地所限，全年调整为8次","items":[{"op":"change","indicator_id":%d,"target":"8"}]}`, meetings.ID)))
	must(t, u.reviewer, http.StatusOK, http.MethodPost, fmt.Sprintf("/api/v1/target-changes/%d/approve", ch.ID), `{"comment":"同意"}`)

	type reportView struct {
		Status               string      `json:"status"`
		TargetVersion        int         `json:"target_version"`
		CurrentTargetVersion int         `json:"current_target_version"`
		Indicators           []indicator `json:"indicators"`
		Actions              []string    `json:"actions"`
		Lines                []struct {
			IndicatorID int64  `json:"indicator_id"`
			Basis       string `json:"basis"`
		} `json:"lines"`
	}
	target := func(r reportView) string {
		for _, in := range r.Indicators {
			if in.ID == meetings.ID {
				return in.Target
			}
		}
		return ""
	}
	// the API
	r := decode[reportView](t, must(t, u.submitter, http.StatusOK, http.MethodGet, reportPath(code, per), ""))
	if r.TargetVersion != 1 || r.CurrentTargetVersion != 2 || target(r) != "10" || len(r.Indicators) != len(r.Lines) {
		t.Errorf("the approved report: version %d of %d, target %q", r.TargetVersion, r.CurrentTargetVersion, target(r))
	}
	for _, l := range r.Lines {
		if l.IndicatorID == meetings.ID && !strings.Contains(l.Basis, "10") {
			t.Errorf("the basis %q is not of target 10", l.Basis)
		}
	}
	if strings.Contains(fmt.Sprint(r.Actions), "retarget") {
		t.Errorf("an approved report offers %v", r.Actions)
	}
	const notice = "按第 1 版目标填报（目标已调整为第 2 版）"
	// the export
	f := download(t, u.reviewer, "/api/v1/exports/monitoring.xlsx?period="+per+"&department="+u.code)
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var exported, status string
	for _, row := range rows {
		if len(row) > workbooks.MonColIndicator+1 && row[workbooks.MonColIndicator] == meetings.Name {
			exported = row[workbooks.MonColIndicator+1]
		}
		if len(row) > 23 && strings.HasPrefix(row[0], code) {
			status = row[23]
		}
	}
	if exported != "≥ 10 次" || !strings.Contains(status, notice) {
		t.Errorf("the export: target %q, status %q", exported, status)
	}
	// the document
	paragraphs, docRows := docxText(t, must(t, u.reviewer, http.StatusOK, http.MethodGet, reportPath(code, per)+"/document.docx", ""))
	var docTarget, docNotice string
	for _, row := range docRows {
		if len(row) > 3 && row[2] == meetings.Name {
			docTarget = row[3]
		}
		if len(row) == 2 && row[0] == "绩效目标版本" {
			docNotice = row[1]
		}
	}
	if docTarget != "≥ 10 次" || docNotice != notice {
		t.Errorf("the document: target %q, notice %q\n%s", docTarget, docNotice, strings.Join(paragraphs, "\n"))
	}
	// reopened (returned), its submitter may move it to the adjusted targets
	must(t, u.reviewer, http.StatusOK, http.MethodPost, reportPath(code, per)+"/reopen", `{"reason":"按调整后的目标重新填报"}`)
	r = decode[reportView](t, must(t, u.submitter, http.StatusOK, http.MethodGet, reportPath(code, per), ""))
	if r.Status != "returned" || !strings.Contains(fmt.Sprint(r.Actions), "retarget") {
		t.Errorf("the returned report: %s %v", r.Status, r.Actions)
	}
	if reviewerView := decode[reportView](t, must(t, u.reviewer, http.StatusOK, http.MethodGet, reportPath(code, per), "")); strings.Contains(fmt.Sprint(reviewerView.Actions), "retarget") {
		t.Errorf("the reviewer is offered %v", reviewerView.Actions)
	}
	r = decode[reportView](t, must(t, u.submitter, http.StatusOK, http.MethodPost, reportPath(code, per)+"/retarget", "{}"))
	if r.TargetVersion != 2 || r.CurrentTargetVersion != 2 || target(r) != "8" || strings.Contains(fmt.Sprint(r.Actions), "retarget") {
		t.Errorf("after the move: version %d of %d, target %q, actions %v", r.TargetVersion, r.CurrentTargetVersion, target(r), r.Actions)
	}
}

// TestUnfilledReportsAreNeitherScoredNorGraded: in the monitoring table and
// the department's document a project nobody filled says 未填报, with no
// score (not 0) and no grade (not 差); a filled one keeps its own.
func TestUnfilledReportsAreNeitherScoredNorGraded(t *testing.T) {
	e, st := newAPI(t)
	u := newUnit(t, e, st, "009913", "U1", 0, 1, 2)
	r := fillReport(t, u.submitter, u.codes[0], "2024-06")
	f := download(t, u.reviewer, "/api/v1/exports/monitoring.xlsx?period=2024-06&department="+u.code)
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	cell := func(row []string, c int) string {
		if c < len(row) {
			return row[c]
		}
		return ""
	}
	seen := map[string]bool{}
	current := ""
	for _, row := range rows {
		for _, c := range u.codes {
			if strings.HasPrefix(cell(row, workbooks.MonColProject), c) {
				current, seen[c] = c, true
				total, grade, status := cell(row, workbooks.MonColTotal), cell(row, workbooks.MonColGrade), cell(row, workbooks.MonColStatus)
				switch {
				case c == u.codes[0] && (!sameDecimal(total, r.Score.Total) || grade != r.Score.Grade || status != "草稿" ||
					cell(row, workbooks.MonColRuleProfile) != "评分规则：national 第1版"):
					t.Errorf("the filled project: %v", row)
				case c != u.codes[0] && (total != "" || grade != "" || status != "未填报" || cell(row, workbooks.MonColProjectLight) != "未填报" ||
					cell(row, workbooks.MonColRuleProfile) != ""):
					t.Errorf("an unfilled project: %v", row)
				}
			}
		}
		if current != "" && current != u.codes[0] && cell(row, workbooks.MonColIndicator) != "" {
			if s := cell(row, workbooks.MonColScore); s != "" {
				t.Errorf("an unfilled line scored %q: %v", s, row)
			}
			for _, v := range row {
				if v == "差" || v == "0" {
					t.Errorf("an unfilled line reads %q: %v", v, row)
				}
			}
		}
	}
	if len(seen) != 3 {
		t.Fatalf("projects in the table: %v", seen)
	}
	paragraphs, docRows := docxText(t, must(t, u.reviewer, http.StatusOK, http.MethodGet,
		"/api/v1/departments/"+u.code+"/reports/2024-06/document.docx", ""))
	summary := 0
	for _, row := range docRows {
		if len(row) != 5 || !strings.HasPrefix(row[0], "U1") {
			continue
		}
		summary++
		if row[0] == u.codes[0] {
			if row[3] != r.Score.Total || row[4] != r.Score.Grade {
				t.Errorf("the filled project's summary row %v", row)
			}
		} else if row[2] != "未填报" || row[3] != "" || row[4] != "" {
			t.Errorf("an unfilled project's summary row %v", row)
		}
	}
	all := strings.Join(paragraphs, "\n")
	if summary != 3 || strings.Count(all, "本期未填报") != 2 || strings.Contains(all, "等级：差") {
		t.Errorf("summary rows %d, 本期未填报 ×%d:\n%s", summary, strings.Count(all, "本期未填报"), all)
	}
	// the list as CSV: the same
	status, body := call(t, u.reviewer, http.MethodGet, "/api/v1/reports.csv?period=2024-06&department="+u.code, "")
	if status != http.StatusOK || !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV: %d %.200s", status, body)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || len(records) != 4 || records[0][0] != "项目编码" || records[0][7] != "得分" {
		t.Fatalf("CSV %v: %v", records, err)
	}
	for _, rec := range records[1:] {
		if rec[0] == u.codes[0] {
			if rec[5] != "草稿" || rec[7] != r.Score.Total || rec[8] != r.Score.Grade || rec[4] != "2024年1–6月" {
				t.Errorf("the filled project's CSV row %v", rec)
			}
		} else if rec[5] != "未填报" || rec[6] != "未填报" || rec[7] != "" || rec[8] != "" {
			t.Errorf("an unfilled project's CSV row %v", rec)
		}
	}
	// another department's submitter reads none of these rows
	status, body = call(t, e, http.MethodGet, "/api/v1/reports.csv?period=2024-06&department="+u.code, "")
	if status != http.StatusOK || strings.Count(string(body), "\n") != 1 {
		t.Errorf("CSV of a department out of scope: %d %s", status, body)
	}
}

// docxText opens a .docx and returns its paragraphs' text and its table rows
// as cell texts.
func docxText(t *testing.T, body []byte) (paragraphs []string, rows [][]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var para, cell strings.Builder
	var row []string
	inCell := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("word/document.xml is not XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "tr":
				row = nil
			case "tc":
				inCell = true
				cell.Reset()
			case "p":
				para.Reset()
			}
		case xml.CharData:
			para.Write(el)
			if inCell {
				cell.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "tc":
				inCell = false
				row = append(row, cell.String())
			case "tr":
				rows = append(rows, row)
			case "p":
				paragraphs = append(paragraphs, para.String())
			}
		}
	}
	return paragraphs, rows
}
