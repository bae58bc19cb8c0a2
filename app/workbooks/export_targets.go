package workbooks

import (
	"fmt"
	"io"
	"iter"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// TargetTable is what the target table shows: the projects of a year,
// ordered by department, each with its indicators.
type TargetTable struct {
	Year            int
	Total           decimal.Decimal // Σ budgets (万元), for the 合计 row
	ExecutionWeight decimal.Decimal // "其中：预算执行率权重10%"
	Projects        iter.Seq2[project.Project, error]
	// Unit is the reporting unit (填报单位) above the table and in its
	// sign-off block: the department's name when the table is of one.
	Unit string
	// Overall, when set, makes it the table of departments as a whole
	// (部门整体支出绩效目标表), with their budgets' composition.
	Overall *Overall
}

// Overall is what the tables of departments as a whole (部门整体支出绩效)
// write beyond the projects' layout: the composition of the budget, 基本支出
// and 项目支出, summed over the departments of the table.
type Overall struct {
	Basic, Projects decimal.Decimal
}

// note is the composition as the tables print it under the title.
func (o *Overall) note() string {
	return fmt.Sprintf("部门预算 %s 万元，其中：基本支出 %s 万元，项目支出 %s 万元",
		o.Basic.Add(o.Projects).StringFixed(2), o.Basic.StringFixed(2), o.Projects.StringFixed(2))
}

// target table columns, in the disclosure's order
var targetHeadings = []string{"单位名称", "项目名称", "项目类别", "预算数（万元）", "绩效目标",
	"一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "度量单位", "分值权重", "累计方式"}

// accrualLabels write an accrual stated for an indicator; a derived one is blank.
var accrualLabels = map[project.Accrual]string{project.AccrualCumulative: "累计", project.AccrualLevel: "时点"}

// natureSymbols are the natures as the disclosure prints them.
var natureSymbols = map[project.Nature]string{
	project.NatureGE: "≥", project.NatureGT: ">", project.NatureLE: "≤", project.NatureLT: "<",
	project.NatureEQ: "=", project.NatureQualitative: "定性",
}

// WriteTargets writes the target table in the disclosure's layout
// (2024年市级部门预算项目支出绩效目标表), plus a last column 累计方式 for
// accruals stated rather than derived, with its merged cells: the
// department over its projects, each project's cells over its indicators,
// and 一级 and 二级 over the rows they cover. Projects are written as they
// come, so a table of any length streams.
func WriteTargets(w io.Writer, t TargetTable) error {
	last := len(targetHeadings) - 1
	weightCol := last - 1
	headings := append([]string(nil), targetHeadings...)
	headings[weightCol] = fmt.Sprintf("分值权重\n其中：预算执行率权重%s%%", t.ExecutionWeight.String())
	b, err := newBook("绩效目标表", layout{widths: []float64{22, 30, 14, 14, 40, 12, 14, 36, 12, 12, 10, 12, 10},
		heads: headings, freezeRows: 3, printFrom: 3, printTo: 3})
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%d年市级部门预算项目支出绩效目标表", t.Year)
	if t.Overall != nil {
		title = fmt.Sprintf("%d年度部门整体支出绩效目标表", t.Year)
	}
	if err := b.writeRow("title", 30, title); err != nil {
		return err
	}
	if err := b.merge(1, 0, 1, last); err != nil {
		return err
	}
	note := make([]any, last+1)
	note[0], note[weightCol] = styled{"sign", "填报单位：" + t.Unit}, "金额单位：万元"
	if t.Overall != nil {
		note[5] = t.Overall.note()
	}
	if err := b.write("note", note...); err != nil {
		return err
	}
	if err := b.merge(2, 0, 2, 4); err != nil {
		return err
	}
	heads := make([]any, len(headings))
	for i, h := range headings {
		heads[i] = h
	}
	if err := b.write("head", heads...); err != nil {
		return err
	}
	total := t.Total
	if err := b.write("bold", "合计", "-", "-", amount(&total), "-", nil, nil, nil, nil, nil, nil, nil, nil); err != nil {
		return err
	}
	deptCode, deptTop := "", 0
	closeDept := func() error {
		if deptCode == "" {
			return nil
		}
		return b.merge(deptTop, 0, b.row-1, 0)
	}
	for p, err := range t.Projects {
		if err != nil {
			return err
		}
		if p.Department.Code != deptCode {
			if err := closeDept(); err != nil {
				return err
			}
			deptCode, deptTop = p.Department.Code, b.row
		}
		if err := writeTargetProject(b, p, deptTop == b.row); err != nil {
			return err
		}
	}
	if err := closeDept(); err != nil {
		return err
	}
	if err := b.signOff(t.Unit, last); err != nil {
		return err
	}
	return b.finish(w)
}

func writeTargetProject(b *book, p project.Project, firstOfDept bool) error {
	top := b.row
	for i, in := range p.Indicators {
		row := make([]any, len(targetHeadings))
		if i == 0 {
			if firstOfDept {
				row[0] = p.Department.Code + "-" + p.Department.Name
			}
			budget := p.Budget
			row[1], row[2], row[3], row[4] = p.Code+"-"+p.Name, p.Category, amount(&budget), p.Goal
		}
		if i == 0 || in.Level1 != p.Indicators[i-1].Level1 {
			row[5] = in.Level1
		}
		if i == 0 || in.Level1 != p.Indicators[i-1].Level1 || in.Level2 != p.Indicators[i-1].Level2 {
			row[6] = in.Level2
		}
		row[7], row[8] = in.Name, natureSymbols[in.Nature]
		if n, ok := in.TargetNumber(); ok && in.Kind() != project.KindDeadline {
			row[9] = n
		} else {
			row[9] = in.Target
		}
		row[10], row[11], row[12] = in.Unit, in.Weight, accrualLabels[in.Accrual]
		if err := b.write("text", row...); err != nil {
			return err
		}
	}
	bottom := b.row - 1
	for c := 1; c <= 4; c++ {
		if err := b.merge(top, c, bottom, c); err != nil {
			return err
		}
	}
	// 一级 and 二级 over the runs of equal values
	for _, col := range []int{5, 6} {
		start := 0
		for i := 1; i <= len(p.Indicators); i++ {
			same := i < len(p.Indicators) && p.Indicators[i].Level1 == p.Indicators[start].Level1 &&
				(col == 5 || p.Indicators[i].Level2 == p.Indicators[start].Level2)
			if same {
				continue
			}
			if err := b.merge(top+start, col, top+i-1, col); err != nil {
				return err
			}
			start = i
		}
	}
	return nil
}
