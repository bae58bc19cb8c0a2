package workbooks_test

import (
	"bytes"
	"iter"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// seasonRecords are the Golmud projects' reports of a period: the first
// saved with every indicator at its target (a deadline done on 2024-05-20,
// an explanation that begins like a formula), its targets adjusted since
// (version 1 of 2); the others never saved.
func seasonRecords(t *testing.T, per period.Period) []store.ReportRecord {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	// the filled project first: one with a deadline line
	for i, p := range ds.Projects {
		if slices.ContainsFunc(p.Indicators, func(in project.Indicator) bool { return in.Kind() == project.KindDeadline }) {
			ds.Projects[0], ds.Projects[i] = ds.Projects[i], ds.Projects[0]
			break
		}
	}
	var out []store.ReportRecord
	id := int64(0)
	for i, p := range ds.Projects {
		for j := range p.Indicators {
			id++
			p.Indicators[j].ID = id
		}
		p.TargetVersion = 1
		r := report.Report{ProjectCode: p.Code, PeriodKey: per.Key, Status: report.StatusDraft}
		rec := store.ReportRecord{Project: p, Period: per, TargetVersion: 1, CurrentTargetVersion: 1}
		if i == 0 {
			executed, projected := p.Budget.Mul(decimal.RequireFromString("0.4")).Round(2), p.Budget
			r.Status, r.Version = report.StatusSubmitted, 3
			r.Budget = report.Budget{Executed: &executed, Projected: &projected, Reason: "=进度说明"}
			for _, in := range p.Indicators {
				l := report.Line{IndicatorID: in.ID, Likelihood: report.LikelihoodCertain}
				switch in.Kind() {
				case project.KindQualitative:
					w := in.Weight
					l.Band, l.ScoreInput = report.BandAchieved, &w
				case project.KindDeadline:
					l.CompletedOn = "2024-05-20"
				default:
					v, _ := in.TargetNumber()
					l.Value, l.Projected = &v, &v
				}
				l.Explanation = "=SUM(A1:A2) 不是公式"
				r.Lines = append(r.Lines, l)
			}
			rec.Saved, rec.CurrentTargetVersion = true, 2
		}
		ev, err := monitor.Evaluate(rules.National(), p, per, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		rec.Report, rec.Evaluation = r, ev
		out = append(out, rec)
	}
	return out
}

func recordSeq(recs []store.ReportRecord) iter.Seq2[store.ReportRecord, error] {
	return func(yield func(store.ReportRecord, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func openBook(t *testing.T, data []byte) (*excelize.File, string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, f.GetSheetList()[0]
}

// numFmt is the number format code of a cell ("" for General).
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{2: "0.00", 4: "#,##0.00", 10: "0.00%"}[st.NumFmt]
}

// checkPrintsAsTheForm checks what every official table shares: headings
// frozen, print titles, A4 landscape one page wide, page numbers, widths
// that show the headings, the sign-off block, and no text cell that begins
// with an apostrophe.
func checkPrintsAsTheForm(t *testing.T, f *excelize.File, sheet string, freezeRows, freezeCols int, printTitles string, headingRow int, unit string) [][]string {
	t.Helper()
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != freezeRows || panes.XSplit != freezeCols {
		t.Errorf("panes %+v (%v), want rows %d and columns %d frozen", panes, err, freezeRows, freezeCols)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			found = true
			if dn.RefersTo != "'"+sheet+"'!"+printTitles {
				t.Errorf("print titles %q, want %s", dn.RefersTo, printTitles)
			}
		}
	}
	if !found {
		t.Errorf("no print titles in %+v", f.GetDefinedName())
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v (%v): want A4 (9) landscape, 1 page wide", pl, err)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %+v %v", props, err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("footer %+v (%v): want page numbers", hf, err)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for c, h := range rows[headingRow-1] {
		col, _ := excelize.ColumnNumberToName(c + 1)
		w, _ := f.GetColWidth(sheet, col)
		for _, line := range strings.Split(h, "\n") {
			if need := width(line); w < need {
				t.Errorf("column %s is %.0f wide, its heading %q needs %.0f", col, w, line, need)
			}
		}
	}
	for r, row := range rows {
		for c, v := range row {
			if strings.HasPrefix(v, "'") {
				t.Errorf("row %d column %d begins with an apostrophe: %q", r+1, c+1, v)
			}
		}
	}
	text := strings.Join(flatten(rows[len(rows)-3:]), "|")
	for _, want := range []string{"填报单位（盖章）：" + unit, "单位负责人：", "填报人：", "联系电话：", "填报日期："} {
		if !strings.Contains(text, want) {
			t.Errorf("sign-off block %q lacks %q", text, want)
		}
	}
	return rows
}

func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func cellAt(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

func TestMonitoringTableIsTheOfficialForm(t *testing.T) {
	per := period.Period{Key: "2024-06", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 6}
	recs := seasonRecords(t, per)
	var buf bytes.Buffer
	if err := workbooks.WriteMonitoring(&buf, workbooks.ReportTable{Period: per, Reports: recordSeq(recs), Unit: "格尔木市人民政府办公室"}); err != nil {
		t.Fatal(err)
	}
	f, sheet := openBook(t, buf.Bytes())
	rows := checkPrintsAsTheForm(t, f, sheet, 3, 1, "$3:$3", 3, "格尔木市人民政府办公室")
	if !strings.Contains(cellAt(rows, 1, 0), "填报单位：格尔木市人民政府办公室") {
		t.Errorf("row 2 %v: no 填报单位", rows[1])
	}
	// the filled project, rows 4 …
	filled := recs[0]
	name := func(c, r int) string { n, _ := excelize.CoordinatesToCellName(c+1, r); return n }
	for col, want := range map[int]string{2: workbooks.FormatAmount, 3: workbooks.FormatAmount, workbooks.MonColExecuted: workbooks.FormatAmount,
		workbooks.MonColRate: workbooks.FormatPercent, 6: workbooks.FormatAmount, workbooks.MonColScore: workbooks.FormatScore, workbooks.MonColTotal: workbooks.FormatScore} {
		if got := numFmt(t, f, sheet, name(col, 4)); got != want {
			t.Errorf("%s format %q, want %q", name(col, 4), got, want)
		}
		if typ, _ := f.GetCellType(sheet, name(col, 4)); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("%s is text, want a number", name(col, 4))
		}
	}
	if got := cellAt(rows, 3, workbooks.MonColRate); !sameNumber(got, "0.4") {
		t.Errorf("rate %q, want 0.4 (shown as 40.00%%)", got)
	}
	if shown, _ := f.GetCellValue(sheet, name(workbooks.MonColRate, 4)); shown != "40.00%" {
		t.Errorf("rate shows %q, want 40.00%%", shown)
	}
	status := cellAt(rows, 3, workbooks.MonColStatus)
	if !strings.Contains(status, "已提交") || !strings.Contains(status, "按第 1 版目标填报（目标已调整为第 2 版）") {
		t.Errorf("status %q: want the state and the target version", status)
	}
	if got := cellAt(rows, 3, workbooks.MonColRuleProfile); got != "评分规则：national 第1版" {
		t.Errorf("rule profile %q: want the profile that scored it", got)
	}
	dates := 0
	for i, in := range filled.Project.Indicators {
		r := 4 + i
		target := name(workbooks.MonColIndicator+1, r)
		if v, _ := f.GetCellValue(sheet, target); strings.HasPrefix(v, "=") && !quotePrefixed(t, f, sheet, target) {
			t.Errorf("%s %q has no quote prefix", target, v)
		}
		expl := name(15, r)
		if v, _ := f.GetCellValue(sheet, expl); v != "=SUM(A1:A2) 不是公式" || !quotePrefixed(t, f, sheet, expl) {
			t.Errorf("%s = %q, quote prefix %v", expl, v, quotePrefixed(t, f, sheet, expl))
		}
		if in.Kind() == project.KindDeadline {
			dates++
			cell := name(workbooks.MonColValue, r)
			if got := numFmt(t, f, sheet, cell); got != workbooks.FormatDate {
				t.Errorf("deadline %s format %q, want a date", cell, got)
			}
			if shown, _ := f.GetCellValue(sheet, cell); shown != "2024年5月20日" {
				t.Errorf("deadline %s shows %q", cell, shown)
			}
		}
	}
	if dates == 0 {
		t.Fatal("the fixture has no deadline line")
	}
	// every project nobody filled: 未填报, no score, no grade, no 差
	row := 3 + len(filled.Project.Indicators)
	for _, rec := range recs[1:] {
		top := row
		if !strings.HasPrefix(cellAt(rows, top, 0), rec.Project.Code) {
			t.Fatalf("row %d is %v, want %s", top+1, rows[top], rec.Project.Code)
		}
		if cellAt(rows, top, workbooks.MonColTotal) != "" || cellAt(rows, top, workbooks.MonColGrade) != "" ||
			cellAt(rows, top, workbooks.MonColStatus) != "未填报" || cellAt(rows, top, workbooks.MonColProjectLight) != "未填报" ||
			cellAt(rows, top, workbooks.MonColRuleProfile) != "" {
			t.Errorf("unfilled %s: %v", rec.Project.Code, rows[top])
		}
		for range rec.Project.Indicators {
			if s := cellAt(rows, row, workbooks.MonColScore); s != "" {
				t.Errorf("unfilled %s line score %q", rec.Project.Code, s)
			}
			if l := cellAt(rows, row, workbooks.MonColLight); l != "未填报" {
				t.Errorf("unfilled %s line light %q", rec.Project.Code, l)
			}
			for _, v := range rows[row] {
				if v == "差" {
					t.Errorf("unfilled %s graded 差: %v", rec.Project.Code, rows[row])
				}
			}
			row++
		}
	}
}

func sameNumber(a, b string) bool {
	x, err1 := decimal.NewFromString(a)
	y, err2 := decimal.NewFromString(b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

func TestSelfEvaluationTableIsTheOfficialForm(t *testing.T) {
	per := period.Period{Key: "2024", Kind: period.KindFinal, Year: 2024, CutoffMonth: 12}
	recs := seasonRecords(t, per)[:2]
	var buf bytes.Buffer
	if err := workbooks.WriteSelfEvaluation(&buf, workbooks.ReportTable{Period: per, Reports: recordSeq(recs), Unit: "格尔木市人民政府办公室"}); err != nil {
		t.Fatal(err)
	}
	f, sheet := openBook(t, buf.Bytes())
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// the heading rows of the indicator table: widths checked on the first
	heading := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "一级指标" {
			heading = i + 1
			break
		}
	}
	checkPrintsAsTheForm(t, f, sheet, 2, 0, "$1:$2", heading, "格尔木市人民政府办公室")
	blocks := 0
	var profiles []string
	for i, r := range rows {
		if len(r) > 2 && r[0] == "项目名称" {
			blocks++
			if strings.HasPrefix(r[2], recs[0].Project.Code) && cellAt(rows, i+2, 2) != "按第 1 版目标填报（目标已调整为第 2 版）" {
				t.Errorf("adjusted project: row %v, want the target version", rows[i+2])
			}
		}
		if len(r) > 0 && r[0] == "年度资金总额" {
			cell, _ := excelize.CoordinatesToCellName(7, i+1)
			if got := numFmt(t, f, sheet, cell); got != workbooks.FormatPercent {
				t.Errorf("rate %s format %q", cell, got)
			}
			cell, _ = excelize.CoordinatesToCellName(3, i+1)
			if got := numFmt(t, f, sheet, cell); got != workbooks.FormatAmount {
				t.Errorf("budget %s format %q", cell, got)
			}
		}
		if len(r) > 0 && r[0] == "总分" && strings.Contains(strings.Join(r, "|"), "差") {
			t.Errorf("a total graded 差: %v", r)
		}
		if len(r) > 0 && r[0] == "评分规则" {
			profiles = append(profiles, cellAt(rows, i, 2))
		}
	}
	if blocks != 2 {
		t.Errorf("%d project blocks, want 2", blocks)
	}
	// the saved report names the rules that scored it; the unfilled one has no total to name them for
	if len(profiles) != 1 || !strings.HasPrefix(profiles[0], "评分规则：national 第1版") {
		t.Errorf("rule profile rows %q, want one naming national v1", profiles)
	}
	last := rows[len(rows)-4]
	if last[0] != "总分" || cellAt(rows, len(rows)-4, 6) != "" || cellAt(rows, len(rows)-4, 7) != "评价等级：未填报" {
		t.Errorf("the unfilled project's total row %v: want no score and 未填报", last)
	}
	ws, err := f.GetPageLayout(sheet)
	if err != nil || ws.Orientation == nil {
		t.Fatal(err)
	}
}

func TestTargetTableIsTheOfficialForm(t *testing.T) {
	data, ds := exportSeed(t)
	f, sheet := openBook(t, data)
	checkPrintsAsTheForm(t, f, sheet, 3, 0, "$3:$3", 3, "")
	if got := numFmt(t, f, sheet, "D4"); got != workbooks.FormatAmount {
		t.Errorf("合计 format %q", got)
	}
	if got := numFmt(t, f, sheet, "D5"); got != workbooks.FormatAmount {
		t.Errorf("budget format %q", got)
	}
	if shown, _ := f.GetCellValue(sheet, "D4"); shown != "2,150.78" {
		t.Errorf("合计 shows %q, want 2,150.78", shown)
	}
	if len(ds.Projects) != 12 {
		t.Fatalf("seed changed: %d projects", len(ds.Projects))
	}
}
