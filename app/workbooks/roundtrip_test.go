package workbooks_test

import (
	"bytes"
	"iter"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/app/seed"
	"jixiao/app/workbooks"
	"jixiao/domain/project"
)

func seq(ps []project.Project) iter.Seq2[project.Project, error] {
	return func(yield func(project.Project, error) bool) {
		for _, p := range ps {
			if !yield(p, nil) {
				return
			}
		}
	}
}

// exportSeed writes the Golmud seed as the disclosure's target table.
func exportSeed(t *testing.T) ([]byte, seed.Dataset) {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	total := decimal.Zero
	for _, p := range ds.Projects {
		total = total.Add(p.Budget)
	}
	var buf bytes.Buffer
	if err := workbooks.WriteTargets(&buf, workbooks.TargetTable{Year: ds.Year, Total: total, ExecutionWeight: ds.ExecutionWeight, Projects: seq(ds.Projects)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), ds
}

// sameProject compares everything a table carries (not ids, not accrual).
func sameProject(t *testing.T, got, want project.Project) {
	t.Helper()
	if got.Code != want.Code || got.Name != want.Name || got.Category != want.Category || got.Goal != want.Goal ||
		got.Department.Code != want.Department.Code || got.Department.Name != want.Department.Name || got.Year != want.Year || !got.Budget.Equal(want.Budget) ||
		!got.ExecutionWeight.Equal(want.ExecutionWeight) {
		t.Errorf("project %s differs:\n got %+v\nwant %+v", want.Code, got, want)
		return
	}
	if len(got.Indicators) != len(want.Indicators) {
		t.Errorf("project %s: %d indicators, want %d", want.Code, len(got.Indicators), len(want.Indicators))
		return
	}
	for i, w := range want.Indicators {
		g := got.Indicators[i]
		if g.Level1 != w.Level1 || g.Level2 != w.Level2 || g.Name != w.Name || g.Nature != w.Nature ||
			g.Target != w.Target || g.Unit != w.Unit || !g.Weight.Equal(w.Weight) {
			t.Errorf("project %s indicator %d:\n got %+v\nwant %+v", want.Code, i, g, w)
		}
	}
}

func TestExportedSeedParsesBackExactly(t *testing.T) {
	data, ds := exportSeed(t)
	sheets, err := workbooks.Read(data, "targets.xlsx", workbooks.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := workbooks.ParseTargets(sheets, workbooks.Options{})
	if len(got.Problems) > 0 {
		t.Fatalf("problems: %+v", got.Problems)
	}
	if got.Year != 0 && got.Year != 2024 {
		t.Errorf("year %d", got.Year)
	}
	if len(got.Projects) != len(ds.Projects) {
		t.Fatalf("%d projects, want %d", len(got.Projects), len(ds.Projects))
	}
	for i, want := range ds.Projects {
		sameProject(t, got.Projects[i].Project, want)
		if got.Projects[i].CodeAssigned {
			t.Errorf("%s: code assigned although the table has one", want.Code)
		}
	}
}

// TestTextThatLooksLikeAFormulaIsWrittenAsQuotedText: cells beginning with
// = + - @ are plain string cells with Excel's quote-prefix style (never a
// formula, never an apostrophe in the text), and read back as they were.
func TestTextThatLooksLikeAFormulaIsWrittenAsQuotedText(t *testing.T) {
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	p := ds.Projects[0]
	p.Name, p.Goal = "=HYPERLINK(\"http://evil\",\"点击\")", "@SUM(A1:A9)"
	p.Indicators[0].Name = "+1 人次"
	p.Indicators[1].Name = "-提升率"
	var buf bytes.Buffer
	if err := workbooks.WriteTargets(&buf, workbooks.TargetTable{Year: 2024, Total: p.Budget, ExecutionWeight: p.ExecutionWeight, Projects: seq([]project.Project{p})}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for cell, want := range map[string]string{"E5": p.Goal, "H5": "+1 人次", "H6": "-提升率", "B5": p.Code + "-" + p.Name} {
		got, _ := f.GetCellValue(sheet, cell)
		if got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Errorf("%s holds a formula %q", cell, fm)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeFormula {
			t.Errorf("%s is a formula cell", cell)
		}
		// the code comes first in B5: nothing there looks like a formula
		if quoted := quotePrefixed(t, f, sheet, cell); quoted != (cell != "B5") {
			t.Errorf("%s quote prefix %v", cell, quoted)
		}
	}
	sheets, err := workbooks.Read(buf.Bytes(), "t.xlsx", workbooks.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := workbooks.ParseTargets(sheets, workbooks.Options{})
	if len(got.Problems) > 0 {
		t.Fatalf("problems %+v", got.Problems)
	}
	sameProject(t, got.Projects[0].Project, p)
}

// TestTargetTableHasTheMergedCellsOfTheDisclosure: the department over all
// its rows, each project's cells over its indicators, 一级 and 二级 over
// their runs.
func TestTargetTableHasTheMergedCellsOfTheDisclosure(t *testing.T) {
	data, ds := exportSeed(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	merges, err := f.GetMergeCells(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range merges {
		got[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	// rows: 1 title, 2 unit, 3 headings, 4 合计, then 76 indicator rows (5–80);
	// project 1 has 5 indicators (rows 5–9): 产出 ×3, 效益 ×1, 满意度 ×1.
	for _, want := range []string{"A1:M1", "A5:A80", "B5:B9", "C5:C9", "D5:D9", "E5:E9", "F5:F7"} {
		if !got[want] {
			t.Errorf("no merged range %s in %v", want, merges)
		}
	}
	if n := len(ds.Projects[0].Indicators); n != 5 {
		t.Fatalf("seed changed: %d indicators", n)
	}
}

// quotePrefixed reports whether a cell's style carries Excel's quote prefix.
func quotePrefixed(t testing.TB, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.GetStyle(id); err != nil { // loads the style sheet
		t.Fatal(err)
	}
	xf := f.Styles.CellXfs.Xf[id]
	return xf.QuotePrefix != nil && *xf.QuotePrefix
}
