package workbooks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/number"
	"jixiao/domain/project"
)

// indicator reads one indicator row.
func (r *reader) indicator(row int, name, targetText, weightText string) {
	at := map[string]cellRef{
		"level1": r.l1At, "level2": r.l2At, "name": r.ref(row, colLevel3),
		"target": r.ref(row, r.targetCol()), "weight": r.ref(row, colWeight),
		"nature": r.ref(row, r.targetCol()), "unit": r.ref(row, r.targetCol()), "accrual": r.ref(row, colLevel3),
	}
	if r.l1 == "" {
		at["level1"] = r.ref(row, colLevel1)
	}
	if r.l2 == "" {
		at["level2"] = r.ref(row, colLevel2)
	}
	if r.has(colNature) {
		at["nature"] = r.ref(row, colNature)
	}
	if r.has(colUnit) {
		at["unit"] = r.ref(row, colUnit)
	}
	in := project.Indicator{Level1: r.l1, Level2: r.l2, Name: name}
	nature, ok := r.nature(row, at["nature"])
	unitText := clean(project.FoldWidth(r.cell(row, colUnit)))
	if placeholder(unitText) {
		unitText = ""
	}
	targetText = clean(targetText)
	if nature == project.NatureQualitative {
		in.Nature, in.Target, in.Unit = nature, targetText, unitText
	} else {
		w := project.ParseWritten(targetText)
		switch {
		case nature == "" && w.Nature != "":
			nature = w.Nature
		case nature == "":
			nature = project.NatureEQ // "10辆": a number without an operator
		case w.Nature != "" && w.Nature != nature && w.Nature != project.NatureQualitative && !dateTarget(w.Target):
			r.problem(at["target"], fmt.Sprintf("指标值“%s”中的符号与指标性质“%s”不一致", targetText, r.cell(row, colNature)))
		}
		if dateTarget(w.Target) {
			nature = project.NatureEQ
		}
		in.Nature, in.Target, in.Unit = nature, w.Target, w.Unit
		if w.Nature == project.NatureQualitative {
			in.Target, in.Unit = targetText, ""
		}
		if unitText != "" {
			if w.Unit != "" && w.Unit != unitText {
				r.problem(at["unit"], fmt.Sprintf("度量单位“%s”与指标值“%s”中的单位不一致", unitText, targetText))
			}
			in.Unit = unitText
		}
	}
	if !ok {
		in.Nature = project.NatureEQ
	}
	if !r.noWeights {
		in.Weight = r.weight(weightText, at["weight"])
	}
	if v := clean(r.cell(row, colAccrual)); !placeholder(v) {
		a, ok := accrualNames[v]
		if !ok {
			r.problem(r.ref(row, colAccrual), fmt.Sprintf("累计方式“%s”无法识别：应为 累计 或 时点", v))
		}
		in.Accrual = a
		at["accrual"] = r.ref(row, colAccrual)
	}
	r.cur.Project.Indicators = append(r.cur.Project.Indicators, in)
	r.cur.inds = append(r.cur.inds, at)
}

// accrualNames are the written accruals (the API's spellings too).
var accrualNames = map[string]project.Accrual{
	"累计": project.AccrualCumulative, "cumulative": project.AccrualCumulative,
	"时点": project.AccrualLevel, "level": project.AccrualLevel, "时点/比率": project.AccrualLevel,
}

var dateRe = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)

func dateTarget(s string) bool { return dateRe.MatchString(s) }

// nature reads the nature column, then the direction column; "" when
// neither says (the target's operator decides). ok is false after a problem.
func (r *reader) nature(row int, at cellRef) (project.Nature, bool) {
	for _, c := range []column{colNature, colDirection} {
		v := clean(r.cell(row, c))
		if placeholder(v) || v == "定量" || v == "定量指标" || v == "中性" {
			continue
		}
		n, err := project.ParseWrittenNature(v)
		if err != nil {
			r.problem(r.ref(row, c), fmt.Sprintf("指标性质“%s”无法识别：应为 ≥、≤、＞、＜、＝、定性，或 正向、反向", v))
			return "", false
		}
		return n, true
	}
	return "", true
}

func (r *reader) weight(v string, at cellRef) decimal.Decimal {
	t := strings.TrimSpace(project.FoldWidth(v))
	if placeholder(t) {
		r.problem(at, "分值权重为空")
		r.cur.badWeight = true
		return decimal.Zero
	}
	t, err := number.Normalize(t, "%", "分")
	var d decimal.Decimal
	if err == nil {
		d, err = decimal.NewFromString(t)
	}
	if err != nil || strings.ContainsAny(t, "eE") {
		r.problem(at, fmt.Sprintf("分值权重“%s”不是有效的数字", v))
		r.cur.badWeight = true
		return decimal.Zero
	}
	return d
}
