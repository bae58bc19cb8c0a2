package workbooks_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao/app/workbooks"
	"jixiao/domain/project"
)

// provincialRows is a table as the provincial 一体化 system exports it:
// amounts in 元 per the title, a department subtotal row, rows not grouped
// by 一级, project cells only on a project's first row, no project codes,
// natures as full-width symbols or 定量 with a direction, level names with
// and without 指标, placeholder rows, and a total row.
func provincialRows() [][]any {
	return [][]any{
		{"2023年度部门预算项目绩效目标表"},
		{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "金额单位：元"},
		{"单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性"},
		{"820001-井研县马踏镇人民政府", nil, "5,309,840.00"},
		{"820001-井研县马踏镇人民政府", "乡村道路养护经费", "3,309,840.00", "养护全镇乡村道路，保障群众出行。", "产出", "数量指标", "养护道路里程", "≥", "20", "公里", "30", "正向"},
		{nil, nil, nil, nil, "效益指标", "社会效益", "群众出行条件", "定性", "显著", nil, "20", nil},
		{nil, nil, nil, nil, "产出", "质量指标", "养护路段合格率", "＞＝", "９５", "％", "20", "正向"},
		{nil, nil, nil, nil, "成本指标", "经济成本指标", "……", nil, nil, nil, nil, nil},
		{nil, nil, nil, nil, "满意度指标", "服务对象满意度", "沿线群众满意度", "≥", "90", "%", "10", "正向"},
		{nil, nil, nil, nil, "产出", "时效指标", "养护完成时间", "＝", "2023", "年", "10", nil},
		{nil, "村级公益设施维护", "2000000", "维护村级公益设施。", "产出指标", "数量指标", "维护设施数量", "定量", "12", "处", "40", "正向指标"},
		{nil, nil, nil, nil, "产出指标", "成本指标", "单位面积维护成本", "定量", "200", "元/平方米", "30", "反向指标"},
		{nil, nil, nil, nil, "满意度指标", "服务对象满意度指标", "村民满意度", "≥", "85", "%", "20", "正向"},
		{nil, nil, nil, nil, nil, nil, "/", nil, nil, nil, nil, nil},
		{"合计", nil, "5,309,840.00"},
	}
}

func TestProvincialExportLoadsWithItsQuirks(t *testing.T) {
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows(), merges: []string{"A1:L1"}})
	got := parse(t, data, "一体化导出.xlsx", workbooks.Options{})
	checkProvincial(t, got, 2023)
}

func TestProvincialExportAsCSVInUTF8AndGBK(t *testing.T) {
	csvText := toCSV(provincialRows())
	t.Run("utf-8 with BOM", func(t *testing.T) {
		got := parse(t, append([]byte("\xEF\xBB\xBF"), csvText...), "targets.csv", workbooks.Options{})
		checkProvincial(t, got, 2023)
	})
	t.Run("gbk", func(t *testing.T) {
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvText)
		if err != nil {
			t.Fatal(err)
		}
		got := parse(t, []byte(gbk), "targets.csv", workbooks.Options{})
		checkProvincial(t, got, 2023)
	})
}

func TestYearParameterWinsOverTheTitle(t *testing.T) {
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows()})
	got := parse(t, data, "t.xlsx", workbooks.Options{Year: 2024})
	checkProvincial(t, got, 2024)
}

func checkProvincial(t *testing.T, got workbooks.Parsed, year int) {
	t.Helper()
	if len(got.Problems) > 0 {
		t.Fatalf("problems: %+v", got.Problems)
	}
	if len(got.Projects) != 2 {
		t.Fatalf("%d projects, want 2", len(got.Projects))
	}
	road, care := got.Projects[0], got.Projects[1]
	dept := project.Department{Code: "820001", Name: "井研县马踏镇人民政府"}
	for _, imp := range got.Projects {
		p := imp.Project
		if p.Department != dept || p.Year != year || p.Category != workbooks.DefaultCategory || !imp.CodeAssigned {
			t.Errorf("%s: department %+v year %d category %q assigned %v", p.Name, p.Department, p.Year, p.Category, imp.CodeAssigned)
		}
		if want := workbooks.StableCode("820001", year, p.Name); p.Code != want {
			t.Errorf("%s: code %q, want the stable %q", p.Name, p.Code, want)
		}
	}
	if road.Project.Budget.String() != "330.984" {
		t.Errorf("3,309,840.00 元 read as %s 万元, want 330.984", road.Project.Budget)
	}
	if care.Project.Budget.String() != "200" {
		t.Errorf("2000000 元 read as %s 万元", care.Project.Budget)
	}
	want := []project.Indicator{
		{Level1: "产出", Level2: "数量指标", Name: "养护道路里程", Nature: project.NatureGE, Target: "20", Unit: "公里"},
		{Level1: "效益指标", Level2: "社会效益", Name: "群众出行条件", Nature: project.NatureQualitative, Target: "显著"},
		{Level1: "产出", Level2: "质量指标", Name: "养护路段合格率", Nature: project.NatureGE, Target: "95", Unit: "%"},
		{Level1: "满意度指标", Level2: "服务对象满意度", Name: "沿线群众满意度", Nature: project.NatureGE, Target: "90", Unit: "%"},
		{Level1: "产出", Level2: "时效指标", Name: "养护完成时间", Nature: project.NatureEQ, Target: "2023", Unit: "年"},
	}
	checkIndicators(t, road.Project, want, "30", "20", "20", "10", "10")
	if k := road.Project.Indicators[4].Kind(); k != project.KindDeadline {
		t.Errorf("= 2023 年 under 时效指标 is %s, want deadline", k)
	}
	checkIndicators(t, care.Project, []project.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Name: "维护设施数量", Nature: project.NatureGE, Target: "12", Unit: "处"},
		{Level1: "产出指标", Level2: "成本指标", Name: "单位面积维护成本", Nature: project.NatureLE, Target: "200", Unit: "元/平方米"},
		{Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "村民满意度", Nature: project.NatureGE, Target: "85", Unit: "%"},
	}, "40", "30", "20")
}

func checkIndicators(t *testing.T, p project.Project, want []project.Indicator, weights ...string) {
	t.Helper()
	if len(p.Indicators) != len(want) {
		t.Fatalf("%s: %d indicators, want %d: %+v", p.Name, len(p.Indicators), len(want), p.Indicators)
	}
	for i, w := range want {
		g := p.Indicators[i]
		if g.Level1 != w.Level1 || g.Level2 != w.Level2 || g.Name != w.Name || g.Nature != w.Nature || g.Target != w.Target || g.Unit != w.Unit || g.Weight.String() != weights[i] {
			t.Errorf("%s indicator %d:\n got %+v (weight %s)\nwant %+v (weight %s)", p.Name, i, g, g.Weight, w, weights[i])
		}
	}
}

// formRows is a single-project application form (项目支出绩效目标申报表):
// a label/value block, then indicators whose 指标值及单位 carries operator,
// number and unit together.
func formRows(withWeights bool) [][]any {
	head := []any{"一级指标", "二级指标", "三级指标", "指标值及单位"}
	if withWeights {
		head = append(head, "分值")
	}
	rows := [][]any{
		{"项目支出绩效目标申报表"},
		{"（2024年度）"},
		{"项目支出名称", "政务服务大厅智能化改造"},
		{"预算部门", "820001-井研县马踏镇人民政府", "实施期", "2023.07-2024.01"},
		{"年度预算金额（万元）", "250"},
		{"绩效目标", "完成大厅智能化改造，提升群众办事体验。"},
		head,
	}
	ind := [][]any{
		{"产出指标", "数量指标", "购置自助终端", "10台", "20"},
		{nil, "质量指标", "网络带宽", "≥80M", "20"},
		{nil, "时效指标", "项目实施期", "2023.07-2024.01", "20"},
		{nil, "成本指标", "……", nil, nil},
		{"效益指标", "社会效益指标", "群众办事体验", "优良", "20"},
		{"满意度指标", "服务对象满意度指标", "群众满意度", "≥85%", "10"},
	}
	for _, r := range ind {
		if !withWeights {
			r = r[:4]
		}
		rows = append(rows, r)
	}
	return rows
}

func TestApplicationFormLoads(t *testing.T) {
	data := workbook(t, sheetSpec{name: "申报表", rows: formRows(true), merges: []string{"B3:E3", "A8:A11"}})
	got := parse(t, data, "申报表.xlsx", workbooks.Options{})
	if len(got.Problems) > 0 {
		t.Fatalf("problems: %+v", got.Problems)
	}
	if len(got.Projects) != 1 {
		t.Fatalf("%d projects", len(got.Projects))
	}
	p := got.Projects[0].Project
	if p.Name != "政务服务大厅智能化改造" || p.Year != 2024 || p.Budget.String() != "250" || p.Department.Code != "820001" ||
		p.Goal != "完成大厅智能化改造，提升群众办事体验。" || !got.Projects[0].CodeAssigned {
		t.Errorf("project %+v", p)
	}
	checkIndicators(t, p, []project.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Name: "购置自助终端", Nature: project.NatureEQ, Target: "10", Unit: "台"},
		{Level1: "产出指标", Level2: "质量指标", Name: "网络带宽", Nature: project.NatureGE, Target: "80", Unit: "M"},
		{Level1: "产出指标", Level2: "时效指标", Name: "项目实施期", Nature: project.NatureEQ, Target: "2024-01-31"},
		{Level1: "效益指标", Level2: "社会效益指标", Name: "群众办事体验", Nature: project.NatureQualitative, Target: "优良"},
		{Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "群众满意度", Nature: project.NatureGE, Target: "85", Unit: "%"},
	}, "20", "20", "20", "20", "10")
	if d, ok := p.Indicators[2].Deadline(); !ok || d != "2024-01-31" {
		t.Errorf("implementation period read as deadline %q %v", d, ok)
	}
}

func TestTablesWithoutWeightsAreRefusedSayingSo(t *testing.T) {
	data := workbook(t, sheetSpec{name: "申报表", rows: formRows(false)})
	got := parse(t, data, "申报表.xlsx", workbooks.Options{})
	if len(got.Problems) != 1 || !strings.Contains(got.Problems[0].Message, "没有分值权重") {
		t.Fatalf("problems %+v, want one saying the weights are missing", got.Problems)
	}
	if got.Problems[0].Sheet != "申报表" || got.Problems[0].Row != 7 {
		t.Errorf("problem points at %s row %d, want the heading row 7", got.Problems[0].Sheet, got.Problems[0].Row)
	}
	if len(got.Projects) != 1 || len(got.Projects[0].Project.Indicators) != 5 {
		t.Errorf("the dry run should still show what was read: %+v", got.Projects)
	}
}

// TestDisclosureWithTwoRowHeadingAndOwnLevelUnit reads the disclosure's
// layout typed by hand: headings over two rows, "（本级）" after the unit,
// the code split from the name by "-", and merged cells.
func TestDisclosureWithTwoRowHeadingAndOwnLevelUnit(t *testing.T) {
	rows := [][]any{
		{"2024年市级部门预算项目支出绩效目标表"},
		{"单位名称", "项目名称", "项目类别", "预算数（万元）", "绩效目标", "绩效指标", nil, nil, "绩效指标性质", "绩效指标值", "度量单位", "分值权重\n其中：预算执行率权重10%"},
		{nil, nil, nil, nil, nil, "一级指标", "二级指标", "三级指标"},
		{"合计", "-", "-", "50.00"},
		{"003001-格尔木市人民政府办公室（本级）", "63280100024T000000639-政府公报\n办刊资金", "3-特定目标类", "50.00", "按时编印政府公报。",
			"产出指标", "数量指标", "政府公报编印期数", "≥", "12", "册", "50"},
		{nil, nil, nil, nil, nil, nil, "时效指标", "编印及时率", "≥", "95", "%", "20"},
		{nil, nil, nil, nil, nil, "效益指标", "社会效益", "政务公开水平", "定性", "显著", nil, "20"},
	}
	data := workbook(t, sheetSpec{name: "绩效目标表", rows: rows, merges: []string{"F2:H2", "A5:A7", "B5:B7", "C5:C7", "D5:D7", "E5:E7", "F5:F6"}})
	got := parse(t, data, "disclosure.xlsx", workbooks.Options{})
	if len(got.Problems) > 0 {
		t.Fatalf("problems: %+v", got.Problems)
	}
	p := got.Projects[0].Project
	if p.Code != "63280100024T000000639" || p.Name != "政府公报办刊资金" || p.Department.Name != "格尔木市人民政府办公室" || p.Budget.String() != "50" || got.Projects[0].CodeAssigned {
		t.Errorf("project %+v", p)
	}
	checkIndicators(t, p, []project.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Name: "政府公报编印期数", Nature: project.NatureGE, Target: "12", Unit: "册"},
		{Level1: "产出指标", Level2: "时效指标", Name: "编印及时率", Nature: project.NatureGE, Target: "95", Unit: "%"},
		{Level1: "效益指标", Level2: "社会效益", Name: "政务公开水平", Nature: project.NatureQualitative, Target: "显著"},
	}, "50", "20", "20")
}

func parse(t *testing.T, data []byte, name string, opt workbooks.Options) workbooks.Parsed {
	t.Helper()
	sheets, err := workbooks.Read(data, name, workbooks.DefaultLimits)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return workbooks.ParseTargets(sheets, opt)
}

func toCSV(rows [][]any) string {
	var b strings.Builder
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			if v != nil {
				s := v.(string)
				if strings.ContainsAny(s, ",\"\n") {
					s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
				}
				cells[i] = s
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\r\n")
	}
	return b.String()
}

// TestDepartmentNamedAboveTheHeading: a table of one department may name
// it above the heading instead of in a column.
func TestDepartmentNamedAboveTheHeading(t *testing.T) {
	rows := provincialRows()
	rows[1] = []any{"单位名称：820001-井研县马踏镇人民政府", nil, nil, nil, nil, nil, nil, nil, nil, nil, "金额单位：元"}
	for i := 2; i < len(rows); i++ {
		rows[i] = rows[i][1:] // no 单位名称 column
	}
	rows[3] = []any{nil} // the department's subtotal row goes with its column
	got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows}), "t.xlsx", workbooks.Options{})
	checkProvincial(t, got, 2023)
}

// TestDateCellsReadAsTheDatesTheyShow: a deadline typed into Excel becomes
// a date cell holding a serial number; it is read as the date shown.
func TestDateCellsReadAsTheDatesTheyShow(t *testing.T) {
	rows := provincialRows()
	rows[9] = []any{nil, nil, nil, nil, "产出", "时效指标", "养护完成时间", "＝", time.Date(2023, 11, 30, 0, 0, 0, 0, time.UTC), nil, "10", nil}
	got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows}), "t.xlsx", workbooks.Options{})
	if len(got.Problems) > 0 {
		t.Fatalf("problems %+v", got.Problems)
	}
	in := got.Projects[0].Project.Indicators[4]
	if in.Target != "2023-11-30" || in.Kind() != project.KindDeadline {
		t.Errorf("date cell read as %+v (kind %s)", in, in.Kind())
	}
}

// TestPercentCellsReadAsThePercentagesTheyShow: 95% typed into Excel is the
// number 0.95 in a percentage style; it is read as 95 %.
func TestPercentCellsReadAsThePercentagesTheyShow(t *testing.T) {
	rows := provincialRows()
	rows[6] = []any{nil, nil, nil, nil, "产出", "质量指标", "养护路段合格率", "＞＝", 0.95, nil, 0.2, "正向"}
	got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows, numFmts: map[string]int{"I7": 9, "K7": 10}}), "t.xlsx", workbooks.Options{})
	checkProvincial(t, got, 2023)
}
