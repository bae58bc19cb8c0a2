package api

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/report"
)

const (
	csvType = "text/csv; charset=utf-8"
	// csvPage is how many rows each read of the list fetches.
	csvPage = 1000
	// maxCSVRows bounds one download: a province filters by period or department.
	maxCSVRows = 100000
	// unfilledText is what a list says of a report nobody saved, in place of
	// its status and light; it has no score and no grade.
	unfilledText = "未填报"
)

// chinaTime is the time zone the CSV's times are written in (China keeps one).
var chinaTime = time.FixedZone("UTC+8", 8*60*60)

// csvHeadings are the columns of the report list as a CSV file.
var csvHeadings = []string{"项目编码", "项目名称", "单位编码", "单位名称", "期间", "状态", "预警", "得分", "等级", "预算执行率", "待补充项", "更新人", "更新时间"}

var csvLights = map[report.Light]string{
	report.LightRed: "红灯", report.LightYellow: "黄灯", report.LightGreen: "绿灯", report.LightBlue: "蓝灯", report.LightGrey: "未填",
}

// listReportsCSV answers GET /api/v1/reports.csv: the list GET
// /api/v1/reports answers, with the same filters and order, every page of
// it, as a CSV file Excel and WPS open (UTF-8 with a byte order mark). A
// report nobody saved says 未填报 and has no score and no grade.
func (s *Server) listReportsCSV(c echo.Context) error {
	f, err := reportFilter(c)
	if err != nil {
		return err
	}
	f.Page, f.Size = 1, csvPage
	ctx := c.Request().Context()
	items, total, err := s.reports.List(ctx, s.scope(c), f)
	if err != nil {
		return err
	}
	if total > maxCSVRows {
		return errBadRequest(fmt.Sprintf("列表共 %d 行，超过一次导出的上限 %d 行：请按期间、单位或状态筛选后再导出", total, maxCSVRows))
	}
	name := "reports"
	if f.Period != "" {
		name += "-" + f.Period
	}
	if f.Department != "" {
		name += "-" + f.Department
	}
	d := &download{c: c, name: name + ".csv", contentType: csvType}
	if _, err := d.Write([]byte("\xEF\xBB\xBF")); err != nil {
		return nil // the client went away
	}
	w := csv.NewWriter(d)
	if err := w.Write(csvHeadings); err != nil {
		return nil
	}
	for written := 0; ; {
		for _, it := range items {
			if err := w.Write(csvRow(it)); err != nil {
				return nil
			}
		}
		written += len(items)
		w.Flush()
		if len(items) < csvPage || written >= total || f.Page*csvPage >= maxCSVRows {
			break
		}
		f.Page++
		if items, _, err = s.reports.List(ctx, s.scope(c), f); err != nil {
			// the file was cut off; the client sees a broken download
			s.log.Error("report list CSV failed midway", "error", err, "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
			return nil
		}
	}
	w.Flush()
	return nil
}

// csvRow is one report of the list as CSV cells.
func csvRow(it store.ReportListItem) []string {
	status, light, score, grade := it.Status.Label(), csvLights[it.Light], "", ""
	if !it.Saved {
		status, light = unfilledText, unfilledText
	} else {
		grade = it.Grade
		if it.Total != nil {
			score = score2(*it.Total)
		}
	}
	rate := ""
	if it.ExecutionRate != nil {
		rate = it.ExecutionRate.Mul(decimal.NewFromInt(100)).StringFixed(2) + "%"
	}
	at := ""
	if it.UpdatedAt != nil {
		at = it.UpdatedAt.In(chinaTime).Format("2006-01-02 15:04")
	}
	return []string{csvText(it.ProjectCode), csvText(it.ProjectName), csvText(it.DepartmentCode), csvText(it.DepartmentName),
		periodText(it.Period), status, light, score, grade, rate, blockingText(it), csvText(it.UpdatedBy), at}
}

func blockingText(it store.ReportListItem) string {
	if it.Blocking == 0 || it.Status == report.StatusSubmitted || it.Status == report.StatusApproved {
		return ""
	}
	return strconv.Itoa(it.Blocking)
}

// periodText names a period as people write it: 2024年1–6月, 2024年度.
func periodText(p period.Period) string {
	if p.Kind == period.KindFinal {
		return fmt.Sprintf("%d年度", p.Year)
	}
	return fmt.Sprintf("%d年1–%d月", p.Year, p.CutoffMonth)
}

// csvText keeps a spreadsheet from running text as a formula when it opens
// the file: a CSV cell has no style to say "text", so text beginning with
// = + - @ (or a tab or carriage return) gets a leading apostrophe, as the
// spreadsheet makers advise.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
