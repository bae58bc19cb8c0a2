package api

import (
	"jixiao/app/store"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/season"
	"jixiao/domain/round"
)

// pathID reads a numeric path parameter; anything else is 404.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id < 1 {
		return 0, errNotFound
	}
	return id, nil
}

func dayJSON(t time.Time) string { return t.Format(time.DateOnly) }

type roundJSON struct {
	ID          int64         `json:"id"`
	Period      string        `json:"period"`
	Departments []string      `json:"departments"`
	Due         string        `json:"due"`
	Note        string        `json:"note"`
	Status      string        `json:"status"`
	CreatedBy   string        `json:"created_by"`
	CreatedAt   time.Time     `json:"created_at"`
	ClosedBy    string        `json:"closed_by,omitempty"`
	ClosedAt    *time.Time    `json:"closed_at,omitempty"`
	Overdue     *bool         `json:"overdue,omitempty"`
	Progress    *progressJSON `json:"progress,omitempty"`
}

type progressJSON struct {
	Total     int `json:"total"`
	Filled    int `json:"filled"`
	Submitted int `json:"submitted"`
	Approved  int `json:"approved"`
	Returned  int `json:"returned"`
	Overdue   int `json:"overdue"`
}

func toRoundJSON(r round.Round) roundJSON {
	out := roundJSON{ID: r.ID, Period: r.Period, Departments: r.Departments, Due: dayJSON(r.Due), Note: r.Note,
		Status: string(r.Status), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), ClosedBy: r.ClosedBy}
	if out.Departments == nil {
		out.Departments = []string{}
	}
	if !r.ClosedAt.IsZero() {
		at := r.ClosedAt.UTC()
		out.ClosedAt = &at
	}
	return out
}

func toRoundViewJSON(v season.RoundView) roundJSON {
	out := toRoundJSON(v.Round)
	p := v.Progress
	out.Overdue = &v.Overdue
	out.Progress = &progressJSON{Total: p.Total, Filled: p.Filled, Submitted: p.Submitted, Approved: p.Approved, Returned: p.Returned, Overdue: p.Overdue}
	return out
}

func (s *Server) openRound(c echo.Context) error {
	var in struct {
		Period      string   `json:"period"`
		Departments []string `json:"departments"`
		Due         string   `json:"due"`
		Note        string   `json:"note"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.season.OpenRound(c.Request().Context(), s.scope(c), s.actor(c), in.Period, in.Departments, in.Due, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toRoundJSON(r))
}

func (s *Server) listRounds(c echo.Context) error {
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	rs, err := s.season.Rounds(c.Request().Context(), s.scope(c))
	if err != nil {
		return err
	}
	page := window(rs, pg)
	out := make([]roundJSON, len(page))
	for i, r := range page {
		out[i] = toRoundJSON(r)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(rs), pg))
}

func (s *Server) getRound(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.season.Round(c.Request().Context(), s.scope(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toRoundViewJSON(v))
}

func (s *Server) extendRound(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Due string `json:"due"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, err := s.season.ExtendRound(c.Request().Context(), s.scope(c), s.actor(c), id, in.Due); err != nil {
		return err
	}
	return s.getRound(c)
}

// urgeRound urges (催办) every report of the round still with its
// submitters, each at most once a day.
func (s *Server) urgeRound(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	res, err := s.season.UrgeRound(c.Request().Context(), s.scope(c), s.actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"urged": res.Urged, "already": res.Already, "notified": res.Notified})
}

// urgeReport urges (催办) the submitters of one report, at most once a day.
func (s *Server) urgeReport(c echo.Context) error {
	n, err := s.reports.Urge(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"notified": n})
}

func (s *Server) closeRound(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.season.CloseRound(c.Request().Context(), s.scope(c), s.actor(c), id); err != nil {
		return err
	}
	return s.getRound(c)
}

type todoJSON struct {
	Kind            string     `json:"kind"`
	Project         projectRef `json:"project"`
	Period          string     `json:"period"`
	Due             *string    `json:"due"`
	Overdue         bool       `json:"overdue"`
	Link            string     `json:"link"`
	RectificationID int64      `json:"rectification_id,omitempty"`
	TargetChangeID  int64      `json:"target_change_id,omitempty"`
	Text            string     `json:"text,omitempty"`
	// By, ByName and At: who returned the report (Text is the reason) or
	// submitted it for review, and when; for a report to fill, who opened
	// the round (Text is the round's note).
	By     string  `json:"by,omitempty"`
	ByName string  `json:"by_name,omitempty"`
	At     *string `json:"at,omitempty"`
}

// todoLink is the web app's page of a to-do: the report, or for targets
// the project.
func todoLink(it store.Todo) string {
	if it.Period == "" {
		return "/projects/" + it.ProjectCode
	}
	return "/projects/" + it.ProjectCode + "/reports/" + it.Period
}

type projectRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func (s *Server) listTodos(c echo.Context) error {
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	all, err := s.season.Todos(c.Request().Context(), callerOf(c))
	if err != nil {
		return err
	}
	items := window(all, pg)
	out := make([]todoJSON, len(items))
	for i, it := range items {
		out[i] = todoJSON{Kind: it.Kind, Project: projectRef{Code: it.ProjectCode, Name: it.ProjectName}, Period: it.Period,
			Overdue: it.Overdue, Link: todoLink(it.Todo),
			RectificationID: it.RectificationID, TargetChangeID: it.TargetChangeID, Text: it.Text, By: it.By, ByName: it.ByName}
		if it.At != nil {
			at := it.At.UTC().Format(time.RFC3339)
			out[i].At = &at
		}
		if it.Due != nil {
			d := dayJSON(*it.Due)
			out[i].Due = &d
		}
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
}
