package audit

import (
	"sort"
	"strings"
)

// actionNames are the actions of the trail in words, as the audit page shows
// them ("审核通过", never "report.approve").
var actionNames = map[string]string{
	LoginSucceeded: "登录", LoginFailed: "登录失败", LoginLocked: "登录被锁定", Logout: "退出登录",
	LoginSecondFactor: "双因素验证通过", LoginSecondFactorFailed: "双因素验证失败", LoginPending: "密码正确，待第二步验证",
	PasswordChangeForced: "按要求修改密码", AccessDenied: "无权访问被拒绝", RequestRejected: "请求被拒绝", RequestFailed: "请求出错",
	UserCreated: "新建用户", UserRoles: "修改角色与分配", UserAssigned: "修改分配", UserPassword: "修改密码", UserUpdated: "修改用户信息",
	"user.email": "设置通知邮箱", UserTOTPBegin: "开始绑定验证器", UserTOTPEnrolled: "绑定验证器", UserTOTPReset: "重置双因素认证",
	UserDisabledIdle: "长期未登录自动停用", SecretRotated: "更换加密密钥", DepartmentCreated: "新建单位",
	"department.update": "修改单位", "department.move": "调整单位隶属关系", "period.review_levels": "设置期间审核级次",
	UserResetRequested: "申请重置（待复核）", UserResetRejected: "驳回重置申请",
	"rule_profile.create": "新建规则集版本", "rule_profile.update": "修改规则集", "period.rule_profile": "更换期间的规则集",
	"report.save": "保存报告", "report.patch": "保存报告", "report.submit": "提交报告", "report.approve": "审核通过",
	"report.return": "审核退回", "report.reopen": "重新打开报告", "report.retarget": "按调整后目标重新计分",
	"report.rescore": "按新规则重新计分", "report.urge": "催办", "report.document": "生成报告文档",
	"report.batch_approve_refused": "批量通过未成功", "report.batch_return_refused": "批量退回未成功",
	"project.create": "新建目标草稿", "project.edit": "修改绩效目标", "project.submit": "提交绩效目标",
	"project.approve": "批复绩效目标", "project.return": "退回绩效目标",
	"target_change.request": "申请调整目标", "target_change.approve": "调整申请通过", "target_change.reject": "调整申请驳回",
	"targets.import": "导入目标表", "targets.import_dry_run": "试导入目标表（未保存）", "targets.import_rejected": "导入目标表被拒绝",
	"tables.export": "导出表格", "round.open": "下达填报任务", "round.extend": "填报任务延期", "round.close": "关闭填报任务",
	"rectification.create": "下达整改要求", "rectification.answer": "反馈整改情况", "rectification.close": "确认整改完成",
	"rectification.reopen": "重新打开整改事项", "attachment.upload": "上传佐证材料", "attachment.download": "下载佐证材料",
	"attachment.delete": "删除佐证材料", "notifications.read": "标记通知已读", "data.generate": "生成测试数据",
	"library.propose": "提出个性指标", "library.accept": "确认个性指标", "library.merge": "合并个性指标",
	"result.decide": "记录结果应用意见", "result.settings": "设置结果应用规则",
}

// objectNames name the kinds of object the trail records actions on.
var objectNames = map[string]string{
	"report": "报告", "project": "项目", "user": "用户", "round": "填报任务", "rectification": "整改事项",
	"target_change": "目标调整申请", "targets": "目标表", "attachment": "佐证材料", "route": "接口", "period": "期间",
	"dataset": "数据集", "result_settings": "结果应用规则", "department": "单位", "auth": "登录", "secret": "密钥", "tables": "表格", "notifications": "通知",
	"access": "访问", "request": "请求", "rule_profile": "规则集", "indicator_library": "指标库条目",
}

// ActionName is an action in words. An action not in the table is named
// by the kind of object it is on ("报告操作"); never by its code.
func ActionName(action string) string {
	if n, ok := actionNames[action]; ok {
		return n
	}
	object, _, _ := strings.Cut(action, ".")
	if n, ok := objectNames[object]; ok {
		return n + "操作"
	}
	return "其他操作"
}

// ObjectTypeName is a kind of object in words ("报告"), "" when unknown.
func ObjectTypeName(objectType string) string { return objectNames[objectType] }

// Named is a code with its name.
type Named struct {
	Code string
	Name string
}

// Actions lists the actions of the table with their names, by code: the
// choices of the audit page's filter.
func Actions() []Named {
	out := make([]Named, 0, len(actionNames))
	for code, name := range actionNames {
		out = append(out, Named{Code: code, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ObjectTypes lists the kinds of object with their names, by code.
func ObjectTypes() []Named {
	out := make([]Named, 0, len(objectNames))
	for code, name := range objectNames {
		out = append(out, Named{Code: code, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
