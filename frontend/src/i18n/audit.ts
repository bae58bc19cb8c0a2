// The audit page's words: hints, results, and the fields of details.
// Spread into zh-cn.ts and en.ts as auditPage and auditDetail.

export const auditPageZhCn = {
  actorHint: '用户名', objectIdHint: '如项目编码/期间', before: '修改前', after: '修改后',
  results: { ok: '成功', refused: '被拒绝', failed: '出错' },
}
export const auditPageEn: typeof auditPageZhCn = {
  actorHint: 'Username', objectIdHint: 'e.g. project code/period', before: 'Before', after: 'After',
  results: { ok: 'Done', refused: 'Refused', failed: 'Failed' },
}

export const auditDetailZhCn = {
  comment: '意见', reason: '原因', error: '错误', notified: '通知人数', title: '标题', ids: '编号', all: '全部', updated: '更新条数',
  email: '邮箱', code: '编码', name: '名称', status: '状态', year: '年度', period: '期间', table: '表格', project: '项目',
  projects: '项目', department: '单位', departments: '单位', report: '报告', reports: '报告', method: '方式', via: '途径',
  user_agent: '浏览器', sessions_revoked: '结束的会话', must_change: '须改密码', next: '下一步', expired: '已过期',
  changed: '已变化', copied_from: '复制自', base_version: '原版本', moved_drafts: '改按新版本的草稿', last_login_at: '最后登录',
  recovery_codes: '恢复码', stats: '统计', during: '期间', length: '长度', text: '内容', due: '期限', answer: '反馈',
  file: '文件', size: '大小', route: '接口', path: '路径', count: '数量', items: '事项', note: '说明', version: '版本',
}
export const auditDetailEn: typeof auditDetailZhCn = {
  comment: 'Comment', reason: 'Reason', error: 'Error', notified: 'People told', title: 'Title', ids: 'Ids', all: 'All', updated: 'Updated',
  email: 'E-mail', code: 'Code', name: 'Name', status: 'Status', year: 'Year', period: 'Period', table: 'Table', project: 'Project',
  projects: 'Projects', department: 'Department', departments: 'Departments', report: 'Report', reports: 'Reports', method: 'Method', via: 'Via',
  user_agent: 'Browser', sessions_revoked: 'Sessions ended', must_change: 'Must change password', next: 'Next step', expired: 'Expired',
  changed: 'Changed', copied_from: 'Copied from', base_version: 'Base version', moved_drafts: 'Drafts moved to the new version', last_login_at: 'Last sign-in',
  recovery_codes: 'Recovery codes', stats: 'Figures', during: 'During', length: 'Length', text: 'Text', due: 'Due', answer: 'Answer',
  file: 'File', size: 'Size', route: 'Route', path: 'Path', count: 'Count', items: 'Items', note: 'Note', version: 'Version',
}
