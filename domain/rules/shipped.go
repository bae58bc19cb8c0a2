package rules

// The documents the shipped profiles cite.
const (
	sourceEvaluation = "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）"
	sourceMonitoring = "财政部《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）"
	sourceSelfForm   = "项目支出绩效自评表填表说明"
	sourceManual     = "某省预算管理一体化系统项目支出绩效自评操作手册（省份、文号与原文未能核实）"
	sourceSichuan    = "四川省财政厅 川财绩〔2025〕10号（仅见于二手摘要，原文未能核实）"
	sourceVendor     = "一体化系统厂商绩效模块的自评预警规则（厂商配置，原文未能核实）"
	sourceGrades     = "部分省份绩效评价等级划分（80/70/60，具体文件未能核实）"
)

// nationalSources are the sources of the national settings (domain
// reference §3–§4).
func nationalSources() map[string]string {
	return map[string]string{
		"":                       sourceEvaluation + "；" + sourceMonitoring,
		KeyReverseMethod:         sourceSelfForm + "：反向指标按 目标值÷实际值 计分",
		KeyOvershootExplain:      sourceEvaluation + " 实务：实际值达到目标值130%及以上须说明原因",
		KeyGradeBands:            sourceEvaluation + "：优90（含）以上、良80（含）以上、中60（含）以上、差60以下",
		KeyLightThresholds:       sourceMonitoring + " 实务：按序时进度比较完成情况",
		KeyBudgetLightThresholds: sourceMonitoring + "：预算执行进度与序时进度比较（“双监控”）",
		KeyExecutionReasonBelow:  sourceEvaluation + " 实务：预算执行率低于90%须说明原因",
		KeyQualitativeBands:      sourceSelfForm + "：定性指标三档（80%–100%、60%–80%、0–60%）",
		KeyCutoffMonth:           sourceMonitoring + "：中央部门监控1–7月，多数地方1–6月",
	}
}

// Shipped returns the profiles the product ships, each at version 1:
// national (the domain reference's defaults) and one per provincial variant.
// Only national's documents are the project's reference; the variants were
// read in secondary material and ship unverified: choosing one asks for a
// confirmation.
func Shipped() []Profile {
	national := National()
	out := []Profile{{
		ProfileRef: ProfileRef{Name: ProfileNational, Version: 1},
		Title:      "全国通用规则（财预〔2020〕10号评分、财预〔2019〕136号监控）",
		Source:     sourceEvaluation + "；" + sourceMonitoring,
		Verified:   true,
		Settings:   national.Settings(),
		Sources:    withoutWhole(nationalSources()),
	}}
	variants := []struct {
		name, title, source string
		settings            map[string]string
	}{
		{ProfileExecutionCaps, "省级一体化自评：按预算执行率封顶总分", sourceManual,
			map[string]string{KeyExecutionCaps: "0.8:89,0.7:79,0.6:69,0.5:59"}},
		{ProfileDeviation, "省级一体化自评：指标偏离（达到目标值130%及以上）扣2分", sourceManual,
			map[string]string{KeyDeviationDeduction: "1.3:2"}},
		{ProfileCheckpoints, "四川：固定执行进度节点（4/6/8/10月）与完成–执行差距预警", sourceSichuan,
			map[string]string{KeyExecutionCheckpoints: "4:0.25,6:0.4,8:0.6,10:0.8", KeyCompletionGap: "0.1"}},
		{ProfileSelfEvalWarning, "厂商绩效模块：自评预警（指标得分率超出执行得分率5%红灯，结余超20%黄灯）", sourceVendor,
			map[string]string{KeySelfEvaluationWarning: "0.05,0.2"}},
		{ProfileGrades807060, "等级80/70/60：优80、良70、中60", sourceGrades,
			map[string]string{KeyGradeBands: "80,70,60"}},
	}
	for _, v := range variants {
		p := Profile{ProfileRef: ProfileRef{Name: v.name, Version: 1}, Title: v.title, Source: v.source,
			Sources: withoutWhole(nationalSources())}
		for k := range v.settings {
			p.Sources[k] = v.source
		}
		p.Settings = v.settings
		complete, err := p.Complete()
		if err != nil {
			panic("shipped rule profile " + v.name + ": " + err.Error())
		}
		out = append(out, complete)
	}
	return out
}

func withoutWhole(m map[string]string) map[string]string {
	delete(m, "")
	return m
}
