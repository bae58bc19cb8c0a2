// Package notice writes the messages that tell people they must act: a
// report returned, approved or reopened, a rectification item issued or
// falling due, a reporting round opened, a report urged (催办). Each names the
// project and the period as people do ("金融服务活动资金", "2024年1–6月监控"),
// never by codes alone. Times are written in the location they come in.
package notice

import (
	"fmt"
	"strings"
	"time"
)

// Notice is one message: its kind (for the web app's icon and filters), a
// title that reads alone in a list, and the text.
type Notice struct {
	Kind  string
	Title string
	Body  string
}

// The kinds.
const (
	KindReturned         = "report_returned"
	KindApproved         = "report_approved"
	KindReopened         = "report_reopened"
	KindRectification    = "rectification"
	KindRectificationDue = "rectification_due"
	KindRoundOpened      = "round_opened"
	KindUrged            = "report_urged"
)

// Report names a report for messages.
type Report struct {
	ProjectCode string
	ProjectName string
	PeriodLabel string // "2024年1–6月监控"
}

func (r Report) what() string {
	return fmt.Sprintf("「%s」（%s）%s报告", r.ProjectName, r.ProjectCode, r.PeriodLabel)
}

// Day writes a date as people do: 2024年7月5日.
func Day(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// Minute writes an instant to the minute: 2024年7月5日 14:30.
func Minute(t time.Time) string { return Day(t) + t.Format(" 15:04") }

// Returned tells the submitters their report came back, why and from whom.
func Returned(r Report, reviewer string, at time.Time, comment string, items int) Notice {
	body := fmt.Sprintf("%s于%s退回了%s。退回原因：%s。请修改后重新提交。", reviewer, Minute(at), r.what(), sentence(comment))
	if items > 0 {
		body += fmt.Sprintf("同时下达整改要求%d项。", items)
	}
	return Notice{Kind: KindReturned, Title: fmt.Sprintf("【退回】%s %s报告已退回，请修改后重新提交", r.ProjectName, r.PeriodLabel), Body: body}
}

// Approved tells the submitters their report passed review, with its score.
func Approved(r Report, reviewer string, at time.Time, comment, total, grade string, items int) Notice {
	body := fmt.Sprintf("%s于%s审核通过了%s，得分%s，等级%s。", reviewer, Minute(at), r.what(), total, grade)
	if c := sentence(comment); c != "" {
		body += "审核意见：" + c + "。"
	}
	if items > 0 {
		body += fmt.Sprintf("同时下达整改要求%d项，请按期整改并反馈。", items)
	}
	return Notice{Kind: KindApproved, Title: fmt.Sprintf("【已通过】%s %s报告已审核通过", r.ProjectName, r.PeriodLabel), Body: body}
}

// Reopened tells the submitters an approved report is open again.
func Reopened(r Report, reviewer string, at time.Time, reason string) Notice {
	return Notice{Kind: KindReopened, Title: fmt.Sprintf("【重新打开】%s %s报告已重新打开，请修改后重新提交", r.ProjectName, r.PeriodLabel),
		Body: fmt.Sprintf("%s于%s重新打开了%s。原因：%s。请修改后重新提交。", reviewer, Minute(at), r.what(), sentence(reason))}
}

// Rectification tells the submitters of a new rectification item.
func Rectification(r Report, text string, due *time.Time) Notice {
	body := fmt.Sprintf("%s有新的整改要求：%s。", r.what(), sentence(text))
	if due != nil {
		body += "整改期限：" + Day(*due) + "。"
	}
	body += "请整改后在报告页面提交反馈。"
	return Notice{Kind: KindRectification, Title: fmt.Sprintf("【整改通知】%s %s报告有新的整改要求", r.ProjectName, r.PeriodLabel), Body: body}
}

// RectificationDue reminds the submitters of an open item: daysLeft > 0
// before its due date, 0 on it, < 0 once it has passed.
func RectificationDue(r Report, text string, due time.Time, daysLeft int) Notice {
	item := fmt.Sprintf("%s的整改要求“%s”", r.what(), sentence(text))
	switch {
	case daysLeft > 0:
		return Notice{Kind: KindRectificationDue, Title: fmt.Sprintf("【整改提醒】%s %s的整改事项将于%s到期", r.ProjectName, r.PeriodLabel, Day(due)),
			Body: fmt.Sprintf("%s尚未反馈，距整改期限%s还有%d天，请及时整改并反馈。", item, Day(due), daysLeft)}
	case daysLeft == 0:
		return Notice{Kind: KindRectificationDue, Title: fmt.Sprintf("【今日到期】%s %s的整改事项今天到期", r.ProjectName, r.PeriodLabel),
			Body: fmt.Sprintf("%s尚未反馈，今天（%s）是整改期限，请尽快反馈。", item, Day(due))}
	}
	return Notice{Kind: KindRectificationDue, Title: fmt.Sprintf("【整改逾期】%s %s的整改事项已逾期%d天", r.ProjectName, r.PeriodLabel, -daysLeft),
		Body: fmt.Sprintf("%s的整改期限为%s，已逾期%d天仍未反馈。本提醒同时抄送该单位的审核人。", item, Day(due), -daysLeft)}
}

// RoundOpened tells a submitter that a reporting round began, with its
// due date and note (说明).
func RoundOpened(periodLabel, by string, due time.Time, note string) Notice {
	body := fmt.Sprintf("%s下达了%s填报任务，截止日期%s。", by, periodLabel, Day(due))
	if n := sentence(note); n != "" {
		body += "说明：" + n + "。"
	}
	body += "请在“填报”中填写您负责的项目，并在截止日期前提交。"
	return Notice{Kind: KindRoundOpened, Title: fmt.Sprintf("【填报任务】%s填报已开始，截止日期%s", periodLabel, Day(due)), Body: body}
}

// Urged tells the submitters a reviewer asks for the report (催办).
func Urged(r Report, reviewer string, at time.Time, status string, due *time.Time) Notice {
	body := fmt.Sprintf("%s于%s催办%s：当前状态为“%s”，尚未提交。", reviewer, Minute(at), r.what(), status)
	if due != nil {
		body += "截止日期" + Day(*due) + "。"
	}
	body += "请尽快填报并提交。"
	return Notice{Kind: KindUrged, Title: fmt.Sprintf("【催办】请尽快提交%s %s报告", r.ProjectName, r.PeriodLabel), Body: body}
}

// sentence trims a person's text for use inside a sentence: spaces, and a
// full stop the message adds itself.
func sentence(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "。.；;，, ")
}

// ReportDue reminds the submitters of a report still to submit in an open
// round: daysLeft > 0 before its due date, 0 on it, < 0 once it has passed
// (then the reviewers are told too). Kind is left to the caller.
func ReportDue(r Report, due time.Time, daysLeft int) Notice {
	switch {
	case daysLeft > 0:
		return Notice{Title: fmt.Sprintf("【填报提醒】%s %s报告将于%s截止", r.ProjectName, r.PeriodLabel, Day(due)),
			Body: fmt.Sprintf("%s尚未提交，距截止日期%s还有%d天，请及时填报并提交。", r.what(), Day(due), daysLeft)}
	case daysLeft == 0:
		return Notice{Title: fmt.Sprintf("【今日截止】%s %s报告今天截止", r.ProjectName, r.PeriodLabel),
			Body: fmt.Sprintf("%s尚未提交，今天（%s）是截止日期，请尽快提交。", r.what(), Day(due))}
	}
	return Notice{Title: fmt.Sprintf("【逾期提醒】%s %s报告已逾期%d天", r.ProjectName, r.PeriodLabel, -daysLeft),
		Body: fmt.Sprintf("%s截止日期为%s，已逾期%d天仍未提交。本提醒同时抄送该单位的审核人。", r.what(), Day(due), -daysLeft)}
}
