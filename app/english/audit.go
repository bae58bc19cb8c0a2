package english

// The audit trail's actions and kinds of object (domain/audit/names.go).
var auditEntries = []entry{
	{"审核通过", "Approved"}, {"登录", "Signed in"}, {"登录失败", "Sign-in failed"}, {"登录被锁定", "Sign-in locked"}, {"退出登录", "Signed out"},
	{"双因素验证通过", "Second factor passed"}, {"双因素验证失败", "Second factor failed"}, {"密码正确，待第二步验证", "Password right, second step pending"},
	{"按要求修改密码", "Password changed as required"}, {"无权访问被拒绝", "Access denied"}, {"请求被拒绝", "Request refused"},
	{"请求出错", "Request failed"}, {"新建用户", "User created"}, {"修改角色与分配", "Roles and assignments changed"},
	{"修改分配", "Assignments changed"}, {"修改密码", "Password changed"}, {"修改用户信息", "User changed"},
	{"设置通知邮箱", "E-mail for notifications set"}, {"开始绑定验证器", "Authenticator set-up begun"}, {"绑定验证器", "Authenticator set up"},
	{"重置双因素认证", "Second factor reset"}, {"长期未登录自动停用", "Disabled after long absence"}, {"更换加密密钥", "Secret key rotated"},
	{"新建单位", "Department created"}, {"保存报告", "Report saved"}, {"提交报告", "Report submitted"}, {"审核退回", "Returned"},
	{"重新打开报告", "Report reopened"}, {"按调整后目标重新计分", "Rescored on adjusted targets"}, {"按新规则重新计分", "Rescored by new rules"},
	{"催办", "Urged"}, {"生成报告文档", "Report document made"}, {"批量通过未成功", "Batch approval refused"},
	{"批量退回未成功", "Batch return refused"}, {"新建目标草稿", "Target draft created"}, {"修改绩效目标", "Targets edited"},
	{"提交绩效目标", "Targets submitted"}, {"批复绩效目标", "Targets approved"}, {"退回绩效目标", "Targets returned"},
	{"申请调整目标", "Target change requested"}, {"调整申请通过", "Target change approved"}, {"调整申请驳回", "Target change rejected"},
	{"导入目标表", "Target table imported"}, {"试导入目标表（未保存）", "Target table checked (not stored)"},
	{"导入目标表被拒绝", "Target table refused"}, {"导出表格", "Table exported"}, {"下达填报任务", "Round opened"},
	{"填报任务延期", "Round extended"}, {"关闭填报任务", "Round closed"}, {"下达整改要求", "Rectification issued"},
	{"反馈整改情况", "Rectification answered"}, {"确认整改完成", "Rectification closed"}, {"重新打开整改事项", "Rectification reopened"},
	{"上传佐证材料", "Evidence uploaded"}, {"下载佐证材料", "Evidence downloaded"}, {"删除佐证材料", "Evidence deleted"},
	{"标记通知已读", "Notifications marked read"}, {"申请重置（待复核）", "Reset requested (to confirm)"},
	{"驳回重置申请", "Reset request rejected"}, {"新建规则集版本", "Rule profile version made"}, {"修改规则集", "Rule profile changed"},
	{"更换期间的规则集", "Period's rule profile changed"}, {"规则集", "Rule profile"}, {"生成测试数据", "Test data generated"},
	{"报告", "Report"}, {"项目", "Project"}, {"用户", "User"}, {"填报任务", "Round"}, {"整改事项", "Rectification item"},
	{"目标调整申请", "Target change"}, {"目标表", "Target table"}, {"佐证材料", "Evidence"}, {"接口", "Route"}, {"期间", "Period"},
	{"数据集", "Data set"}, {"单位", "Department"}, {"密钥", "Secret"}, {"表格", "Table"}, {"通知", "Notification"}, {"访问", "Access"},
	{"请求", "Request"}, {"{}操作", "{1}: other action"}, {"其他操作", "Other action"},
}

// Objects the audit trail names (app/store/audit_names.go): a project's
// name stays as written, the period and the kind of object are put into
// English. They come last: any more particular pattern wins.
var objectNameEntries = []entry{
	{"{} · {}：{*}", "{1} · {2}: {3}"}, {"{} · {}", "{1} · {2}"},
}
