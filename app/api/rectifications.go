package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/domain/rectify"
	"jixiao/domain/round"
)

// rectificationInput is a rectification item as a reviewer writes it with
// an approval or a return.
type rectificationInput struct {
	Text string `json:"text"`
	Due  string `json:"due"`
}

func rectDrafts(in []rectificationInput) []rectify.Draft {
	out := make([]rectify.Draft, len(in))
	for i, r := range in {
		out[i] = rectify.Draft{Text: r.Text, Due: r.Due}
	}
	return out
}

type rectificationJSON struct {
	ID          int64      `json:"id"`
	Project     string     `json:"project"`
	Period      string     `json:"period"`
	Text        string     `json:"text"`
	Due         *string    `json:"due"`
	Status      string     `json:"status"`
	StatusLabel string     `json:"status_label"`
	Overdue     bool       `json:"overdue"`
	Answer      string     `json:"answer"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	AnsweredBy  string     `json:"answered_by,omitempty"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
	ClosedBy    string     `json:"closed_by,omitempty"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func toRectificationJSON(it rectify.Item, today time.Time) rectificationJSON {
	out := rectificationJSON{ID: it.ID, Project: it.ProjectCode, Period: it.Period, Text: it.Text, Status: string(it.Status),
		StatusLabel: it.Status.Label(), Overdue: it.Overdue(today), Answer: it.Answer, CreatedBy: it.CreatedBy,
		CreatedAt: it.CreatedAt.UTC(), AnsweredBy: it.AnsweredBy, AnsweredAt: optionalTime(it.AnsweredAt),
		ClosedBy: it.ClosedBy, ClosedAt: optionalTime(it.ClosedAt)}
	if it.Due != nil {
		d := dayJSON(*it.Due)
		out.Due = &d
	}
	return out
}

func (s *Server) listRectifications(c echo.Context) error {
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	all, err := s.season.Rectifications(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	items := window(all, pg)
	today := round.Day(s.now())
	out := make([]rectificationJSON, len(items))
	for i, it := range items {
		out[i] = toRectificationJSON(it, today)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
}

func (s *Server) answerRectification(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Answer string `json:"answer"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	it, err := s.season.AnswerRectification(c.Request().Context(), s.scope(c), s.actor(c), id, in.Answer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toRectificationJSON(it, round.Day(s.now())))
}

func (s *Server) closeRectification(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	it, err := s.season.CloseRectification(c.Request().Context(), s.scope(c), s.actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toRectificationJSON(it, round.Day(s.now())))
}

func (s *Server) reopenRectification(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	it, err := s.season.ReopenRectification(c.Request().Context(), s.scope(c), s.actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toRectificationJSON(it, round.Day(s.now())))
}
