package scoring_test

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

// numericInd builds a numeric indicator: nature, target, unit, weight.
func numericInd(n project.Nature, target, unit, weight string) project.Indicator {
	return project.Indicator{ID: 1, Level1: "产出指标", Level2: "数量指标", Name: "数量",
		Nature: n, Target: target, Unit: unit, Weight: d(weight)}
}

func higher(target, weight string) project.Indicator {
	return numericInd(project.NatureGE, target, "件", weight)
}

func lower(target, weight string) project.Indicator {
	return numericInd(project.NatureLE, target, "万元", weight)
}

func equal(target, weight string) project.Indicator {
	return numericInd(project.NatureEQ, target, "人", weight)
}

// deadlineInd is "= 2024 年" under 时效指标 unless target is a date.
func deadlineInd(target, weight string) project.Indicator {
	return project.Indicator{ID: 1, Level1: "产出指标", Level2: "时效指标", Name: "完成时间",
		Nature: project.NatureEQ, Target: target, Unit: "年", Weight: d(weight)}
}

func qualitativeInd(weight string) project.Indicator {
	return project.Indicator{ID: 1, Level1: "效益指标", Level2: "社会效益指标", Name: "社会效益",
		Nature: project.NatureQualitative, Target: "显著", Weight: d(weight)}
}
