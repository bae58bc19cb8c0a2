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
  returnedTitle: '本报告已被退回，请按退回原因修改后重新提交', reopenedTitle: '本报告已被重新打开，请修改后重新提交',
  returnReason: '退回原因', reopenReason: '重新打开原因', returnedBy: '{who}于{at}退回', reopenedBy: '{who}于{at}重新打开',
  urge: '催办', urgeConfirm: '将通知该报告的填报人尽快填报并提交（站内通知，已登记邮箱的同时发送邮件）。每份报告每天最多催办一次。确定催办吗？',
  urged: '已催办，通知了 {n} 人', outdated: '报告已在别处更新（第 {v} 版）。您有未保存的修改：保存时将提示如何合并。',
  refreshed: '报告已更新为最新内容',
  todoReturned: '退回原因：{text}', todoBy: '{who} · {at}', todoSubmitted: '{who}于{at}提交', todoRound: '任务说明：{text}', todoRoundBy: '{who}下达',
  change: { target: '指标值', unit: '单位', weight: '权重' },
  colon: '：', open: '（', close: '）', semi: '；',
  currentTarget: '现行：{target}，权重 {weight}', asPublished: '随预算公开', template: '下载导入模板（空白目标表）',
}

export const pickersZhCn = { noMatch: '没有匹配的单位，请换个关键词', noProject: '没有匹配的项目，请换个关键词', searchProjects: '输入项目名称或编码搜索', searchDepartments: '输入单位名称或编码搜索', withUnits: '含下级单位' }
export const pickersEn: typeof pickersZhCn = { noMatch: 'No department matches: try other words', noProject: 'No project matches: try other words', searchProjects: 'Type part of a project name or code', searchDepartments: 'Type part of a department name or code', withUnits: 'with its units' }

export const projectListZhCn = { totals: '共 {n} 个项目，预算合计 {budget} 万元', noMatch: '没有名称或编码包含该关键词的项目。' }
export const projectListEn: typeof projectListZhCn = { totals: '{n} projects, budgets {budget} (10k CNY) in all', noMatch: 'No project has these words in its name or code.' }

export const queueZhCn = {
  tabs: { submitted: '待审核', endorsed: '主管部门已审核', returned: '已退回', approved: '已通过', all: '全部' },
  hints: { endorsed: '二级单位的报告经主管部门审核后，等待财政终审，先审核的在前。', returned: '已退回、待填报人修改的报告，最近退回的在前；可催办。', approved: '已审核通过的报告，最近通过的在前。', all: '本期全部报告（含尚未提交的），按项目编码排列；未提交的可催办。' },
  empty: { endorsed: '本期没有等待终审的报告。', returned: '本期没有已退回的报告。', approved: '本期还没有审核通过的报告。', all: '没有符合条件的报告。' },
  search: '按项目名称或编码查找', returnedAt: '退回人 · 时间', approvedAt: '审核人 · 时间', endorsedAt: '主管部门审核人 · 时间', urgedToday: '今日已催办',
  urgeConfirm: '将通知“{name}”的填报人尽快填报并提交（站内通知，已登记邮箱的同时发送邮件）。每份报告每天最多催办一次。确定催办吗？',
}
export const queueEn: typeof queueZhCn = {
  tabs: { submitted: 'To review', endorsed: 'Endorsed by the competent department', returned: 'Returned', approved: 'Approved', all: 'All' },
  hints: { endorsed: 'Reports of subordinate units endorsed by their competent department, waiting for the final review; earliest first.', returned: 'Reports sent back to their submitters, latest first; they can be urged.', approved: 'Approved reports, latest first.', all: 'Every report of the period (unsubmitted ones too), by project code; unsubmitted ones can be urged.' },
  empty: { endorsed: 'No report of this period waits for the final review.', returned: 'No report of this period was returned.', approved: 'No report of this period is approved yet.', all: 'No report matches.' },
  search: 'Find by project name or code', returnedAt: 'Returned by · when', approvedAt: 'Approved by · when', endorsedAt: 'Endorsed by · when', urgedToday: 'Urged today',
  urgeConfirm: 'The submitters of "{name}" will be told to fill in and submit it (in the app, and by e-mail where they gave an address). A report can be urged once a day. Urge?',
}

export const formEn: typeof formZhCn = {
  note: 'Explanation', analysis: 'Deviation analysis', improvement: 'Improvements', lateBand: 'Band (not done on time)',
  lightBasis: 'Why this light', stillMissing: 'Still to fill: {what}', showDetail: 'Show details', hideDetail: 'Hide details',
  expandAll: 'Expand all', collapseAll: 'Collapse all',
  keysHint: 'Enter or ↓ goes down a column, ↑ up; paste rows and columns copied from Excel.',
  pasted: 'Pasted {lines} lines ({cells} cells)', pastedWithProblems: 'Pasted {lines} lines; {n} cells could not be read and were left out: {where}',
  pasteCell: 'line {row} "{text}"',
  bandShort: { achieved: 'Achieved', partly: 'Partly', not_achieved: 'Not achieved' },
  moreProblems: 'Show the other {n}', fewerProblems: 'Show fewer',
  returnedTitle: 'This report was returned: change it as asked and submit it again', reopenedTitle: 'This report was reopened: change it and submit it again',
  returnReason: 'Why it was returned', reopenReason: 'Why it was reopened', returnedBy: 'Returned by {who} on {at}', reopenedBy: 'Reopened by {who} on {at}',
  urge: 'Urge', urgeConfirm: 'The submitters will be told to fill in and submit this report (in the app, and by e-mail where they gave an address). A report can be urged once a day. Urge?',
  urged: 'Urged: {n} people told', outdated: 'The report was updated elsewhere (version {v}). You have unsaved changes: saving will show how to merge them.',
  refreshed: 'The report shows its latest version',
  todoReturned: 'Why returned: {text}', todoBy: '{who} · {at}', todoSubmitted: 'Submitted by {who} on {at}', todoRound: 'The round says: {text}', todoRoundBy: 'Opened by {who}',
  change: { target: 'target', unit: 'unit', weight: 'weight' },
  colon: ': ', open: ' (', close: ')', semi: '; ',
  currentTarget: 'Now: {target}, weight {weight}', asPublished: 'As published with the budget', template: 'Download the template (an empty target table)',
}

export const accountZhCn = {
  emailTitle: '通知邮箱', email: '电子邮箱', emailPlaceholder: "例如 zhangsan{'@'}example.gov.cn",
  emailHint: '报告退回、审核通过、催办、整改要求及其期限、填报任务等通知，除站内消息外，也将发送到此邮箱（系统配置邮件服务后生效）。留空并保存则不再发送邮件。',
  emailSaved: '通知邮箱已保存', emailCleared: '已清除通知邮箱，不再发送邮件',
}
export const accountEn: typeof accountZhCn = {
  emailTitle: 'E-mail for notifications', email: 'E-mail', emailPlaceholder: "e.g. zhang.san{'@'}example.gov.cn",
  emailHint: 'Notifications (a report returned or approved, urged, rectification items and their due dates, reporting rounds) are also mailed here, once the system has a mail server. Save it empty to receive no mail.',
  emailSaved: 'E-mail saved', emailCleared: 'E-mail removed: no more mail',
}

export const netZhCn = {
  offline: '无法连接服务器，请检查网络后重试', http: '服务器返回错误（HTTP {status}），请稍后重试',
  tooLarge: '文件过大，请压缩后重新上传', upload: '上传失败（HTTP {status}），请稍后重试',
}
export const netEn: typeof netZhCn = {
  offline: 'The server cannot be reached: check the network and try again', http: 'The server answered with an error (HTTP {status}): try again shortly',
  tooLarge: 'The file is too large: compress it and upload again', upload: 'The upload failed (HTTP {status}): try again shortly',
}

export const gradesZhCn = { 优: '优', 良: '良', 中: '中', 差: '差' }
export const gradesEn: typeof gradesZhCn = { 优: 'Excellent', 良: 'Good', 中: 'Fair', 差: 'Poor' }
