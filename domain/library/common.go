// Package library holds the common (共性) entries of the indicator library
// shipped with the product. Each names the national document it comes
// from: the levels, the 成本指标 kinds and the meaning of each second level
// are those of 财预〔2021〕101号; the third-level names are the generic forms
// a department writes for its own project, and the guidance says what to
// fill in.
package library

// Entry is one common library entry.
type Entry struct {
	Level1, Level2, Name, Nature, Unit, ValueBasis, Guidance, Source string
}

// The documents the common entries cite.
const (
	// Src101 is the Ministry of Finance's guide to core targets and
	// indicators of central departments' project spending (2021-08-18).
	Src101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
	// Src10 is the Ministry of Finance's rules for evaluating project
	// spending (2020), which weight 服务对象满意度 at 10% in principle.
	Src10 = "财预〔2020〕10号《项目支出绩效评价管理办法》"
)

// Common lists the shipped common entries.
func Common() []Entry {
	return []Entry{
		// 成本指标 (101号 adds it as a first level with three second levels)
		{"成本指标", "经济成本指标", "项目总成本控制数", "<=", "万元", "计划标准",
			"经济成本指标反映实施项目所产生的直接经济成本。以批复的项目预算为上限填写总成本控制数，超支即未达成。", Src101},
		{"成本指标", "经济成本指标", "单位产出成本", "<=", "元", "历史标准",
			"按主要产出的单位（每人、每次、每册、每平方米等）折算的成本，参照往年实际或同类项目的单位成本确定；名称中写明单位，如「每册印刷成本」。", Src101},
		{"成本指标", "经济成本指标", "分项成本控制数", "<=", "万元", "计划标准",
			"单位成本无法拆分核算的任务，可按主要支出内容（人员、印刷、运维等）分别设定成本控制数。", Src101},
		{"成本指标", "社会成本指标", "对社会发展和公共福利的负面影响", "qualitative", "", "其他标准",
			"社会成本指标反映项目实施对社会发展、公共福利等方面可能造成的负面影响；无此类影响的项目可不设，设定时写明可接受的程度（如「无明显负面影响」）。", Src101},
		{"成本指标", "生态环境成本指标", "对自然生态环境的负面影响", "qualitative", "", "其他标准",
			"生态环境成本指标反映项目实施对自然生态环境可能造成的负面影响（如施工、能耗、排放），设定可接受的控制程度。", Src101},
		// 产出指标
		{"产出指标", "数量指标", "计划任务完成数量", ">=", "", "计划标准",
			"数量指标反映预期提供的公共产品或服务的数量；按全年计划填写，名称写明产出内容（如「印发文件数量」），单位用件、次、册、人等。", Src101},
		{"产出指标", "质量指标", "验收合格率", ">=", "%", "行业标准",
			"质量指标反映提供的产品或服务达到的标准和水平；有国家或行业标准的按标准取值，并写明验收口径。", Src101},
		{"产出指标", "时效指标", "按期完成率", ">=", "%", "计划标准",
			"时效指标反映提供产品或服务的及时程度；写明完成时限或节点，不要只重复预算年度。", Src101},
		// 效益指标
		{"效益指标", "经济效益指标", "带动相关经济效益", "qualitative", "", "其他标准",
			"经济效益指标反映项目产出对经济发展带来的影响和效果；能量化的写明数值和单位。", Src101},
		{"效益指标", "社会效益指标", "公共服务水平提升情况", "qualitative", "", "其他标准",
			"社会效益指标反映项目产出对社会发展带来的影响和效果；定性表述时按优、良、中、差等档次写明可考核的标准。", Src101},
		{"效益指标", "生态效益指标", "生态环境改善情况", "qualitative", "", "其他标准",
			"生态效益指标反映项目产出对自然生态环境带来的影响和效果。", Src101},
		// 满意度指标
		{"满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "%", "历史标准",
			"反映服务对象或受益人对项目产出及其影响的认可程度，以问卷等方式取得；参照往年调查结果取值。评价时权重原则上为10%（财预〔2020〕10号）。", Src101},
	}
}
