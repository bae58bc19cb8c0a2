package workbooks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// Problem is one thing wrong with an imported table, pointing at its cell:
// the sheet, the row (from 1) and the column letter ("" for the whole row or
// file). Messages are Chinese.
type Problem struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// cellRef is a cell counting from 0; col -1 is the whole row, row -1 the sheet.
type cellRef struct {
	sheet    string
	row, col int
}

func (c cellRef) problem(msg string) Problem {
	p := Problem{Sheet: c.sheet, Row: c.row + 1, Message: msg}
	if c.row < 0 {
		p.Row = 0
	}
	if c.col >= 0 {
		p.Column = columnName(c.col)
	}
	return p
}

// Imported is one project read from a table, with where its cells are.
type Imported struct {
	Project project.Project
	// CodeAssigned is true when the table gave no project code and a
	// stable one was made from department, year and name.
	CodeAssigned bool
	Sheet        string
	Row          int // the project's first row, from 1
	// Parent is the 主管部门 the table names beside the project's unit (a
	// code, a name or "code-name"); "" when the table names none.
	Parent string

	at        map[string]cellRef   // project field → cell
	inds      []map[string]cellRef // per indicator: field → cell
	badWeight bool                 // a weight cell could not be read
}

// Options steer parsing.
type Options struct {
	// Year overrides the year of the table's title; 0 takes the title's.
	Year int
	// Sheet restricts parsing to one sheet; "" reads every sheet with a table.
	Sheet string
	// DepartmentByName finds the code of a known department named in a table
	// that gives no code; nil knows none.
	DepartmentByName func(name string) (string, bool)
}

// Parsed is what a file held: its projects, or the problems that keep it
// from being imported. Projects are returned even with problems, so that a
// dry run shows what was read.
type Parsed struct {
	Year     int
	Projects []Imported
	Problems []Problem
}

// msgNoWeights is the problem of a table without weights: such tables are
// refused (README, "Import and export of tables").
const msgNoWeights = "表中没有分值权重：本系统不导入没有权重的绩效目标表。请为每个指标填写分值权重（指标权重合计 90，加预算执行率权重 10 共 100）后再导入"

const msgFormula = "单元格含公式，系统不计算公式：请在 Excel 中复制后“选择性粘贴为数值”再导入"

// ParseTargets reads the target tables of a file's sheets: the disclosure
// layout, the provincial 一体化 export and the single-project application
// form, recognised by their headings wherever they are.
func ParseTargets(sheets []Sheet, opt Options) Parsed {
	var out Parsed
	found := false
	var partial []Problem
	for i := range sheets {
		sh := &sheets[i]
		if opt.Sheet != "" && sh.Name != opt.Sheet {
			continue
		}
		h, ok := findHeader(sh)
		if !ok {
			if p, ok := describeMissing(sh); ok {
				partial = append(partial, p)
			}
			continue
		}
		found = true
		r := reader{sh: sh, h: h, opt: opt, out: &out}
		r.run()
	}
	if opt.Sheet != "" && !hasSheet(sheets, opt.Sheet) {
		names := make([]string, len(sheets))
		for i, s := range sheets {
			names[i] = "“" + s.Name + "”"
		}
		out.Problems = append(out.Problems, Problem{Sheet: opt.Sheet, Message: "工作簿中没有名为“" + opt.Sheet + "”的工作表，现有：" + strings.Join(names, "、")})
		return out
	}
	if !found {
		if len(partial) > 0 {
			out.Problems = append(out.Problems, partial...)
		} else {
			out.Problems = append(out.Problems, Problem{Message: "未找到绩效目标表：没有工作表的表头同时包含“三级指标”和“指标值”等列"})
		}
		return out
	}
	if len(out.Projects) == 0 && len(out.Problems) == 0 {
		out.Problems = append(out.Problems, Problem{Message: "未读到任何项目：表头下方没有项目数据"})
	}
	checkDuplicates(&out)
	sort.SliceStable(out.Problems, func(i, j int) bool {
		a, b := out.Problems[i], out.Problems[j]
		if a.Sheet != b.Sheet {
			return false
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return len(a.Column) < len(b.Column) || (len(a.Column) == len(b.Column) && a.Column < b.Column)
	})
	return out
}

func hasSheet(sheets []Sheet, name string) bool {
	for _, s := range sheets {
		if s.Name == name {
			return true
		}
	}
	return false
}

// describeMissing names the columns a sheet lacks when its headings look
// like a target table's but are not complete.
func describeMissing(sh *Sheet) (Problem, bool) {
	best, bestRow := 0, -1
	var bestCols map[column]int
	for r := 0; r < min(len(sh.Rows), 60); r++ {
		h := headerAt(sh, r, false)
		if len(h.cols) > best {
			best, bestRow, bestCols = len(h.cols), r, h.cols
		}
	}
	if best < 3 {
		return Problem{}, false
	}
	var missing []string
	for _, c := range []column{colLevel1, colLevel2, colLevel3, colTarget} {
		if _, ok := bestCols[c]; !ok {
			if c == colTarget {
				if _, ok := bestCols[colTargetUnit]; ok {
					continue
				}
			}
			missing = append(missing, "“"+columnLabels[c]+"”")
		}
	}
	return cellRef{sheet: sh.Name, row: bestRow, col: -1}.problem("表头缺少列：" + strings.Join(missing, "、")), true
}

// reader parses one sheet below its heading.
type reader struct {
	sh  *Sheet
	h   header
	opt Options
	out *Parsed

	year       int
	perYuan    bool
	execWeight decimal.Decimal
	noWeights  bool
	unitKnown  bool

	dept    project.Department
	deptAt  cellRef
	deptKey string
	// the 主管部门 named beside the current unit, and where
	parent   string
	parentAt cellRef
	cur      *Imported
	curKey   string
	l1, l2   string
	l1At     cellRef
	l2At     cellRef
}

func (r *reader) ref(row int, c column) cellRef {
	col, ok := r.h.cols[c]
	if !ok {
		col = -1
	}
	return cellRef{sheet: r.sh.Name, row: row, col: col}
}

func (r *reader) problem(at cellRef, msg string) {
	r.out.Problems = append(r.out.Problems, at.problem(msg))
}

// cell reads a column of a row, refusing formulas.
func (r *reader) cell(row int, c column) string {
	col, ok := r.h.cols[c]
	if !ok {
		return ""
	}
	v := r.sh.Cell(row, col)
	if strings.TrimSpace(v) != "" && r.sh.HasFormula(row, col) {
		r.problem(cellRef{sheet: r.sh.Name, row: row, col: col}, msgFormula)
		return ""
	}
	return v
}

func (r *reader) has(c column) bool {
	_, ok := r.h.cols[c]
	return ok
}

func (r *reader) run() {
	r.execWeight = project.DefaultExecutionWeight
	if r.h.execWeight != nil {
		r.execWeight = *r.h.execWeight
	}
	form := !r.has(colProject)
	if !r.settle(form) {
		return
	}
	if form {
		r.readForm()
	}
	for row := r.h.row + 1; row < len(r.sh.Rows) && !signOffRow(r.sh, row); row++ {
		r.readRow(row, form)
	}
	r.finish()
}

// settle decides the year, the amount unit and whether weights are there,
// and checks the columns every layout needs.
func (r *reader) settle(form bool) bool {
	year, unit, unitAt := titleFacts(r.sh, r.h.row)
	headingAt := cellRef{sheet: r.sh.Name, row: r.h.row, col: -1}
	ok := true
	switch {
	case r.opt.Year != 0:
		r.year = r.opt.Year
	case year != 0:
		r.year = year
	default:
		r.problem(cellRef{sheet: r.sh.Name, row: 0, col: -1}, "无法确定年度：表题中没有“2024年度”之类的字样，请在导入时指定年度（year）")
		ok = false
	}
	if r.out.Year == 0 {
		r.out.Year = r.year
	}
	if r.h.amountUnit != "" && unit != "" && r.h.amountUnit != unit {
		r.problem(unitAt, fmt.Sprintf("金额单位前后矛盾：表题为%s，表头为%s", unit, r.h.amountUnit))
		ok = false
	}
	if r.h.amountUnit != "" {
		unit = r.h.amountUnit
	}
	r.perYuan = unit == "元"
	var missing []string
	need := []column{colLevel1, colLevel2, colLevel3}
	if !form {
		need = append(need, colBudget)
		if !r.has(colDepartment) && !r.departmentFromTitle() {
			need = append(need, colDepartment)
		}
	}
	for _, c := range need {
		if !r.has(c) {
			missing = append(missing, "“"+columnLabels[c]+"”")
		}
	}
	if len(missing) > 0 {
		r.problem(headingAt, "表头缺少列："+strings.Join(missing, "、"))
		ok = false
	}
	if !r.has(colWeight) {
		r.noWeights = true
		r.problem(headingAt, msgNoWeights)
	}
	if !form && unit == "" {
		r.problem(r.ref(r.h.row, colBudget), "未说明金额单位：请在表题（如“金额单位：万元”）或预算数列标题（如“预算数（万元）”）中注明元或万元")
		ok = false
	}
	r.unitKnown = unit != ""
	return ok
}
