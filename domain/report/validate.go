package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rules"
)

// Digits the storage holds (domain reference §3): values numeric(20,4),
// amounts (万元) numeric(16,2), entered scores numeric(6,2).
const (
	ValuePlaces  = 4
	AmountPlaces = 2
	ScorePlaces  = 2

	ValueIntegerDigits  = 16
	AmountIntegerDigits = 14
	ScoreIntegerDigits  = 4
)

// MaxExecutionMultiple bounds executed and projected execution against the
// budget: beyond 1,000 times it, a figure is refused as implausible (and the
// execution rate could not be stored).
var MaxExecutionMultiple = decimal.NewFromInt(1000)

// Validate checks values that are wrong in themselves (HTTP 422) under the
// national qualitative bands; see ValidateWith.
func (r Report) Validate(p project.Project, per period.Period) error {
	return r.ValidateWith(rules.National(), p, per)
}

// ValidateWith checks values that are wrong in themselves, whatever the
// report's state: negative or over-long numbers, unknown indicators and
// duplicate lines, unknown bands, causes and likelihoods, a score without a
// band or outside it, a field that does not belong to the indicator's kind
// (a band or score on a numeric line, a value on a qualitative or deadline
// line, a completion date on a non-deadline line), a date that is not one, a
// not-applicable line without a reason, and over-long texts. Missing values
// are not errors: a draft may be incomplete. Projected values of the annual
// report are not used and not checked beyond their form. It returns a
// *ValidationError keyed by API field path, or nil.
func (r Report) ValidateWith(rs rules.RuleSet, p project.Project, per period.Period) error {
	return r.problems(rs, p, per).Err(ErrInvalid)
}

// ValidateComplete is ValidateWith for a report that replaces the whole
// draft (HTTP PUT): it must also name every indicator of the project, each
// exactly once. Every problem is reported at once.
func (r Report) ValidateComplete(rs rules.RuleSet, p project.Project, per period.Period) error {
	pr := r.problems(rs, p, per)
	r.completeness(pr, p)
	return pr.Err(ErrInvalid)
}

func (r Report) problems(rs rules.RuleSet, p project.Project, per period.Period) Problems {
	pr := Problems{}
	if r.ProjectCode != "" && r.ProjectCode != p.Code {
		pr.Add("project_code", "报告所属项目与项目编码不一致")
	}
	if r.PeriodKey != "" && r.PeriodKey != per.Key {
		pr.Add("period", "报告期间与所选期间不一致")
	}
	if per.Year != p.Year {
		pr.Add("period", fmt.Sprintf("期间年度%d与项目年度%d不一致", per.Year, p.Year))
	}
	r.Budget.validate(pr, p)
	seen := map[int64]int{}
	for i, l := range r.Lines {
		prefix := "lines[" + strconv.Itoa(i) + "]."
		in, ok := p.Indicator(l.IndicatorID)
		if !ok {
			pr.Add(prefix+"indicator_id", "未知的绩效指标")
			continue
		}
		if j, dup := seen[l.IndicatorID]; dup {
			pr.Add(prefix+"indicator_id", fmt.Sprintf("与第%d行重复填报同一指标", j+1))
			continue
		}
		seen[l.IndicatorID] = i
		l.validate(pr, prefix, in, rs.QualitativeBands)
		l.validateDate(pr, prefix, per)
	}
	if len(p.Indicators) > 0 && r.allNotApplicable(p) {
		pr.Add("lines", "至少须有一个指标适用：不能将全部指标标记为不适用")
	}
	return pr
}

// allNotApplicable tells whether every indicator of p has a line marked not
// applicable (the rescaling of §3 would divide by zero).
func (r Report) allNotApplicable(p project.Project) bool {
	for _, in := range p.Indicators {
		if l, _, ok := r.Line(in.ID); !ok || !l.NotApplicable {
			return false
		}
	}
	return true
}

func (b Budget) validate(pr Problems, p project.Project) {
	checkNumber(pr, "budget.", "adjusted", b.Adjusted, AmountPlaces, AmountIntegerDigits, "金额")
	checkNumber(pr, "budget.", "executed", b.Executed, AmountPlaces, AmountIntegerDigits, "金额")
	checkNumber(pr, "budget.", "projected", b.Projected, AmountPlaces, AmountIntegerDigits, "金额")
	checkText(pr, "budget.", "reason", b.Reason, "执行偏差原因")
	b.validateParts(pr, p)
	base := p.Budget
	if b.Adjusted != nil {
		base = *b.Adjusted
	}
	limit := base.Mul(MaxExecutionMultiple)
	for field, v := range map[string]*decimal.Decimal{"budget.executed": b.Executed, "budget.projected": b.Projected} {
		if v != nil && base.IsPositive() && v.GreaterThan(limit) {
			pr.Add(field, fmt.Sprintf("执行数超过预算（%s万元）的%s倍，不合理，请核对单位和数值", base.StringFixed(2), MaxExecutionMultiple))
		}
	}
}

// validateParts checks the execution of 基本支出 and 项目支出: entered only on
// a department-kind report, amounts of the usual form, and not beyond 1,000
// times the part's budget. A part's execution may exceed its budget (its
// rate is then above 100%), and the parts need not add up to the whole.
// Problems are named budget.parts[0] (基本支出) and budget.parts[1] (项目支出).
func (b Budget) validateParts(pr Problems, p project.Project) {
	if !p.Overall() {
		if !b.Basic.Empty() || !b.Projects.Empty() {
			pr.Add("budget.parts", "只有部门整体支出绩效的报告填报基本支出和项目支出的执行数")
		}
		return
	}
	for i, part := range []struct {
		exec   PartExecution
		budget *decimal.Decimal
		label  string
	}{{b.Basic, p.BudgetBasic, "基本支出"}, {b.Projects, p.BudgetProjects, "项目支出"}} {
		prefix := "budget.parts[" + strconv.Itoa(i) + "]."
		checkNumber(pr, prefix, "executed", part.exec.Executed, AmountPlaces, AmountIntegerDigits, "金额")
		checkNumber(pr, prefix, "projected", part.exec.Projected, AmountPlaces, AmountIntegerDigits, "金额")
		if part.budget == nil || !part.budget.IsPositive() {
			continue
		}
		limit := part.budget.Mul(MaxExecutionMultiple)
		for field, v := range map[string]*decimal.Decimal{"executed": part.exec.Executed, "projected": part.exec.Projected} {
			if v != nil && v.GreaterThan(limit) {
				pr.Add(prefix+field, fmt.Sprintf("%s执行数超过%s预算（%s万元）的%s倍，不合理，请核对单位和数值",
					part.label, part.label, part.budget.StringFixed(2), MaxExecutionMultiple))
			}
		}
	}
}

// validateDate refuses a completion date that has not happened yet: after
// the cut-off date of a monitoring period, or after the end of the year.
func (l Line) validateDate(pr Problems, prefix string, per period.Period) {
	if l.CompletedOn == "" || per.CutoffMonth < 1 || per.CutoffMonth > 12 {
		return
	}
	done, err := time.Parse(time.DateOnly, l.CompletedOn)
	if err != nil {
		return
	}
	end := time.Date(per.Year, time.Month(per.CutoffMonth)+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	if done.After(end) {
		what := "本期截止日"
		if per.Kind == period.KindFinal {
			what = "年度结束"
		}
		pr.Add(prefix+"completed_on", fmt.Sprintf("完成日期不能晚于%s（%s）：尚未发生的事不能填报为已完成", what, end.Format(time.DateOnly)))
	}
}

func (l Line) validate(pr Problems, prefix string, in project.Indicator, qb rules.QualitativeBands) {
	kind := in.Kind()
	checkNumber(pr, prefix, "value", l.Value, ValuePlaces, ValueIntegerDigits, "数值")
	checkNumber(pr, prefix, "projected", l.Projected, ValuePlaces, ValueIntegerDigits, "数值")
	checkNumber(pr, prefix, "score_input", l.ScoreInput, ScorePlaces, ScoreIntegerDigits, "得分")
	if !kind.Numeric() && l.Value != nil {
		pr.Add(prefix+"value", nonNumericValue(kind))
	}
	if !kind.Numeric() && l.Projected != nil {
		pr.Add(prefix+"projected", nonNumericValue(kind))
	}
	_, err := ParseBand(string(l.Band))
	if err != nil {
		pr.Add(prefix+"band", "未知的达成档次")
	} else if l.Band != BandNone && kind.Numeric() {
		pr.Add(prefix+"band", "定量指标按实际值计分，不选择档次")
	}
	if s := l.ScoreInput; s != nil && err == nil {
		switch {
		case kind.Numeric():
			pr.Add(prefix+"score_input", "定量指标的得分由系统计算，不能填写")
		case l.Band == BandNone:
			pr.Add(prefix+"score_input", "填写得分前请先选择达成档次")
		case s.GreaterThan(in.Weight):
			pr.Add(prefix+"score_input", fmt.Sprintf("得分不能超过分值权重%s", in.Weight))
		case !l.Band.Contains(qb, in.Weight, *s):
			pr.Add(prefix+"score_input", fmt.Sprintf("得分应在“%s”档的范围%s内",
				l.Band.Label(), l.Band.RangeText(qb, in.Weight)))
		}
	}
	if l.CompletedOn != "" {
		if _, err := time.Parse(time.DateOnly, l.CompletedOn); err != nil {
			pr.Add(prefix+"completed_on", "完成日期应为YYYY-MM-DD格式的有效日期")
		} else if kind != project.KindDeadline {
			pr.Add(prefix+"completed_on", "只有时效（完成时限）指标填写完成日期")
		}
	}
	if l.NotApplicable && strings.TrimSpace(l.NotApplicableReason) == "" {
		pr.Add(prefix+"not_applicable_reason", "标记为不适用时须说明理由")
	}
	checkText(pr, prefix, "not_applicable_reason", l.NotApplicableReason, "不适用理由")
	checkText(pr, prefix, "explanation", l.Explanation, "原因说明")
	checkText(pr, prefix, "measures", l.Measures, "纠偏措施")
	seen := map[Cause]bool{}
	for _, c := range l.DeviationCauses {
		if _, err := ParseCause(string(c)); err != nil {
			pr.Add(prefix+"deviation_causes", fmt.Sprintf("未知的偏差原因：%s", c))
		} else if seen[c] {
			pr.Add(prefix+"deviation_causes", fmt.Sprintf("偏差原因重复：%s", c))
		}
		seen[c] = true
	}
	if _, err := ParseLikelihood(string(l.Likelihood)); err != nil {
		pr.Add(prefix+"likelihood", "未知的完成目标可能性")
	}
}

func nonNumericValue(k project.Kind) string {
	if k == project.KindDeadline {
		return "时效指标填写完成日期或选择档次，不填写数值"
	}
	return "定性指标选择达成档次，不填写数值"
}

// checkNumber rejects a negative number, more integer digits or decimal
// places than the storage holds. Trailing zeros do not count: "95.00000" is
// 95. The field is prefix+name (joined only for a problem: most numbers
// have none).
func checkNumber(pr Problems, prefix, name string, d *decimal.Decimal, places int32, digits int32, what string) {
	if d == nil {
		return
	}
	switch {
	case d.IsNegative():
		pr.Add(prefix+name, what+"不能为负数")
	case integerDigitsOver(*d, digits):
		pr.Add(prefix+name, fmt.Sprintf("%s的整数部分不能超过%d位", what, digits))
	case placesOver(*d, places):
		pr.Add(prefix+name, fmt.Sprintf("%s最多%d位小数", what, places))
	}
}

// integerDigitsOver tells whether d ≥ 0 has more than digits integer
// digits, i.e. its integer part is at least 10^digits; by its coefficient's
// digits when that fits in an int64.
func integerDigitsOver(d decimal.Decimal, digits int32) bool {
	if n := d.NumDigits(); n <= 18 {
		// c × 10^e with c of n digits is at least 10^(n-1+e)
		return d.CoefficientInt64() != 0 && int64(n)+int64(d.Exponent()) > int64(digits)
	}
	return d.Truncate(0).GreaterThanOrEqual(decimal.New(1, digits))
}

// placesOver tells whether d has non-zero digits beyond places decimal
// places; by its coefficient when that fits in an int64.
func placesOver(d decimal.Decimal, places int32) bool {
	drop := -int64(d.Exponent()) - int64(places) // digits of the coefficient beyond places
	if drop <= 0 {
		return false
	}
	if drop <= 18 && d.NumDigits() <= 18 {
		return d.CoefficientInt64()%pow10[drop] != 0
	}
	return !d.Equal(d.Truncate(places))
}

var pow10 = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// checkText rejects a text longer than MaxTextLength characters (never one
// of fewer bytes).
func checkText(pr Problems, prefix, name, s, what string) {
	if len(s) > MaxTextLength && utf8.RuneCountInString(s) > MaxTextLength {
		pr.Add(prefix+name, fmt.Sprintf("%s不能超过%d个字符", what, MaxTextLength))
	}
}
