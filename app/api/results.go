package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/app/store"
	"jixiao/domain/fields"
	"jixiao/domain/project"
	"jixiao/domain/results"
)

// resultActionJSON is a budget action with its percentage.
type resultActionJSON struct {
	Action      string `json:"action"`
	ActionLabel string `json:"action_label"`
	Percent     string `json:"percent"`
}

// resultDecisionJSON is what the finance bureau decided.
type resultDecisionJSON struct {
	resultActionJSON
	Note      string    `json:"note"`
	DecidedBy string    `json:"decided_by"`
	DecidedAt time.Time `json:"decided_at"`
}

// resultRowJSON is one row of 结果应用.
type resultRowJSON struct {
	Project    projectRefJSON      `json:"project"`
	Department departmentJSON      `json:"department"`
	Budget     string              `json:"budget"`
	Total      string              `json:"total"`
	Grade      string              `json:"grade"`
	Proposed   *resultActionJSON   `json:"proposed"`
	Decided    *resultDecisionJSON `json:"decided"`
	Note       string              `json:"note"`
	Actions    []string            `json:"actions"`
}

func actionJSON(a results.Action, percent decimal.Decimal) resultActionJSON {
	return resultActionJSON{Action: string(a), ActionLabel: a.Label(), Percent: percent.StringFixed(2)}
}

func (s *Server) resultRowJSON(c echo.Context, r store.ResultRow, settings []results.Setting) resultRowJSON {
	out := resultRowJSON{Project: projectRefJSON{Code: r.ProjectCode, Name: r.ProjectName},
		Department: departmentJSON{Code: r.DepartmentCode, Name: r.DepartmentName}, Budget: number(r.Budget),
		Total: r.Total.StringFixed(2), Grade: r.Grade, Actions: []string{}}
	if p, ok := results.Proposed(r.Grade, settings); ok {
		a := actionJSON(p.Action, p.Percent)
		out.Proposed = &a
	}
	if d := r.Decision; d != nil {
		out.Decided = &resultDecisionJSON{resultActionJSON: actionJSON(d.Action, d.Percent), Note: d.Note, DecidedBy: d.DecidedBy, DecidedAt: d.DecidedAt}
		out.Note = d.Note
	}
	caller := callerOf(c)
	if s.enforcer.Allowed(caller.Roles, string(PermResultsDecide)) && caller.Reviews(r.DepartmentCode) {
		out.Actions = append(out.Actions, "decide")
	}
	return out
}

func pathYear(c echo.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, errBadRequest("年度应为四位年份，例如 2024")
	}
	return y, nil
}

func settingsJSON(ss []results.Setting) []map[string]string {
	out := make([]map[string]string, len(ss))
	for i, x := range ss {
		out[i] = map[string]string{"grade": x.Grade, "action": string(x.Action), "action_label": x.Action.Label(), "percent": x.Percent.StringFixed(2)}
	}
	return out
}

// GET /api/v1/results/{year}[?department=]: each approved annual
// self-evaluation of the year with its grade, the budget action the grade
// proposes and what was decided.
func (s *Server) listResults(c echo.Context) error {
	if err := onlyQuery(c, "department"); err != nil {
		return err
	}
	year, err := pathYear(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	settings, err := s.store.ResultSettings(ctx)
	if err != nil {
		return err
	}
	rows, err := s.store.ResultRows(ctx, s.scope(c), year, c.QueryParam("department"))
	if err != nil {
		return err
	}
	items := make([]resultRowJSON, len(rows))
	for i, r := range rows {
		items[i] = s.resultRowJSON(c, r, settings)
	}
	return c.JSON(http.StatusOK, map[string]any{"year": year, "items": items, "total": len(items), "settings": settingsJSON(settings)})
}

type resultDecisionInput struct {
	Action  string          `json:"action"`
	Percent json.RawMessage `json:"percent"`
	Note    string          `json:"note"`
}

// PUT /api/v1/results/{year}/{code}: a reviewer of the department records
// the decision (audited); a decision other than the proposal needs a note.
func (s *Server) putResult(c echo.Context) error {
	year, err := pathYear(c)
	if err != nil {
		return err
	}
	var in resultDecisionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	pr := fields.Problems{}
	pct := num(pr, in.Percent, "percent")
	if err := pr.Err(results.ErrInvalid); err != nil {
		return err
	}
	if pct == nil {
		return fields.One(results.ErrInvalid, "percent", "请填写调整比例（%），不调整填 0")
	}
	ctx := c.Request().Context()
	settings, err := s.store.ResultSettings(ctx)
	if err != nil {
		return err
	}
	if _, err := s.store.GetProject(ctx, s.scope(c), c.Param("code")); err != nil {
		return err // 404 for what the caller may not see
	}
	caller := callerOf(c)
	d := store.ResultDecision{Action: results.Action(in.Action), Percent: *pct, Note: in.Note, DecidedBy: caller.Username, DecidedAt: s.now().UTC()}
	row, err := s.store.DecideResult(ctx, s.scope(c), year, c.Param("code"), d, c.RealIP(), caller.ID, func(r store.ResultRow) error {
		if !caller.Reviews(r.DepartmentCode) {
			return project.ErrNotReviewer
		}
		p, _ := results.Proposed(r.Grade, settings)
		return results.CheckDecision(d.Action, d.Percent, d.Note, p)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.resultRowJSON(c, row, settings))
}

// GET /api/v1/exports/results.xlsx?year=[&department=]: 预算编制参考表, the
// results of the year and their decisions for the next budget.
func (s *Server) exportResults(c echo.Context) error {
	if err := onlyQuery(c, "year", "department"); err != nil {
		return err
	}
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	if year == 0 {
		return errBadRequest("请指定年度，例如 year=2024")
	}
	ctx := c.Request().Context()
	settings, err := s.store.ResultSettings(ctx)
	if err != nil {
		return err
	}
	rows, err := s.store.ResultRows(ctx, s.scope(c), year, c.QueryParam("department"))
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sheet := "预算编制参考表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	title := fmt.Sprintf("%d年度绩效自评结果应用（%d年预算编制参考表）", year, year+1)
	heads := []string{"单位编码", "单位名称", "项目编码", "项目名称", "预算数（万元）", "自评得分", "等级", "建议处理", "建议调整比例", "处理意见", "调整比例", "说明", "记录人", "记录时间"}
	_ = f.SetCellValue(sheet, "A1", title)
	_ = f.MergeCell(sheet, "A1", "N1")
	for i, h := range heads {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		_ = f.SetCellValue(sheet, cell, h)
	}
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})   // 0.00%
	amount, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	for i, r := range rows {
		row := i + 3
		set := func(col int, v any) {
			cell, _ := excelize.CoordinatesToCellName(col, row)
			_ = f.SetCellValue(sheet, cell, v)
		}
		set(1, r.DepartmentCode)
		set(2, r.DepartmentName)
		set(3, r.ProjectCode)
		set(4, r.ProjectName)
		b, _ := r.Budget.Float64()
		set(5, b)
		t, _ := r.Total.Float64()
		set(6, t)
		set(7, r.Grade)
		if p, ok := results.Proposed(r.Grade, settings); ok {
			set(8, p.Action.Label())
			v, _ := p.Percent.Div(decimal.NewFromInt(100)).Float64()
			set(9, v)
		}
		if d := r.Decision; d != nil {
			set(10, d.Action.Label())
			v, _ := d.Percent.Div(decimal.NewFromInt(100)).Float64()
			set(11, v)
			set(12, d.Note)
			set(13, d.DecidedBy)
			set(14, d.DecidedAt.Format("2006-01-02"))
		}
		for _, col := range []string{"I", "K"} {
			_ = f.SetCellStyle(sheet, fmt.Sprintf("%s%d", col, row), fmt.Sprintf("%s%d", col, row), pct)
		}
		_ = f.SetCellStyle(sheet, fmt.Sprintf("E%d", row), fmt.Sprintf("F%d", row), amount)
	}
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, XSplit: 0, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	_ = f.SetColWidth(sheet, "D", "D", 36)
	_ = f.SetColWidth(sheet, "L", "L", 40)
	e := s.auditEntry(c, callerOf(c))
	e.Action, e.ObjectType, e.ObjectID, e.Status = "tables.export", "tables", "results", http.StatusOK
	e.Detail = mustJSON(map[string]any{"table": "results", "year": year, "department": c.QueryParam("department"), "rows": len(rows)})
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return err
	}
	d := &download{c: c, name: fmt.Sprintf("results-%d.xlsx", year)}
	_, err = f.WriteTo(d)
	return err
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

type resultSettingInput struct {
	Grade   string          `json:"grade"`
	Action  string          `json:"action"`
	Percent json.RawMessage `json:"percent"`
}

// GET /api/v1/result-settings: what each grade proposes for next year's
// budget (结果应用).
func (s *Server) getResultSettings(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	ss, err := s.store.ResultSettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"settings": settingsJSON(ss)})
}

// PUT /api/v1/result-settings (admins): what each grade proposes, all four
// at once, audited; decisions already recorded keep what they were.
func (s *Server) putResultSettings(c echo.Context) error {
	var in struct {
		Settings []resultSettingInput `json:"settings"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	pr := fields.Problems{}
	ss := make([]results.Setting, len(in.Settings))
	for i, x := range in.Settings {
		pct := num(pr, x.Percent, "settings["+strconv.Itoa(i)+"].percent")
		if pct == nil {
			pr.Add("settings["+strconv.Itoa(i)+"].percent", "请填写调整比例（%），不调整填 0")
			continue
		}
		ss[i] = results.Setting{Grade: x.Grade, Action: results.Action(x.Action), Percent: *pct}
	}
	if err := pr.Err(results.ErrInvalid); err != nil {
		return err
	}
	if err := results.CheckSettings(ss); err != nil {
		return err
	}
	out, err := s.store.SetResultSettings(c.Request().Context(), ss, s.auditEntry(c, callerOf(c)))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"settings": settingsJSON(out)})
}
