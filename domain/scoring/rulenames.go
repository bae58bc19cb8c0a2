package scoring

// ruleNames are the rules in words, as a page shows them instead of their
// codes.
var ruleNames = map[Rule]string{
	RuleHigherFull:           "正向指标：达到目标值，得满分",
	RuleHigherRatio:          "正向指标：未达到目标值，按完成比例得分",
	RuleLowerFull:            "反向指标：不高于目标值，得满分",
	RuleLowerRatio:           "反向指标：高于目标值，按目标值与实际值之比得分",
	RuleLowerLinear:          "反向指标：高于目标值，按超出比例扣分",
	RuleLowerZero:            "反向指标：目标值为0而实际值大于0，不得分",
	RuleEqualFull:            "等于指标：达到目标值，得满分",
	RuleEqualRatio:           "等于指标：未达到目标值，按完成比例得分",
	RuleEqualZero:            "等于指标：目标值为0，实际为0得满分，否则不得分",
	RuleDeadlineOnTime:       "时效指标：按时完成，得满分",
	RuleDeadlineBand:         "时效指标：未按时完成，按达成档次评分",
	RuleDeadlineBandFloor:    "时效指标：未按时完成且未填得分，按档次下限计分",
	RuleQualitativeBand:      "定性指标：按达成档次评分",
	RuleQualitativeBandFloor: "定性指标：未填得分，按档次下限计分",
	RuleNotApplicable:        "不适用：不计分，其余指标得分按权重折算",
	RuleMissing:              "未填报：不得分",
	RuleExecutionFull:        "预算执行率：达到100%，得满分",
	RuleExecutionRatio:       "预算执行率：按执行率得分",
	RuleExecutionNoBudget:    "预算执行率：调整后预算为0，不得分",
	RuleExecutionCap:         "执行率封顶：预算执行率低于规定比例，总分不超过规定分值",
	RuleDeviation:            "指标偏离：实际值达到目标值的规定比例及以上，扣分",
}

// Rules lists every rule, in the order of the domain reference.
func Rules() []Rule {
	return []Rule{
		RuleHigherFull, RuleHigherRatio, RuleLowerFull, RuleLowerRatio, RuleLowerLinear, RuleLowerZero,
		RuleEqualFull, RuleEqualRatio, RuleEqualZero, RuleDeadlineOnTime, RuleDeadlineBand, RuleDeadlineBandFloor,
		RuleQualitativeBand, RuleQualitativeBandFloor, RuleNotApplicable, RuleMissing,
		RuleExecutionFull, RuleExecutionRatio, RuleExecutionNoBudget,
		RuleExecutionCap, RuleDeviation, // the provincial variants of some rule profiles
	}
}

// Name is the rule in words ("正向指标：达到目标值，得满分"); "" for a rule it
// does not know.
func (r Rule) Name() string { return ruleNames[r] }
