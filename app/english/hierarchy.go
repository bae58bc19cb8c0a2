package english

// Departments in a hierarchy (主管部门 and their units), the two review
// levels and the department as a whole (部门整体支出绩效).
var hierarchyEntries = []entry{
	{"主管部门已审核", "Endorsed by the competent department"}, {"主管部门审核人", "Competent department reviewer"},
	{"（可选 submitter、reviewer、supervisor、admin、auditor）", "(one of submitter, reviewer, supervisor, admin, auditor)"},
	{"修改单位", "Department changed"}, {"调整单位隶属关系", "Department moved"}, {"设置期间审核级次", "Period's review levels set"},
	{"单位代码不能修改", "A department's code cannot change"}, {"审核级次应为 1 或 2", "Review levels must be 1 or 2"},
	{"单位代码已存在", "The department code is taken"},
	{"该单位或其下级单位有报告或目标正在审核，不能调整隶属关系", "The department or a unit below it has reports or targets in review: it cannot move now"},
	{"kind 应为 project 或 department", "kind must be project or department"},
	{"status 应为 draft、submitted、endorsed、approved 或 returned", "status must be draft, submitted, endorsed, approved or returned"},
	{"单位代码不能为空，不超过 32 个字符，不含空格、逗号或斜杠", "The department code is required: at most 32 characters, no spaces, commas or slashes"},
	{"上级单位不存在：{*}", "The parent department does not exist: {1}"},
	{"单位最多三级（财政、主管部门、二级单位）", "Departments go three levels deep at most (finance bureau, competent department, unit)"},
	{"单位名称不能为空，不超过 100 个字", "The department name is required, at most 100 characters"},
	{"单位不能以自己为上级", "A department cannot be its own parent"},
	{"不能移到自己的下级单位之下", "A department cannot move below one of its own units"},
	{"部门整体", "Department as a whole"},
	{"基本支出", "Basic expenditure"}, {"项目支出", "Project expenditure"},
	{"只有部门整体支出绩效的报告填报基本支出和项目支出的执行数", "Only a department-as-a-whole report takes the execution of basic and project expenditure"},
	{"{}执行数超过{}预算（{}万元）的{}倍，不合理，请核对单位和数值", "The amount executed of {1} is over {4} times its budget ({3} 10k CNY): check the unit and the figure"},
	{"预算构成应为 basic（基本支出）或 projects（项目支出）", "The part must be basic (basic expenditure) or projects (project expenditure)"},
	{"同一预算构成重复填报", "The same part is entered twice"},
	{"新建单位 {}-{}，隶属主管部门 {}", "New unit {1}-{2} under the competent department {3}"},
	{"主管部门“{}”不存在，无法在其下建立单位“{}”：请先建立该主管部门，或更正主管部门", "The competent department \u201c{1}\u201d does not exist, so the unit \u201c{2}\u201d cannot be created under it: create the competent department first, or correct it"},
	{"单位“{}”不能建在“{}”之下：单位最多三级（财政、主管部门、二级单位）", "The unit \u201c{1}\u201d cannot be created under \u201c{2}\u201d: departments go three levels deep at most (finance bureau, competent department, unit)"},
}
