package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/fields"
)

// libraryEntryJSON is one entry of the indicator library.
type libraryEntryJSON struct {
	ID             int64      `json:"id"`
	Scope          string     `json:"scope"`
	Department     *string    `json:"department"`
	DepartmentName string     `json:"department_name,omitempty"`
	Level1         string     `json:"level1"`
	Level2         string     `json:"level2"`
	Name           string     `json:"name"`
	Aliases        []string   `json:"aliases"`
	Nature         string     `json:"nature"`
	Unit           string     `json:"unit"`
	ValueBasis     string     `json:"value_basis"`
	Guidance       string     `json:"guidance"`
	Source         string     `json:"source"`
	Status         string     `json:"status"`
	MergedInto     *int64     `json:"merged_into"`
	ProposedBy     string     `json:"proposed_by,omitempty"`
	ProposedAt     *time.Time `json:"proposed_at,omitempty"`
	DecidedBy      string     `json:"decided_by,omitempty"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
	Uses           int        `json:"uses"`
}

func toLibraryJSON(e store.LibraryEntry) libraryEntryJSON {
	out := libraryEntryJSON{ID: e.ID, Scope: e.Scope, DepartmentName: e.DepartmentName, Level1: e.Level1, Level2: e.Level2,
		Name: e.Name, Aliases: e.AliasList(), Nature: e.Nature, Unit: e.Unit, ValueBasis: e.ValueBasis, Guidance: e.Guidance,
		Source: e.Source, Status: e.Status, MergedInto: e.MergedInto, ProposedBy: e.ProposedBy, ProposedAt: e.ProposedAt,
		DecidedBy: e.DecidedBy, DecidedAt: e.DecidedAt, Uses: e.Uses}
	if e.DepartmentCode != "" {
		d := e.DepartmentCode
		out.Department = &d
	}
	return out
}

// GET /api/v1/indicator-library?q=&level1=&level2=&scope=&department=&status=&size=
func (s *Server) searchLibrary(c echo.Context) error {
	if err := onlyQuery(c, "q", "level1", "level2", "scope", "department", "status", "size"); err != nil {
		return err
	}
	f := store.LibraryFilter{Q: c.QueryParam("q"), Level1: c.QueryParam("level1"), Level2: c.QueryParam("level2"),
		Scope: c.QueryParam("scope"), Department: c.QueryParam("department"), Status: c.QueryParam("status")}
	if v := c.QueryParam("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return errBadRequest("size 应为 1 至 200 的整数")
		}
		f.Limit = n
	}
	items, total, err := s.targets.SearchLibrary(c.Request().Context(), s.scope(c), f)
	if err != nil {
		return err
	}
	out := make([]libraryEntryJSON, len(items))
	for i, e := range items {
		out[i] = toLibraryJSON(e)
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out, "total": total})
}

// libraryUseJSON is where an entry is used, with the year's actual.
type libraryUseJSON struct {
	Project     projectRefJSON `json:"project"`
	Year        int            `json:"year"`
	Status      string         `json:"status"`
	IndicatorID int64          `json:"indicator_id"`
	Target      string         `json:"target"`
	Unit        string         `json:"unit"`
	Actual      *string        `json:"actual"`
	Score       *string        `json:"score"`
}

type projectRefJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func libraryID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, store.ErrLibraryNotFound
	}
	return id, nil
}

// GET /api/v1/indicator-library/{id}: the entry, where it is used and the
// targets and actuals it had.
func (s *Server) getLibraryEntry(c echo.Context) error {
	id, err := libraryID(c)
	if err != nil {
		return err
	}
	e, uses, err := s.targets.LibraryEntry(c.Request().Context(), s.scope(c), id)
	if err != nil {
		return err
	}
	us := make([]libraryUseJSON, len(uses))
	for i, u := range uses {
		us[i] = libraryUseJSON{Project: projectRefJSON{Code: u.ProjectCode, Name: u.ProjectName}, Year: u.Year, Status: u.Status,
			IndicatorID: u.IndicatorID, Target: u.Target, Unit: u.Unit, Actual: trimDecimal(u.Actual), Score: u.Score}
	}
	e.Uses = len(uses)
	return c.JSON(http.StatusOK, map[string]any{"entry": toLibraryJSON(e), "uses": us})
}

// trimDecimal writes a stored numeric(…, 4) without trailing zeros.
func trimDecimal(v *string) *string {
	if v == nil {
		return nil
	}
	d, err := decimal.NewFromString(*v)
	if err != nil {
		return v
	}
	out := number(d)
	return &out
}

type libraryProposalInput struct {
	Department string `json:"department"`
	Level1     string `json:"level1"`
	Level2     string `json:"level2"`
	Name       string `json:"name"`
	Nature     string `json:"nature"`
	Unit       string `json:"unit"`
	ValueBasis string `json:"value_basis"`
	Guidance   string `json:"guidance"`
}

// POST /api/v1/indicator-library: a submitter proposes a department entry.
func (s *Server) proposeLibraryEntry(c echo.Context) error {
	var in libraryProposalInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	e, err := s.targets.ProposeLibraryEntry(c.Request().Context(), s.scope(c), s.targetActor(c), store.LibraryProposal{
		DepartmentCode: in.Department, Level1: in.Level1, Level2: in.Level2, Name: in.Name, Nature: in.Nature, Unit: in.Unit,
		ValueBasis: in.ValueBasis, Guidance: in.Guidance})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toLibraryJSON(e))
}

// POST /api/v1/indicator-library/{id}/accept
func (s *Server) acceptLibraryEntry(c echo.Context) error {
	id, err := libraryID(c)
	if err != nil {
		return err
	}
	e, err := s.targets.DecideLibraryEntry(c.Request().Context(), s.scope(c), s.targetActor(c), id, 0)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toLibraryJSON(e))
}

// POST /api/v1/indicator-library/{id}/merge {"into": id}
func (s *Server) mergeLibraryEntry(c echo.Context) error {
	id, err := libraryID(c)
	if err != nil {
		return err
	}
	var in struct {
		Into int64 `json:"into"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Into < 1 {
		return fields.One(errInvalidInput, "into", "请选择要合并到的指标库条目")
	}
	e, err := s.targets.DecideLibraryEntry(c.Request().Context(), s.scope(c), s.targetActor(c), id, in.Into)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toLibraryJSON(e))
}
