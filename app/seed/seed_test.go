package seed_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/app/seed"
	"jixiao/domain/period"
	"jixiao/domain/project"
)

// sourcePath is the text extracted from the disclosure PDF (格尔木市人民政府办公室
// 2024 年部门预算, 项目支出绩效目标表), kept in the repository so that the test
// comparing the dataset with it runs in any clone.
const sourcePath = "testdata/golmud-gov-office-2024-budget.txt"

func load(t *testing.T) seed.Dataset {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatalf("Golmud2024: %v", err)
	}
	return ds
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// The projects in table order, as printed: code, budget (万元) and the number
// of indicator rows under the project.
var wantProjects = []struct {
	code, name, category, budget string
	indicators                   int
}{
	{"63280100024R000014831", "编制外长期聘用人员支出", "12-编外人员类", "744.78", 5},
	{"63280100024T000000634", "机关事务综合管理及办公用房确权专项资金", "3-特定目标类", "100.00", 7},
	{"63280100024T000000637", "可可西里保护区专项资金", "3-特定目标类", "10.00", 7},
	{"63280100024T000000638", "新区办公楼租赁专项资金", "3-特定目标类", "600.00", 6},
	{"63280100024T000000639", "政府公报办刊资金", "3-特定目标类", "19.80", 7},
	{"63280100024T000000641", "市政府办公室综合事务专项资金", "3-特定目标类", "120.00", 7},
	{"63280100024T000000642", "金融服务活动资金", "3-特定目标类", "15.80", 7},
	{"63280100024T000000700", "“710”政务督办系统运维专项资金", "3-特定目标类", "6.50", 6},
	{"63280100024T000000702", "“12345”政务服务热线专项资金", "3-特定目标类", "64.80", 6},
	{"63280100024T000000703", "市电子政务云平台网络安全等级保护服务专项资金", "3-特定目标类", "225.00", 6},
	{"63280100024T000000704", "政务系统改造及网络安全等保测评专项资金", "3-特定目标类", "104.10", 6},
	{"63280100024T000000705", "电子政务外网整合改造专项资金", "3-特定目标类", "140.00", 6},
}

func TestDatasetHeader(t *testing.T) {
	ds := load(t)
	if ds.Year != 2024 {
		t.Errorf("Year = %d, want 2024", ds.Year)
	}
	if !ds.ExecutionWeight.Equal(dec("10")) {
		t.Errorf("ExecutionWeight = %s, want 10", ds.ExecutionWeight)
	}
	if want := (project.Department{Code: "003001", Name: "格尔木市人民政府办公室"}); ds.Department != want {
		t.Errorf("Department = %+v, want %+v", ds.Department, want)
	}
	wantPeriods := []period.Period{
		{Key: "2024-06", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 6},
		{Key: "2024", Kind: period.KindFinal, Year: 2024, CutoffMonth: 12},
	}
	if len(ds.Periods) != len(wantPeriods) {
		t.Fatalf("%d periods, want %d", len(ds.Periods), len(wantPeriods))
	}
	for i, w := range wantPeriods {
		if ds.Periods[i] != w {
			t.Errorf("Periods[%d] = %+v, want %+v", i, ds.Periods[i], w)
		}
	}
}

func TestProjectsAndBudgets(t *testing.T) {
	ds := load(t)
	if len(ds.Projects) != len(wantProjects) {
		t.Fatalf("%d projects, want %d", len(ds.Projects), len(wantProjects))
	}
	total := decimal.Zero
	for i, w := range wantProjects {
		p := ds.Projects[i]
		if p.Code != w.code || p.Name != w.name || p.Category != w.category {
			t.Errorf("project %d = %s %s %s, want %s %s %s", i+1, p.Code, p.Name, p.Category, w.code, w.name, w.category)
		}
		if !p.Budget.Equal(dec(w.budget)) {
			t.Errorf("%s budget = %s, want %s", p.Code, p.Budget, w.budget)
		}
		if p.Department != ds.Department || p.Year != 2024 || !p.ExecutionWeight.Equal(dec("10")) {
			t.Errorf("%s: department/year/execution weight = %+v/%d/%s", p.Code, p.Department, p.Year, p.ExecutionWeight)
		}
		if strings.TrimSpace(p.Goal) == "" {
			t.Errorf("%s: empty goal", p.Code)
		}
		total = total.Add(p.Budget)
	}
	// 合计 2,150.78 (table line 726; text: 涉及项目12个，预算金额2,150.78万元).
	if !total.Equal(dec("2150.78")) {
		t.Errorf("budget total = %s, want 2150.78", total)
	}
}

func TestIndicatorCountsAndWeights(t *testing.T) {
	ds := load(t)
	n := 0
	for i, p := range ds.Projects {
		if got, want := len(p.Indicators), wantProjects[i].indicators; got != want {
			t.Errorf("%s: %d indicators, want %d", p.Code, got, want)
		}
		n += len(p.Indicators)
		if w := p.IndicatorWeight(); !w.Equal(dec("90")) {
			t.Errorf("%s: indicator weights add to %s, want 90", p.Code, w)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Code, err)
		}
	}
	if n != 76 {
		t.Errorf("%d indicators in total, want 76", n)
	}
}

func find(t *testing.T, ds seed.Dataset, code string, idx int) project.Indicator {
	t.Helper()
	for _, p := range ds.Projects {
		if p.Code == code {
			if idx >= len(p.Indicators) {
				t.Fatalf("%s has no indicator %d", code, idx)
			}
			return p.Indicators[idx]
		}
	}
	t.Fatalf("no project %s", code)
	return project.Indicator{}
}

func TestSpotChecks(t *testing.T) {
	ds := load(t)
	cases := []struct {
		what          string
		code          string
		idx           int
		level1        string
		level2        string
		name          string
		nature        project.Nature
		target, unit  string
		weight        string
		kind          project.Kind
		accrual       project.Accrual
		deadline      string
		wantNumber    string
		wantNumberSet bool
	}{
		{what: `PDF "0 63 人" repaired to "= 63 人"`, code: "63280100024R000014831", idx: 0,
			level1: "产出指标", level2: "数量指标", name: "编制外长期聘用人员数",
			nature: project.NatureEQ, target: "63", unit: "人", weight: "20",
			kind: project.KindEqual, accrual: project.AccrualLevel, wantNumber: "63", wantNumberSet: true},
		{what: "wrapped name, ≥ 95 % is a level", code: "63280100024R000014831", idx: 1,
			level1: "产出指标", level2: "质量指标", name: "编制外长期聘用人员考核合格率",
			nature: project.NatureGE, target: "95", unit: "%", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel, wantNumber: "95", wantNumberSet: true},
		{what: "≥ 95 % under 时效指标 is not a deadline", code: "63280100024R000014831", idx: 2,
			level1: "产出指标", level2: "时效指标", name: "工资按时发放及时率",
			nature: project.NatureGE, target: "95", unit: "%", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: "qualitative on the 优良中低差 scale", code: "63280100024R000014831", idx: 3,
			level1: "效益指标", level2: "社会效益", name: "促进单位日常工作开展，提升政务行政运行",
			nature: project.NatureQualitative, target: "优良中低差", unit: "", weight: "20",
			kind: project.KindQualitative, accrual: project.AccrualNone},
		{what: "wrapped name 确权登记合格率及公车监管合格率", code: "63280100024T000000634", idx: 2,
			level1: "产出指标", level2: "质量指标", name: "确权登记合格率及公车监管合格率",
			nature: project.NatureGE, target: "98", unit: "%", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: `PDF "0 2024 年" repaired to a deadline`, code: "63280100024T000000634", idx: 3,
			level1: "产出指标", level2: "时效指标", name: "机关事务综合管理及办公用房确权完成时间",
			nature: project.NatureEQ, target: "2024", unit: "年", weight: "20",
			kind: project.KindDeadline, accrual: project.AccrualNone, deadline: "2024-12-31"},
		{what: "qualitative 显著, no unit", code: "63280100024T000000634", idx: 4,
			level1: "效益指标", level2: "社会效益", name: "项目实施后，有效保障了机关事务工作运行，加快标准化、规范化、节能型机关建设，提高机关事务服务工作水平。",
			nature: project.NatureQualitative, target: "显著", unit: "", weight: "10",
			kind: project.KindQualitative, accrual: project.AccrualNone},
		{what: "每两周…巡护次数 ≥ 1 次 is a per-interval level", code: "63280100024T000000637", idx: 0,
			level1: "产出指标", level2: "数量指标", name: "每两周沿线巡护次数、每两月到可可西里保护腹地巡护次数",
			nature: project.NatureGE, target: "1", unit: "次", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: `"= 2024 年" with weight 15`, code: "63280100024T000000637", idx: 2,
			level1: "产出指标", level2: "时效指标", name: "巡护完成时间",
			nature: project.NatureEQ, target: "2024", unit: "年", weight: "15",
			kind: project.KindDeadline, deadline: "2024-12-31"},
		{what: "level 2 生态效益 as printed", code: "63280100024T000000637", idx: 4,
			level1: "效益指标", level2: "生态效益", name: "通过开展巡护工作，有效提高高原生态效益",
			nature: project.NatureQualitative, target: "显著", unit: "", weight: "10",
			kind: project.KindQualitative},
		{what: "长期显著, name wrapping over 决/定性", code: "63280100024T000000637", idx: 5,
			level1: "效益指标", level2: "可持续影响", name: "通过项目实施，有效震慑盗采、盗猎行为，推动全社会弘扬保护环境爱护野生动物行为，对青藏高原自然生态起到了决定性作用",
			nature: project.NatureQualitative, target: "长期显著", unit: "", weight: "10",
			kind: project.KindQualitative},
		{what: "长效", code: "63280100024T000000638", idx: 4,
			level1: "效益指标", level2: "可持续影响", name: "保障单位职责履行，提高了办事效率，加快标准化、规范化、高效性机关建设",
			nature: project.NatureQualitative, target: "长效", unit: "", weight: "10",
			kind: project.KindQualitative},
		{what: "《》 kept", code: "63280100024T000000639", idx: 0,
			level1: "产出指标", level2: "数量指标", name: "《格尔木政府公报》年发行期数",
			nature: project.NatureGE, target: "12", unit: "册", weight: "10",
			kind: project.KindHigher, accrual: project.AccrualCumulative},
		{what: "每月发行数量 ≥ 800 本 is a level", code: "63280100024T000000639", idx: 1,
			level1: "产出指标", level2: "数量指标", name: "每月发行数量",
			nature: project.NatureGE, target: "800", unit: "本", weight: "10",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: "印刷合格率 ≥ 100 %", code: "63280100024T000000639", idx: 2,
			level1: "产出指标", level2: "质量指标", name: "印刷合格率",
			nature: project.NatureGE, target: "100", unit: "%", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel, wantNumber: "100", wantNumberSet: true},
		{what: "text kept as printed (过普及…)", code: "63280100024T000000642", idx: 4,
			level1: "效益指标", level2: "社会效益", name: "过普及金融政策、有力谋划银企对接事项，大力普及防范金融风险政策，助力小微企业发展，推动全市经济发展",
			nature: project.NatureQualitative, target: "显著", unit: "", weight: "10",
			kind: project.KindQualitative},
		{what: "level 2 and name both 服务对象满意度", code: "63280100024T000000642", idx: 6,
			level1: "满意度指标", level2: "服务对象满意度", name: "服务对象满意度",
			nature: project.NatureGE, target: "95", unit: "%", weight: "10",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: "政务督办数量 ≥ 150 件 is cumulative", code: "63280100024T000000700", idx: 0,
			level1: "产出指标", level2: "数量指标", name: "政务督办数量",
			nature: project.NatureGE, target: "150", unit: "件", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualCumulative},
		{what: "“12345” quotes kept", code: "63280100024T000000702", idx: 2,
			level1: "产出指标", level2: "时效指标", name: "“12345”热线平台运行维护期限",
			nature: project.NatureEQ, target: "2024", unit: "年", weight: "20",
			kind: project.KindDeadline, deadline: "2024-12-31"},
		{what: `PDF "0 1 年" is a duration: equal, not a deadline`, code: "63280100024T000000703", idx: 2,
			level1: "产出指标", level2: "时效指标", name: "网络平台基础设施建设和网络安全等级保护符合要求，项目采购期限",
			nature: project.NatureEQ, target: "1", unit: "年", weight: "20",
			kind: project.KindEqual, accrual: project.AccrualLevel, wantNumber: "1", wantNumberSet: true},
		{what: "≥ 98 % satisfaction", code: "63280100024T000000703", idx: 5,
			level1: "满意度指标", level2: "服务对象满意度", name: "政务内外网使用单位满意度",
			nature: project.NatureGE, target: "98", unit: "%", weight: "10",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: "three-line name", code: "63280100024T000000704", idx: 1,
			level1: "产出指标", level2: "质量指标", name: "全市政务云平台及相关系统存在的网络安全问题及隐患改造合格率",
			nature: project.NatureGE, target: "98", unit: "%", weight: "20",
			kind: project.KindHigher, accrual: project.AccrualLevel},
		{what: "leading space of the cell trimmed", code: "63280100024T000000705", idx: 3,
			level1: "效益指标", level2: "社会效益", name: "项目建成后，可提升多样化业务支撑能力和智能化应用水平，实现统一集中管理和统一费用标准，达到提速降费目的，可以显著提高全市党政机关政务网络安全防护能力和水平，提升格尔木作为全省副中心城市的安全可靠形象，具有可观的经济效益和社会效益。",
			nature: project.NatureQualitative, target: "显著", unit: "", weight: "10",
			kind: project.KindQualitative},
	}
	for _, c := range cases {
		in := find(t, ds, c.code, c.idx)
		if in.Level1 != c.level1 || in.Level2 != c.level2 || in.Name != c.name {
			t.Errorf("%s: %s[%d] = %s / %s / %q, want %s / %s / %q", c.what, c.code, c.idx, in.Level1, in.Level2, in.Name, c.level1, c.level2, c.name)
		}
		if in.Nature != c.nature || in.Target != c.target || in.Unit != c.unit || !in.Weight.Equal(dec(c.weight)) {
			t.Errorf("%s: %s[%d] = %s %q %q %s, want %s %q %q %s", c.what, c.code, c.idx, in.Nature, in.Target, in.Unit, in.Weight, c.nature, c.target, c.unit, c.weight)
		}
		if k := in.Kind(); k != c.kind {
			t.Errorf("%s: %s[%d] kind = %s, want %s", c.what, c.code, c.idx, k, c.kind)
		}
		if c.accrual != "" || c.kind == project.KindQualitative || c.kind == project.KindDeadline {
			if a := in.EffectiveAccrual(); a != c.accrual {
				t.Errorf("%s: %s[%d] accrual = %q, want %q", c.what, c.code, c.idx, a, c.accrual)
			}
		}
		if c.deadline != "" {
			if d, ok := in.Deadline(); !ok || d != c.deadline {
				t.Errorf("%s: %s[%d] deadline = %q %v, want %q", c.what, c.code, c.idx, d, ok, c.deadline)
			}
		}
		if c.wantNumberSet {
			if n, ok := in.TargetNumber(); !ok || !n.Equal(dec(c.wantNumber)) {
				t.Errorf("%s: %s[%d] target number = %s %v, want %s", c.what, c.code, c.idx, n, ok, c.wantNumber)
			}
		}
	}
}

func TestDerivedKinds(t *testing.T) {
	ds := load(t)
	kinds := map[project.Kind]int{}
	accruals := map[project.Accrual]int{}
	natures := map[project.Nature]int{}
	for _, p := range ds.Projects {
		for _, in := range p.Indicators {
			kinds[in.Kind()]++
			accruals[in.EffectiveAccrual()]++
			natures[in.Nature]++
			if in.Kind() == project.KindDeadline && !(project.IsTimeliness(in.Level2) && in.Target == "2024" && in.Unit == "年") {
				t.Errorf("%s %s: deadline that is not \"= 2024 年\" under 时效指标", p.Code, in.Name)
			}
		}
	}
	// Counted in the source table (lines 726–1285) by reading each value row:
	//  - 10 rows read "0 2024 年" (lines 796, 839, 888, 935, 980, 1019, 1059,
	//    1107, 1204, 1258), all under 时效指标: projects 634, 637, 638, 639,
	//    641, 642, 700, 702, 704, 705. Project R…831's 时效 row is "≥ 95 %"
	//    and project 703's is "0 1 年" (a duration).
	//  - 2 rows are "=" with a number: "0 63 人" (line 741), "0 1 年" (line 1152).
	//  - 24 rows read "定性 …" (one per 效益 sub-row): project R…831 has 1,
	//    637 has 3 (社会效益, 生态效益, 可持续影响), the other ten have 2 each.
	//    (Line 862 "定性作用" is the tail of a wrapped name, not a value row.)
	//  - 40 rows read "≥": 76 − 10 − 2 − 24, and also counted directly:
	//    3+4+3+3+4+4+4+3+3+3+3+3 per project in table order.
	//  - no ≤, <, > rows.
	want := map[project.Kind]int{
		project.KindDeadline:    10,
		project.KindEqual:       2,
		project.KindQualitative: 24,
		project.KindHigher:      40,
		project.KindLower:       0,
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s indicators, want %d", kinds[k], k, n)
		}
	}
	if natures[project.NatureGE] != 40 || natures[project.NatureEQ] != 12 || natures[project.NatureQualitative] != 24 {
		t.Errorf("natures = %v, want 40 >=, 12 =, 24 qualitative", natures)
	}
	// Accrual of the 42 numeric (higher + equal) rows, derived by default:
	// 25 have unit % (12 质量指标 rows, 12 满意度 rows, and R…831's 时效 row
	// 工资按时发放及时率), 3 more name a per-interval frequency (每两周…每两月…,
	// 租赁办公楼数量及每季度…, 每月发行数量): 28 level. The file states
	// "accrual: level" for four stocks (63 人, 95 辆, 2 条, 1 年): 32 level; the
	// other 10 are cumulative.
	if accruals[project.AccrualLevel] != 32 || accruals[project.AccrualCumulative] != 10 || accruals[project.AccrualNone] != 34 {
		t.Errorf("accruals = %v, want 32 level, 10 cumulative, 34 none", accruals)
	}
}

func TestLongestName(t *testing.T) {
	ds := load(t)
	longest, where := 0, ""
	for _, p := range ds.Projects {
		if n := utf8.RuneCountInString(p.Name); n > longest {
			longest, where = n, p.Code+" name"
		}
		for _, in := range p.Indicators {
			if n := utf8.RuneCountInString(in.Name); n > longest {
				longest, where = n, p.Code+" indicator "+in.Name
			}
		}
	}
	// The 社会效益 name of 63280100024T000000705, counted in the source: lines
	// 1264–1272 hold 12 (after trimming the leading space of line 1264), seven
	// times 13, and 12 characters: 12 + 7×13 + 12 = 115.
	if longest != 115 {
		t.Errorf("longest name has %d characters (%s), want 115", longest, where)
	}
	if longest > project.MaxNameLength {
		t.Errorf("longest name %d exceeds MaxNameLength %d", longest, project.MaxNameLength)
	}
}

func TestTextIsClean(t *testing.T) {
	ds := load(t)
	check := func(where, s string) {
		if strings.ContainsAny(s, "\r\n\t") || strings.TrimSpace(s) != s {
			t.Errorf("%s: %q has a line break or surrounding whitespace", where, s)
		}
	}
	for _, p := range ds.Projects {
		check(p.Code+" name", p.Name)
		check(p.Code+" goal", p.Goal)
		for i, in := range p.Indicators {
			check(p.Code+" indicator name", in.Name)
			check(p.Code+" level1", in.Level1)
			check(p.Code+" level2", in.Level2)
			if strings.HasSuffix(in.Level2, "指标") != (in.Level1 == "产出指标") {
				t.Errorf("%s[%d]: level 2 %q not as printed", p.Code, i, in.Level2)
			}
		}
	}
}

// TestAgainstSource walks the extracted text of the disclosure in order and
// finds every project cell, budget, goal and indicator row of the dataset in
// sequence, with each value row spelled as the PDF prints it ("≥ 95 % 20",
// "0 2024 年 20", "定性 显著 10"). The lines of the source are trimmed and
// joined without separator, which is exactly how wrapped cells are re-joined.
func TestAgainstSource(t *testing.T) {
	raw, err := os.ReadFile(filepath.FromSlash(sourcePath))
	if err != nil {
		t.Fatalf("the disclosure text is testdata of this repository: %v", err)
	}
	ds := load(t)
	lines := strings.Split(string(raw), "\n")
	var b strings.Builder
	lineEnd := map[int]bool{} // offsets in text where a source line ends
	for _, l := range lines {
		b.WriteString(strings.TrimSpace(l))
		lineEnd[b.Len()] = true
	}
	text := b.String()
	start := strings.Index(text, "2024年市级部门预算项目支出绩效目标表")
	if start < 0 {
		t.Fatal("table heading not found in source")
	}
	cur := start
	seek := func(what, s string) bool {
		t.Helper()
		i := strings.Index(text[cur:], s)
		if i < 0 {
			t.Errorf("%s: %q not found after offset %d", what, s, cur)
			return false
		}
		cur += i + len(s)
		return true
	}
	pdfNature := map[project.Nature]string{project.NatureGE: "≥", project.NatureEQ: "0", project.NatureQualitative: "定性"}
	seek("department", "003001-"+ds.Department.Name+"（本级）")
	prevCategory := ""
	for _, p := range ds.Projects {
		seek("project cell", p.Code+"-"+p.Name)
		if p.Category != prevCategory {
			seek(p.Code+" category", p.Category)
			prevCategory = p.Category
		}
		seek(p.Code+" budget", p.Budget.StringFixed(2))
		seek(p.Code+" goal", p.Goal)
		var prev project.Indicator
		for i, in := range p.Indicators {
			if i == 0 || in.Level1 != prev.Level1 {
				seek(p.Code+" level1", in.Level1)
			}
			if i == 0 || in.Level2 != prev.Level2 {
				seek(p.Code+" level2", in.Level2)
			}
			seek(p.Code+" indicator name", in.Name)
			row := pdfNature[in.Nature] + " " + in.Target + " "
			if in.Unit != "" {
				row += in.Unit + " "
			}
			row += in.Weight.String()
			if seek(p.Code+" "+in.Name+" values", row) && !lineEnd[cur] {
				t.Errorf("%s %s: value row %q does not end its source line", p.Code, in.Name, row)
			}
			prev = in
		}
	}
	// Every value row of the source is accounted for: the number of value
	// rows printed equals the number of indicators in the dataset.
	valueRow := regexp.MustCompile(`(^| )(≥|≤|>|<|=|0|定性) \S+( \S+)? \d+$`)
	rows, inTable := 0, false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case strings.Contains(l, "2024年市级部门预算项目支出绩效目标表"):
			inTable = true
		case strings.HasPrefix(l, "第四部分"):
			inTable = false
		case inTable && valueRow.MatchString(l):
			rows++
		}
	}
	n := 0
	for _, p := range ds.Projects {
		n += len(p.Indicators)
	}
	if rows != n {
		t.Errorf("source has %d value rows, dataset %d indicators", rows, n)
	}
}

func TestGolmud2024MatchesFile(t *testing.T) {
	data, err := os.ReadFile("golmud-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := seed.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	b := load(t)
	if len(a.Projects) != len(b.Projects) || a.Projects[11].Indicators[3].Name != b.Projects[11].Indicators[3].Name {
		t.Error("Parse(file) and Golmud2024 differ")
	}
}

// mutate returns the seed file with the first occurrence of old replaced.
func mutate(t *testing.T, old, new string) []byte {
	t.Helper()
	data, err := os.ReadFile("golmud-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("mutation target %q not in seed file", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name     string
		data     func(t *testing.T) []byte
		contains []string
		is       error
		field    string // a ValidationError field that must be reported
	}{
		{name: "unknown field",
			data: func(t *testing.T) []byte {
				return mutate(t, `    budget: "744.78"`, "    budget: \"744.78\"\n    colour: red")
			},
			contains: []string{"colour", "not found"}},
		{name: "unknown indicator field",
			data: func(t *testing.T) []byte {
				return mutate(t, `weight: "20"}   # line 1055`, `weight: "20", score: "1"}   # line 1055`)
			},
			contains: []string{"score"}},
		{name: "unrepaired PDF nature 0",
			data: func(t *testing.T) []byte {
				return mutate(t, `name: 编制外长期聘用人员数, nature: "="`, `name: 编制外长期聘用人员数, nature: "0"`)
			},
			contains: []string{"63280100024R000014831", "indicators[0]", "nature"},
			is:       project.ErrUnknownNature},
		{name: "bad nature word",
			data: func(t *testing.T) []byte {
				return mutate(t, `name: 印刷合格率, nature: ">="`, `name: 印刷合格率, nature: "about"`)
			},
			contains: []string{"project 5 (63280100024T000000639)", "indicators[2]", "nature"},
			is:       project.ErrUnknownNature},
		{name: "non-numeric target for a numeric nature",
			data: func(t *testing.T) []byte {
				return mutate(t, `target: "63"`, `target: 六十三`)
			},
			contains: []string{"63280100024R000014831", "indicators[0].target"},
			is:       project.ErrInvalid, field: "indicators[0].target"},
		{name: "weights do not add to 90+10",
			data: func(t *testing.T) []byte {
				return mutate(t, `weight: "20"}   # line 1055`, `weight: "25"}   # line 1055`)
			},
			contains: []string{"63280100024T000000700", "indicators", "95", "105"},
			is:       project.ErrInvalid, field: "indicators"},
		{name: "execution weight changes the full mark",
			data: func(t *testing.T) []byte {
				return mutate(t, `execution_weight: "10"`, `execution_weight: "15"`)
			},
			contains: []string{"63280100024R000014831", "indicators", "105"},
			is:       project.ErrInvalid, field: "indicators"},
		{name: "bad weight",
			data: func(t *testing.T) []byte {
				return mutate(t, `weight: "20"}   # line 1055`, `weight: "twenty"}   # line 1055`)
			},
			contains: []string{"63280100024T000000700", "indicators[0]", "weight"}},
		{name: "bad budget",
			data: func(t *testing.T) []byte {
				return mutate(t, `budget: "744.78"`, `budget: "744,78"`)
			},
			contains: []string{"63280100024R000014831", "budget"}},
		{name: "budget beyond cents",
			data: func(t *testing.T) []byte {
				return mutate(t, `budget: "744.78"`, `budget: "744.781"`)
			},
			contains: []string{"63280100024R000014831", "budget"}},
		{name: "period key disagrees with kind",
			data: func(t *testing.T) []byte {
				return mutate(t, `{key: "2024-06", kind: monitor, cutoff_month: 6}`, `{key: "2024-06", kind: final, cutoff_month: 6}`)
			},
			contains: []string{"periods[0]", "kind", "2024-06"}},
		{name: "annual key with monitor kind",
			data: func(t *testing.T) []byte {
				return mutate(t, `{key: "2024", kind: final, cutoff_month: 12}`, `{key: "2024", kind: monitor, cutoff_month: 12}`)
			},
			contains: []string{"periods[1]", "kind"}},
		{name: "period key disagrees with cut-off month",
			data: func(t *testing.T) []byte {
				return mutate(t, `{key: "2024-06", kind: monitor, cutoff_month: 6}`, `{key: "2024-06", kind: monitor, cutoff_month: 7}`)
			},
			contains: []string{"periods[0]", "cutoff_month"}},
		{name: "period of another year",
			data: func(t *testing.T) []byte {
				return mutate(t, `{key: "2024-06", kind: monitor, cutoff_month: 6}`, `{key: "2023-06", kind: monitor, cutoff_month: 6}`)
			},
			contains: []string{"periods[0]", "2023-06"}},
		{name: "bad period key",
			data: func(t *testing.T) []byte {
				return mutate(t, `{key: "2024-06", kind: monitor, cutoff_month: 6}`, `{key: "2024-13", kind: monitor, cutoff_month: 13}`)
			},
			contains: []string{"periods[0]", "key"}, is: period.ErrInvalidKey},
		{name: "untrimmed cell",
			data: func(t *testing.T) []byte {
				return mutate(t, `name: 编制外长期聘用人员数,`, `name: " 编制外长期聘用人员数",`)
			},
			contains: []string{"63280100024R000014831", "indicators[0]", "whitespace"}},
		{name: "qualitative with a unit",
			data: func(t *testing.T) []byte {
				return mutate(t, `target: 优良中低差, unit: ""`, `target: 优良中低差, unit: "%"`)
			},
			contains: []string{"63280100024R000014831", "indicators[3]", "unit"}},
		{name: "duplicate project code",
			data: func(t *testing.T) []byte {
				return mutate(t, `code: "63280100024T000000634"`, `code: "63280100024R000014831"`)
			},
			contains: []string{"project 2", "duplicate"}},
		{name: "bad accrual",
			data: func(t *testing.T) []byte {
				return mutate(t, `weight: "20"}   # line 1055`, `weight: "20", accrual: monthly}   # line 1055`)
			},
			contains: []string{"63280100024T000000700", "indicators[0]", "accrual"}, is: project.ErrUnknownAccrual},
		{name: "second document",
			data: func(t *testing.T) []byte {
				return append(mutate(t, "year: 2024", "year: 2024"), []byte("---\nyear: 2025\n")...)
			},
			contains: []string{"more than one"}},
		{name: "empty", data: func(*testing.T) []byte { return nil }, contains: []string{"empty"}},
		{name: "no projects",
			data: func(*testing.T) []byte {
				return []byte("year: 2024\nexecution_weight: \"10\"\ndepartment: {code: \"003001\", name: x}\nperiods: []\nprojects: []\n")
			},
			contains: []string{"projects"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := seed.Parse(c.data(t))
			if err == nil {
				t.Fatal("Parse accepted broken data")
			}
			if !errors.Is(err, seed.ErrInvalid) {
				t.Errorf("error %v does not wrap seed.ErrInvalid", err)
			}
			for _, s := range c.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if c.field != "" {
				var ve *project.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("error %v is not a ValidationError", err)
				}
				if _, ok := ve.Fields[c.field]; !ok {
					t.Errorf("ValidationError fields %v lack %q", ve.Fields, c.field)
				}
			}
		})
	}
}

// TestParseAcceptsStatedAccrual checks that an accrual stated in the file
// overrides the derived one.
func TestParseAcceptsStatedAccrual(t *testing.T) {
	ds, err := seed.Parse(mutate(t, `weight: "20"}   # line 1055`, `weight: "20", accrual: level}   # line 1055`))
	if err != nil {
		t.Fatal(err)
	}
	var got project.Accrual
	for _, p := range ds.Projects {
		if p.Code == "63280100024T000000700" {
			got = p.Indicators[0].EffectiveAccrual()
		}
	}
	if a := got; a != project.AccrualLevel {
		t.Errorf("accrual = %q, want level", a)
	}
}
