package notice_test

import (
	"strings"
	"testing"
	"time"

	"jixiao/domain/notice"
)

var r642 = notice.Report{ProjectCode: "63280100024T000000642", ProjectName: "金融服务活动资金", PeriodLabel: "2024年1–6月监控"}

var at = time.Date(2024, 7, 5, 14, 30, 0, 0, time.FixedZone("CST", 8*3600))

func TestMessagesNameTheProjectAndThePeriod(t *testing.T) {
	due := time.Date(2024, 7, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		n           notice.Notice
		kind, title string
		body        string
	}{
		{"returned", notice.Returned(r642, "张审核", at, " 请补充签到表。 ", 1), notice.KindReturned,
			"【退回】金融服务活动资金 2024年1–6月监控报告已退回，请修改后重新提交",
			"张审核于2024年7月5日 14:30退回了「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告。退回原因：请补充签到表。请修改后重新提交。同时下达整改要求1项。"},
		{"approved", notice.Approved(r642, "张审核", at, "", "88.50", "良", 0), notice.KindApproved,
			"【已通过】金融服务活动资金 2024年1–6月监控报告已审核通过",
			"张审核于2024年7月5日 14:30审核通过了「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告，得分88.50，等级良。"},
		{"reopened", notice.Reopened(r642, "张审核", at, "数据有误"), notice.KindReopened,
			"【重新打开】金融服务活动资金 2024年1–6月监控报告已重新打开，请修改后重新提交",
			"张审核于2024年7月5日 14:30重新打开了「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告。原因：数据有误。请修改后重新提交。"},
		{"rectification", notice.Rectification(r642, "补充签到表", &due), notice.KindRectification,
			"【整改通知】金融服务活动资金 2024年1–6月监控报告有新的整改要求",
			"「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告有新的整改要求：补充签到表。整改期限：2024年7月20日。请整改后在报告页面提交反馈。"},
		{"rectification due soon", notice.RectificationDue(r642, "补充签到表", due, 3), notice.KindRectificationDue,
			"【整改提醒】金融服务活动资金 2024年1–6月监控的整改事项将于2024年7月20日到期",
			"「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告的整改要求“补充签到表”尚未反馈，距整改期限2024年7月20日还有3天，请及时整改并反馈。"},
		{"rectification overdue", notice.RectificationDue(r642, "补充签到表", due, -2), notice.KindRectificationDue,
			"【整改逾期】金融服务活动资金 2024年1–6月监控的整改事项已逾期2天",
			"「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告的整改要求“补充签到表”的整改期限为2024年7月20日，已逾期2天仍未反馈。本提醒同时抄送该单位的审核人。"},
		{"round opened", notice.RoundOpened("2024年1–6月监控", "张审核", due, "请同时上传佐证材料"), notice.KindRoundOpened,
			"【填报任务】2024年1–6月监控填报已开始，截止日期2024年7月20日",
			"张审核下达了2024年1–6月监控填报任务，截止日期2024年7月20日。说明：请同时上传佐证材料。请在“填报”中填写您负责的项目，并在截止日期前提交。"},
		{"report due", notice.ReportDue(r642, due, 0), "", "【今日截止】金融服务活动资金 2024年1–6月监控报告今天截止",
			"「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告尚未提交，今天（2024年7月20日）是截止日期，请尽快提交。"},
		{"report overdue", notice.ReportDue(r642, due, -4), "", "【逾期提醒】金融服务活动资金 2024年1–6月监控报告已逾期4天",
			"「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告截止日期为2024年7月20日，已逾期4天仍未提交。本提醒同时抄送该单位的审核人。"},
		{"urged", notice.Urged(r642, "张审核", at, "草稿", &due), notice.KindUrged,
			"【催办】请尽快提交金融服务活动资金 2024年1–6月监控报告",
			"张审核于2024年7月5日 14:30催办「金融服务活动资金」（63280100024T000000642）2024年1–6月监控报告：当前状态为“草稿”，尚未提交。截止日期2024年7月20日。请尽快填报并提交。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.n.Kind != tt.kind || tt.n.Title != tt.title || tt.n.Body != tt.body {
				t.Errorf("got\n%s\n%s\n%s\nwant\n%s\n%s\n%s", tt.n.Kind, tt.n.Title, tt.n.Body, tt.kind, tt.title, tt.body)
			}
			if strings.Contains(tt.n.Title, "63280100024T000000642") {
				t.Errorf("the title names the project by code: %s", tt.n.Title)
			}
		})
	}
}
