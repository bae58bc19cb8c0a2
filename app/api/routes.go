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

	// targets
	PermTargetsDraft   Permission = "targets:draft"          // create, copy, edit, submit: submitters
	PermTargetsReview  Permission = "targets:review"         // approve, return: reviewers
	PermChangesRequest Permission = "target_changes:request" // submitters
	PermChangesDecide  Permission = "target_changes:decide"  // approve, reject: reviewers

	// one's own password
	PermMePassword Permission = "me:password" // everyone signed in: their own password

	// Import and export of tables.
	PermTargetsImport Permission = "targets:import" // admins, reviewers (their departments)
	PermTablesExport  Permission = "tables:export"  // every reader, scoped to what they see
)

// Permissions of security.
const (
	// PermAuthStep: the steps of a sign-in after the password (second
	// factor, enrolment, forced password change); everyone signed in or
	// signing in.
	PermAuthStep Permission = "auth:step"
	// PermContactsRead: names, phones and e-mails, masked unless the caller
	// manages users; every role.
	PermContactsRead Permission = "contacts:read"
	// PermResetsRead: the requests to reset a password or second factor;
	// admins and auditors.
	PermResetsRead Permission = "account_resets:read"
	// PermResetsDecide: be the second person of such a reset (二人复核):
	// another admin or an auditor confirms or rejects it.
	PermResetsDecide Permission = "account_resets:decide"
)

// The permissions of the reporting season (rounds, to-dos, reminders,
// evidence, rectification, the report document).
const (
	PermRoundsRead        Permission = "rounds:read"           // everyone who reads reports
	PermRoundsManage      Permission = "rounds:manage"         // reviewers (their departments), admins
	PermTodosRead         Permission = "todos:read"            // everyone signed in
	PermNotificationsRead Permission = "notifications:read"    // everyone signed in
	PermNotificationsOwn  Permission = "notifications:manage"  // everyone signed in: mark read, own e-mail
	PermAttachmentsRead   Permission = "attachments:read"      // everyone who reads reports
	PermAttachmentsWrite  Permission = "attachments:write"     // submitters
	PermRectifyAnswer     Permission = "rectifications:answer" // submitters
	PermRectifyClose      Permission = "rectifications:close"  // reviewers
	PermReportsUrge       Permission = "reports:urge"          // reviewers (their departments), admins: 催办
)

// The permissions of the indicator library, the years of a project and
// 结果应用.
const (
	PermLibraryRead    Permission = "library:read"    // every reader: common entries, and the departments they see
	PermLibraryPropose Permission = "library:propose" // submitters, for their department
	PermLibraryDecide  Permission = "library:decide"  // reviewers of the department: accept or merge (部门指标确认)
	PermResultsRead    Permission = "results:read"    // reviewers, admins, auditors (scoped to what they see)
	PermResultsDecide  Permission = "results:decide"  // reviewers of the department: record the budget decision
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
		// The service itself: health, readiness, the OpenAPI document.
		{http.MethodGet, "/healthz", PermPublic, s.healthz},
		{http.MethodGet, "/readyz", PermPublic, s.readyz},
		{http.MethodGet, "/api/v1/openapi.json", PermPublic, s.openapi},

		// Signing in and out, its steps, and one's own account.
		{http.MethodPost, "/api/v1/auth/login", PermPublic, s.login},
		{http.MethodPost, "/api/v1/auth/logout", PermAuthLogout, s.logout},
		{http.MethodGet, "/api/v1/me", PermMeRead, s.getMe},
		{http.MethodPost, "/api/v1/auth/totp", PermAuthStep, s.totpStep},
		{http.MethodPost, "/api/v1/auth/totp/enrol", PermAuthStep, s.totpEnrol},
		{http.MethodPost, "/api/v1/auth/totp/enrol/confirm", PermAuthStep, s.totpEnrolConfirm},
		{http.MethodPost, "/api/v1/auth/password", PermAuthStep, s.passwordStep},
		{http.MethodGet, "/api/v1/me/security", PermMeRead, s.getMySecurity},
		{http.MethodPut, "/api/v1/me/password", PermMePassword, s.putMyPassword},
		{http.MethodPut, "/api/v1/me/email", PermNotificationsOwn, s.putMyEmail},

		// Users, their contacts and the resets of their passwords and second factors.
		{http.MethodGet, "/api/v1/users", PermUsersManage, s.listUsers},
		{http.MethodPost, "/api/v1/users", PermUsersManage, s.createUser},
		{http.MethodGet, "/api/v1/users/:username", PermUsersManage, s.getUser},
		{http.MethodPut, "/api/v1/users/:username", PermUsersManage, s.putUser},
		{http.MethodPut, "/api/v1/users/:username/roles", PermUsersManage, s.putUserRoles},
		{http.MethodPut, "/api/v1/users/:username/assignments", PermUsersManage, s.putUserAssignments},
		{http.MethodPut, "/api/v1/users/:username/password", PermUsersManage, s.putUserPassword},
		{http.MethodDelete, "/api/v1/users/:username/totp", PermUsersManage, s.resetTOTP},
		{http.MethodGet, "/api/v1/contacts", PermContactsRead, s.listContacts},
		{http.MethodGet, "/api/v1/account-resets", PermResetsRead, s.listResets},
		{http.MethodPost, "/api/v1/account-resets/:id/confirm", PermResetsDecide, s.confirmReset},
		{http.MethodPost, "/api/v1/account-resets/:id/reject", PermResetsDecide, s.rejectReset},

		// The audit trail.
		{http.MethodGet, "/api/v1/audit", PermAuditRead, s.listAudit},
		{http.MethodGet, "/api/v1/audit/verify", PermAuditRead, s.verifyAudit},
		{http.MethodGet, "/api/v1/audit/vocabulary", PermAuditRead, s.auditVocabulary},

		// Departments in their hierarchy, their reconciliation, years and documents.
		{http.MethodGet, "/api/v1/departments", PermDepartmentsRead, s.listDepartments},
		{http.MethodGet, "/api/v1/departments/:code/reconciliation", PermDepartmentsRead, s.reconciliation},
		{http.MethodGet, "/api/v1/departments/:code/reports/:period/document.docx", PermReportsRead, s.departmentDocument},
		{http.MethodGet, "/api/v1/departments/:code/years", PermProjectsRead, s.departmentYears},
		{http.MethodPost, "/api/v1/departments", PermDepartmentsManage, s.createDepartment},
		{http.MethodPut, "/api/v1/departments/:code", PermDepartmentsManage, s.putDepartment},

		// Periods: their rule profile and review levels; the rule profiles.
		{http.MethodGet, "/api/v1/periods", PermPeriodsRead, s.listPeriods},
		{http.MethodGet, "/api/v1/rule-profiles", PermPeriodsRead, s.listRuleProfiles},
		{http.MethodPost, "/api/v1/rule-profiles", PermSettingsManage, s.createRuleProfile},
		{http.MethodPut, "/api/v1/rule-profiles/:name/:version", PermSettingsManage, s.putRuleProfile},
		{http.MethodGet, "/api/v1/periods/:key/rule-profile", PermPeriodsRead, s.getPeriodRuleProfile},
		{http.MethodPut, "/api/v1/periods/:key/rule-profile", PermSettingsManage, s.putPeriodRuleProfile},
		{http.MethodPut, "/api/v1/periods/:key/review-levels", PermSettingsManage, s.putReviewLevels},

		// A project's report of a period: read, save, preview, the workflow, evidence, rectification, documents.
		{http.MethodGet, "/api/v1/projects/:code/reports/:period", PermReportsRead, s.getReport},
		{http.MethodPut, "/api/v1/projects/:code/reports/:period", PermReportsWrite, s.putReport},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period/history", PermReportsRead, s.reportHistory},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/submit", PermReportsSubmit, s.submitReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/approve", PermReportsReview, s.approveReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/return", PermReportsReview, s.returnReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/reopen", PermReportsReopen, s.reopenReport},
		{http.MethodPatch, "/api/v1/projects/:code/reports/:period", PermReportsWrite, s.patchReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/preview", PermReportsRead, s.previewReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/retarget", PermReportsWrite, s.retargetReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/urge", PermReportsUrge, s.urgeReport},
		{http.MethodPost, "/api/v1/projects/:code/reports/:period/attachments", PermAttachmentsWrite, s.uploadAttachment},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period/attachments", PermAttachmentsRead, s.listAttachments},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period/rectifications", PermReportsRead, s.listRectifications},
		{http.MethodGet, "/api/v1/projects/:code/reports/:period/document.docx", PermReportsRead, s.reportDocument},

		// Projects and their targets: drafts, review, versions, changes, years.
		{http.MethodGet, "/api/v1/projects", PermProjectsRead, s.listProjects},
		{http.MethodGet, "/api/v1/projects/:code", PermProjectsRead, s.getProject},
		{http.MethodPost, "/api/v1/projects", PermTargetsDraft, s.createProject},
		{http.MethodPut, "/api/v1/projects/:code", PermTargetsDraft, s.putProject},
		{http.MethodPost, "/api/v1/projects/:code/submit", PermTargetsDraft, s.submitProject},
		{http.MethodPost, "/api/v1/projects/:code/approve", PermTargetsReview, s.approveProject},
		{http.MethodPost, "/api/v1/projects/:code/return", PermTargetsReview, s.returnProject},
		{http.MethodGet, "/api/v1/projects/:code/review", PermProjectsRead, s.reviewProject},
		{http.MethodPost, "/api/v1/projects/review", PermProjectsRead, s.previewReview},
		{http.MethodGet, "/api/v1/projects/:code/transitions", PermProjectsRead, s.projectTransitions},
		{http.MethodGet, "/api/v1/projects/:code/versions", PermProjectsRead, s.projectVersions},
		{http.MethodPost, "/api/v1/projects/:code/target-changes", PermChangesRequest, s.requestTargetChange},
		{http.MethodGet, "/api/v1/projects/:code/target-changes", PermProjectsRead, s.listTargetChanges},
		{http.MethodGet, "/api/v1/target-changes", PermProjectsRead, s.targetChangeQueue},
		{http.MethodPost, "/api/v1/target-changes/:id/approve", PermChangesDecide, s.approveTargetChange},
		{http.MethodPost, "/api/v1/target-changes/:id/reject", PermChangesDecide, s.rejectTargetChange},
		{http.MethodGet, "/api/v1/projects/:code/years", PermProjectsRead, s.projectYears},

		// Reports across projects: the list, its CSV, batch review.
		{http.MethodGet, "/api/v1/reports", PermReportsRead, s.listReports},
		{http.MethodGet, "/api/v1/reports.csv", PermReportsRead, s.listReportsCSV},
		{http.MethodPost, "/api/v1/reports/batch", PermReportsReview, s.batchReview},

		// Evidence files and rectification items by id.
		{http.MethodGet, "/api/v1/attachments/:id", PermAttachmentsRead, s.downloadAttachment},
		{http.MethodDelete, "/api/v1/attachments/:id", PermAttachmentsWrite, s.deleteAttachment},
		{http.MethodPost, "/api/v1/rectifications/:id/answer", PermRectifyAnswer, s.answerRectification},
		{http.MethodPost, "/api/v1/rectifications/:id/close", PermRectifyClose, s.closeRectification},
		{http.MethodPost, "/api/v1/rectifications/:id/reopen", PermRectifyClose, s.reopenRectification},

		// Rounds, to-dos and notifications.
		{http.MethodPost, "/api/v1/rounds", PermRoundsManage, s.openRound},
		{http.MethodGet, "/api/v1/rounds", PermRoundsRead, s.listRounds},
		{http.MethodGet, "/api/v1/rounds/:id", PermRoundsRead, s.getRound},
		{http.MethodPost, "/api/v1/rounds/:id/extend", PermRoundsManage, s.extendRound},
		{http.MethodPost, "/api/v1/rounds/:id/close", PermRoundsManage, s.closeRound},
		{http.MethodPost, "/api/v1/rounds/:id/urge", PermRoundsManage, s.urgeRound},
		{http.MethodGet, "/api/v1/todos", PermTodosRead, s.listTodos},
		{http.MethodGet, "/api/v1/notifications", PermNotificationsRead, s.listNotifications},
		{http.MethodPost, "/api/v1/notifications/read", PermNotificationsOwn, s.markNotificationsRead},

		// The dashboard.
		{http.MethodGet, "/api/v1/dashboard", PermDashboardRead, s.dashboard},

		// The indicator library (指标库).
		{http.MethodGet, "/api/v1/indicator-library", PermLibraryRead, s.searchLibrary},
		{http.MethodPost, "/api/v1/indicator-library", PermLibraryPropose, s.proposeLibraryEntry},
		{http.MethodGet, "/api/v1/indicator-library/:id", PermLibraryRead, s.getLibraryEntry},
		{http.MethodPost, "/api/v1/indicator-library/:id/accept", PermLibraryDecide, s.acceptLibraryEntry},
		{http.MethodPost, "/api/v1/indicator-library/:id/merge", PermLibraryDecide, s.mergeLibraryEntry},

		// 结果应用: what a self-evaluation's grade means for next year's budget.
		{http.MethodGet, "/api/v1/results/:year", PermResultsRead, s.listResults},
		{http.MethodPut, "/api/v1/results/:year/:code", PermResultsDecide, s.putResult},
		{http.MethodGet, "/api/v1/exports/results.xlsx", PermResultsRead, s.exportResults},
		{http.MethodGet, "/api/v1/result-settings", PermResultsRead, s.getResultSettings},
		{http.MethodPut, "/api/v1/result-settings", PermSettingsManage, s.putResultSettings},

		// Tables in and out.
		{http.MethodPost, importPath, PermTargetsImport, s.importTargets},
		{http.MethodGet, "/api/v1/imports/targets-template.xlsx", PermTargetsImport, s.targetsTemplate},
		{http.MethodGet, "/api/v1/exports/targets.xlsx", PermTablesExport, s.exportTable("targets")},
		{http.MethodGet, "/api/v1/exports/monitoring.xlsx", PermTablesExport, s.exportTable("monitoring")},
		{http.MethodGet, "/api/v1/exports/self-evaluation.xlsx", PermTablesExport, s.exportTable("self-evaluation")},
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
