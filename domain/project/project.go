package project

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/fields"
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

// BudgetPlaces is how many decimals a budget in 万元 may have: six, so that
// any amount in 元 to the fen is held exactly (3,309,840.01 元 = 330.984001 万元).
const BudgetPlaces = 6

// Department is a budget unit (预算单位), e.g. 003001 格尔木市人民政府办公室.
type Department struct {
	Code string
	Name string
	// Parent is the code of the department above it (its 主管部门, or the
	// finance bureau); "" for a department at the top.
	Parent string
	// Level is 1 at the top, 2 below it, 3 below that (MaxDepartmentLevel).
	Level int
}

// MaxDepartmentLevel is how deep the hierarchy goes: 财政 → 主管部门 → 二级单位.
const MaxDepartmentLevel = 3

// Project is one budget project with its performance targets.
type Project struct {
	Code            string
	Name            string
	Category        string // 项目类别, e.g. "3-特定目标类"
	Department      Department
	Year            int
	Budget          decimal.Decimal // 万元, up to BudgetPlaces decimals
	Goal            string          // 绩效目标
	ExecutionWeight decimal.Decimal
	Indicators      []Indicator
	// Status is where the targets are in their workflow; the zero status
	// reads as approved (targets loaded from a published table).
	Status Status
	// Version counts edits and transitions, for optimistic locking.
	Version int
	// TargetVersion is the published version of the targets (1, then one
	// more per approved adjustment).
	TargetVersion int
	// CopiedFrom is the code of last year's project a draft was copied from.
	CopiedFrom string
	// Kind is KindProject (a budget project) or KindDepartment (the
	// department as a whole, 部门整体支出绩效); "" reads as KindProject.
	Kind ProjectKind
	// BudgetBasic (基本支出) and BudgetProjects (项目支出) split the budget of
	// a department as a whole (Budget is their sum); nil for a project.
	BudgetBasic, BudgetProjects *decimal.Decimal
}

// ProjectKind says what a project reports on.
type ProjectKind string

// The kinds of project.
const (
	KindProject    ProjectKind = "project"    // 项目支出绩效
	KindDepartment ProjectKind = "department" // 部门整体支出绩效
)

// OverallCode is the code of a department's overall project of a year:
// "<department>-ZT<year>" (003001-ZT2024).
func OverallCode(department string, year int) string {
	return fmt.Sprintf("%s-ZT%d", department, year)
}

// Overall reports whether the project is the department as a whole.
func (p Project) Overall() bool { return p.Kind == KindDepartment }

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
type ValidationError = fields.Error

func checkName(p fields.Problems, field, v, label string, max int) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, label+"不能为空")
		return
	}
	if utf8.RuneCountInString(v) > max {
		p.Add(field, fmt.Sprintf("%s不能超过%d个字符", label, max))
	}
}

// Validate checks a project and its indicators; each problem names its field.
func (p Project) Validate() error {
	pr := fields.Problems{}
	checkName(pr, "code", p.Code, "项目编码", 64)
	checkName(pr, "name", p.Name, "项目名称", MaxNameLength)
	checkName(pr, "category", p.Category, "项目类别", 64)
	checkName(pr, "department.code", p.Department.Code, "单位编码", 32)
	checkName(pr, "department.name", p.Department.Name, "单位名称", MaxNameLength)
	if utf8.RuneCountInString(p.Goal) > MaxTextLength {
		pr.Add("goal", fmt.Sprintf("绩效目标不能超过%d个字符", MaxTextLength))
	}
	if p.Year < 2000 || p.Year > 2100 {
		pr.Add("year", "年度应在2000至2100之间")
	}
	if p.Budget.IsNegative() {
		pr.Add("budget", "预算数不能为负数")
	} else if !p.Budget.Equal(p.Budget.Round(BudgetPlaces)) {
		pr.Add("budget", "预算数最多六位小数（万元，即精确到分）")
	}
	if p.ExecutionWeight.IsNegative() {
		pr.Add("execution_weight", "预算执行率权重不能为负数")
	}
	if len(p.Indicators) == 0 {
		pr.Add("indicators", "至少需要一个绩效指标")
	}
	seen := map[int64]bool{}
	for i, in := range p.Indicators {
		in.validate(pr, fmt.Sprintf("indicators[%d].", i))
		if in.ID != 0 && seen[in.ID] {
			pr.Add(fmt.Sprintf("indicators[%d].id", i), "指标编号重复")
		}
		seen[in.ID] = true
	}
	if len(p.Indicators) > 0 {
		total := p.IndicatorWeight().Add(p.ExecutionWeight)
		if !total.Equal(FullMark) {
			pr.Add("indicators", fmt.Sprintf("指标权重合计%s加预算执行率权重%s应为100，实为%s",
				p.IndicatorWeight().String(), p.ExecutionWeight.String(), total.String()))
		}
	}
	return pr.Err(ErrInvalid)
}

func (i Indicator) validate(pr fields.Problems, prefix string) {
	checkName(pr, prefix+"level1", i.Level1, "一级指标", 64)
	checkName(pr, prefix+"level2", i.Level2, "二级指标", 64)
	checkName(pr, prefix+"name", i.Name, "三级指标名称", MaxNameLength)
	if !ValidValueBasis(i.ValueBasis) {
		pr.Add(prefix+"value_basis", "指标值依据应为计划标准、行业标准、历史标准或其他标准")
	}
	if _, err := ParseNature(string(i.Nature)); err != nil {
		pr.Add(prefix+"nature", "指标性质应为 >=、>、<=、<、= 或 定性")
		return
	}
	if _, err := ParseAccrual(string(i.Accrual)); err != nil {
		pr.Add(prefix+"accrual", "累计方式应为 cumulative 或 level")
	}
	checkName(pr, prefix+"target", i.Target, "指标值", 64)
	if i.Kind() == KindDeadline {
		// a year or a date: Kind has checked its form
	} else if i.Nature.Numeric() {
		t, ok := i.TargetNumber()
		switch {
		case !ok:
			pr.Add(prefix+"target", "定量指标的指标值应为数字")
		case t.IsNegative():
			pr.Add(prefix+"target", "指标值不能为负数")
		}
		if strings.TrimSpace(i.Unit) == "" {
			pr.Add(prefix+"unit", "定量指标需要度量单位")
		}
	}
	if i.Nature == NatureQualitative && i.Unit != "" {
		pr.Add(prefix+"unit", "定性指标没有度量单位")
	}
	if utf8.RuneCountInString(i.Unit) > 16 {
		pr.Add(prefix+"unit", "度量单位不能超过16个字符")
	}
	if i.Weight.IsNegative() {
		pr.Add(prefix+"weight", "分值权重不能为负数")
	} else if !i.Weight.Equal(i.Weight.Round(2)) {
		pr.Add(prefix+"weight", "分值权重最多两位小数")
	}
}
