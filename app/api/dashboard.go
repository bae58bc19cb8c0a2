package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/fields"
)

// errInvalidDashboardQuery wraps problems with query parameters (422).
var errInvalidDashboardQuery = errors.New("invalid query")

type dashboardProjectJSON struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Department    string  `json:"department"`
	Status        string  `json:"status"`
	Light         string  `json:"light"`
	Score         *string `json:"score"`
	Grade         string  `json:"grade"`
	Budget        string  `json:"budget"`
	Executed      *string `json:"executed"`
	ExecutionRate *string `json:"execution_rate"`
	BudgetLight   string  `json:"budget_light"`
	Blocking      int     `json:"blocking"`
}

type dashboardJSON struct {
	Period        periodJSON     `json:"period"`
	TimeProgress  string         `json:"time_progress"`
	ProjectCount  int            `json:"project_count"` // every project of the totals; projects holds one page
	BudgetTotal   string         `json:"budget_total"`
	ExecutedTotal string         `json:"executed_total"`
	ExecutionRate *string        `json:"execution_rate"`
	AverageScore  *string        `json:"average_score"`
	ByLight       map[string]int `json:"by_light"`
	ByGrade       map[string]int `json:"by_grade"`
	ByStatus      map[string]int `json:"by_status"`
	// ReportedCount is how many reports (submitted or approved) the average,
	// the grades and the lights cover
	ReportedCount int                    `json:"reported_count"`
	Projects      []dashboardProjectJSON `json:"projects"`
	// ReconciliationGaps lists the departments whose targets do not cover
	// their project spending in the budget tables; empty when none.
	ReconciliationGaps []reconciliationJSON `json:"reconciliation_gaps"`
	// RuleProfile is the rule profile the period's reports are scored with;
	// OtherProfileReports counts the saved reports in view still scored
	// with another one (approved before the profile changed).
	RuleProfile         periodRuleProfileJSON `json:"rule_profile"`
	OtherProfileReports int                   `json:"other_profile_reports"`
	// Departments is one row per department at the top of what the caller
	// sees (a 主管部门, or one without parent), its totals rolled up from
	// the units below it, which it folds; units are listed when the rows
	// are few enough (maxFoldedUnits), else left to a department filter.
	Departments []foldedDepartmentJSON `json:"departments"`
	// DepartmentCount counts the rows of Departments before the bound
	// (maxFoldedDepartments): more than it lists means a province, whose
	// departments are read through a department filter.
	DepartmentCount int `json:"department_count"`
}

// maxFoldedUnits bounds the units a dashboard lists under their 主管部门.
const maxFoldedUnits = 500

// maxFoldedDepartments bounds the departments a dashboard lists: a
// province's thousands would make every answer of its dashboard a megabyte.
const maxFoldedDepartments = 100

type departmentTotalsJSON struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Level         int     `json:"level"`
	Projects      int     `json:"projects"`
	BudgetTotal   string  `json:"budget_total"`
	ExecutedTotal string  `json:"executed_total"`
	ExecutionRate *string `json:"execution_rate"`
	AverageScore  *string `json:"average_score"`
	ReportedCount int     `json:"reported_count"`
}

type foldedDepartmentJSON struct {
	departmentTotalsJSON
	UnitCount int                    `json:"unit_count"`
	Units     []departmentTotalsJSON `json:"units"`
}

func toDepartmentTotalsJSON(r store.DepartmentRollup) departmentTotalsJSON {
	out := departmentTotalsJSON{Code: r.Code, Name: r.Name, Level: max(r.Level, 1), Projects: r.Projects, BudgetTotal: money(r.Budget),
		ExecutedTotal: money(r.Executed), ReportedCount: r.Reported}
	if r.Budget.IsPositive() {
		rate := plain(r.Executed.DivRound(r.Budget, 4))
		out.ExecutionRate = &rate
	}
	if r.Scored > 0 {
		avg := score2(r.ScoreSum.DivRound(decimal.NewFromInt(int64(r.Scored)), 2))
		out.AverageScore = &avg
	}
	return out
}

// foldedDepartments reads the period's totals per department and folds
// them by hierarchy; it lists the first maxFoldedDepartments in code order
// and counts them all.
func (s *Server) foldedDepartments(ctx context.Context, sc store.Scope, key, dep string) ([]foldedDepartmentJSON, int, error) {
	rs, err := s.store.DepartmentRollups(ctx, sc, key, dep)
	if err != nil {
		return nil, 0, err
	}
	folded := store.FoldByHierarchy(rs)
	count := len(folded)
	folded = folded[:min(count, maxFoldedDepartments)]
	out := make([]foldedDepartmentJSON, len(folded))
	for i, f := range folded {
		out[i] = foldedDepartmentJSON{departmentTotalsJSON: toDepartmentTotalsJSON(f.DepartmentRollup), UnitCount: len(f.Units),
			Units: []departmentTotalsJSON{}}
		if len(rs) <= maxFoldedUnits {
			for _, u := range f.Units {
				out[i].Units = append(out[i].Units, toDepartmentTotalsJSON(u))
			}
		}
	}
	return out, count, nil
}

type periodRuleProfileJSON struct {
	Name     string `json:"name"`
	Version  int    `json:"version"`
	Title    string `json:"title"`
	Verified bool   `json:"verified"`
}

func (s *Server) dashboard(c echo.Context) error {
	if err := onlyQuery(c, "period", "department", "page", "size"); err != nil {
		return err
	}
	key := c.QueryParam("period")
	if key == "" {
		return errBadRequest("请指定期间，例如 period=2024-06")
	}
	pg, err := dashboardPageParams(c, 100, 1000)
	if err != nil {
		return err
	}
	ctx, sc, dep := c.Request().Context(), s.scope(c), c.QueryParam("department")
	if sc.All() && dep == "" {
		// the whole province is the same answer for everyone who sees it:
		// made once a moment, not once per caller (JIXIAO_DASHBOARD_CACHE_MS)
		body, err := s.store.ProvinceAnswer(ctx, fmt.Sprintf("dashboard|%s|%d|%d", key, pg.Offset, pg.Limit), func(ctx context.Context) ([]byte, error) {
			out, err := s.dashboardOf(ctx, sc, key, dep, pg)
			if err != nil {
				return nil, err
			}
			return json.Marshal(out)
		})
		if err != nil {
			return err
		}
		return c.JSONBlob(http.StatusOK, body)
	}
	out, err := s.dashboardOf(ctx, sc, key, dep, pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// dashboardOf makes the dashboard of a period as the scope sees it.
func (s *Server) dashboardOf(ctx context.Context, sc store.Scope, key, dep string, pg store.Page) (dashboardJSON, error) {
	d, err := s.reports.DashboardPage(ctx, sc, key, dep, pg)
	if err != nil {
		return dashboardJSON{}, err
	}
	out := toDashboardJSON(d)
	pp, err := s.reports.PeriodProfileNow(ctx, key)
	if err != nil {
		return dashboardJSON{}, err
	}
	out.RuleProfile = periodRuleProfileJSON{Name: pp.Name, Version: pp.Version, Title: pp.Title, Verified: pp.Verified}
	// the departments with budget tables and the count of reports on another
	// profile, in one round trip
	deps, other, err := s.store.DashboardSides(ctx, sc, key, d.Period.Year, dep, pp.ProfileRef)
	if err != nil {
		return dashboardJSON{}, err
	}
	out.OtherProfileReports = other
	gaps, err := s.targets.GapsOf(ctx, sc, d.Period.Year, deps)
	if err != nil {
		return dashboardJSON{}, err
	}
	if out.Departments, out.DepartmentCount, err = s.foldedDepartments(ctx, sc, key, dep); err != nil {
		return dashboardJSON{}, err
	}
	out.ReconciliationGaps = make([]reconciliationJSON, len(gaps))
	for i, g := range gaps {
		out.ReconciliationGaps[i] = toReconciliationJSON(g)
	}
	return out, nil
}

func toDashboardJSON(d reports.Dashboard) dashboardJSON {
	out := dashboardJSON{Period: toPeriodJSON(d.Period), TimeProgress: plain(d.TimeProgress), ProjectCount: d.ProjectCount,
		BudgetTotal: money(d.BudgetTotal), ExecutedTotal: money(d.ExecutedTotal), ExecutionRate: nullable(d.ExecutionRate, plain),
		AverageScore: nullable(d.AverageScore, score2), ByLight: d.ByLight, ByGrade: d.ByGrade, ByStatus: d.ByStatus, ReportedCount: d.Reported,
		Projects: make([]dashboardProjectJSON, len(d.Projects))}
	for i, p := range d.Projects {
		out.Projects[i] = dashboardProjectJSON{Code: p.Code, Name: p.Name, Department: p.DepartmentCode, Status: string(p.Status),
			Light: string(p.Light), Score: nullable(p.Total, score2), Grade: p.Grade, Budget: money(p.Adjusted),
			Executed: nullable(p.Executed, money), ExecutionRate: nullable(p.ExecutionRate, plain), BudgetLight: string(p.BudgetLight),
			Blocking: p.Blocking}
	}
	return out
}

// dashboardPageParams reads page (from 1) and size (default def, at most max) as a
// window of a list; bad values are 422 naming the parameter.
func dashboardPageParams(c echo.Context, def, max int) (store.Page, error) {
	pr := fields.Problems{}
	num := func(name string, dflt, hi int) int {
		v := c.QueryParam(name)
		if v == "" {
			return dflt
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > hi {
			pr.Add(name, fmt.Sprintf("应为1至%d之间的整数", hi))
			return dflt
		}
		return n
	}
	page, size := num("page", 1, 1_000_000), num("size", def, max)
	if err := pr.Err(errInvalidDashboardQuery); err != nil {
		return store.Page{}, err
	}
	return store.Page{Offset: (page - 1) * size, Limit: size}, nil
}
