package api

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"jixiao/domain/project"
)

// yearJSON is one year of a project across years.
type yearJSON struct {
	Year          int            `json:"year"`
	Project       projectRefJSON `json:"project"`
	TargetStatus  string         `json:"target_status"`
	Budget        string         `json:"budget"`
	ReportStatus  *string        `json:"report_status"`
	Total         *string        `json:"total"`
	Grade         *string        `json:"grade"`
	ExecutionRate *string        `json:"execution_rate"`
}

// yearValueJSON is an indicator in one year: its target, and its actual and
// score from that year's annual self-evaluation (null until filled).
type yearValueJSON struct {
	IndicatorID int64   `json:"indicator_id"`
	Target      string  `json:"target"`
	Unit        string  `json:"unit"`
	Actual      *string `json:"actual"`
	Score       *string `json:"score"`
}

// yearIndicatorJSON is one indicator matched across years (copy_of,
// library_id); values line up with years, null where the year lacks it.
type yearIndicatorJSON struct {
	Level1    string           `json:"level1"`
	Level2    string           `json:"level2"`
	Name      string           `json:"name"`
	Nature    string           `json:"nature"`
	Kind      string           `json:"kind"`
	LibraryID int64            `json:"library_id,omitempty"`
	Values    []*yearValueJSON `json:"values"`
}

// GET /api/v1/projects/{code}/years: the project and its copies across
// years, with targets, actuals, line scores, totals, grades and execution.
func (s *Server) projectYears(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	chain, err := s.store.ProjectChain(ctx, s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	codes := make([]string, len(chain))
	for i, p := range chain {
		codes[i] = p.Code
	}
	results, err := s.store.AnnualResults(ctx, codes)
	if err != nil {
		return err
	}
	years := make([]yearJSON, len(chain))
	var rows []*yearIndicatorJSON
	byIndicator := map[int64]*yearIndicatorJSON{} // any year's indicator id → its row
	byLibrary := map[int64]*yearIndicatorJSON{}
	for yi, p := range chain {
		y := yearJSON{Year: p.Year, Project: projectRefJSON{Code: p.Code, Name: p.Name}, TargetStatus: string(statusOr(p.Status)),
			Budget: number(p.Budget)}
		r, ok := results[p.Code]
		if ok {
			st, total, grade := r.Status, r.Total.StringFixed(2), r.Grade
			y.ReportStatus, y.Total, y.Grade = &st, &total, &grade
			if r.ExecutionRate != nil {
				v := r.ExecutionRate.Round(4).String()
				y.ExecutionRate = &v
			}
		}
		years[yi] = y
		used := map[*yearIndicatorJSON]bool{}
		for _, in := range p.Indicators {
			row := byIndicator[in.CopyOf]
			if row == nil && in.LibraryID != 0 {
				row = byLibrary[in.LibraryID]
			}
			if row == nil || used[row] {
				row = &yearIndicatorJSON{Values: make([]*yearValueJSON, len(chain))}
				rows = append(rows, row)
			}
			used[row] = true
			row.Level1, row.Level2, row.Name, row.Nature, row.Kind = in.Level1, in.Level2, in.Name, string(in.Nature), string(in.Kind())
			if in.LibraryID != 0 {
				row.LibraryID = in.LibraryID
				byLibrary[in.LibraryID] = row
			}
			byIndicator[in.ID] = row
			v := &yearValueJSON{IndicatorID: in.ID, Target: in.Target, Unit: in.Unit}
			if ok {
				if l, has := r.Lines[in.ID]; has {
					v.Actual = l.Value
					sc := l.Score
					v.Score = &sc
				}
			}
			row.Values[yi] = v
		}
	}
	out := make([]yearIndicatorJSON, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	head := chain[len(chain)-1]
	for _, p := range chain {
		if p.Code == c.Param("code") {
			head = p
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"code": head.Code, "name": head.Name, "years": years, "indicators": out})
}

func statusOr(s project.Status) project.Status {
	if s == "" {
		return project.StatusApproved
	}
	return s
}

// departmentYearJSON is one project (followed across years by copied_from)
// with its grade in each year.
type departmentYearJSON struct {
	Code   string              `json:"code"`
	Name   string              `json:"name"`
	Grades []*departmentGrades `json:"years"`
}

type departmentGrades struct {
	Project projectRefJSON `json:"project"`
	Status  *string        `json:"report_status"`
	Total   *string        `json:"total"`
	Grade   *string        `json:"grade"`
}

// GET /api/v1/departments/{code}/years: the department's projects by year,
// each followed across years by copied_from, with each year's grade.
func (s *Server) departmentYears(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	sc := s.scope(c)
	ps, err := s.store.DepartmentProjectsAllYears(ctx, sc, c.Param("code"))
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return project.ErrNoDepartment
	}
	byCode := map[string]int{}
	yearSet := map[int]bool{}
	codes := make([]string, len(ps))
	for i, p := range ps {
		byCode[p.Code], codes[i] = i, p.Code
		yearSet[p.Year] = true
	}
	years := make([]int, 0, len(yearSet))
	for y := range yearSet {
		years = append(years, y)
	}
	slices.Sort(years)
	col := map[int]int{}
	for i, y := range years {
		col[y] = i
	}
	results, err := s.store.AnnualResults(ctx, codes)
	if err != nil {
		return err
	}
	rows := []*departmentYearJSON{}
	rowOf := map[string]*departmentYearJSON{}
	for _, p := range ps { // oldest year first: a copy finds its source's row
		row := rowOf[p.CopiedFrom]
		if _, known := byCode[p.CopiedFrom]; row == nil || !known {
			row = &departmentYearJSON{Grades: make([]*departmentGrades, len(years))}
			rows = append(rows, row)
		}
		row.Code, row.Name = p.Code, p.Name
		rowOf[p.Code] = row
		g := &departmentGrades{Project: projectRefJSON{Code: p.Code, Name: p.Name}}
		if r, ok := results[p.Code]; ok {
			st, total, grade := r.Status, r.Total.StringFixed(2), r.Grade
			g.Status, g.Total, g.Grade = &st, &total, &grade
		}
		row.Grades[col[p.Year]] = g
	}
	return c.JSON(http.StatusOK, map[string]any{"department": c.Param("code"), "years": years, "projects": rows})
}
