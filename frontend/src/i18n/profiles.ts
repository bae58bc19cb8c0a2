// The strings of the rule profiles page and of the profile shown beside a
// score, spread into zh-cn.ts and en.ts.

export const profilesZhCn = {
  profiles: {
    menu: '评分规则', title: '评分规则集', list: '规则集', name: '名称', version: '版本', titleCol: '说明', source: '来源',
    verified: '来源已核实', unverified: '来源未核实', shipped: '随系统提供', used: '已使用（不可修改）', compare: '对比',
    compareWith: '与之对比', compareLeft: '对比的第一个规则集', compareRight: '对比的第二个规则集', setting: '设置', differs: '不同', choose: '用于期间', period: '期间', current: '当前规则集',
    defaultProfile: '（默认，未选择）', chooseTitle: '为期间选择规则集',
    chooseConfirm: '将 {period} 的评分规则改为 {profile}：该期间未通过的报告（草稿、已提交、已退回）将按新规则重新评分，已通过的报告保留原得分和规则集，重新打开后才按新规则评分。确定吗？',
    unverifiedConfirm: '该规则集的来源未经核实（{source}）。请先核对来源文件；仍要选用吗？',
    rescore: '重新评分', progress: '已重新评分 {done}/{total}，其中 {changed} 份结果有变化；{kept} 份已通过的报告保留原得分',
    running: '重新评分进行中…', failed: '重新评分失败：{error}', newVersion: '另存为新版本', edit: '修改',
    saved: '已保存为第 {v} 版', chosen: '已选用，正在重新评分', settingSource: '该设置的来源',
    beside: '评分规则：{name} 第{version}版', otherProfile: '本期有 {n} 份报告仍按其他规则集评分（通过后规则更换，保留原得分）',
    keys: {
      reverse_method: '反向指标计分方法', overshoot_explain: '超额须说明（目标值倍数）', grade_bands: '等级线（优,良,中）',
      light_thresholds: '累计指标预警线（红,黄,蓝）', budget_light_thresholds: '预算执行预警线（红,黄）',
      execution_reason_below: '执行率低于此须说明原因', qualitative_bands: '定性档次下限（达成,部分达成）',
      cutoff_month: '默认监控截止月', execution_caps: '按执行率封顶（执行率:总分上限）', deviation_deduction: '指标偏离扣分（倍数:分）',
      execution_checkpoints: '固定执行进度节点（月:执行率）', completion_gap: '完成率与执行率差距预警',
      self_evaluation_warning: '自评预警（超出比例,结余比例）',
    },
  },
}

export const profilesEn = {
  profiles: {
    menu: 'Scoring rules', title: 'Rule profiles', list: 'Profiles', name: 'Name', version: 'Version', titleCol: 'Title', source: 'Source',
    verified: 'Source verified', unverified: 'Source not verified', shipped: 'Shipped', used: 'In use (read-only)', compare: 'Compare', compareLeft: 'First profile compared', compareRight: 'Second profile compared',
    compareWith: 'Compare with', setting: 'Setting', differs: 'differs', choose: 'Use for period', period: 'Period', current: 'Current profile',
    defaultProfile: '(default, none chosen)', chooseTitle: 'Choose the profile of a period',
    chooseConfirm: 'Score {period} by {profile}: its reports that are not approved (drafts, submitted, returned) are rescored by the new rules; approved reports keep their scores and profile until reopened. Continue?',
    unverifiedConfirm: 'The source of this profile was not verified ({source}). Check the document first; use it anyway?',
    rescore: 'Rescore', progress: '{done}/{total} rescored, {changed} changed; {kept} approved reports keep their scores',
    running: 'Rescoring…', failed: 'Rescore failed: {error}', newVersion: 'Save as a new version', edit: 'Edit',
    saved: 'Saved as version {v}', chosen: 'Chosen; rescoring', settingSource: 'Source of this setting',
    beside: 'Rules: {name} v{version}', otherProfile: '{n} reports of this period are still scored by another profile (approved before the change)',
    keys: {
      reverse_method: 'Lower-is-better method', overshoot_explain: 'Overshoot needs a reason (× target)', grade_bands: 'Grade bands (Excellent, Good, Fair)',
      light_thresholds: 'Cumulative light thresholds (red, yellow, blue)', budget_light_thresholds: 'Budget light thresholds (red, yellow)',
      execution_reason_below: 'Execution rate needing a reason below', qualitative_bands: 'Qualitative band floors (achieved, partly)',
      cutoff_month: 'Default cut-off month', execution_caps: 'Total capped by execution (rate:cap)', deviation_deduction: 'Deviation deduction (× target:points)',
      execution_checkpoints: 'Fixed execution checkpoints (month:rate)', completion_gap: 'Completion–execution gap warning',
      self_evaluation_warning: 'Self-evaluation warning (outrun, unspent)',
    },
  },
}
