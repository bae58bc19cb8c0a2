package workbooks

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
)

// ReportTable is what a monitoring or self-evaluation table shows: the
// reports of one period, as read (and, when never saved, evaluated) by the
// report service, so that the table says what the app shows.
type ReportTable struct {
	Period  period.Period
	Reports iter.Seq2[store.ReportRecord, error]
	// Unit is the reporting unit (填报单位) written above the table and in
	// its sign-off block: the department's name when the table is of one;
	// "" leaves it to be written in by hand.
	Unit string
	// Overall, when set, makes it the table of departments as a whole
	// (部门整体支出绩效监控表, 自评表), with their budgets' composition.
	Overall *Overall
}

// monitoringHeadings are the columns of the monitoring table (domain
// reference §4); the first eight are the project's, merged over its rows.
func monitoringHeadings(m int) []string {
	return []string{"项目名称", "单位名称", "年初预算数", "调整后预算数", fmt.Sprintf("1-%d月执行数", m), "执行率", "全年预计执行数", "预算执行预警",
		"一级指标", "二级指标", "三级指标", "年度指标值", fmt.Sprintf("1-%d月执行情况", m), "全年预计完成情况",
		"偏差原因", "原因说明", "完成目标可能性", "纠偏措施", "指标预警", "预计得分",
		"项目预警", "项目预计总分", "预计等级", "状态", "评分规则"}
}

// Columns of the monitoring table that tests and readers rely on.
const (
	MonColProject      = 0
	MonColExecuted     = 4
	MonColRate         = 5
	MonColBudgetLight  = 7
	MonColIndicator    = 10
	MonColValue        = 12
	MonColProjected    = 13
	MonColLight        = 18
	MonColScore        = 19
	MonColProjectLight = 20
	MonColTotal        = 21
	MonColGrade        = 22
	MonColStatus       = 23
	MonColRuleProfile  = 24
)

// WriteMonitoring writes the monitoring table (绩效运行监控表) of a
// monitoring period: one row per indicator, the project's cells merged over
// its rows, every light as its name on a cell of its colour. A report never
// saved says 未填报 and has no score and no grade.
func WriteMonitoring(w io.Writer, t ReportTable) error {
	m := t.Period.CutoffMonth
	heads := monitoringHeadings(m)
	widths := []float64{28, 18, 12, 12, 12, 10, 12, 10, 10, 12, 28, 14, 14, 14, 14, 24, 12, 24, 10, 10, 10, 12, 10, 12, 20}
	b, err := newBook("绩效运行监控表", layout{widths: widths, heads: heads, freezeRows: 3, freezeCols: 1, printFrom: 3, printTo: 3})
	if err != nil {
		return err
	}
	progress := decimal.NewFromInt(int64(m)).Div(decimal.NewFromInt(12))
	note := fmt.Sprintf("时间进度：%s%%    金额单位：万元", progress.Mul(decimal.NewFromInt(100)).Round(2).String())
	title := fmt.Sprintf("%d年1-%d月项目支出绩效运行监控表", t.Period.Year, m)
	if t.Overall != nil {
		title = fmt.Sprintf("%d年1-%d月部门整体支出绩效运行监控表", t.Period.Year, m)
		note = t.Overall.note() + "    " + note
	}
	if err := titleRows(b, title, t.Unit, note, heads); err != nil {
		return err
	}
	for rec, err := range t.Reports {
		if err != nil {
			return err
		}
		if err := writeMonitoringProject(b, rec); err != nil {
			return err
		}
	}
	if err := b.signOff(t.Unit, len(heads)-1); err != nil {
		return err
	}
	return b.finish(w)
}

// titleRows writes the title, the line under it (填报单位 on the left, the
// note on the right) and the headings.
func titleRows(b *book, title, unit, note string, heads []string) error {
	last := len(heads) - 1
	if err := b.writeRow("title", 30, title); err != nil {
		return err
	}
	if err := b.merge(1, 0, 1, last); err != nil {
		return err
	}
	half := last / 2
	row := make([]any, last+1)
	row[0], row[half+1] = styled{"sign", "填报单位：" + unit}, note
	if err := b.write("note", row...); err != nil {
		return err
	}
	if err := b.merge(2, 0, 2, half); err != nil {
		return err
	}
	if err := b.merge(2, half+1, 2, last); err != nil {
		return err
	}
	heading := make([]any, len(heads))
	for i, h := range heads {
		heading[i] = h
	}
	return b.write("head", heading...)
}

// lightCell is a light's name on its colour; a report never saved has every
// light grey (未填报).
func lightCell(l report.Light, saved bool) styled {
	if l == "" || !saved {
		l = report.LightGrey
	}
	return styled{style: "light:" + string(l), value: lightNames[l]}
}

// written is a target as a person reads it: "≥ 95 %", "= 2024 年", "显著".
func written(in project.Indicator) string {
	if in.Nature == project.NatureQualitative {
		return in.Target
	}
	return strings.TrimSpace(natureSymbols[in.Nature] + " " + in.Target + " " + in.Unit)
}

func causes(cs []report.Cause) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Label()
	}
	return strings.Join(names, "、")
}

func lineEvaluations(ev monitor.Evaluation) map[int64]monitor.LineEvaluation {
	out := map[int64]monitor.LineEvaluation{}
	for _, le := range ev.Lines {
		out[le.IndicatorID] = le
	}
	return out
}

// statusText is a report's status as a table writes it, with the target
// version it was filled against when the targets were adjusted since.
func statusText(rec store.ReportRecord) string {
	s := rec.Report.Status.Label()
	if !rec.Saved {
		s = Unfilled
	}
	if n := rec.TargetNotice(); n != "" {
		s += "\n" + n
	}
	return s
}

// ruleProfileText names the rule profile that scored a saved report and
// what its variants did to the total; "" for a report never saved.
func ruleProfileText(rec store.ReportRecord) string {
	ev := rec.Evaluation
	text := ev.RuleProfile.Label()
	if !rec.Saved || text == "" {
		return ""
	}
	for _, e := range ev.Score.Effects {
		text += "；" + e.Basis
	}
	for _, w := range ev.Warnings {
		text += "；" + w.Basis
	}
	return text
}

// scoreOf is a score cell of a saved report; nothing for one never saved.
func scoreOf(rec store.ReportRecord, d decimal.Decimal) any {
	if !rec.Saved {
		return nil
	}
	return score(d.Round(2))
}

// gradeOf is the grade of a saved report; "" for one never saved.
func gradeOf(rec store.ReportRecord) string {
	if !rec.Saved {
		return ""
	}
	return string(rec.Evaluation.Grade)
}

func writeMonitoringProject(b *book, rec store.ReportRecord) error {
	p, r, ev := rec.Project, rec.Report, rec.Evaluation
	evals := lineEvaluations(ev)
	top := b.row
	budget, adjusted := p.Budget, ev.Budget.Adjusted
	for i, in := range p.Indicators {
		row := make([]any, 25)
		if i == 0 {
			row[0], row[1] = p.Code+"-"+p.Name, p.Department.Code+"-"+p.Department.Name
			row[2], row[3], row[4] = amount(&budget), amount(&adjusted), amount(r.Budget.Executed)
			row[5], row[6], row[7] = percent(ev.Budget.Rate), amount(r.Budget.Projected), lightCell(ev.Budget.Light, rec.Saved)
			row[20], row[21], row[22], row[23] = lightCell(ev.Light, rec.Saved), scoreOf(rec, ev.Total), gradeOf(rec), statusText(rec)
			row[24] = ruleProfileText(rec)
		}
		l, _, _ := r.Line(in.ID)
		le := evals[in.ID]
		row[8], row[9], row[10], row[11] = in.Level1, in.Level2, in.Name, written(in)
		row[12], row[13] = lineValue(l, in), l.Projected
		if l.NotApplicable {
			row[12] = "不适用：" + l.NotApplicableReason
		}
		row[14], row[15], row[16], row[17] = causes(l.DeviationCauses), l.Explanation, l.Likelihood.Label(), l.Measures
		row[18], row[19] = lightCell(le.Light, rec.Saved), scoreOf(rec, le.Score.Score)
		if err := b.write("text", row...); err != nil {
			return err
		}
	}
	bottom := b.row - 1
	for _, c := range []int{0, 1, 2, 3, 4, 5, 6, 7, 20, 21, 22, 23, 24} {
		if err := b.merge(top, c, bottom, c); err != nil {
			return err
		}
	}
	// a department as a whole: the execution of 基本支出 and 项目支出 under the whole's
	for _, pe := range monitor.Parts(p, r.Budget) {
		row := make([]any, 25)
		row[0], row[1] = p.Code+"-"+p.Name, "其中："+pe.Label
		row[2], row[3], row[4], row[5], row[6] = amount(&pe.Budget), amount(&pe.Budget), amount(pe.Executed), percent(pe.Rate), amount(pe.Projected)
		if err := b.write("text", row...); err != nil {
			return err
		}
	}
	return nil
}

// lineValue is what was entered as a line's value: the number, the band of
// a qualitative line, or the completion date of a deadline.
func lineValue(l report.Line, in project.Indicator) any {
	switch {
	case l.Value != nil:
		return *l.Value
	case l.CompletedOn != "":
		return date(l.CompletedOn)
	case l.Band != report.BandNone && (in.Kind() == project.KindQualitative || in.Kind() == project.KindDeadline):
		return l.Band.Label()
	}
	return nil
}

// Columns of the self-evaluation indicator rows.
const (
	SelfColLevel1    = 0
	SelfColIndicator = 2
	SelfColTarget    = 3
	SelfColValue     = 4
	SelfColWeight    = 5
	SelfColScore     = 6
	SelfColCause     = 7
)

// WriteSelfEvaluation writes the self-evaluation table of a year
// (项目支出绩效自评表, national layout), one block per project, each on a
// page of its own: the budget rows (全年预算数(A), 全年执行数(B), 执行率(B/A),
// 分值, 得分), the goal, the indicator rows (年度指标值, 实际完成值, 分值, 得分,
// 偏差原因分析及改进措施), the total with its grade, and the sign-off block.
func WriteSelfEvaluation(w io.Writer, t ReportTable) error {
	heads := []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}
	b, err := newBook("绩效自评表", layout{widths: []float64{14, 14, 34, 16, 16, 12, 12, 40}, heads: heads, freezeRows: 2, printFrom: 1, printTo: 2})
	if err != nil {
		return err
	}
	title, amounts := fmt.Sprintf("%d年度项目支出绩效自评表", t.Period.Year), "金额单位：万元"
	if t.Overall != nil {
		title, amounts = fmt.Sprintf("%d年度部门整体支出绩效自评表", t.Period.Year), t.Overall.note()+"    金额单位：万元"
	}
	if err := b.writeRow("title", 30, title); err != nil {
		return err
	}
	if err := b.merge(1, 0, 1, 7); err != nil {
		return err
	}
	if err := b.write("note", styled{"sign", "填报单位：" + t.Unit}, nil, nil, nil, amounts); err != nil {
		return err
	}
	if err := b.merge(2, 0, 2, 3); err != nil {
		return err
	}
	if err := b.merge(2, 4, 2, 7); err != nil {
		return err
	}
	first := true
	for rec, err := range t.Reports {
		if err != nil {
			return err
		}
		if !first {
			if err := b.pageBreak(); err != nil {
				return err
			}
		}
		first = false
		if err := writeSelfEvaluationProject(b, rec, t.Unit); err != nil {
			return err
		}
	}
	return b.finish(w)
}

func writeSelfEvaluationProject(b *book, rec store.ReportRecord, unit string) error {
	p, r, ev := rec.Project, rec.Report, rec.Evaluation
	exec := ev.Score.Execution
	budget, adjusted := p.Budget, ev.Budget.Adjusted
	type spanRow struct {
		style string
		cells []any
		merge [][2]int // column spans
	}
	rows := []spanRow{
		{"bold", []any{"项目名称", nil, p.Code + "-" + p.Name}, [][2]int{{0, 1}, {2, 7}}},
		{"text", []any{"主管部门", nil, p.Department.Code + "-" + p.Department.Name, nil, "项目类别", nil, p.Category}, [][2]int{{0, 1}, {2, 3}, {4, 5}, {6, 7}}},
		{"head", []any{"项目资金（万元）", nil, "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"}, [][2]int{{0, 1}}},
		{"text", []any{"年度资金总额", nil, amount(&budget), amount(&adjusted), amount(r.Budget.Executed), decimalOrNil(exec.Weight), percent(ev.Budget.Rate), scoreOf(rec, exec.Score)}, [][2]int{{0, 1}}},
		{"head", []any{"年度总体目标", nil, "预期目标", nil, nil, "实际完成情况", nil, nil}, [][2]int{{0, 1}, {2, 4}, {5, 7}}},
		{"text", []any{nil, nil, p.Goal, nil, nil, r.Budget.Reason, nil, nil}, [][2]int{{0, 1}, {2, 4}, {5, 7}}},
		{"head", []any{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}, nil},
	}
	if parts := monitor.Parts(p, r.Budget); len(parts) > 0 {
		// a department as a whole: 基本支出 and 项目支出 after the whole budget
		extra := make([]spanRow, 0, len(parts))
		for _, pe := range parts {
			extra = append(extra, spanRow{"text", []any{"其中：" + pe.Label, nil, amount(&pe.Budget), amount(&pe.Budget), amount(pe.Executed),
				nil, percent(pe.Rate), nil}, [][2]int{{0, 1}}})
		}
		rows = append(rows[:4], append(extra, rows[4:]...)...)
	}
	if n := rec.TargetNotice(); n != "" {
		// after 项目类别: the targets below are the version it was filled against
		rows = append(rows[:2], append([]spanRow{{"bold", []any{"绩效目标版本", nil, n}, [][2]int{{0, 1}, {2, 7}}}}, rows[2:]...)...)
	}
	for _, row := range rows {
		if err := b.write(row.style, row.cells...); err != nil {
			return err
		}
		for _, m := range row.merge {
			if err := b.merge(b.row-1, m[0], b.row-1, m[1]); err != nil {
				return err
			}
		}
	}
	evals := lineEvaluations(ev)
	for _, in := range p.Indicators {
		l, _, _ := r.Line(in.ID)
		le := evals[in.ID]
		value := lineValue(l, in)
		if l.NotApplicable {
			value = "不适用：" + l.NotApplicableReason
		}
		why := strings.Trim(strings.Join([]string{causes(l.DeviationCauses), l.Explanation, l.Measures}, "；"), "；")
		if err := b.write("text", in.Level1, in.Level2, in.Name, written(in), value, in.Weight, scoreOf(rec, le.Score.Score), why); err != nil {
			return err
		}
	}
	grade := "评价等级：" + gradeOf(rec)
	if !rec.Saved {
		grade = "评价等级：" + Unfilled
	}
	if err := b.write("bold", "总分", nil, nil, nil, nil, decimal.NewFromInt(100), scoreOf(rec, ev.Total), grade); err != nil {
		return err
	}
	if err := b.merge(b.row-1, 0, b.row-1, 4); err != nil {
		return err
	}
	if err := writeRuleProfile(b, rec); err != nil {
		return err
	}
	return b.signOff(unit, 7)
}

func decimalOrNil(s string) any {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return nil
	}
	return d
}

// writeRuleProfile writes, under a saved report's total, the rule profile
// that scored it and what its variants did to the total (an execution cap).
func writeRuleProfile(b *book, rec store.ReportRecord) error {
	text := ruleProfileText(rec)
	if text == "" {
		return nil
	}
	if err := b.write("text", "评分规则", nil, text); err != nil {
		return err
	}
	if err := b.merge(b.row-1, 0, b.row-1, 1); err != nil {
		return err
	}
	return b.merge(b.row-1, 2, b.row-1, 7)
}
