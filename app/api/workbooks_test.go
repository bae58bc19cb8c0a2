package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/app/api/apitest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/user"
)

// provincialCSV is a small provincial export: amounts in 元, no project
// codes, department 820001, year 2023.
const provincialCSV = "2023年度项目绩效目标表,,,,,,,,,,\r\n" +
	",,,,,,,,,,金额单位：元\r\n" +
	"单位名称,项目名称,预算数,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重\r\n" +
	"820001-井研县马踏镇人民政府,乡村道路养护经费,\"3,309,840.00\",养护道路,产出指标,数量指标,养护道路里程,≥,20,公里,50\r\n" +
	",,,,效益指标,社会效益,群众出行条件,定性,显著,,20\r\n" +
	",,,,满意度指标,服务对象满意度,群众满意度,≥,90,％,20\r\n"

type importBody struct {
	OK       bool `json:"ok"`
	Stored   bool `json:"stored"`
	Projects []struct {
		Code         string `json:"code"`
		CodeAssigned bool   `json:"code_assigned"`
		Budget       string `json:"budget"`
		Indicators   []struct {
			Name   string `json:"name"`
			Nature string `json:"nature"`
		} `json:"indicators"`
	} `json:"projects"`
	Errors []workbooks.Problem `json:"errors"`
	Error  *struct {
		Code string `json:"code"`
	} `json:"error"`
}

// upload posts a file as the multipart field "file".
func upload(t *testing.T, h http.Handler, query, name string, data []byte) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/imports/targets"+query, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	apitest.CheckContract(t, h, http.MethodPost, "/api/v1/imports/targets"+query, rec)
	return rec.Code, rec.Body.Bytes()
}

func TestImportTargetsDryRunThenImport(t *testing.T) {
	e, _ := newAPI(t)
	admin := e.as(user.Admin)
	status, body := upload(t, admin, "?dry_run=true", "province.csv", []byte(provincialCSV))
	res := decode[importBody](t, body)
	if status != http.StatusOK || !res.OK || res.Stored || len(res.Projects) != 1 {
		t.Fatalf("dry run: %d %s", status, body)
	}
	p := res.Projects[0]
	if !p.CodeAssigned || p.Code != workbooks.StableCode("820001", 2023, "乡村道路养护经费") || p.Budget != "330.984" || len(p.Indicators) != 3 {
		t.Errorf("dry run read %+v", p)
	}
	if status, _ := call(t, admin, http.MethodGet, "/api/v1/projects/"+p.Code, ""); status != http.StatusNotFound {
		t.Errorf("a dry run stored the project: %d", status)
	}

	status, body = upload(t, admin, "", "province.csv", []byte(provincialCSV))
	if res := decode[importBody](t, body); status != http.StatusOK || !res.Stored {
		t.Fatalf("import: %d %s", status, body)
	}
	status, body = call(t, admin, http.MethodGet, "/api/v1/projects/"+p.Code, "")
	if status != http.StatusOK || !strings.Contains(string(body), `"budget":"330.984"`) {
		t.Errorf("imported project: %d %s", status, body)
	}
	// the submitter of 003001 does not see it
	if status, _ := call(t, e, http.MethodGet, "/api/v1/projects/"+p.Code, ""); status != http.StatusNotFound {
		t.Errorf("submitter of 003001 sees the imported project of 820001: %d", status)
	}
	status, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit?action="+workbooks.ActionImport, "")
	if status != http.StatusOK || !strings.Contains(string(body), p.Code) {
		t.Errorf("import not audited: %d %s", status, body)
	}
}

func TestImportRefusals(t *testing.T) {
	e, _ := newAPI(t)
	t.Run("submitters and auditors may not import", func(t *testing.T) {
		for _, r := range []user.Role{user.Submitter, user.Auditor} {
			if status, body := upload(t, e.as(r), "", "p.csv", []byte(provincialCSV)); status != http.StatusForbidden {
				t.Errorf("%s: %d %s", r, status, body)
			}
		}
	})
	t.Run("a reviewer only imports the departments reviewed", func(t *testing.T) {
		status, body := upload(t, e.as(user.Reviewer), "", "p.csv", []byte(provincialCSV))
		res := decode[importBody](t, body)
		if status != http.StatusUnprocessableEntity || res.Stored || len(res.Errors) != 1 || res.Errors[0].Row != 4 || res.Errors[0].Column != "A" || res.Error == nil {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("one bad cell refuses the file with the cell named", func(t *testing.T) {
		bad := strings.Replace(provincialCSV, "群众满意度,≥,90,％,20", "群众满意度,≈,90,％,20", 1)
		status, body := upload(t, e.as(user.Admin), "?year=2025", "p.csv", []byte(bad))
		res := decode[importBody](t, body)
		if status != http.StatusUnprocessableEntity || res.Stored || len(res.Errors) == 0 ||
			res.Errors[0] != (workbooks.Problem{Sheet: "p.csv", Row: 6, Column: "H", Message: res.Errors[0].Message}) {
			t.Errorf("%d %s", status, body)
		}
		if status, _ := call(t, e.as(user.Admin), http.MethodGet, "/api/v1/projects/"+workbooks.StableCode("820001", 2025, "乡村道路养护经费"), ""); status != http.StatusNotFound {
			t.Errorf("refused import stored the project: %d", status)
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		status, body := upload(t, e.as(user.Admin), "", "p.xlsx", []byte("GIF89a\x01\x00\x01\x00"))
		res := decode[importBody](t, body)
		if status != http.StatusUnprocessableEntity || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "不是 Excel 工作簿") {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("no file", func(t *testing.T) {
		status, body := call(t, e.as(user.Admin), http.MethodPost, "/api/v1/imports/targets", `{"file":"x"}`)
		if status != http.StatusBadRequest {
			t.Errorf("%d %s", status, body)
		}
	})
}

func TestImportOverTheLimitIs413(t *testing.T) {
	e, _ := newAPIWith(t, apitest.Options{ImportMaxBytes: 64 << 10})
	status, body := upload(t, e.as(user.Admin), "", "big.csv", bytes.Repeat([]byte("a,b,c\n"), 40<<10))
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "文件过大") {
		t.Errorf("%d %s", status, body)
	}
	// the 1 MB JSON limit does not apply to uploads below the import limit
	e2, _ := newAPIWith(t, apitest.Options{BodyLimit: "1K"})
	if status, body := upload(t, e2.as(user.Admin), "?dry_run=true", "p.csv", []byte(provincialCSV+strings.Repeat(",,,,,,,,,,\r\n", 200))); status != http.StatusOK {
		t.Errorf("upload over the JSON body limit: %d %s", status, body)
	}
}

// download GETs an export and opens it.
func download(t *testing.T, h http.Handler, path string) *excelize.File {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Errorf("content type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportsAreScopedLikeEverythingElse(t *testing.T) {
	e, st := newAPI(t)
	seedOtherDepartment(t, st)
	f := download(t, e, "/api/v1/exports/targets.xlsx?year=2024")
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range rows {
		if len(r) > 1 && strings.HasPrefix(r[1], "632801") {
			codes = append(codes, r[1][:21])
		}
		if len(r) > 1 && strings.Contains(r[1], otherProject) {
			t.Errorf("the submitter's export shows the other department's project")
		}
	}
	if len(codes) != 12 {
		t.Errorf("%d projects in the submitter's target table, want 12", len(codes))
	}
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/api/v1/exports/targets.xlsx?year=2024&department=" + otherDepartment, http.StatusNotFound},
		{"/api/v1/exports/monitoring.xlsx?period=2024-06&department=" + otherDepartment, http.StatusNotFound},
		{"/api/v1/exports/targets.xlsx", http.StatusBadRequest},
		{"/api/v1/exports/monitoring.xlsx?period=2024", http.StatusBadRequest},
		{"/api/v1/exports/self-evaluation.xlsx?period=2024-06", http.StatusBadRequest},
		{"/api/v1/exports/monitoring.xlsx?period=2031-06", http.StatusNotFound},
	} {
		if status, body := call(t, e, http.MethodGet, tc.path, ""); status != tc.want || !strings.Contains(string(body), `"error"`) {
			t.Errorf("%s: %d %s, want %d", tc.path, status, body, tc.want)
		}
	}
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/exports/targets.xlsx?year=2024", ""); status != http.StatusUnauthorized {
		t.Errorf("anonymous export: %d", status)
	}
}

// fillReport saves a report for every indicator of a project: numeric lines
// at their target (one at half of it), qualitative lines achieved, deadlines
// done; it returns the report as the API shows it.
func fillReport(t *testing.T, h http.Handler, code, periodKey string) reportBody {
	t.Helper()
	status, body := call(t, h, http.MethodGet, "/api/v1/projects/"+code, "")
	if status != http.StatusOK {
		t.Fatal(status)
	}
	var p struct {
		Budget     string `json:"budget"`
		Indicators []struct {
			ID     int64  `json:"id"`
			Kind   string `json:"kind"`
			Target string `json:"target"`
			Weight string `json:"weight"`
		} `json:"indicators"`
	}
	json.Unmarshal(body, &p)
	status, body = call(t, h, http.MethodGet, reportPath(code, periodKey), "")
	version := decode[reportBody](t, body).Version
	var lines []string
	half := true
	for _, in := range p.Indicators {
		switch in.Kind {
		case "qualitative":
			lines = append(lines, fmt.Sprintf(`{"indicator_id":%d,"band":"achieved","score_input":%q,"value":null}`, in.ID, in.Weight))
		case "deadline":
			lines = append(lines, fmt.Sprintf(`{"indicator_id":%d,"completed_on":"2024-05-31"}`, in.ID))
		default:
			v := decimal.RequireFromString(in.Target)
			if half {
				v, half = v.Div(decimal.NewFromInt(2)), false
				lines = append(lines, fmt.Sprintf(`{"indicator_id":%d,"value":%q,"projected":%q,"likelihood":"possible","deviation_causes":["funding"],"explanation":"资金未到位","measures":"催拨资金"}`, in.ID, v.String(), v.String()))
				continue
			}
			lines = append(lines, fmt.Sprintf(`{"indicator_id":%d,"value":%q,"projected":%q,"likelihood":"certain"}`, in.ID, v.String(), v.String()))
		}
	}
	put := fmt.Sprintf(`{"version":%d,"budget":{"executed":"12.34","projected":%q,"reason":"按进度支付"},"lines":[%s]}`, version, p.Budget, strings.Join(lines, ","))
	status, body = call(t, h, http.MethodPut, reportPath(code, periodKey), put)
	if status != http.StatusOK {
		t.Fatalf("save %s %s: %d %s", code, periodKey, status, body)
	}
	return decode[reportBody](t, body)
}

func sameDecimal(a, b string) bool {
	x, err1 := decimal.NewFromString(a)
	y, err2 := decimal.NewFromString(b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

// exportDepartment is a department of its own for the export tests, so
// that the reports they save touch no other test's projects.
const exportDepartment = "009901"

// ownProject copies a Golmud project into exportDepartment under code and
// returns a handler acting as a submitter of that department assigned to it.
func ownProject(t *testing.T, e *testAPI, st *store.Store, code string, from int) http.Handler {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	p := ds.Projects[from]
	p.Code = code
	p.Department = project.Department{Code: exportDepartment, Name: "导出测试单位"}
	if err := st.SaveProjects(context.Background(), []project.Project{p}); err != nil {
		t.Fatal(err)
	}
	name := "export_" + code[len(code)-4:]
	createUser(t, st, user.Account{Username: name, Roles: []user.Role{user.Submitter}, Departments: []string{exportDepartment}, Projects: []string{code}})
	return withHeader(e.anon(), login(t, e.anon(), name, testPassword).bearer()...)
}

func TestExportedMonitoringTableReadsBackAsTheAPIShows(t *testing.T) {
	e, st := newAPI(t)
	const code = "99010100024T000000704"
	own := ownProject(t, e, st, code, 10)
	r := fillReport(t, own, code, "2024-06")
	f := download(t, own, "/api/v1/exports/monitoring.xlsx?period=2024-06&department="+exportDepartment)
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	top := -1
	for i, row := range rows {
		if len(row) > 0 && strings.HasPrefix(row[workbooks.MonColProject], code) {
			top = i
		}
	}
	if top < 0 {
		t.Fatal("project not in the monitoring table")
	}
	cell := func(row, col int) string {
		if col < len(rows[row]) {
			return rows[row][col]
		}
		return ""
	}
	if !sameDecimal(cell(top, workbooks.MonColTotal), r.Score.Total) || cell(top, workbooks.MonColGrade) != r.Score.Grade ||
		!sameDecimal(cell(top, workbooks.MonColExecuted), *r.Budget.Executed) || !sameDecimal(cell(top, workbooks.MonColRate), *r.Budget.Rate) ||
		cell(top, workbooks.MonColProjectLight) != workbooks.LightName(report.Light(r.Light)) ||
		cell(top, workbooks.MonColBudgetLight) != workbooks.LightName(report.Light(r.Budget.Light)) {
		t.Errorf("project row %v, API total %s grade %s executed %s rate %s light %s budget light %s",
			rows[top], r.Score.Total, r.Score.Grade, *r.Budget.Executed, *r.Budget.Rate, r.Light, r.Budget.Light)
	}
	lightsSeen := map[string]bool{}
	for i, l := range r.Lines {
		row := top + i
		if !sameDecimal(cell(row, workbooks.MonColScore), l.Score) || cell(row, workbooks.MonColLight) != workbooks.LightName(report.Light(l.Light)) {
			t.Errorf("line %d: table %v, API score %s light %s", i, rows[row], l.Score, l.Light)
		}
		if l.Value != nil && !sameDecimal(cell(row, workbooks.MonColValue), *l.Value) {
			t.Errorf("line %d value %q, API %s", i, cell(row, workbooks.MonColValue), *l.Value)
		}
		if l.Projected != nil && !sameDecimal(cell(row, workbooks.MonColProjected), *l.Projected) {
			t.Errorf("line %d projected %q, API %s", i, cell(row, workbooks.MonColProjected), *l.Projected)
		}
		// the light is the cell's colour too
		name, _ := excelize.CoordinatesToCellName(workbooks.MonColLight+1, row+1)
		id, _ := f.GetCellStyle(sheet, name)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], workbooks.LightFill(report.Light(l.Light))) {
			t.Errorf("line %d light %s has fill %+v", i, l.Light, st.Fill)
		}
		lightsSeen[l.Light] = true
	}
	if !lightsSeen["green"] || len(lightsSeen) < 2 {
		t.Errorf("the fixture should show more than one light: %v", lightsSeen)
	}
}

func TestExportedSelfEvaluationReadsBackAsTheAPIShows(t *testing.T) {
	e, st := newAPI(t)
	const code = "99010100024T000000705"
	own := ownProject(t, e, st, code, 11)
	r := fillReport(t, own, code, "2024")
	f := download(t, own, "/api/v1/exports/self-evaluation.xlsx?year=2024")
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	top := -1
	for i, row := range rows {
		if len(row) > 2 && row[0] == "项目名称" && strings.HasPrefix(row[2], code) {
			top = i
		}
	}
	if top < 0 {
		t.Fatal("project not in the self-evaluation table")
	}
	budget := rows[top+3] // 年度资金总额: 年初预算数, (A), (B), 分值, 执行率, 得分
	if budget[0] != "年度资金总额" || !sameDecimal(budget[4], *r.Budget.Executed) || !sameDecimal(budget[6], *r.Score.Execution.Rate) ||
		!sameDecimal(budget[7], r.Score.Execution.Score) {
		t.Errorf("budget row %v, API executed %s rate %s score %s", budget, *r.Budget.Executed, *r.Score.Execution.Rate, r.Score.Execution.Score)
	}
	first := top + 7
	for i, l := range r.Lines {
		row := rows[first+i]
		if !sameDecimal(row[workbooks.SelfColScore], l.Score) {
			t.Errorf("line %d: table %v, API score %s", i, row, l.Score)
		}
		if l.Value != nil && !sameDecimal(row[workbooks.SelfColValue], *l.Value) {
			t.Errorf("line %d: value %q, API %s", i, row[workbooks.SelfColValue], *l.Value)
		}
	}
	total := rows[first+len(r.Lines)]
	if total[0] != "总分" || !sameDecimal(total[6], r.Score.Total) || total[7] != "评价等级："+r.Score.Grade {
		t.Errorf("total row %v, API %s %s", total, r.Score.Total, r.Score.Grade)
	}
}

// TestTheImportTemplateImportsOnceFilledIn: the empty table the import page
// offers, filled in with one project, reads back as that project.
func TestTheImportTemplateImportsOnceFilledIn(t *testing.T) {
	e, _ := newAPI(t)
	status, body := call(t, e.as(user.Admin), http.MethodGet, "/api/v1/imports/targets-template.xlsx?year=2026", "")
	if status != http.StatusOK || !bytes.HasPrefix(body, []byte("PK")) {
		t.Fatalf("template: %d", status)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if title, _ := f.GetCellValue(sheet, "A1"); title != "2026年市级部门预算项目支出绩效目标表" {
		t.Errorf("title %q", title)
	}
	row := []any{"820009-模板测试单位", "模板测试项目", "3-特定目标类", "12.5", "测试模板可以导入", "产出指标", "数量指标", "培训次数", "≥", "4", "次", "90", ""}
	if err := f.SetSheetRow(sheet, "A5", &row); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	status, body = upload(t, e.as(user.Admin), "?dry_run=true", "template.xlsx", buf.Bytes())
	res := decode[importBody](t, body)
	if status != http.StatusOK || !res.OK || len(res.Projects) != 1 || res.Projects[0].Budget != "12.50" {
		t.Errorf("filled template: %d %s", status, body)
	}
	if status, _ := call(t, e.as(user.Submitter), http.MethodGet, "/api/v1/imports/targets-template.xlsx", ""); status != http.StatusForbidden {
		t.Errorf("a submitter downloads the template: %d", status)
	}
}
