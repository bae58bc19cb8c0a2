package workbooks

import (
	"strings"

	"jixiao/domain/project"
)

// formLabels are the labels of a single-project application form
// (项目支出绩效目标申报表), each followed by its value to the right.
var formLabels = map[string]string{
	"项目支出名称": "name", "项目名称": "name",
	"项目编码": "code", "项目代码": "code",
	"预算部门": "department", "主管部门": "department", "预算单位": "department", "单位名称": "department",
	"年度预算金额": "budget", "预算金额": "budget", "年度资金总额": "budget", "资金总额": "budget", "项目总金额": "budget", "年度预算数": "budget",
	"绩效目标": "goal", "年度绩效目标": "goal", "年度目标": "goal", "总体目标": "goal", "年度总体目标": "goal",
	"项目类别": "category",
	"实施期":  "period", "项目实施期": "period",
}

// formLabelText is how a missing label is named in a problem.
var formLabelText = map[string]string{
	"name": "项目支出名称", "department": "预算部门", "budget": "年度预算金额",
}

// readForm reads the label/value block above the indicator table of an
// application form and starts its one project.
func (r *reader) readForm() {
	type found struct {
		value string
		at    cellRef
		unit  string
	}
	got := map[string]found{}
	for row := 0; row < r.h.row; row++ {
		cells := r.sh.Rows[row]
		for c := 0; c < len(cells); c++ {
			name, unit := normalizeHeading(cells[c])
			key, ok := formLabels[name]
			if !ok {
				continue
			}
			if _, dup := got[key]; dup {
				continue
			}
			v, at := r.valueRightOf(row, c)
			if v == "" && key == "goal" && row+1 < r.h.row {
				v, at = r.valueRightOf(row+1, -1)
			}
			if v == "" {
				continue
			}
			got[key] = found{value: v, at: at, unit: unit}
			c = at.col // the value is not a label
		}
	}
	head := cellRef{sheet: r.sh.Name, row: 0, col: -1}
	for _, key := range []string{"name", "department", "budget"} {
		if _, ok := got[key]; !ok {
			r.problem(head, "申报表缺少“"+formLabelText[key]+"”或其内容为空")
		}
	}
	name := got["name"]
	imp := &Imported{Sheet: r.sh.Name, Row: name.at.row + 1, at: map[string]cellRef{}}
	code, pname := "", name.value
	if m := projectCodeDash.FindStringSubmatch(pname); m != nil {
		code, pname = m[1], strings.TrimSpace(m[2])
	}
	if c, ok := got["code"]; ok {
		code = c.value
		imp.at["code"] = c.at
	} else {
		imp.at["code"] = name.at
	}
	imp.at["name"] = name.at
	if d, ok := got["department"]; ok {
		r.setDepartment(d.value, d.at)
	}
	imp.at["department"] = r.deptAt
	imp.Project = project.Project{Code: code, Name: pname, Department: r.dept, Category: DefaultCategory}
	if c, ok := got["category"]; ok {
		imp.Project.Category = c.value
		imp.at["category"] = c.at
	}
	if g, ok := got["goal"]; ok {
		imp.Project.Goal = g.value
		imp.at["goal"] = g.at
	}
	weightCol := r.ref(r.h.row, colWeight).col
	imp.at["indicators"] = cellRef{sheet: r.sh.Name, row: r.h.row, col: weightCol}
	imp.at["execution_weight"] = imp.at["indicators"]
	r.cur = imp
	if b, ok := got["budget"]; ok {
		if b.unit != "" {
			r.unitKnown, r.perYuan = true, b.unit == "元"
		}
		r.budget(b.value, b.at)
	}
}

// valueRightOf is the first text right of a cell in its row.
func (r *reader) valueRightOf(row, col int) (string, cellRef) {
	cells := r.sh.Rows[row]
	for c := col + 1; c < len(cells); c++ {
		if v := clean(cells[c]); v != "" {
			if r.sh.HasFormula(row, c) {
				r.problem(cellRef{sheet: r.sh.Name, row: row, col: c}, msgFormula)
				return "", cellRef{}
			}
			return v, cellRef{sheet: r.sh.Name, row: row, col: c}
		}
	}
	return "", cellRef{}
}
