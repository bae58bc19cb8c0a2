// 填报季（任务下发、待办、消息、佐证材料、批量审核、整改、报告文档）的文字。
const seasonZh = {
  menu: { rounds: '填报任务', todos: '待办与消息' },
  header: { todos: '待办', notifications: '消息', unread: '{n} 条未读消息', pending: '{n} 项待办' },
  rounds: {
    title: '填报任务', open: '下发任务', period: '期间', departments: '部门', due: '截止日期', note: '说明',
    notePlaceholder: '可选：对本轮填报的要求', status: '状态', open_: '进行中', closed: '已关闭', overdue: '已逾期',
    progress: '进度', total: '报告', filled: '已填', submitted: '已提交', approved: '已通过', returned: '已退回',
    overdueCount: '逾期', createdBy: '下发人', extend: '延期', close: '关闭', newDue: '新的截止日期',
    document: '部门文档', empty: '尚未下发填报任务。点击“下发任务”，选择期间、部门和截止日期。',
    confirmOpen: '将向 {n} 个部门下发“{period}”填报任务，截止日期 {due}。其报告将进入填报人的待办，并按设置提醒。确定下发吗？',
    confirmExtend: '截止日期将从 {from} 延至 {to}，逾期状态和提醒随之调整。确定延期吗？',
    confirmClose: '关闭后，本轮的报告不再出现在待办中，也不再提醒（已填报的内容不受影响）。确定关闭吗？',
    opened: '已下发填报任务', extended: '已延期', closedDone: '已关闭任务',
    periodRequired: '请选择期间', departmentsRequired: '请至少选择一个部门', dueRequired: '请选择截止日期',
    dueLater: '新的截止日期须晚于原截止日期',
  },
  todos: {
    title: '待办事项', notifications: '消息通知', kind: '类型', project: '项目', period: '期间', due: '截止日期',
    content: '内容', handle: '处理', overdue: '已逾期', empty: '暂无待办事项。', noDue: '—',
    kinds: { fill: '待填报', returned: '已退回待修改', rectification: '待整改', review: '待审核', rectification_answer: '整改待确认', target_review: '目标待批复', target_change: '目标调整待审核' },
  },
  notifications: {
    empty: '暂无消息。', markRead: '标为已读', markAll: '全部标为已读', unread: '未读', read: '已读', at: '时间',
    open: '查看', marked: '已标为已读', onlyUnread: '只看未读',
  },
  evidence: {
    title: '佐证材料', upload: '上传佐证材料', target: '关联', wholeReport: '整个报告', line: '指标', name: '文件名',
    size: '大小', by: '上传人', at: '上传时间', preview: '预览', download: '下载', delete: '删除',
    empty: '尚未上传佐证材料。', emptyEditable: '尚未上传佐证材料。选择关联的指标后点击“上传佐证材料”。',
    hint: '支持 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx），单个文件不超过 {mb} MB。',
    badType: '不支持的文件类型：请上传 PDF、PNG、JPEG、Word（.docx）或 Excel（.xlsx）文件',
    tooLarge: '文件超过 {mb} MB，请压缩后重新上传', emptyFile: '文件为空，请重新选择',
    uploaded: '已上传 {name}', deleted: '已删除',
    confirmDelete: '将删除佐证材料“{name}”，删除后不能恢复。确定删除吗？', rectification: '整改反馈',
  },
  rectification: {
    title: '整改', text: '整改要求', due: '整改期限', status: '状态', answer: '整改反馈', answeredBy: '反馈人',
    closedBy: '确认人', files: '佐证', empty: '没有整改事项。', add: '添加整改要求', remove: '移除',
    draftTitle: '整改要求（随“通过”或“退回”一并下达）', draftPlaceholder: '需要填报人整改的内容',
    draftHint: '可选。下达后填报人须逐项反馈，由您确认关闭。', textRequired: '请填写整改要求',
    statuses: { open: '待整改', answered: '待确认', closed: '已关闭' },
    reply: '反馈', replyPlaceholder: '整改情况说明', replyRequired: '请填写整改情况', attach: '附佐证',
    submitAnswer: '提交反馈', closeItem: '确认关闭', reopenItem: '重新整改',
    confirmAnswer: '反馈提交后交审核人确认，确认前可再次补充。确定提交吗？',
    confirmClose: '确认整改已完成，此项将关闭，不再出现在待办中。确定关闭吗？',
    confirmReopen: '此项将退回填报人重新整改，并重新出现在其待办中。确定退回吗？',
    answered: '已提交整改反馈', closed: '已关闭整改事项', reopened: '已退回重新整改', overdue: '已逾期',
    withItems: '同时将下达 {n} 项整改要求。',
  },
  batch: {
    all: '全选本页', selected: '已选 {n} 项', approve: '批量通过', return: '批量退回', resultTitle: '批量处理结果',
    confirmApprove: '将逐份通过所选的 {n} 份报告，每份单独处理、单独记入审计；不符合条件的会单独列出。确定通过吗？',
    confirmReturn: '将逐份退回所选的 {n} 份报告，填报人可以修改后重新提交。确定退回吗？',
    comment: '审核意见', returnComment: '退回意见（必填）', summary: '成功 {ok} 项，失败 {failed} 项',
    ok: '成功', failed: '失败', project: '项目', result: '结果', hint: '勾选报告后可批量通过或退回（每次最多 100 份）',
    tooMany: '每次最多处理 100 份报告',
  },
  document: { report: 'Word 文档', department: '部门文档', hint: '下载 .docx 文档' },
}

export default seasonZh
export type SeasonMessages = typeof seasonZh
