package workbooks

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jixiao/domain/fields"
	"jixiao/domain/project"
)

var (
	// "820001-井研县马踏镇人民政府", "003001-格尔木市人民政府办公室（本级）"
	codeDash = regexp.MustCompile(`^([0-9A-Za-z]{2,32})\s*[-—－_]\s*(\S.*)$`)
	// "63280100024T000000634-机关事务…": project codes are longer
	projectCodeDash = regexp.MustCompile(`^([0-9A-Za-z]{6,64})\s*[-—－_]\s*(\S.*)$`)
	ownLevel        = regexp.MustCompile(`[（(]本级[)）]$`)
	totalRow        = regexp.MustCompile(`^(合\s*计|总\s*计|小\s*计)|小计$|合计$`)
	// the sign-off block under a paper form's table: 填报单位（盖章）：, 单位负责人： …
	signOffLabel = regexp.MustCompile(`^(填报单位[（(]盖章[)）]|单位负责人|填报人|联系电话|填报日期|制表人|审核人)\s*[:：]`)
)

// signOffRow reports whether a row begins the sign-off block that ends a
// table: its first filled cell is one of the block's labels.
func signOffRow(sh *Sheet, row int) bool {
	for _, v := range sh.Rows[row] {
		if v = strings.TrimSpace(v); v != "" {
			return signOffLabel.MatchString(v)
		}
	}
	return false
}

// DefaultCategory is the 项目类别 of projects from tables that have none
// (the provincial export and the application form do not carry one).
const DefaultCategory = "未分类"

// readRow reads one row below the heading.
func (r *reader) readRow(row int, form bool) {
	if rowBlank(r.sh, row) || r.totalRow(row) {
		return
	}
	l3 := clean(r.cell(row, colLevel3))
	target := r.targetCell(row)
	weight := r.cell(row, colWeight)
	hasInd := !placeholder(l3) || !placeholder(target) || !placeholder(weight)
	if !form {
		deptText := clean(r.cell(row, colDepartment))
		projText := clean(r.cell(row, colProject))
		codeText := clean(r.cell(row, colCode))
		if !placeholder(deptText) && deptText != r.deptKey {
			r.closeProject()
			r.setDepartment(deptText, r.ref(row, colDepartment))
		}
		if v := clean(r.cell(row, colParent)); !placeholder(v) {
			r.parent, r.parentAt = v, r.ref(row, colParent)
		}
		if placeholder(projText) && placeholder(codeText) && !hasInd {
			return // a department's subtotal or heading row
		}
		if (!placeholder(projText) || !placeholder(codeText)) && codeText+"|"+projText != r.curKey {
			r.closeProject()
			r.startProject(row, projText, codeText)
		}
		if r.cur == nil {
			r.problem(r.ref(row, colProject), "该行的指标没有所属项目：项目名称为空")
			return
		}
		r.projectFields(row)
	}
	if v := clean(r.cell(row, colLevel1)); !placeholder(v) {
		r.l1, r.l1At = v, r.ref(row, colLevel1)
	}
	if v := clean(r.cell(row, colLevel2)); !placeholder(v) {
		r.l2, r.l2At = v, r.ref(row, colLevel2)
	}
	if !hasInd || r.cur == nil {
		return
	}
	if placeholder(l3) {
		r.problem(r.ref(row, colLevel3), "三级指标名称为空")
		return
	}
	r.indicator(row, l3, target, weight)
}

func rowBlank(sh *Sheet, row int) bool {
	for _, v := range sh.Rows[row] {
		if !placeholder(v) {
			return false
		}
	}
	return true
}

// totalRow tells the rows that add up (合计, 小计, 总计), which are skipped.
func (r *reader) totalRow(row int) bool {
	for _, c := range []column{colDepartment, colProject, colCode, colCategory} {
		if col, ok := r.h.cols[c]; ok && totalRow.MatchString(clean(r.sh.Cell(row, col))) {
			return true
		}
	}
	for _, v := range r.sh.Rows[row] {
		if v = clean(v); v != "" {
			return totalRow.MatchString(v) // the first text of the row
		}
	}
	return false
}

func (r *reader) targetCell(row int) string {
	if r.has(colTarget) {
		return r.cell(row, colTarget)
	}
	return r.cell(row, colTargetUnit)
}

func (r *reader) targetCol() column {
	if r.has(colTarget) {
		return colTarget
	}
	return colTargetUnit
}

func (r *reader) setDepartment(text string, at cellRef) {
	r.deptKey, r.deptAt = text, at
	r.dept = splitDepartment(text)
	r.parent = ""
}

// splitDepartment reads "820001-井研县马踏镇人民政府" into code and name; the
// suffix （本级）, which marks a unit's own budget, is not part of its name.
func splitDepartment(text string) project.Department {
	var d project.Department
	if m := codeDash.FindStringSubmatch(text); m != nil {
		d = project.Department{Code: m[1], Name: strings.TrimSpace(m[2])}
	} else {
		d = project.Department{Name: text}
	}
	d.Name = strings.TrimSpace(ownLevel.ReplaceAllString(d.Name, ""))
	return d
}

func (r *reader) startProject(row int, projText, codeText string) {
	r.curKey = codeText + "|" + projText
	r.l1, r.l2 = "", ""
	imp := &Imported{Sheet: r.sh.Name, Row: row + 1, at: map[string]cellRef{}}
	name, code := projText, ""
	if m := projectCodeDash.FindStringSubmatch(projText); m != nil {
		code, name = m[1], strings.TrimSpace(m[2])
	}
	if !placeholder(codeText) {
		if code != "" && code != codeText {
			r.problem(r.ref(row, colCode), fmt.Sprintf("项目编码“%s”与项目名称中的编码“%s”不一致", codeText, code))
		}
		code = codeText
	}
	imp.Project = project.Project{Code: code, Name: name, Department: r.dept}
	imp.at["name"] = r.ref(row, colProject)
	imp.at["code"] = r.ref(row, colProject)
	if r.has(colCode) {
		imp.at["code"] = r.ref(row, colCode)
	}
	imp.at["department"] = r.deptAt
	if r.parent != "" {
		imp.Parent, imp.at["parent"] = r.parent, r.parentAt
	}
	imp.at["indicators"] = r.ref(row, colWeight)
	imp.at["execution_weight"] = cellRef{sheet: r.sh.Name, row: r.h.row, col: r.ref(row, colWeight).col}
	if !r.has(colCategory) {
		imp.Project.Category = DefaultCategory
	}
	r.cur = imp
}

// projectFields reads category, budget and goal where the row has them:
// on the project's first row (merged or blank below) or on every row.
func (r *reader) projectFields(row int) {
	p := &r.cur.Project
	if v := clean(r.cell(row, colCategory)); !placeholder(v) {
		r.once("category", &p.Category, v, r.ref(row, colCategory), "项目类别")
	}
	if v := clean(r.cell(row, colGoal)); !placeholder(v) {
		r.once("goal", &p.Goal, v, r.ref(row, colGoal), "绩效目标")
	}
	if v := clean(r.cell(row, colBudget)); !placeholder(v) {
		r.budget(v, r.ref(row, colBudget))
	}
}

// once sets a project field from its first cell; a later cell of the same
// project that says otherwise is a problem.
func (r *reader) once(field string, into *string, v string, at cellRef, label string) {
	if _, seen := r.cur.at[field]; !seen || *into == "" || (field == "category" && *into == DefaultCategory) {
		*into = v
		r.cur.at[field] = at
		return
	}
	if *into != v {
		r.problem(at, fmt.Sprintf("同一项目的%s前后不一致：前面为“%s”", label, *into))
	}
}

func (r *reader) budget(v string, at cellRef) {
	if !r.unitKnown && !strings.HasSuffix(v, "元") {
		r.problem(at, "未说明金额单位：请在表题或预算数标题中注明元或万元，或在金额后写明“元”“万元”")
		return
	}
	d, err := project.ParseAmount(v, r.perYuan)
	if err != nil {
		r.problem(at, err.Error())
		return
	}
	if prev, seen := r.cur.at["budget"]; seen {
		if !r.cur.Project.Budget.Equal(d) {
			r.problem(at, fmt.Sprintf("同一项目的预算数前后不一致：%s 行为 %s 万元", strconv.Itoa(prev.row+1), r.cur.Project.Budget.String()))
		}
		return
	}
	r.cur.Project.Budget = d
	r.cur.at["budget"] = at
}

// closeProject completes the current project: codes, year, weights, and the
// project's own validation, whose problems are pointed at their cells.
func (r *reader) closeProject() {
	imp := r.cur
	r.cur, r.curKey = nil, ""
	if imp == nil {
		return
	}
	p := &imp.Project
	p.Year = r.year
	p.ExecutionWeight = r.execWeight
	if p.Department.Code == "" && p.Department.Name != "" {
		if r.opt.DepartmentByName != nil {
			if code, ok := r.opt.DepartmentByName(p.Department.Name); ok {
				p.Department.Code = code
			}
		}
		if p.Department.Code == "" {
			p.Department.Code = "JXD" + shortHash(p.Department.Name)
		}
	}
	if p.Code == "" && p.Name != "" {
		p.Code = StableCode(p.Department.Code, r.year, p.Name)
		imp.CodeAssigned = true
	}
	r.validate(imp)
	r.out.Projects = append(r.out.Projects, *imp)
}

func (r *reader) finish() { r.closeProject() }

// StableCode is the code given to a project that a table names without a
// code: the same department, year and name always give the same code, so a
// table imported again updates the same project.
func StableCode(department string, year int, name string) string {
	return fmt.Sprintf("JX%d-%s", year, shortHash(department+"\x00"+name))
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return strings.ToUpper(hex.EncodeToString(sum[:5]))
}

var indicatorField = regexp.MustCompile(`^indicators\[(\d+)\]\.(\w+)$`)

// validate runs the project's own validation (the same the seed passes) and
// points each problem at its cell.
func (r *reader) validate(imp *Imported) {
	err := imp.Project.Validate()
	var fe *fields.Error
	if !errors.As(err, &fe) {
		return
	}
	name := imp.Project.Name
	for field, msg := range fe.Fields {
		if r.noWeights && (field == "indicators" || strings.HasSuffix(field, ".weight")) {
			continue // the table's missing weights are reported once
		}
		if imp.badWeight && field == "indicators" {
			continue // the sum of weights cannot be told with one unreadable
		}
		at, ok := imp.at[field]
		switch {
		case field == "department.code" || field == "department.name":
			at, ok = imp.at["department"], true
		case field == "year":
			at, ok = cellRef{sheet: imp.Sheet, row: 0, col: -1}, true
		case field == "indicators":
			msg = fmt.Sprintf("项目“%s”：%s", name, msg)
		}
		if m := indicatorField.FindStringSubmatch(field); m != nil {
			i, _ := strconv.Atoi(m[1])
			if i < len(imp.inds) {
				at, ok = imp.inds[i][m[2]], true
			}
		}
		if !ok {
			at = cellRef{sheet: imp.Sheet, row: imp.Row - 1, col: -1}
		}
		r.problem(at, msg)
	}
}

// checkDuplicates refuses a project code that appears twice in a file.
func checkDuplicates(out *Parsed) {
	seen := map[string]Imported{}
	for _, imp := range out.Projects {
		if imp.Project.Code == "" {
			continue
		}
		if first, dup := seen[imp.Project.Code]; dup {
			out.Problems = append(out.Problems, imp.at["code"].problem(
				fmt.Sprintf("项目编码“%s”重复：工作表“%s”第 %d 行已有该项目", imp.Project.Code, first.Sheet, first.Row)))
			continue
		}
		seen[imp.Project.Code] = imp
	}
}
