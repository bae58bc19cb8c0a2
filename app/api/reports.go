package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

func (s *Server) actor(c echo.Context) reports.Actor {
	return reports.Actor{Caller: callerOf(c), IP: c.RealIP()}
}

func (s *Server) getReport(c echo.Context) error {
	rec, err := s.reports.Get(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

func (s *Server) putReport(c echo.Context) error {
	var in reportInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	version, r, err := in.toDomain()
	if err != nil {
		return err
	}
	rec, err := s.reports.Save(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), version, r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

func (s *Server) submitReport(c echo.Context) error {
	rec, err := s.reports.Submit(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

type approveInput struct {
	Comment     string `json:"comment"`
	Adjustments []struct {
		IndicatorID int64        `json:"indicator_id"`
		Score       decimalInput `json:"score"`
		Reason      string       `json:"reason"`
	} `json:"adjustments"`
	Rectifications []rectificationInput `json:"rectifications"`
}

func (s *Server) approveReport(c echo.Context) error {
	var in approveInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	pr := report.Problems{}
	adj := make([]scoring.Adjustment, 0, len(in.Adjustments))
	for i, a := range in.Adjustments {
		field := "adjustments[" + strconv.Itoa(i) + "].score"
		sc := a.Score.parse(pr, field)
		if sc == nil {
			pr.Add(field, "请填写调整后的得分")
			sc = &decimal.Zero
		}
		adj = append(adj, scoring.Adjustment{IndicatorID: a.IndicatorID, Score: *sc, Reason: a.Reason})
	}
	if err := pr.Err(report.ErrInvalid); err != nil {
		return err
	}
	rec, err := s.reports.Approve(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), in.Comment, adj, rectDrafts(in.Rectifications)...)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

func (s *Server) returnReport(c echo.Context) error {
	var in struct {
		Comment        string               `json:"comment"`
		Rectifications []rectificationInput `json:"rectifications"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rec, err := s.reports.Return(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), in.Comment, rectDrafts(in.Rectifications)...)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

func (s *Server) reopenReport(c echo.Context) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rec, err := s.reports.Reopen(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

type versionJSON struct {
	Version int                          `json:"version"`
	SavedAt string                       `json:"saved_at"`
	SavedBy string                       `json:"saved_by"`
	Action  string                       `json:"action"`
	Changes map[string]store.FieldChange `json:"changes"`
	Report  any                          `json:"report"`
}

func (s *Server) reportHistory(c echo.Context) error {
	vs, err := s.store.ReportHistory(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	out := make([]versionJSON, len(vs))
	for i, v := range vs {
		out[i] = versionJSON{Version: v.Version, SavedAt: v.SavedAt.UTC().Format(time.RFC3339), SavedBy: v.SavedBy,
			Action: v.Action, Changes: v.Changes, Report: v.Body}
	}
	return c.JSON(http.StatusOK, out)
}
