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
	PermReportsRead     Permission = "reports:read"
	PermReportsWrite    Permission = "reports:write"  // save a draft: submitters
	PermReportsSubmit   Permission = "reports:submit" // submitters
	PermReportsReview   Permission = "reports:review" // approve, return, adjust: reviewers
	PermReportsReopen   Permission = "reports:reopen" // reviewers
	PermDashboardRead   Permission = "dashboard:read"
	PermAuditRead       Permission = "audit:read"      // auditors, admins
	PermUsersManage     Permission = "users:manage"    // admins
	PermSettingsManage  Permission = "settings:manage" // admins
	PermMeRead          Permission = "me:read"         // everyone signed in
	PermAuthLogout      Permission = "auth:logout"     // everyone signed in

	// api-hardening
	PermMePassword Permission = "me:password" // everyone signed in: their own password
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
		{http.MethodPost, "/api/v1/auth/login", PermPublic, s.login},

		{http.MethodPost, "/api/v1/auth/logout", PermAuthLogout, s.logout},
		{http.MethodGet, "/api/v1/me", PermMeRead, s.getMe},
		{http.MethodGet, "/api/v1/audit", PermAuditRead, s.listAudit},
		{http.MethodGet, "/api/v1/users", PermUsersManage, s.listUsers},
		{http.MethodPost, "/api/v1/users", PermUsersManage, s.createUser},
		{http.MethodGet, "/api/v1/users/:username", PermUsersManage, s.getUser},
		{http.MethodPut, "/api/v1/users/:username", PermUsersManage, s.putUser},
		{http.MethodPut, "/api/v1/users/:username/roles", PermUsersManage, s.putUserRoles},
		{http.MethodPut, "/api/v1/users/:username/assignments", PermUsersManage, s.putUserAssignments},
		{http.MethodPut, "/api/v1/users/:username/password", PermUsersManage, s.putUserPassword},

		{http.MethodGet, "/api/v1/departments", PermDepartmentsRead, s.listDepartments},
		{http.MethodGet, "/api/v1/periods", PermPeriodsRead, s.listPeriods},
		{http.MethodGet, "/api/v1/projects", PermProjectsRead, s.listProjects},
		{http.MethodGet, "/api/v1/projects/:code", PermProjectsRead, s.getProject},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period", PermReportsRead, s.getReport},
		{http.MethodPut, "/api/v1/projects/:code/reports/:period", PermReportsWrite, s.putReport},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period/history", PermReportsRead, s.reportHistory},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/submit", PermReportsSubmit, s.submitReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/approve", PermReportsReview, s.approveReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/return", PermReportsReview, s.returnReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/reopen", PermReportsReopen, s.reopenReport},
		{http.MethodGet, "/api/v1/dashboard", PermDashboardRead, s.dashboard},

		// Issue 7 (api-reports): partial saves, the report list, preview.
		{http.MethodPatch, "/api/v1/projects/:code/reports/:period", PermReportsWrite, s.patchReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/preview", PermReportsRead, s.previewReport},
		{http.MethodGet, "/api/v1/reports", PermReportsRead, s.listReports},

		// api-hardening
		{http.MethodPut, "/api/v1/me/password", PermMePassword, s.putMyPassword},
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
