// The strings of the report form as a clerk and a reviewer use it: the
// details under a line, keys and paste, the return banner, the bases of
// lights and scores. Spread into zh-cn.ts and en.ts as `form`.

export const formZhCn = {
  note: '说明', analysis: '偏差原因分析', improvement: '改进措施', lateBand: '未按时完成的达成档次',
  lightBasis: '预警依据', stillMissing: '须填写：{what}', showDetail: '展开说明', hideDetail: '收起说明',
  expandAll: '全部展开', collapseAll: '全部收起',
  keysHint: 'Enter 或 ↓ 到下一行同一列，↑ 回上一行；可从 Excel 复制多行多列后粘贴。',
  pasted: '已粘贴 {lines} 行（{cells} 个单元格）', pastedWithProblems: '已粘贴 {lines} 行；{n} 个单元格无法识别，未填入：{where}',
  pasteCell: '第 {row} 行“{text}”',
  bandShort: { achieved: '达成', partly: '部分达成', not_achieved: '未达成' },
  moreProblems: '展开其余 {n} 项', fewerProblems: '收起',
}

export const formEn: typeof formZhCn = {
  note: 'Explanation', analysis: 'Deviation analysis', improvement: 'Improvements', lateBand: 'Band (not done on time)',
  lightBasis: 'Why this light', stillMissing: 'Still to fill: {what}', showDetail: 'Show details', hideDetail: 'Hide details',
  expandAll: 'Expand all', collapseAll: 'Collapse all',
  keysHint: 'Enter or ↓ goes down a column, ↑ up; paste rows and columns copied from Excel.',
  pasted: 'Pasted {lines} lines ({cells} cells)', pastedWithProblems: 'Pasted {lines} lines; {n} cells could not be read and were left out: {where}',
  pasteCell: 'line {row} “{text}”',
  bandShort: { achieved: 'Achieved', partly: 'Partly', not_achieved: 'Not achieved' },
  moreProblems: 'Show the other {n}', fewerProblems: 'Show fewer',
}
