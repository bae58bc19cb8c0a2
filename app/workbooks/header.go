package workbooks

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// column names what a column of a target table holds.
type column int

const (
	colDepartment column = iota + 1
	colCode
	colProject
	colCategory
	colBudget
	colGoal
	colLevel1
	colLevel2
	colLevel3
	colNature
	colTarget
	colTargetUnit // 指标值及单位: operator, number and unit in one cell
	colUnit
	colWeight
	colDirection
	colAccrual // 累计方式: ours, so that an exported table comes back exactly
	// colParent is the 主管部门 of the row's unit, beside its 单位名称: a unit
	// the system does not know is created under it. Alone (no 单位名称
	// column) it is the department column, as before.
	colParent
)

// columnLabels are the column headings: the Chinese a person reads in errors.
var columnLabels = map[column]string{
	colDepartment: "单位名称", colCode: "项目编码", colProject: "项目名称", colCategory: "项目类别",
	colBudget: "预算数", colGoal: "绩效目标", colLevel1: "一级指标", colLevel2: "二级指标", colLevel3: "三级指标",
	colNature: "指标性质", colTarget: "指标值", colTargetUnit: "指标值及单位", colUnit: "度量单位",
	colWeight: "分值权重", colDirection: "指标方向性", colAccrual: "累计方式", colParent: "主管部门",
}

// headings maps a normalized heading to its column. Tables write the same
// heading in many ways; these are the ones of the disclosure, the
// provincial 一体化 export and the application form.
var headings = map[string]column{
	"单位名称": colDepartment, "预算单位": colDepartment, "部门名称": colDepartment, "预算部门": colDepartment,
	"主管部门": colParent, "主管部门名称": colParent, "主管部门编码": colParent, "主管部门代码": colParent,
	"项目编码": colCode, "项目代码": colCode, "项目编号": colCode,
	"项目名称": colProject, "项目支出名称": colProject,
	"项目类别": colCategory, "项目类型": colCategory, "项目分类": colCategory,
	"预算数": colBudget, "预算金额": colBudget, "年度预算数": colBudget, "年度预算金额": colBudget, "预算资金": colBudget, "资金总额": colBudget, "年度资金总额": colBudget, "项目金额": colBudget,
	"绩效目标": colGoal, "年度目标": colGoal, "年度绩效目标": colGoal, "总体目标": colGoal, "项目绩效目标": colGoal,
	"一级指标": colLevel1, "一级": colLevel1,
	"二级指标": colLevel2, "二级": colLevel2,
	"三级指标": colLevel3, "三级": colLevel3, "三级指标名称": colLevel3, "指标名称": colLevel3,
	"性质": colNature, "指标性质": colNature, "绩效指标性质": colNature,
	"指标值": colTarget, "绩效指标值": colTarget, "目标值": colTarget, "年度指标值": colTarget,
	"指标值及单位": colTargetUnit, "指标值和单位": colTargetUnit, "绩效指标值及单位": colTargetUnit,
	"度量单位": colUnit, "计量单位": colUnit, "指标单位": colUnit, "单位": colUnit,
	"分值权重": colWeight, "权重": colWeight, "分值": colWeight, "指标分值": colWeight, "指标权重": colWeight,
	"指标方向性": colDirection, "指标方向": colDirection, "方向": colDirection,
	"累计方式": colAccrual,
}

var (
	parenthetical = regexp.MustCompile(`[(（][^()（）]*[)）]`)
	executionPct  = regexp.MustCompile(`预算执行率权重\s*[:：]?\s*(\d+(?:\.\d+)?)\s*%?`)
	amountUnitRe  = regexp.MustCompile(`(?:金额|资金)?单位\s*[:：]\s*(万元|元)`)
	titleYear     = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
)

// normalizeHeading strips spaces, line breaks, colons and parenthetical
// units from a heading ("预算数\n（万元）" → "预算数") and returns the unit
// it states, "元" or "万元", if any.
func normalizeHeading(s string) (string, string) {
	s = project.FoldWidth(s)
	unit := ""
	for _, p := range parenthetical.FindAllString(s, -1) {
		switch {
		case strings.Contains(p, "万元"):
			unit = "万元"
		case strings.Contains(p, "元"):
			unit = "元"
		}
	}
	if i := strings.Index(s, "其中"); i > 0 {
		s = s[:i] // "分值权重 其中：预算执行率权重10%"
	}
	s = parenthetical.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', ':', '：', '*', '＊':
			return -1
		}
		return r
	}, s)
	return s, unit
}

// header is a recognized heading row.
type header struct {
	row        int // the last heading row (a heading may span two rows)
	cols       map[column]int
	amountUnit string           // from the budget heading: "元", "万元" or ""
	execWeight *decimal.Decimal // from "其中：预算执行率权重10%"
}

// findHeader looks for the heading row in the first rows of a sheet: a row
// (or two, when headings are merged over two rows) naming at least the
// 三级 indicator and its value.
func findHeader(sh *Sheet) (header, bool) {
	limit := min(len(sh.Rows), 60)
	for r := 0; r < limit; r++ {
		h := headerAt(sh, r, false)
		if r+1 < len(sh.Rows) {
			if h2 := headerAt(sh, r, true); len(h2.cols) > len(h.cols) && usable(h2) {
				return h2, true
			}
		}
		if usable(h) {
			return h, true
		}
	}
	return header{}, false
}

func usable(h header) bool {
	_, l3 := h.cols[colLevel3]
	_, t := h.cols[colTarget]
	_, tu := h.cols[colTargetUnit]
	return l3 && (t || tu) && len(h.cols) >= 4
}

// headerAt reads the headings of row r, or of rows r and r+1 taken
// together (the lower cell wins where both have text).
func headerAt(sh *Sheet, r int, two bool) header {
	h := header{row: r, cols: map[column]int{}}
	if two {
		h.row = r + 1
	}
	width := len(sh.Rows[r])
	if two && len(sh.Rows[r+1]) > width {
		width = len(sh.Rows[r+1])
	}
	for c := 0; c < width; c++ {
		raw := sh.Cell(r, c)
		if two && strings.TrimSpace(sh.Cell(r+1, c)) != "" {
			raw = sh.Cell(r+1, c)
		}
		name, unit := normalizeHeading(raw)
		col, ok := headings[name]
		if !ok {
			continue
		}
		if _, dup := h.cols[col]; dup {
			continue
		}
		h.cols[col] = c
		if col == colBudget {
			h.amountUnit = unit
		}
		if col == colWeight {
			if m := executionPct.FindStringSubmatch(project.FoldWidth(raw)); m != nil {
				w := decimal.RequireFromString(m[1])
				h.execWeight = &w
			}
		}
	}
	if c, ok := h.cols[colParent]; ok {
		if _, dept := h.cols[colDepartment]; !dept { // the 主管部门 is the table's department
			h.cols[colDepartment] = c
			delete(h.cols, colParent)
		}
	}
	return h
}

// titleFacts reads the year ("2023年度") and the amount unit ("金额单位：元")
// from rows above the heading.
func titleFacts(sh *Sheet, above int) (year int, amountUnit string, unitAt cellRef) {
	unitAt = cellRef{sheet: sh.Name, row: 0, col: -1}
	for r := 0; r < above && r < len(sh.Rows); r++ {
		for c, v := range sh.Rows[r] {
			v = project.FoldWidth(v)
			if year == 0 {
				if m := titleYear.FindStringSubmatch(v); m != nil {
					year = atoi(m[1])
				}
			}
			if amountUnit == "" {
				if m := amountUnitRe.FindStringSubmatch(v); m != nil {
					amountUnit = m[1]
					unitAt = cellRef{sheet: sh.Name, row: r, col: c}
				}
			}
		}
	}
	return year, amountUnit, unitAt
}

// titleDepartment is a unit named above the heading ("单位名称：820001-井研县马踏镇人民政府")
// by tables of one department that have no department column.
var titleDepartment = regexp.MustCompile(`(?:单位名称|预算单位|部门名称|预算部门|主管部门|编制单位)\s*[:：]\s*(\S+)`)

// departmentFromTitle takes the department from the rows above the heading.
func (r *reader) departmentFromTitle() bool {
	for row := 0; row < r.h.row; row++ {
		for col, v := range r.sh.Rows[row] {
			if m := titleDepartment.FindStringSubmatch(project.FoldWidth(v)); m != nil {
				r.setDepartment(m[1], cellRef{sheet: r.sh.Name, row: row, col: col})
				return true
			}
		}
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// placeholder reports whether a cell says nothing: blank, "……", "/", "-", "无".
func placeholder(s string) bool {
	switch strings.TrimSpace(project.FoldWidth(s)) {
	case "", "…", "……", "...", "......", "/", "-", "--", "—", "——", "无", "\\":
		return true
	}
	return false
}

// clean trims a text cell and removes the line breaks of wrapped cells.
func clean(s string) string {
	s = strings.NewReplacer("\r\n", "", "\n", "", "\r", "").Replace(s)
	return strings.TrimSpace(s)
}
