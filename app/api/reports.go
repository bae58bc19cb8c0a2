package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/report"
)

func (s *Server) actor(c echo.Context) reports.Actor {
	return reports.Actor{Caller: callerOf(c), IP: c.RealIP()}
}

func (s *Server) getReport(c echo.Context) error {
	rec, err := s.reports.GetWithHistory(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
}

// putReport replaces the whole draft: every indicator exactly once.
func (s *Server) putReport(c echo.Context) error {
	var in reportInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rd := s.reportReader(c)
	version, r := rd.version(in.Version), in.toReport(rd)
	if err := rd.err(); err != nil {
		return err
	}
	rec, err := s.reports.Save(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), version, r)
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
}

// patchReport merges the lines sent into the draft by indicator_id.
func (s *Server) patchReport(c echo.Context) error {
	var in reportInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rd := s.reportReader(c)
	version, pt := rd.version(in.Version), in.toPatch(rd)
	if err := rd.err(); err != nil {
		return err
	}
	rec, err := s.reports.Patch(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), version, pt)
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
}

// previewReport evaluates a PUT body (without lines: the stored inputs) and
// a reviewer's adjustments, storing nothing.
func (s *Server) previewReport(c echo.Context) error {
	var in previewInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rd := s.reportReader(c)
	var r *report.Report
	if in.Lines != nil {
		full := in.toReport(rd)
		r = &full
	}
	adj := rd.adjustments(in.Adjustments)
	if err := rd.err(); err != nil {
		return err
	}
	rec, err := s.reports.Preview(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), r, adj)
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
}

// reportReader reads the body of a save of the report in the path. The
// project's units are read once, and only when a value carries text after
// its number ("12次"), which is rare: the web app sends plain numbers.
func (s *Server) reportReader(c echo.Context) reader {
	rd := newReader()
	var units map[int64]string
	rd.unitOf = func(id int64) string {
		if units == nil {
			units = map[int64]string{}
			p, err := s.store.GetProject(c.Request().Context(), s.scope(c), c.Param("code"))
			if err == nil {
				for _, in := range p.Indicators {
					units[in.ID] = in.Unit
				}
			}
		}
		return units[id]
	}
	return rd
}

func (s *Server) submitReport(c echo.Context) error {
	rec, err := s.reports.Submit(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
}

type approveInput struct {
	Comment        json.RawMessage      `json:"comment"`
	Adjustments    []adjustmentInput    `json:"adjustments"`
	Rectifications []rectificationInput `json:"rectifications"`
}

func (s *Server) approveReport(c echo.Context) error {
	var in approveInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rd := newReader()
	comment, adj := rd.text(in.Comment, "comment"), rd.adjustments(in.Adjustments)
	if err := rd.err(); err != nil {
		return err
	}
	rec, err := s.reports.Approve(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), comment, adj, rectDrafts(in.Rectifications)...)
	if err != nil {
		return err
	}
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
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
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
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
	return jsonWhole(c, http.StatusOK, s.reportJSON(c, rec))
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
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	// page 1 is the newest versions (a draft saved all day has thousands),
	// oldest first within the page; X-Total-Count counts them all
	vs, total, err := s.store.ReportHistoryPage(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"), pg.Offset(), pg.Size)
	if err != nil {
		return err
	}
	c.Response().Header().Set("X-Total-Count", strconv.Itoa(total))
	out := make([]versionJSON, len(vs))
	for i, v := range vs {
		out[i] = versionJSON{Version: v.Version, SavedAt: v.SavedAt.UTC().Format(time.RFC3339), SavedBy: v.SavedBy,
			Action: v.Action, Changes: v.Changes, Report: v.Body}
	}
	return c.JSON(http.StatusOK, out)
}

// actionPerms names the permission each workflow action needs.
var actionPerms = map[report.Action]Permission{
	report.ActionSubmit: PermReportsSubmit, report.ActionApprove: PermReportsReview,
	report.ActionReturn: PermReportsReview, report.ActionReopen: PermReportsReopen,
}

// reportJSON is the report as this caller sees it: actions and editable say
// what the caller may do now (role permission × assignment × state).
// actionRetarget is the action of moving a draft or returned report to its
// project's current targets (POST …/retarget).
const actionRetarget = "retarget"

func (s *Server) reportJSON(c echo.Context, rec store.ReportRecord) reportJSON {
	out := toReportJSON(rec)
	caller := callerOf(c)
	for _, a := range []report.Action{report.ActionSubmit, report.ActionApprove, report.ActionReturn, report.ActionReopen} {
		if s.enforcer.Allowed(caller.Roles, string(actionPerms[a])) && reports.MayAct(caller, a, rec) {
			out.Actions = append(out.Actions, string(a))
		}
	}
	out.Editable = s.enforcer.Allowed(caller.Roles, string(PermReportsWrite)) && reports.MaySave(caller, rec)
	if s.enforcer.Allowed(caller.Roles, string(PermReportsUrge)) && reports.MayUrge(caller, rec) {
		out.Actions = append(out.Actions, "urge")
	}
	if out.Editable && rec.TargetsAdjusted() {
		// filled against targets adjusted since: its submitter may move it to the current ones
		out.Actions = append(out.Actions, actionRetarget)
	}
	s.attachHistory(c, rec, &out)
	return out
}

// attachHistory puts each line's previous period and last year beside it:
// read with the report (GetWithHistory), else now in one round trip. They
// only inform: a failure to read them here is logged, and the report is
// answered without them.
func (s *Server) attachHistory(c echo.Context, rec store.ReportRecord, out *reportJSON) {
	h := rec.History
	if h == nil {
		read, err := s.store.LineHistory(c.Request().Context(), s.scope(c), rec.Project.Code, rec.Period.Key)
		if err != nil {
			s.log.Warn("line history", "project", rec.Project.Code, "error", err)
			return
		}
		h = &read
	}
	for i, l := range out.Lines {
		if p, ok := h.Previous[l.IndicatorID]; ok {
			out.Lines[i].Previous = &previousJSON{Period: p.Period, Value: p.Value, Light: p.Light, Status: p.Status}
		}
		if y, ok := h.LastYear[l.IndicatorID]; ok {
			out.Lines[i].LastYear = &lastYearJSON{Year: y.Year, Via: y.Via, Project: projectRefJSON{Code: y.ProjectCode, Name: y.ProjectName},
				IndicatorID: y.LastIndicatorID, Target: y.Target, Unit: y.Unit, Actual: y.Actual, Score: y.Score, Status: y.Status}
		}
	}
}
