package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// Permission names what a route needs, as "object:action" (casbin object and
// action). Public routes need none.
type Permission string

// The permissions of the API, shared with the casbin policy in policies/.
const (
	PermPublic          Permission = ""
	PermProjectsRead    Permission = "projects:read"
	PermPeriodsRead     Permission = "periods:read"
	PermDepartmentsRead Permission = "departments:read"
)

// route is one row of the route table.
type route struct {
	Method  string
	Path    string
	Perm    Permission
	Handler echo.HandlerFunc
}

// routes is the one table of every API route and the permission it needs.
func (s *Server) routes() []route {
	return []route{
		{http.MethodGet, "/healthz", PermPublic, s.healthz},
		{http.MethodGet, "/readyz", PermPublic, s.readyz},
		{http.MethodGet, "/api/v1/openapi.json", PermPublic, s.openapi},

		{http.MethodGet, "/api/v1/departments", PermDepartmentsRead, s.listDepartments},
		{http.MethodGet, "/api/v1/periods", PermPeriodsRead, s.listPeriods},
		{http.MethodGet, "/api/v1/projects", PermProjectsRead, s.listProjects},
		{http.MethodGet, "/api/v1/projects/:code", PermProjectsRead, s.getProject},
	}
}

// RouteInfo describes one route of the table, for the OpenAPI test, the
// authorization matrix and the web app's permission list.
type RouteInfo struct {
	Method string
	Path   string // OpenAPI form: /api/v1/projects/{code}
	Perm   Permission
}

// RouteTable lists every API route with its permission.
func RouteTable() []RouteInfo {
	rs := (&Server{}).routes()
	out := make([]RouteInfo, len(rs))
	for i, r := range rs {
		out[i] = RouteInfo{Method: r.Method, Path: openAPIPath(r.Path), Perm: r.Perm}
	}
	return out
}

// openAPIPath turns echo's :param into OpenAPI's {param}.
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}
