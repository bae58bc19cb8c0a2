package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/app/store"
)

// meProjectsJSON is /me with the projects the caller fills, named.
type meProjectsJSON struct {
	meJSON
	AssignedProjects []projectSummaryJSON `json:"assigned_projects"`
}

// getMeWithProjects answers who the caller is, what they may do, and the
// projects whose reports they fill (within what they may see).
func (s *Server) getMeWithProjects(c echo.Context) error {
	caller := callerOf(c)
	ps, err := s.store.ListProjects(c.Request().Context(), s.scope(c),
		store.ProjectFilter{Codes: caller.AssignedProjects(), OnlyCodes: true})
	if err != nil {
		return err
	}
	out := meProjectsJSON{meJSON: s.me(caller), AssignedProjects: make([]projectSummaryJSON, len(ps))}
	for i, p := range ps {
		out.AssignedProjects[i] = summaryJSON(p.Project, p.IndicatorCount)
		out.AssignedProjects[i].Assigned = true
	}
	return c.JSON(http.StatusOK, out)
}
