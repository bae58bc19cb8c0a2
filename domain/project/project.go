package project

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Sentinel errors of the package.
var (
	ErrNotFound       = errors.New("project not found")
	ErrUnknownNature  = errors.New("unknown indicator nature")
	ErrUnknownAccrual = errors.New("unknown accrual")
	ErrInvalid        = errors.New("invalid project")
)

// DefaultExecutionWeight is the weight of the budget execution rate
// (其中：预算执行率权重10%).
var DefaultExecutionWeight = decimal.NewFromInt(10)

// FullMark is what a project's indicator and execution weights add up to.
var FullMark = decimal.NewFromInt(100)

// Department is a budget unit (预算单位), e.g. 003001 格尔木市人民政府办公室.
type Department struct {
	Code string
	Name string
}

// Project is one budget project with its performance targets.
type Project struct {
	Code            string
	Name            string
	Category        string // 项目类别, e.g. "3-特定目标类"
	Department      Department
	Year            int
	Budget          decimal.Decimal // 万元
	Goal            string          // 绩效目标
	ExecutionWeight decimal.Decimal
	Indicators      []Indicator
}

// IndicatorWeight is the sum of the indicator weights (90 in the seed).
func (p Project) IndicatorWeight() decimal.Decimal {
	sum := decimal.Zero
	for _, in := range p.Indicators {
		sum = sum.Add(in.Weight)
	}
	return sum
}

// Indicator finds an indicator of the project by id.
func (p Project) Indicator(id int64) (Indicator, bool) {
	for _, in := range p.Indicators {
		if in.ID == id {
			return in, true
		}
	}
	return Indicator{}, false
}

// ValidationError lists problems by field path ("indicators[2].target").
// Messages are Chinese because they reach the people who entered the data.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Unwrap lets errors.Is(err, ErrInvalid) match.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

type problems map[string]string

func (p problems) add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Fields: p}
}

func checkName(p problems, field, v, label string, max int) {
	if strings.TrimSpace(v) == "" {
		p.add(field, label+"不能为空")
		return
	}
	if utf8.RuneCountInString(v) > max {
		p.add(field, fmt.Sprintf("%s不能超过%d个字符", label, max))
	}
}

// Validate checks a project and its indicators; each problem names its field.
func (p Project) Validate() error {
	pr := problems{}
	checkName(pr, "code", p.Code, "项目编码", 64)
	checkName(pr, "name", p.Name, "项目名称", MaxNameLength)
	checkName(pr, "category", p.Category, "项目类别", 64)
	checkName(pr, "department.code", p.Department.Code, "单位编码", 32)
	checkName(pr, "department.name", p.Department.Name, "单位名称", MaxNameLength)
	if utf8.RuneCountInString(p.Goal) > MaxTextLength {
		pr.add("goal", fmt.Sprintf("绩效目标不能超过%d个字符", MaxTextLength))
	}
	if p.Year < 2000 || p.Year > 2100 {
		pr.add("year", "年度应在2000至2100之间")
	}
	if p.Budget.IsNegative() {
		pr.add("budget", "预算数不能为负数")
	} else if p.Budget.Exponent() < -2 && !p.Budget.Equal(p.Budget.Round(2)) {
		pr.add("budget", "预算数最多两位小数（万元）")
	}
	if p.ExecutionWeight.IsNegative() {
		pr.add("execution_weight", "预算执行率权重不能为负数")
	}
	if len(p.Indicators) == 0 {
		pr.add("indicators", "至少需要一个绩效指标")
	}
	seen := map[int64]bool{}
	for i, in := range p.Indicators {
		in.validate(pr, fmt.Sprintf("indicators[%d].", i))
		if in.ID != 0 && seen[in.ID] {
			pr.add(fmt.Sprintf("indicators[%d].id", i), "指标编号重复")
		}
		seen[in.ID] = true
	}
	if len(p.Indicators) > 0 {
		total := p.IndicatorWeight().Add(p.ExecutionWeight)
		if !total.Equal(FullMark) {
			pr.add("indicators", fmt.Sprintf("指标权重合计%s加预算执行率权重%s应为100，实为%s",
				p.IndicatorWeight().String(), p.ExecutionWeight.String(), total.String()))
		}
	}
	return pr.err()
}

func (i Indicator) validate(pr problems, prefix string) {
	checkName(pr, prefix+"level1", i.Level1, "一级指标", 64)
	checkName(pr, prefix+"level2", i.Level2, "二级指标", 64)
	checkName(pr, prefix+"name", i.Name, "三级指标名称", MaxNameLength)
	if _, err := ParseNature(string(i.Nature)); err != nil {
		pr.add(prefix+"nature", "指标性质应为 >=、>、<=、<、= 或 定性")
		return
	}
	if _, err := ParseAccrual(string(i.Accrual)); err != nil {
		pr.add(prefix+"accrual", "累计方式应为 cumulative 或 level")
	}
	checkName(pr, prefix+"target", i.Target, "指标值", 64)
	if i.Kind() == KindDeadline {
		// a year or a date: Kind has checked its form
	} else if i.Nature.Numeric() {
		t, ok := i.TargetNumber()
		switch {
		case !ok:
			pr.add(prefix+"target", "定量指标的指标值应为数字")
		case t.IsNegative():
			pr.add(prefix+"target", "指标值不能为负数")
		}
		if strings.TrimSpace(i.Unit) == "" {
			pr.add(prefix+"unit", "定量指标需要度量单位")
		}
	}
	if utf8.RuneCountInString(i.Unit) > 16 {
		pr.add(prefix+"unit", "度量单位不能超过16个字符")
	}
	if i.Weight.IsNegative() {
		pr.add(prefix+"weight", "分值权重不能为负数")
	} else if !i.Weight.Equal(i.Weight.Round(2)) {
		pr.add(prefix+"weight", "分值权重最多两位小数")
	}
}
