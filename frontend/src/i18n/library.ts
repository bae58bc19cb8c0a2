// The strings of the indicator library, last year's values, a project across
// years and 结果应用, spread into zh-cn.ts and en.ts (one line each).

export const libraryZhCn = {
  library: {
    menu: '指标库', title: '指标库', pickTitle: '从指标库插入指标', search: '搜索', searchHint: '输入指标名称中的词，如“满意度”“成本”',
    scopeAll: '全部', scope: '范围', scopes: { common: '共性指标', department: '个性指标' }, found: '共 {n} 条',
    empty: '没有找到，换个词试试；也可以先写入表格，再点“提议入库”。', source: '来源：', aliases: '同义名称：', year: '年度',
    actual: '实际完成', score: '得分', notUsed: '尚未在可见的项目中使用。', name: '指标名称', uses: '使用', insert: '插入',
    inserted: '已插入“{name}”，请填写指标值和权重', insertFrom: '从指标库插入', propose: '提议入库', proposed: '已提交部门审核人确认',
    inLibrary: '已入库', fromLibrary: '来自指标库', valueBasis: '指标值依据', basisNone: '未说明',
    bases: { plan: '计划标准', industry: '行业标准', history: '历史标准', other: '其他标准' },
    lastYear: '上年目标/实际', lastYearShort: '{year}年：目标{target}，实际{actual}', notFilled: '未填报', scoreOnly: '得分{s}',
    statuses: { proposed: '待确认', accepted: '已确认', merged: '已合并' }, status: '状态', guidance: '填写说明',
    accept: '确认', merge: '合并到…', mergeTitle: '合并到已有指标', mergeHint: '合并后，此名称作为所选指标的同义名称仍可搜索到。',
    mergeInto: '合并到', accepted: '已确认入库', merged: '已合并', pending: '待确认的个性指标', noPending: '没有待确认的个性指标。',
    department: '单位', detail: '使用情况',
  },
  years: {
    link: '历年情况', title: '历年情况', total: '总分', grade: '等级', execution: '预算执行率', budget: '预算数（万元）',
    report: '年度自评', target: '目标', actual: '实际', score: '得分', noReport: '未自评', chartTotal: '历年总分',
    indicators: '指标历年对比', chart: '图表', departmentTitle: '本单位项目历年等级', departmentLink: '本单位历年等级', project: '项目', status: '目标状态', year: '年度', empty: '没有历年数据。',
  },
  results: {
    menu: '结果应用', title: '绩效自评结果应用', year: '自评年度', project: '项目', department: '单位', total: '自评得分', grade: '等级',
    proposed: '建议', decided: '财政意见', note: '说明', decide: '记录意见', percent: '调整比例（%）', export: '导出预算编制参考表',
    actions: { priority: '优先保障', maintain: '保障', reduce: '压减', cancel: '取消或大幅压减' }, undecided: '尚未记录意见',
    percentText: '{p}%', empty: '本年度尚无审核通过的自评。', saved: '已记录', settings: '按等级的建议：',
    noteHint: '与建议不同时须写明理由', lastYear: '{year}年度自评结果应用：', scoreGrade: '得分 {total}', by: '记录人',
  },
}

export const reportHistZhCn = {
  previous: '上期 {v}', lastActual: '上年实际 {v}', lastTarget: '上年目标 {v}',
  previousLong: '上期（{period}）：{v}，{light}', lastLong: '{year}年：目标 {target}，实际 {actual}，得分 {score}',
}
export const reportHistEn = {
  previous: 'last period {v}', lastActual: 'last year {v}', lastTarget: 'last year target {v}',
  previousLong: 'Last period ({period}): {v}, {light}', lastLong: '{year}: target {target}, actual {actual}, score {score}',
}

export const libraryEn = {
  library: {
    menu: 'Indicator library', title: 'Indicator library', pickTitle: 'Insert from the indicator library', search: 'Search',
    searchHint: 'Words of the name, e.g. 满意度, 成本', scopeAll: 'All', scope: 'Scope',
    scopes: { common: 'Common', department: 'Department' }, found: '{n} found',
    empty: 'Nothing found: try other words, or write the row in the table and propose it.', source: 'Source: ', aliases: 'Also named: ',
    year: 'Year', actual: 'Actual', score: 'Score', notUsed: 'Not used in any project you can see.', name: 'Indicator', uses: 'Uses',
    insert: 'Insert', inserted: '“{name}” inserted: fill in its target and weight', insertFrom: 'Insert from the library',
    propose: 'Propose for the library', proposed: 'Sent to the department reviewer to confirm', inLibrary: 'In the library',
    fromLibrary: 'From the indicator library', valueBasis: 'Basis of the target', basisNone: 'Not stated',
    bases: { plan: 'Plan', industry: 'Industry standard', history: 'History', other: 'Other' },
    lastYear: 'Last year', lastYearShort: '{year}: target {target}, actual {actual}', notFilled: 'not filled', scoreOnly: 'scored {s}',
    statuses: { proposed: 'To confirm', accepted: 'Confirmed', merged: 'Merged' }, status: 'Status', guidance: 'Guidance',
    accept: 'Confirm', merge: 'Merge into…', mergeTitle: 'Merge into an existing indicator',
    mergeHint: 'Once merged, this name stays searchable as another name of the chosen indicator.', mergeInto: 'Merge into',
    accepted: 'Confirmed', merged: 'Merged', pending: 'Department indicators to confirm', noPending: 'No department indicators to confirm.',
    department: 'Department', detail: 'Where used',
  },
  years: {
    link: 'Across years', title: 'Across years', total: 'Total', grade: 'Grade', execution: 'Execution rate', budget: 'Budget (10k CNY)',
    report: 'Self-evaluation', target: 'Target', actual: 'Actual', score: 'Score', noReport: 'Not evaluated', chartTotal: 'Total by year',
    indicators: 'Indicators by year', chart: 'Chart', departmentTitle: "The department's projects by year", departmentLink: 'Department by year', project: 'Project', status: 'Targets', year: 'Year', empty: 'No years to show.',
  },
  results: {
    menu: 'Use of results', title: 'Use of self-evaluation results', year: 'Year evaluated', project: 'Project', department: 'Department',
    total: 'Score', grade: 'Grade', proposed: 'Proposed', decided: 'Decision', note: 'Note', decide: 'Record decision',
    percent: 'Change (%)', export: 'Export the budget reference',
    actions: { priority: 'Priority funding', maintain: 'Maintain', reduce: 'Reduce', cancel: 'Cancel or cut sharply' },
    undecided: 'No decision yet', percentText: '{p}%', empty: 'No approved self-evaluations for the year yet.', saved: 'Recorded',
    settings: 'Proposed by grade: ', noteHint: 'Give the reason when it differs from the proposal', lastYear: 'Use of the {year} results: ',
    scoreGrade: 'score {total}', by: 'Recorded by',
  },
}
