package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/project"
)

type departmentJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type projectSummaryJSON struct {
	Code           string         `json:"code"`
	Name           string         `json:"name"`
	Category       string         `json:"category"`
	Year           int            `json:"year"`
	Department     departmentJSON `json:"department"`
	Budget         string         `json:"budget"`
	IndicatorCount int            `json:"indicator_count"`
	Status         string         `json:"status"` // of the targets: draft, submitted, approved, returned
	// Assigned is true where the caller fills the project's reports.
	Assigned bool `json:"assigned"`
	// Kind is "project", or "department" for the department as a whole
	// (部门整体支出绩效), whose budget splits into budget_basic (基本支出) and
	// budget_projects (项目支出); both null for a project.
	Kind           string  `json:"kind"`
	BudgetBasic    *string `json:"budget_basic"`
	BudgetProjects *string `json:"budget_projects"`
}

type projectListJSON struct {
	Items []projectSummaryJSON `json:"items"`
	// Total counts every project that matches, on every page.
	Total int `json:"total"`
	// BudgetTotal is the sum of the budgets of every match (万元).
	BudgetTotal string `json:"budget_total"`
	Page        int    `json:"page"`
	Size        int    `json:"size"`
}

type indicatorJSON struct {
	ID       int64  `json:"id"`
	Level1   string `json:"level1"`
	Level2   string `json:"level2"`
	Name     string `json:"name"`
	Nature   string `json:"nature"`
	Target   string `json:"target"`
	Unit     string `json:"unit"`
	Weight   string `json:"weight"`
	Kind     string `json:"kind"`
	Accrual  string `json:"accrual,omitempty"`
	Deadline string `json:"deadline,omitempty"`
	// LibraryID is the indicator library entry it is filed under (0: none).
	LibraryID  int64  `json:"library_id,omitempty"`
	ValueBasis string `json:"value_basis"`
	CopyOf     int64  `json:"copy_of,omitempty"`
	// LastYear is the same indicator last year (GET of one project only).
	LastYear *lastYearJSON `json:"last_year,omitempty"`
}

type projectJSON struct {
	projectSummaryJSON
	Goal            string          `json:"goal"`
	ExecutionWeight string          `json:"execution_weight"`
	IndicatorWeight string          `json:"indicator_weight"`
	Indicators      []indicatorJSON `json:"indicators"`
}

type periodJSON struct {
	Key         string `json:"key"`
	Kind        string `json:"kind"`
	Year        int    `json:"year"`
	CutoffMonth int    `json:"cutoff_month"`
	// ReviewLevels: 2 (主管部门, then 财政) or 1 (the 主管部门's approval is final).
	ReviewLevels int `json:"review_levels"`
}

func kindOf(p project.Project) string {
	if p.Kind == "" {
		return string(project.KindProject)
	}
	return string(p.Kind)
}

func moneyPtr(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := money(*d)
	return &s
}

func summaryJSON(p project.Project, count int) projectSummaryJSON {
	return projectSummaryJSON{
		Code: p.Code, Name: p.Name, Category: p.Category, Year: p.Year,
		Department: departmentJSON{Code: p.Department.Code, Name: p.Department.Name},
		Budget:     money(p.Budget), IndicatorCount: count, Status: string(p.Status),
		Kind: kindOf(p), BudgetBasic: moneyPtr(p.BudgetBasic), BudgetProjects: moneyPtr(p.BudgetProjects),
	}
}

func toProjectJSON(p project.Project) projectJSON {
	out := projectJSON{
		projectSummaryJSON: summaryJSON(p, len(p.Indicators)),
		Goal:               p.Goal,
		ExecutionWeight:    number(p.ExecutionWeight),
		IndicatorWeight:    number(p.IndicatorWeight()),
		Indicators:         make([]indicatorJSON, len(p.Indicators)),
	}
	for i, in := range p.Indicators {
		dl, _ := in.Deadline()
		out.Indicators[i] = indicatorJSON{
			ID: in.ID, Level1: in.Level1, Level2: in.Level2, Name: in.Name, Nature: string(in.Nature),
			Target: in.Target, Unit: in.Unit, Weight: number(in.Weight), Kind: string(in.Kind()),
			Accrual: string(in.EffectiveAccrual()), Deadline: dl, LibraryID: in.LibraryID, ValueBasis: in.ValueBasis, CopyOf: in.CopyOf,
		}
	}
	return out
}

// queryYear reads an optional ?year=; a malformed one is 400.
func queryYear(c echo.Context) (int, error) {
	v := c.QueryParam("year")
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > 2100 {
		return 0, errBadRequest("年度参数应为四位年份，例如 2024")
	}
	return y, nil
}

// Paging of the project list: a province lists tens of thousands.
const (
	defaultProjectPage = 50
	maxProjectPage     = 500
)

// listProjects lists the projects the caller sees, a page at a time (the
// caller's own first), searched by part of a code or name; total and
// budget_total count every match.
func (s *Server) listProjects(c echo.Context) error {
	if err := onlyQuery(c, "year", "department", "mine", "q", "status", "page", "size", "kind"); err != nil {
		return err
	}
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	caller := callerOf(c)
	f := store.ProjectFilter{Year: year, Department: c.QueryParam("department"), Q: strings.TrimSpace(c.QueryParam("q")),
		First: caller.AssignedProjects()}
	switch c.QueryParam("mine") {
	case "", "false":
	case "true":
		f.Codes, f.OnlyCodes = caller.AssignedProjects(), true
	default:
		return errBadRequest("mine 应为 true 或 false")
	}
	if v := c.QueryParam("status"); v != "" {
		st, err := project.ParseStatus(v)
		if err != nil {
			return errBadRequest("status 应为 draft、submitted、endorsed、approved 或 returned")
		}
		f.Status = st
	}
	switch k := project.ProjectKind(c.QueryParam("kind")); k {
	case "", project.KindProject, project.KindDepartment:
		f.Kind = k
	default:
		return errBadRequest("kind 应为 project 或 department")
	}
	if utf8.RuneCountInString(f.Q) > maxQueryText {
		return errBadRequest("q 不能超过 100 个字符")
	}
	if f.Page, err = queryInt(c, "page", 1, 100000); err != nil {
		return err
	}
	if f.Size, err = queryInt(c, "size", 1, maxProjectPage); err != nil {
		return err
	}
	f.Page, f.Size = max(f.Page, 1), cmpOr(f.Size, defaultProjectPage)
	sc := s.scope(c)
	// the same answer for everyone who sees the province and fills no report
	shared := sc.All() && len(caller.AssignedProjects()) == 0
	return s.provinceJSON(c, shared, "projects?"+c.QueryString(), func(ctx context.Context) (any, error) {
		page, err := s.store.PageProjects(ctx, sc, f)
		if err != nil {
			return nil, err
		}
		out := projectListJSON{Items: make([]projectSummaryJSON, len(page.Items)), Total: page.Total, BudgetTotal: money(page.BudgetTotal),
			Page: f.Page, Size: f.Size}
		for i, p := range page.Items {
			out.Items[i] = summaryJSON(p.Project, p.IndicatorCount)
			out.Items[i].Assigned = caller.AssignedTo(p.Code)
		}
		return out, nil
	})
}

func (s *Server) getProject(c echo.Context) error {
	p, err := s.store.GetProject(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.targetProjectJSON(c, p))
}

// maxDepartmentPage bounds a searched department list (a picker's choices).
const maxDepartmentPage = 200

func (s *Server) listPeriods(c echo.Context) error {
	if err := onlyQuery(c, "year"); err != nil {
		return err
	}
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	ps, err := s.store.ListPeriods(c.Request().Context(), year)
	if err != nil {
		return err
	}
	out := make([]periodJSON, len(ps))
	for i, p := range ps {
		out[i] = toPeriodJSON(p)
	}
	return c.JSON(http.StatusOK, out)
}

func toPeriodJSON(p period.Period) periodJSON {
	levels := p.ReviewLevels
	if levels == 0 {
		levels = 2
	}
	return periodJSON{Key: p.Key, Kind: string(p.Kind), Year: p.Year, CutoffMonth: p.CutoffMonth, ReviewLevels: levels}
}
