package workbooks_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

var admin = reports.Actor{Caller: user.Caller{Username: "t_admin", Roles: []user.Role{user.Admin}}, IP: "127.0.0.1"}

func service(st *store.Store) *workbooks.Service {
	return workbooks.NewService(st, reports.New(st, rules.National(), time.Now), workbooks.DefaultLimits, time.Now)
}

// otherDB creates and migrates one more database for a test, dropped at its end.
func otherDB(t *testing.T, suffix string) *store.Store {
	t.Helper()
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	u.Path += "_" + suffix
	dsn := u.String()
	ctx := context.Background()
	if err := store.CreateDatabase(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		if err := store.DropDatabase(context.Background(), dsn); err != nil {
			t.Log(err)
		}
	})
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return st
}

func loadSeed(t *testing.T, st *store.Store) seed.Dataset {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range ds.Periods {
		if err := st.SavePeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveProjects(ctx, ds.Projects); err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestRoundTripOfTheSeedThroughAnEmptyDatabase exports the seeded targets
// and imports the file into an empty database: every project and indicator
// comes back exactly, and importing it again changes nothing.
func TestRoundTripOfTheSeedThroughAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	src := otherDB(t, "src")
	ds := loadSeed(t, src)
	var file bytes.Buffer
	if err := service(src).Export(ctx, store.ScopeAll(), admin, workbooks.ExportRequest{Table: "targets", Year: 2024}, &file); err != nil {
		t.Fatal(err)
	}

	dst := otherDB(t, "dst")
	res, err := service(dst).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: file.Bytes(), Filename: "targets-2024.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || !res.Stored || len(res.Projects) != 12 {
		t.Fatalf("import: ok %v stored %v projects %d problems %+v", res.OK(), res.Stored, len(res.Projects), res.Problems)
	}
	count := 0
	for _, want := range ds.Projects {
		got, err := dst.GetProject(ctx, store.ScopeAll(), want.Code)
		if err != nil {
			t.Fatalf("%s: %v", want.Code, err)
		}
		sameProject(t, got, want)
		for i := range want.Indicators {
			if got.Indicators[i].Accrual != want.Indicators[i].Accrual {
				t.Errorf("%s indicator %d: accrual %q, want %q", want.Code, i, got.Indicators[i].Accrual, want.Indicators[i].Accrual)
			}
			count++
		}
	}
	if count != 76 {
		t.Errorf("%d indicators compared, want 76", count)
	}

	es, _, err := dst.ListAudit(ctx, audit.Filter{Action: workbooks.ActionImport})
	if err != nil || len(es) != 1 || es[0].Actor != "t_admin" || !strings.Contains(string(es[0].Detail), "63280100024R000014831") {
		t.Errorf("audit of the import: %+v %v", es, err)
	}

	// again: the same file imports to the same state
	before, _ := dst.GetProject(ctx, store.ScopeAll(), "63280100024T000000700")
	res, err = service(dst).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: file.Bytes(), Filename: "targets-2024.xlsx"})
	if err != nil || !res.Stored {
		t.Fatalf("second import: %v %+v", err, res.Problems)
	}
	after, _ := dst.GetProject(ctx, store.ScopeAll(), "63280100024T000000700")
	for i := range before.Indicators {
		if before.Indicators[i].ID != after.Indicators[i].ID {
			t.Errorf("indicator ids changed on re-import: %d → %d", before.Indicators[i].ID, after.Indicators[i].ID)
		}
	}
}

// TestRefusedImportStoresNothing: a file with one bad cell among good
// projects stores none of them, answers every problem and is audited.
func TestRefusedImportStoresNothing(t *testing.T) {
	ctx := context.Background()
	st := dbtest.Open(t)
	rows := provincialRows()
	rows[11][10] = "四十分之一" // row 12: project 2, second indicator's weight
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: rows})
	res, err := service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: data, Filename: "bad.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.Stored {
		t.Fatal("a file with a bad weight was imported")
	}
	if p := res.Problems[0]; p.Sheet != "项目绩效目标" || p.Row != 12 || p.Column != "K" {
		t.Errorf("problem %+v, want 项目绩效目标 row 12 column K", p)
	}
	for _, imp := range res.Projects {
		if _, err := st.GetProject(ctx, store.ScopeAll(), imp.Project.Code); err == nil {
			t.Errorf("%s was stored although the import was refused", imp.Project.Code)
		}
	}
	es, _, _ := st.ListAudit(ctx, audit.Filter{Action: workbooks.ActionImportRejected})
	if len(es) == 0 || es[0].Status != 422 {
		t.Errorf("refusal not audited: %+v", es)
	}
}

func TestReviewersImportOnlyTheirDepartmentsAndReportsKeepTheirTargets(t *testing.T) {
	ctx := context.Background()
	st := otherDB(t, "scope")
	loadSeed(t, st)
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows()})
	reviewer := reports.Actor{Caller: user.Caller{Username: "t_reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}}}
	res, err := service(st).ImportTargets(ctx, store.ScopeDepartments("003001"), reviewer, workbooks.ImportRequest{Data: data, Filename: "t.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || !strings.Contains(res.Problems[0].Message, "无权导入单位“820001-井研县马踏镇人民政府”") || res.Problems[0].Column != "A" {
		t.Errorf("problems %+v", res.Problems)
	}

	// a project with a saved report: the same targets pass unchanged, changed ones are refused
	var file bytes.Buffer
	if err := service(st).Export(ctx, store.ScopeAll(), admin, workbooks.ExportRequest{Table: "targets", Year: 2024}, &file); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO reports (project_code, period_key, version, time_progress, execution_score, budget_light, light, indicator_sum, total, computed_total, grade, evaluation, updated_at, updated_by)
		VALUES ('63280100024T000000639', '2024-06', 1, 0.5, 0, 'grey', 'grey', 0, 0, 0, '差', '{}', now(), 't')`); err != nil {
		t.Fatal(err)
	}
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: file.Bytes(), Filename: "t.xlsx"})
	if err != nil || !res.OK() || len(res.Unchanged) != 1 || res.Unchanged[0] != "63280100024T000000639" {
		t.Fatalf("re-import with a report: %v %+v unchanged %v", err, res.Problems, res.Unchanged)
	}
	sheets, _ := workbooks.Read(file.Bytes(), "t.xlsx", workbooks.DefaultLimits)
	var changed bytes.Buffer
	changedRows := sheets[0].Rows
	for i, r := range changedRows {
		if len(r) > 7 && r[7] == "《格尔木政府公报》年发行期数" {
			changedRows[i][9] = "24"
		}
	}
	changed.WriteString(csvOf(changedRows))
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: changed.Bytes(), Filename: "t.csv"})
	if err != nil || res.OK() || !strings.Contains(res.Problems[0].Message, "已有填报的报告") {
		t.Fatalf("changed targets under a report: %v %+v", err, res.Problems)
	}
	p, _ := st.GetProject(ctx, store.ScopeAll(), "63280100024T000000639")
	for _, in := range p.Indicators {
		if in.Name == "《格尔木政府公报》年发行期数" && in.Target != "12" {
			t.Errorf("target changed to %s", in.Target)
		}
	}

	// targets adjusted since they were published are not overwritten either
	if _, err := st.DB().ExecContext(ctx, `UPDATE projects SET target_version = 2 WHERE code = '63280100024T000000700'`); err != nil {
		t.Fatal(err)
	}
	for i, r := range changedRows {
		if len(r) > 7 && r[7] == "《格尔木政府公报》年发行期数" {
			changedRows[i][9] = "12" // back as published
		}
		if len(r) > 1 && strings.HasPrefix(r[1], "63280100024T000000700-") {
			changedRows[i][3] = "99" // the budget of the adjusted project
		}
	}
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: []byte(csvOf(changedRows)), Filename: "t.csv"})
	if err != nil || res.OK() || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "已经调整（第 2 版）") {
		t.Fatalf("changed targets after an adjustment: %v %+v", err, res.Problems)
	}
	// a project back in drafting is in no official table
	if _, err := st.DB().ExecContext(ctx, `UPDATE projects SET status = 'draft' WHERE code = '63280100024T000000642'`); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := service(st).Export(ctx, store.ScopeAll(), admin, workbooks.ExportRequest{Table: "targets", Year: 2024}, &again); err != nil {
		t.Fatal(err)
	}
	sheets, err = workbooks.Read(again.Bytes(), "t.xlsx", workbooks.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	parsed := workbooks.ParseTargets(sheets, workbooks.Options{})
	for _, imp := range parsed.Projects {
		if imp.Project.Code == "63280100024T000000642" {
			t.Error("a draft project is in the exported target table")
		}
	}
	if len(parsed.Projects) != 11 {
		t.Errorf("%d projects exported, want the 11 approved", len(parsed.Projects))
	}
}

func csvOf(rows [][]string) string {
	conv := make([][]any, len(rows))
	for i, r := range rows {
		for _, c := range r {
			conv[i] = append(conv[i], c)
		}
	}
	return toCSV(conv)
}

// withParentColumn is the provincial table with a 主管部门 column beside
// 单位名称, naming parent on the unit's rows.
func withParentColumn(parent string) [][]any {
	rows := provincialRows()
	for i, r := range rows {
		var cell any
		switch {
		case i == 2:
			cell = "主管部门"
		case len(r) > 0 && r[0] == "820001-井研县马踏镇人民政府":
			cell = parent
		}
		out := append([]any{}, r[0])
		if len(r) == 0 {
			out = []any{nil}
		}
		rows[i] = append(append(out, cell), r[min(1, len(r)):]...)
	}
	return rows
}

// TestImportCreatesUnitsUnderTheir主管部门: a unit the system does not know
// is created under the 主管部门 the table names beside it, audited, in the
// import's transaction; a dry run says so and stores nothing; a 主管部门 that
// does not exist either is refused at its cell.
func TestImportCreatesUnitsUnderTheir主管部门(t *testing.T) {
	ctx := context.Background()
	st := otherDB(t, "units")
	if _, err := st.AddDepartment(ctx, store.DepartmentInput{Code: "820000", Name: "井研县人民政府"}, audit.Entry{Actor: audit.CLI}); err != nil {
		t.Fatal(err)
	}
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: withParentColumn("820000-井研县人民政府")})
	res, err := service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: data, Filename: "t.xlsx", DryRun: true})
	if err != nil || !res.OK() || res.Stored {
		t.Fatalf("dry run: %v %+v", err, res.Problems)
	}
	if len(res.Created) != 1 || res.Created[0].Code != "820001" || res.Created[0].Parent != "820000" || res.Created[0].Level != 2 {
		t.Fatalf("dry run would create %+v", res.Created)
	}
	if ds, _ := st.ListDepartments(ctx, store.ScopeAll()); len(ds) != 1 {
		t.Fatalf("a dry run created departments: %+v", ds)
	}
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: data, Filename: "t.xlsx"})
	if err != nil || !res.OK() || !res.Stored || len(res.Projects) != 2 {
		t.Fatalf("import: %v %+v", err, res.Problems)
	}
	ds, err := st.ListDepartments(ctx, store.ScopeAll())
	if err != nil {
		t.Fatal(err)
	}
	var unit project.Department
	for _, d := range ds {
		if d.Code == "820001" {
			unit = d
		}
	}
	if unit.Name != "井研县马踏镇人民政府" || unit.Parent != "820000" || unit.Level != 2 {
		t.Errorf("the unit: %+v", unit)
	}
	es, _, err := st.ListAudit(ctx, audit.Filter{Action: audit.DepartmentCreated})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range es {
		found = found || (e.ObjectID == "820001" && e.Actor == admin.Caller.Username)
	}
	if !found {
		t.Errorf("the unit's creation is not audited: %+v", es)
	}
	// the same file again: the unit exists, nothing more is created
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin, workbooks.ImportRequest{Data: data, Filename: "t.xlsx", DryRun: true})
	if err != nil || !res.OK() || len(res.Created) != 0 {
		t.Errorf("again: %v %+v created %+v", err, res.Problems, res.Created)
	}

	// a 主管部门 that does not exist: refused at its cell, nothing stored
	rows := withParentColumn("830000-不存在的主管部门")
	for _, r := range rows {
		if r[0] == "820001-井研县马踏镇人民政府" {
			r[0] = "830001-新建单位"
		}
	}
	res, err = service(st).ImportTargets(ctx, store.ScopeAll(), admin,
		workbooks.ImportRequest{Data: workbook(t, sheetSpec{name: "项目绩效目标", rows: rows}), Filename: "t.xlsx"})
	if err != nil || res.OK() || res.Stored {
		t.Fatalf("unknown 主管部门: %v ok=%v", err, res.OK())
	}
	p := res.Problems[0]
	if len(res.Problems) != 1 || p.Sheet != "项目绩效目标" || p.Row != 5 || p.Column != "B" || !strings.Contains(p.Message, "主管部门“830000-不存在的主管部门”不存在") {
		t.Errorf("problem %+v", p)
	}
	if ds, _ := st.ListDepartments(ctx, store.ScopeAll()); len(ds) != 2 {
		t.Errorf("a refused import created departments: %+v", ds)
	}
}
