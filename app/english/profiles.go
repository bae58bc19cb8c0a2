package english

// Cited sentences: a rule profile's variant names the document it follows
// after its sentence, "…（来源：…）" (domain/rules Cite). Tried first, so that
// no pattern ending in {} swallows the citation.
var citeEntries = []entry{
	{"{}（来源：{*}）", "{1} (source: {2})"},
}

// The rule profiles (domain/rules): the shipped profiles' titles and
// sources, the label that names a profile, and the sentences of the
// provincial variants (domain/monitor/variants.go, domain/scoring/variants.go).
var profileEntries = []entry{
	{"评分规则：{} 第{n}版", "Rule profile: {1}, version {2}"},
	{"本地规则（JIXIAO_RULE_* 环境变量）", "Local rules (JIXIAO_RULE_* environment variables)"},
	{"本地规则：{}", "Local rules: {1}"},
	{"本系统部署时设置的 JIXIAO_RULE_* 环境变量（未经核实的本地设置）", "The JIXIAO_RULE_* environment variables set when this system was deployed (local settings, not verified)"},
	{"财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）", "Ministry of Finance, Measures for the Performance Evaluation of Project Expenditure (Caiyu [2020] No. 10)"},
	{"财政部《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）", "Ministry of Finance, Interim Measures for Monitoring the Performance of Central Department Budgets (Caiyu [2019] No. 136)"},
	{"项目支出绩效自评表填表说明", "Notes on filling in the project expenditure self-evaluation form"},
	{"某省预算管理一体化系统项目支出绩效自评操作手册（省份、文号与原文未能核实）", "A province's integrated budget system manual for project self-evaluation (province, document number and original not verified)"},
	{"四川省财政厅 川财绩〔2025〕10号（仅见于二手摘要，原文未能核实）", "Sichuan Finance Department, Chuancaiji [2025] No. 10 (seen only in a secondary summary; original not verified)"},
	{"一体化系统厂商绩效模块的自评预警规则（厂商配置，原文未能核实）", "The self-evaluation warnings of an integrated system vendor's performance module (vendor settings; original not verified)"},
	{"部分省份绩效评价等级划分（80/70/60，具体文件未能核实）", "Grade bands of some provinces (80/70/60; the documents not verified)"},
	{"{}：反向指标按 目标值÷实际值 计分", "{1}: a lower-is-better indicator scores target ÷ actual"},
	{"{} 实务：实际值达到目标值130%及以上须说明原因", "{1}, in practice: an actual value of 130% of the target or more must be explained"},
	{"{}：优90（含）以上、良80（含）以上、中60（含）以上、差60以下", "{1}: Excellent from 90, Good from 80, Fair from 60, Poor below 60"},
	{"{} 实务：按序时进度比较完成情况", "{1}, in practice: completion is compared with the time progress"},
	{"{}：预算执行进度与序时进度比较（“双监控”）", "{1}: budget execution is compared with the time progress (\"double monitoring\")"},
	{"{} 实务：预算执行率低于90%须说明原因", "{1}, in practice: an execution rate below 90% must be explained"},
	{"{}：定性指标三档（80%–100%、60%–80%、0–60%）", "{1}: qualitative indicators in three bands (80%–100%, 60%–80%, 0–60%)"},
	{"{}：中央部门监控1–7月，多数地方1–6月", "{1}: central departments monitor January–July, most localities January–June"},
	{"全国通用规则（财预〔2020〕10号评分、财预〔2019〕136号监控）", "National rules (scoring by Caiyu [2020] No. 10, monitoring by Caiyu [2019] No. 136)"},
	{"省级一体化自评：按预算执行率封顶总分", "Provincial integrated self-evaluation: the total capped by the execution rate"},
	{"省级一体化自评：指标偏离（达到目标值130%及以上）扣2分", "Provincial integrated self-evaluation: 2 points off for a deviating indicator (130% of the target or more)"},
	{"四川：固定执行进度节点（4/6/8/10月）与完成–执行差距预警", "Sichuan: fixed execution checkpoints (April, June, August, October) and the completion–execution gap warning"},
	{"厂商绩效模块：自评预警（指标得分率超出执行得分率5%红灯，结余超20%黄灯）", "Vendor performance module: self-evaluation warnings (red when the indicator score rate exceeds the execution score rate by 5%, yellow when over 20% is unspent)"},
	{"等级80/70/60：优80、良70、中60", "Grades 80/70/60: Excellent from 80, Good from 70, Fair from 60"},

	{"执行率封顶：预算执行率低于规定比例，总分不超过规定分值", "Execution cap: with the execution rate below a set rate, the total is at most a set score"},
	{"指标偏离：实际值达到目标值的规定比例及以上，扣分", "Deviating indicator: a value at or above a set share of its target loses points"},

	// the variants' sentences
	{"截至{n}月执行率{}，尚未到第一个执行进度节点，按固定节点规则不预警", "Execution rate {2} by the end of month {1}: no checkpoint reached yet, no warning under the fixed checkpoints"},
	{"截至{n}月执行率{}，低于{n}月末节点{}，按固定执行进度节点规则：黄灯预警", "Execution rate {2} by the end of month {1}, below the checkpoint of {4} at the end of month {3}: yellow under the fixed checkpoints"},
	{"截至{n}月执行率{}，达到{n}月末节点{}，按固定执行进度节点规则：绿灯", "Execution rate {2} by the end of month {1} reaches the checkpoint of {4} at the end of month {3}: green under the fixed checkpoints"},
	{"指标完成率（指标得分÷指标权重）{}，预算执行率{}，相差{n}个百分点，超过{n}个百分点：黄灯预警", "Indicator completion (indicator score ÷ indicator weight) {1}, budget execution {2}: {3} percentage points apart, more than {4}: yellow"},
	{"指标得分率{}高于预算执行得分率{}的{n}%：自评红灯预警", "The indicator score rate {1} is above {3}% of the execution score rate {2}: self-evaluation red"},
	{"预算结余{}，超过{n}%：自评黄灯预警", "{1} of the budget unspent, more than {2}%: self-evaluation yellow"},
	{"执行率{}，低于{n}%，按执行率封顶规则总分不超过{n}分", "Execution rate {1}, below {2}%: the total is capped at {3} points"},
	{"{}达到目标值的{n}%及以上，属指标偏离，扣{n}分", "{1} is {2}% of the target or more: a deviating indicator, {3} points off"},
	{"{}，总分计 {n}", "{1}; the total counts {2}"},
	{"{}，得分 {n}", "{1}; score {2}"},
	{"{}：须说明执行偏差原因", "{1}: explain the deviation in execution"},
	{"按第 {n} 版目标填报（目标已调整为第 {n} 版）", "Filled against version {1} of the targets (since adjusted to version {2})"},
	{"规则集 {} 第{n}版不存在", "Rule profile {1}, version {2}, does not exist"},
}

// Two-person resets (app/accounts): the notices to the holder and to who
// may confirm, and the refusals.
var accountEntries = []entry{
	{"密码", "password"}, {"双因素认证", "second factor"},
	{"状态应为 pending、confirmed、rejected 或 expired", "The status should be pending, confirmed, rejected or expired"},
	{"您的{}已由管理员 {} 重置，经 {} 复核，您的所有登录会话已结束", "Your {1} was reset by the admin {2}, confirmed by {3}; all your sessions have ended"},
	{"您的{}已由管理员 {} 重置，您的所有登录会话已结束", "Your {1} was reset by the admin {2}; all your sessions have ended"},
	{"新密码为临时密码，只能登录一次，须在 {} 前使用，登录后须立即改为您自己的密码", "The new password is temporary: it signs in once, before {1}, and must then be changed to your own at once"},
	{"下次登录时请重新绑定验证器", "Set up your authenticator again when you next sign in"},
	{"如非您本人要求，请立即联系系统管理员和审计员", "If you did not ask for this, tell the system administrator and the auditor at once"},
	{"如非您本人要求，请立即联系审计员", "If you did not ask for this, tell the auditor at once"},
	{"您的{}已被重置", "Your {1} was reset"},
	{"管理员 {} 申请重置您的{}，须由另一位管理员或审计员复核后才生效（{} 前未复核则作废）", "The admin {1} asked to reset your {2}; it takes effect only when another admin or an auditor confirms it (void if not confirmed before {3})"},
	{"有人申请重置您的{}", "Someone asked to reset your {1}"},
	{"待复核：重置 {} 的{}", "To confirm: a reset of the {2} of {1}"},
	{"管理员 {} 申请重置 {} 的{}，请核实是本人要求后复核或驳回", "The admin {1} asked to reset the {3} of {2}: check that its holder asked for it, then confirm or reject it"},
	{"重置您的{}的申请未获通过", "The request to reset your {1} was rejected"},
	{"管理员 {} 申请重置您的{}，已由 {} 驳回，您的账户未作任何更改", "The admin {1} asked to reset your {2}; {3} rejected it and nothing about your account changed"},
	{"该账户的其他登录尝试正在核验，请稍后再试", "Another sign-in to this account is being checked: try again in a moment"},
	{"重置申请不存在", "The reset request does not exist"},
	{"该用户已有一项同类重置申请等待复核，请先复核或撤回", "The user already has a reset of this kind waiting to be confirmed: confirm or withdraw it first"},
	{"该重置申请已复核、已驳回或已过期", "The reset request was already confirmed or rejected, or has expired"},
	{"重置须由申请人以外的另一位管理员或审计员复核", "A reset is confirmed by another admin or an auditor, not by who asked for it"},
	{"管理员设置的临时密码已超过 24 小时有效期，请联系管理员重新重置", "The temporary password an admin set is older than 24 hours: ask an admin to reset it again"},
	{"此临时密码已登录过一次，不能再用。如非您本人使用，请立即联系系统管理员和审计员", "This temporary password has signed in once and cannot be used again. If that was not you, tell the system administrator and the auditor at once"},
	{"意见不超过 {n} 字", "A comment has at most {1} characters"}, {"意见不超过 500 字", "A comment has at most 500 characters"},
	{"规则集不存在", "The rule profile does not exist"},
	{"该版本已被期间选用或已用于评分，不能修改：请另存为新版本", "This version is chosen by a period or has scored reports and cannot be changed: save it as a new version"},
	{"该期间正在按新规则重新评分，请待完成后再更换规则集", "The period is being rescored under new rules: wait until that is done to change its rule profile"},
	{"该调整申请依据的是第 {n} 版目标，现行目标已调整为第 {n} 版，申请中的“调整前”数值已不成立：请驳回此申请，由填报人按现行目标重新申请",
		"This change request was filed against version {1} of the targets, now at version {2}: its \"before\" values no longer hold. Reject it; the submitter files a new one against the current targets"},
	{"规则集有误，请检查标出的设置", "The rule profile is wrong: check the settings marked"},
	{"设置有误：{*}", "Wrong setting: {1}"},
	{"规则集有误", "The rule profile is wrong"},
	{"local 由 JIXIAO_RULE_* 环境变量定义，不能在此新建版本", "local is defined by the JIXIAO_RULE_* environment variables: no new version of it is made here"},
	{"名称与地址中的不一致", "The name differs from the one in the address"},
	{"该规则集的来源未经核实，须确认后才能选用", "The rule profile's source is not verified: confirm that before choosing it"},
	{"来源未经核实：请核对来源文件后勾选确认", "Source not verified: check the source document, then tick to confirm"},
	{"待补充项", "Still missing"}, {"更新人", "Updated by"}, {"更新时间", "Updated at"},
	{"列表共 {n} 行，超过一次导出的上限 {n} 行：请按期间、单位或状态筛选后再导出", "The list has {1} rows, more than the {2} one export may hold: filter by period, department or status, then export"},
}
