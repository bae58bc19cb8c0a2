// Generated from the OpenAPI document (app/api/openapi/*.json) by
// `npm run api-types` (make api-types): do not edit by hand.

export type paths = {
    "/api/v1/account-resets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The requests to reset a password or second factor (二人复核), newest first; status=pending lists those waiting for a second person. Requests unconfirmed for 24 hours lapse (expired). Each carries the actions the caller may take: confirm and reject (another admin or an auditor, neither the requester nor the account's holder), reject alone for the requester (withdraw). */
        get: operations["listResets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account-resets/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The second person confirms a reset: it applies (the password temporary, the sessions ended, the second factor removed), recorded as user.password or user.totp_reset with both persons, and the holder is notified. 403 second_person for the requester, 403 self_change for the holder, 409 wrong_state once decided or lapsed. */
        post: operations["confirmReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account-resets/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a reset request down (the second person), or withdraw it (the requester): nothing of the account changes; audited as user.reset_reject, the holder notified. */
        post: operations["rejectReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file (Content-Disposition: attachment, X-Content-Type-Options: nosniff); ?inline=1 previews a PDF or image inline under a sandboxing Content-Security-Policy. Audited. */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        /** Delete a file while its report is editable (409 otherwise). Audited. */
        delete: operations["deleteAttachment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first, paged */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Walk the audit hash chain (each row holds the SHA-256 of its content and of the row before) and name the first row that breaks it. Reads the whole trail: for occasional checks, not for polling. */
        get: operations["verifyAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/vocabulary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The actions and the kinds of object of the audit trail with their names: the choices of the audit page's filters */
        get: operations["auditVocabulary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: a bearer token for API clients, an HttpOnly SameSite=Strict session cookie (jixiao_session) plus a CSRF token for browsers. 5 failures within 15 minutes lock the username for 15 minutes (429 locked); attempts are counted under a lock on the username before any password is checked, 20 failures from one address within 15 minutes throttle it (429 throttled), and password hashing is bounded (429 busy). The reply is Cache-Control: no-store. When a second factor or a password change comes first, the 200 answer is instead a pending sign-in (schema SignInStep: next, pending_token, expires_at; no token, no cookie) whose token may only take that step (POST /api/v1/auth/totp, /auth/totp/enrol, /auth/password). A temporary password (one an administrator set) signs in once within 24 hours: a right one used before is 401 temporary_password_used, one past its day 401 temporary_password_expired. */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session server-side and clear the cookie */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password of a pending sign-in whose login answered next "password_change" (expired after JIXIAO_PASSWORD_MAX_AGE_DAYS, or set by an administrator or the CLI): the current password again (counts toward the lockout), a new one that meets the policy and is none of the last 5. Every other session of the user ends; the answer is the full sign-in with a new token. Call it with the pending token of the login answer as the bearer token (Authorization: Bearer <pending_token>); a pending sign-in may call only its next step and logout (403 totp_required, totp_enrol_required or password_change_required otherwise) and lapses 5 minutes after the password (401 pending_expired). */
        post: operations["passwordStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Second step of a sign-in whose login answered next "totp": a 6-digit TOTP code (RFC 6238, 30 s, SHA-1) of a step not used before, or one of the ten recovery codes (each once). A wrong or replayed code is 401 invalid_code and counts toward the lockout like a wrong password. The answer is a full sign-in (token, cookie, csrf_token) or the next pending step (password_change). Call it with the pending token of the login answer as the bearer token (Authorization: Bearer <pending_token>); a pending sign-in may call only its next step and logout (403 totp_required, totp_enrol_required or password_change_required otherwise) and lapses 5 minutes after the password (401 pending_expired). */
        post: operations["totpStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Begin enrolling a second factor: a new secret, shown this once as text, otpauth:// URL and QR code (PNG data URL), kept sealed (AES-256-GCM under JIXIAO_SECRET_KEY) until a first code confirms it. For a pending sign-in whose login answered next "totp_enrol" (a role that must use a second factor), or a signed-in user without one (409 totp_enrolled otherwise). 503 no_secret_key when the server has no key. Call it with the pending token of the login answer as the bearer token (Authorization: Bearer <pending_token>); a pending sign-in may call only its next step and logout (403 totp_required, totp_enrol_required or password_change_required otherwise) and lapses 5 minutes after the password (401 pending_expired). */
        post: operations["totpEnrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enrol/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm enrolment with the first code of the new secret: answers the ten one-time recovery codes (shown once; only their SHA-256 is kept) and, for a pending sign-in, its next step or the full sign-in. A wrong code is 422 naming code and counts toward the lockout. Call it with the pending token of the login answer as the bearer token (Authorization: Bearer <pending_token>); a pending sign-in may call only its next step and logout (403 totp_required, totp_enrol_required or password_change_required otherwise) and lapses 5 minutes after the password (401 pending_expired). */
        post: operations["totpEnrolConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every enabled user's name, phone and e-mail: in full for callers who manage users and for one's own entry, masked otherwise (张*明, 138****5678, z***@example.cn). */
        get: operations["listContacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A period at a glance: totals, execution rate vs time progress, counts by light, grade and status, and per project results (stored, never recomputed), one page of them (page, size; project_count counts them all). Any query parameter other than period, department, page and size is 400. The whole-province view (totals and page) may lag a save through another server by up to JIXIAO_DASHBOARD_CACHE_MS. */
        get: operations["dashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Departments the caller may see, by code: all of them, or those whose code or name holds q, at most size (a picker that searches on the server); any other query parameter is 400 */
        get: operations["listDepartments"];
        put?: never;
        /** Admins add a department, at the top (parent_code null) or under a parent, at most three levels (财政 → 主管部门 → 二级单位); audited */
        post: operations["createDepartment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Admins rename a department or move it under another parent (null: to the top). A move is audited (department.move) and refused with 409 wrong_state while reports, targets or target changes of the department or of a unit below it are in review; the levels below follow */
        put: operations["putDepartment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{code}/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Targets against the budget tables' project spending */
        get: operations["reconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{code}/reports/{period}/document.docx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One Word document for every project of a department the caller sees: a summary table, then each project's report. Audited. */
        get: operations["departmentDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{code}/years": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A department's projects by year, each followed across years by copied_from, with each year's annual self-evaluation grade */
        get: operations["getDepartmentYears"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/monitoring.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The monitoring table of a monitoring period, lights as cell colours */
        get: operations["exportMonitoringTable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/results.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 预算编制参考表: the year's results and decisions for the next budget, as a workbook; audited */
        get: operations["exportResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/self-evaluation.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The self-evaluation table of a year (national layout) */
        get: operations["exportSelfEvaluationTable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/targets.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The target table of a year in the disclosure's layout, with its merged cells */
        get: operations["exportTargetsTable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import target tables (.xlsx or .csv): disclosure layout, provincial 一体化 export, application form
         * @description One transaction: with any error the answer is 422 with every error (sheet, row, column, message) and nothing is stored. dry_run=true reads and checks without storing. Tables without weights are refused. Projects without codes get stable codes (code_assigned). Every import, dry run and refusal is audited.
         */
        post: operations["importTargets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/targets-template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An empty target table of a year (this year when none is asked): the headings and layout the importer reads, to fill in and import */
        get: operations["targetsTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicator-library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the indicator library by words of the name (ranked: the whole name, a name starting with the words, names holding every word, then trigram similarity), by levels, scope and department; a department's entries only for those who see it */
        get: operations["searchIndicatorLibrary"];
        put?: never;
        /** Propose a department entry (个性指标) for the department's reviewer to accept or merge (部门指标确认); submitters of the department; audited */
        post: operations["proposeIndicatorLibraryEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicator-library/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entry with where it is used and the targets and actuals it had */
        get: operations["getIndicatorLibraryEntry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicator-library/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a proposed entry; reviewers of its department; audited */
        post: operations["acceptIndicatorLibraryEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/indicator-library/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge a proposed entry into another of its department or the common set: its name stays searchable under that entry, and indicators filed under it move there; audited */
        post: operations["mergeIndicatorLibraryEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: roles, assignments and permissions */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Where the caller's reminders are mailed (when JIXIAO_SMTP_URL is set); "" for none. Audited. */
        put: operations["putMyEmail"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change one's own password with the current one. The current password counts toward the username's lockout like a login; every other session of the user ends, this one stays. */
        put: operations["putMyPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's second factor and password life: enrolled or not, whether their role requires it, recovery codes left, when the password was changed and when it expires. */
        get: operations["getMySecurity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's newest notifications (at most 100; ?unread=true for unread only) and the number unread. Reminders of open rounds: before and on the due date to the submitters, once overdue every few days also to the department's reviewers. */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the caller's notifications read: {ids:[…]} or {all:true} */
        post: operations["markNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reporting periods of a year; any other query parameter is 400 */
        get: operations["listPeriods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/periods/{key}/review-levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Admins make a period review a unit's reports and targets in two levels (主管部门, then 财政; the default) or one (the 主管部门's approval is final); audited */
        put: operations["putPeriodReviewLevels"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/periods/{key}/rule-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rule profile a period's reports are scored with (the default when none was chosen) and the latest rescore run with its progress. */
        get: operations["getPeriodRuleProfile"];
        /** Choose a period's rule profile (admins, audited). The period's reports that are not approved (drafts, submitted, returned) are rescored in the background: 202 with the run, whose progress GET shows; its end is audited with the counts. Approved reports keep their scores and profile until reopened. A profile not verified needs confirm_unverified (422 unverified otherwise); a run still going is 409 rescore_running. */
        put: operations["putPeriodRuleProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects the caller may see, a page at a time (the caller's own first, then by code), searched by part of a code or name; `assigned` marks those whose reports the caller fills, mine=true lists only those; total and budget_total count every match. Any other query parameter is 400. */
        get: operations["listProjects"];
        put?: never;
        /** Draft a project (new, or copied from last year's with its indicators) */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project with its indicators */
        get: operations["getProject"];
        /** Edit a draft or returned project's targets */
        put: operations["putProject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve (publish) submitted targets */
        post: operations["approveProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A report (project × period); never saved reads as an empty draft at version 0 */
        get: operations["getReport"];
        /** Replace the whole draft. The body names every indicator of the project exactly once (422 under `lines` naming the missing ones, `lines[i].indicator_id` for a repeated one) and carries the version read: 409 `stale_version` (current.version, current.updated_by) or `wrong_state` (current.status). Values wrong in themselves, or of the wrong JSON type, are 422, every one at once, and nothing is stored. */
        put: operations["putReport"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Save part of the draft: lines are merged by indicator_id; fields not sent keep their value, a field sent as null clears it; budget is optional. The same version check, validation and permission as PUT. */
        patch: operations["patchReport"];
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** submitted → approved, with optional score adjustments (each with a reason) */
        post: operations["approveReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The evidence files of a report, with who uploaded them and when */
        get: operations["listAttachments"];
        put?: never;
        /** Upload an evidence file (佐证材料) of a report the caller fills while it is editable: multipart field file, optional indicator_id or rectification_id. PDF, PNG, JPEG, DOCX, XLSX told by content; at most JIXIAO_ATTACHMENT_MAX_MB (20 MB, else 413). Audited. */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/document.docx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report as a Word document: 绩效自评报告 (annual) or 绩效监控情况 (monitoring) with basic facts, budget execution, the target table with values, scores and 得失分依据, deviations and measures, rectification items, total and grade. Audited. */
        get: operations["reportDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every saved version of the report with what changed
         * @description Pages from the newest: page 1 holds the newest `size` versions (50 by default, at most 500), oldest first within the page; the X-Total-Count header counts every version.
         */
        get: operations["reportHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate a PUT body (without `lines`: the stored inputs) and, for a reviewer of the project's department, `adjustments`, by the rules of a save; the answer has the report's shape and nothing is stored (no version, history or audit row). Any role that reads reports may preview; adjustments need a reviewer (403 otherwise). */
        post: operations["previewReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/rectifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rectification items of a report (set with approve or return, field rectifications) */
        get: operations["listRectifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** approved → returned; a reason is required */
        post: operations["reopenReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/retarget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a draft or returned report to the current targets and score it again */
        post: operations["retargetReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** submitted → returned; a comment is required */
        post: operations["returnReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** draft/returned → submitted (assigned submitters); 422 lists what still needs an explanation */
        post: operations["submitReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/reports/{period}/urge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Urge (催办) the submitters of a report still with them (draft or returned): told in the app and by mail, at most once a day per report (409 already_urged); audited as report.urge */
        post: operations["urgeReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return submitted targets with a comment */
        post: operations["returnProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The quality review of the targets */
        get: operations["reviewProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the targets for review */
        post: operations["submitProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/target-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's adjustment requests, newest first */
        get: operations["listTargetChanges"];
        put?: never;
        /** Request an adjustment of approved targets, as a submitter assigned to the project (403 not_assigned for another submitter of the department); the request keeps the target version it was filed against (base_version) */
        post: operations["requestTargetChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workflow steps of the targets */
        get: operations["projectTransitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the targets, oldest first */
        get: operations["projectVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{code}/years": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project and its copies across years (copied_from): per year its targets, actuals, line scores, total, grade and execution; indicators matched by copy_of and library_id */
        get: operations["getProjectYears"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review targets as typed, storing nothing (the target editor's findings beside each row)
         * @description The body of POST /api/v1/projects (with code when editing a stored draft, so it is not compared with itself). Answers the quality findings and what validation would refuse, by field.
         */
        post: operations["previewReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rectifications/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer an item (submitters assigned to the project; evidence goes up as an attachment with rectification_id) */
        post: operations["answerRectification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rectifications/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an answered item (reviewers of the department) */
        post: operations["closeRectification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rectifications/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an answered or closed item back to the submitters (reviewers of the department) */
        post: operations["reopenRectification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reports the caller may see, one row per project × period of the project's year, never-saved ones as drafts (with what blocks their submission). With status=submitted it is the reviewer's queue. Any other query parameter is 400. */
        get: operations["listReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report list of GET /api/v1/reports as a CSV file (UTF-8 with a byte order mark, Chinese headings): the same filters and order, every row (page and size, if sent, are ignored; at most 100,000; more is 400: filter by period or department). A report nobody saved says 未填报, with no score and no grade. Text beginning with = + - @ gets a leading apostrophe, so that no spreadsheet runs it. */
        get: operations["listReportsCSV"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or return up to 100 submitted reports, each on its own in its own transaction; a result per item (status, or error and error_code). Each is audited. */
        post: operations["batchReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/result-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 结果应用: what each grade proposes for next year's budget (action and percentage) */
        get: operations["getResultSettings"];
        /** 结果应用: set what each grade proposes, all four grades at once (admins); audited; recorded decisions keep what they were */
        put: operations["putResultSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/results/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 结果应用: each approved annual self-evaluation of the year with its grade, the budget action the grade proposes (settings) and the decision recorded */
        get: operations["listResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/results/{year}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record the finance bureau's decision on a project's result (a reviewer of its department); a decision other than the proposal needs a note; audited */
        put: operations["putResult"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rounds covering a department the caller sees, newest first */
        get: operations["listRounds"];
        put?: never;
        /** Open a round (任务下发): a period's reports for departments the caller manages, due on a date. An open round of the period already covering a department is 409. */
        post: operations["openRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rounds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A round with its progress (filled, submitted, approved, returned, overdue) */
        get: operations["getRound"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rounds/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an open round: its reports are no longer to-dos or reminded */
        post: operations["closeRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rounds/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an open round's due date later */
        post: operations["extendRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rounds/{id}/urge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Urge (催办) every report of an open round still with its submitters: each is told in the app and by mail, at most once a day per report; audited as report.urge */
        post: operations["urgeRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rule-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every stored rule profile version: national, the provincial variants shipped, the local one of JIXIAO_RULE_*, and those admins made; each with its settings and where each was read. */
        get: operations["listRuleProfiles"];
        put?: never;
        /** Store the next version of a profile (version 1 of a new name): how a profile is edited once a score used it. Settings left out take the national default. Audited. */
        post: operations["createRuleProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rule-profiles/{name}/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Edit a version nobody used yet; 409 profile_in_use for one shipped, chosen by a period or named by a stored score (make a new version instead). Audited. */
        put: operations["putRuleProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/target-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Adjustment requests of every project the caller sees (status=pending: the reviewer's queue) */
        get: operations["targetChangeQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/target-changes/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an adjustment: a new target version; draft reports move to it. A request filed against a target version that is no longer current (another adjustment was approved since) is 409 stale_version with error.current.version (the current target version) and sent_version (the request's base_version), and nothing is applied: reject it and file it again */
        post: operations["approveTargetChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/target-changes/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an adjustment with a comment */
        post: operations["rejectTargetChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/todos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What waits for the caller: as a submitter, reports of open rounds to fill or submit, returned reports, open rectification items; as a reviewer, submitted reports and rectification answers to close */
        get: operations["listTodos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user */
        get: operations["listUsers"];
        put?: never;
        /** Create a user (audited) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        /** Change the display name or disable/enable the account (audited); a disabled user's sessions stop at once Nobody changes their own roles, departments, projects or enabled state (403 self_change); the last enabled admin cannot be disabled or given another role (409 last_admin). Disabling a user ends every session of theirs. */
        put: operations["putUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the user's departments and projects (audited) Nobody changes their own roles, departments, projects or enabled state (403 self_change); the last enabled admin cannot be disabled or given another role (409 last_admin). */
        put: operations["putUserAssignments"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a new password (administrator's reset, audited). For a submitter it applies at once (200). For an admin, reviewer or auditor it is a request another admin or an auditor confirms (二人复核): 202 with the request, nothing changed until POST /api/v1/account-resets/{id}/confirm. Once applied the password is temporary (it signs in once, within 24 hours, and must then be changed), the user's sessions end and the user is notified. Not for one's own account (403 self_change): that is PUT /api/v1/me/password, with the current password. 409 reset_pending while a request waits. */
        put: operations["putUserPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the user's roles, and the assignments when given (audited); holds at every server's next request Nobody changes their own roles, departments, projects or enabled state (403 self_change); the last enabled admin cannot be disabled or given another role (409 last_admin). */
        put: operations["putUserRoles"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Reset a user's second factor (an administrator's help for a lost phone): the secret and recovery codes go, every session of the user ends, the user is notified and enrols again at the next sign-in. Audited as user.totp_reset. At once for a submitter (200); for an admin, reviewer or auditor a request another admin or an auditor confirms (202, 二人复核). Nobody resets their own (403 self_change). */
        delete: operations["resetTOTP"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database is reachable */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description A request to reset a user's password or second factor, waiting for (or decided by) a second person. */
        AccountReset: {
            actions: ("confirm" | "reject")[];
            comment: string;
            /** Format: date-time */
            decided_at: string | null;
            decided_by: string;
            display_name: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: int64 */
            id: number;
            /** @enum {string} */
            kind: "password" | "totp";
            /** Format: date-time */
            requested_at: string;
            requested_by: string;
            roles: string[];
            /** @enum {string} */
            status: "pending" | "confirmed" | "rejected" | "expired";
            username: string;
        };
        AccountResetList: {
            items: components["schemas"]["AccountReset"][];
            /** @description the page answered, from 1 */
            page: number;
            /** @description items per page */
            size: number;
            total: number;
        };
        /** @description A reviewer's score of one line in place of the computed one (审核调整), with the reason. */
        Adjustment: {
            indicator_id: number;
            reason: string;
            score: components["schemas"]["Decimal"];
        };
        Attachment: {
            content_type: string;
            id: number;
            indicator_id: number | null;
            link: string;
            name: string;
            rectification_id: number | null;
            sha256: string;
            size: number;
            /** Format: date-time */
            uploaded_at: string;
            uploaded_by: string;
        };
        AuditEntry: {
            action: string;
            /** @description the action in words, e.g. 审核通过 */
            action_name: string;
            actor: string;
            actor_id?: number;
            /** @description the actor's display name */
            actor_name: string;
            /** @description the object after the action (its fields as the action left them, or the list of its rows), or null */
            after: ({
                [key: string]: unknown;
            } | null) | unknown[];
            /** Format: date-time */
            at: string;
            /** @description the object before the action (its fields as the action found them, or the list of its rows), or null */
            before: ({
                [key: string]: unknown;
            } | null) | unknown[];
            /** @description what else the action recorded (by name, or as a list), or null */
            detail: ({
                [key: string]: unknown;
            } | null) | unknown[];
            id: number;
            ip: string;
            object_id: string;
            /** @description what the object is for people: a report as its project's name and period, a user by name */
            object_name: string;
            object_type: string;
            /** @description the kind of object in words, e.g. 报告 */
            object_type_name: string;
            status: number;
        };
        AuditList: {
            items: components["schemas"]["AuditEntry"][];
            total: number;
        };
        AuditVerification: {
            break: {
                id: number;
                reason: string;
                seq: number;
            } | null;
            /** @description hex SHA-256 of the last row */
            head_hash: string;
            /** @description the last row of the chain as the chain head records it */
            head_seq: number;
            intact: boolean;
            /** @description rows that hold before the break (all when intact) */
            rows: number;
        };
        BatchInput: {
            /** @enum {string} */
            action: "approve" | "return";
            comment?: string;
            items: {
                code?: string;
                period?: string;
            }[];
            /** @description rectification items (整改) issued with every report of the batch; items wrong in themselves refuse the whole batch (422) */
            rectifications?: components["schemas"]["RectificationDraft"][];
        };
        BatchResult: {
            items: {
                code: string;
                error?: string;
                error_code?: string;
                period: string;
                status?: string;
            }[];
        };
        /** @description 部门整体: the execution of one part of a department's whole budget (基本支出 basic, 项目支出 projects) */
        BudgetPart: {
            budget: components["schemas"]["Decimal"];
            executed: (string & components["schemas"]["Decimal"]) | null;
            /** @description 基本支出 or 项目支出 */
            label: string;
            /** @enum {string} */
            part: "basic" | "projects";
            projected: (string & components["schemas"]["Decimal"]) | null;
            /** @description executed ÷ budget, 4 places; null when nothing was executed */
            rate: (string & components["schemas"]["Decimal"]) | null;
        };
        /** @description 部门整体 reports only: the execution of 基本支出 (basic) or 项目支出 (projects); a PUT clears the parts it leaves out, a PATCH changes the fields sent */
        BudgetPartInput: {
            executed?: (string & components["schemas"]["Decimal"]) | null;
            /** @enum {string} */
            part: "basic" | "projects";
            projected?: (string & components["schemas"]["Decimal"]) | null;
        };
        Code: {
            /** @description 6-digit TOTP code, or a recovery code xxxx-xxxx-xxxx-xxxx */
            code: string;
        };
        Contacts: {
            items: {
                display_name: string;
                email: string;
                masked: boolean;
                phone: string;
                username: string;
            }[];
            /** @description the page answered, from 1 */
            page: number;
            /** @description users per page */
            size: number;
            /** @description every enabled user, on every page */
            total: number;
        };
        Dashboard: {
            /** @description the mean total of the reported reports (submitted or approved); drafts, returned reports and projects nobody filled are left out (see by_status) */
            average_score: (string & components["schemas"]["Decimal"]) | null;
            budget_total: components["schemas"]["Decimal"];
            /** @description reported reports (submitted or approved) by grade */
            by_grade: {
                [key: string]: number;
            };
            /** @description reported reports (submitted or approved) by project light */
            by_light: {
                [key: string]: number;
            };
            /** @description saved reports by status (draft, submitted, approved, returned) and, under unfilled, the projects whose report was never saved */
            by_status: {
                [key: string]: number;
            };
            /** @description the rows of departments before the bound of 100: more than listed means a province, whose departments are read through the department filter */
            department_count: number;
            /** @description one row per department at the top of what the caller sees (a 主管部门, or a department without parent), in code order, at most 100 (department_count counts them all), its totals rolled up from the units below it, which it folds (listed when the rows are at most 500; unit_count always) */
            departments: (components["schemas"]["DepartmentTotals"] & {
                unit_count: number;
                units: components["schemas"]["DepartmentTotals"][];
            })[];
            executed_total: components["schemas"]["Decimal"];
            execution_rate: (string & components["schemas"]["Decimal"]) | null;
            /** @description saved reports in view still scored with another profile (approved before the period's profile changed) */
            other_profile_reports: number;
            period: components["schemas"]["Period"];
            project_count: number;
            projects: {
                blocking: number;
                budget: components["schemas"]["Decimal"];
                /** @enum {string} */
                budget_light: "grey" | "blue" | "green" | "yellow" | "red";
                code: string;
                department: string;
                executed: (string & components["schemas"]["Decimal"]) | null;
                execution_rate: (string & components["schemas"]["Decimal"]) | null;
                grade: string;
                /** @enum {string} */
                light: "grey" | "blue" | "green" | "yellow" | "red";
                name: string;
                score: (string & components["schemas"]["Decimal"]) | null;
                status: string;
            }[];
            /** @description departments in view whose targets do not cover their project spending in the budget tables (only those with a non-zero difference) */
            reconciliation_gaps: components["schemas"]["Reconciliation"][];
            /** @description how many reports (submitted or approved) average_score, by_grade and by_light cover */
            reported_count: number;
            /** @description the rule profile the period's reports are scored with */
            rule_profile: {
                name: string;
                title: string;
                verified: boolean;
                version: number;
            };
            time_progress: components["schemas"]["Decimal"];
        };
        /** @description exact decimal as a string */
        Decimal: string;
        Department: {
            code: string;
            name: string;
        };
        DepartmentInput: {
            /** @description required when creating; when given on PUT it must be the path's */
            code?: string;
            name: string;
            parent_code?: string | null;
        };
        DepartmentNode: {
            code: string;
            level: number;
            name: string;
            /** @description the department above (its 主管部门, or the finance bureau); null at the top */
            parent_code: string | null;
        };
        /** @description a department's totals of a period (reports of its projects, from the dashboard rollups) */
        DepartmentTotals: {
            average_score: string | null;
            budget_total: string;
            code: string;
            executed_total: string;
            execution_rate: string | null;
            level: number;
            name: string;
            projects: number;
            reported_count: number;
        };
        DepartmentYears: {
            department: string;
            projects: {
                /** @description the latest year's code */
                code: string;
                name: string;
                /** @description one per year, in the order of years; null where the project has no copy that year */
                years: ({
                    grade: string | null;
                    project: {
                        code: string;
                        name: string;
                    };
                    report_status: string | null;
                    total: string | null;
                } | null)[];
            }[];
            years: number[];
        };
        Error: {
            error: {
                code: string;
                current?: components["schemas"]["ReportConflict"];
                /** @description field path → problem */
                fields?: {
                    [key: string]: string;
                };
                /** @description Chinese, for people */
                message: string;
            };
        };
        Finding: {
            indicator?: string;
            /** @description null: the project as a whole */
            indicator_id: number | null;
            /** @description why, in Chinese */
            message: string;
            /** @enum {string} */
            rule: "cost_missing" | "quantity_missing" | "quality_missing" | "timeliness_missing" | "frequency_low" | "deadline_restates_year" | "similar_text" | "qualitative_weight" | "satisfaction_weight" | "rate_full_target" | "name_copies_goal";
            /** @enum {string} */
            severity: "high" | "medium" | "low";
            /** @description e.g. 财预〔2021〕101号 */
            source: string;
        };
        ImportIndicator: {
            kind: string;
            level1: string;
            level2: string;
            name: string;
            nature: string;
            target: string;
            unit: string;
            weight: string;
        };
        ImportProblem: {
            /** @description column letter, e.g. E; empty for a whole row */
            column: string;
            message: string;
            /** @description from 1; 0 for the file */
            row: number;
            sheet: string;
        };
        ImportProject: {
            /** @description 万元, exact (up to 6 decimals) */
            budget: string;
            category: string;
            code: string;
            code_assigned: boolean;
            department: components["schemas"]["Department"];
            execution_weight: string;
            goal: string;
            indicators: components["schemas"]["ImportIndicator"][];
            name: string;
            row: number;
            sheet: string;
            year: number;
        };
        ImportResult: {
            /** @description units the import creates (a dry run: would create) under the 主管部门 the table names beside them (a 主管部门 / 主管部门编码 column next to 单位名称) */
            created_departments: {
                code: string;
                level: number;
                name: string;
                parent_code: string;
            }[];
            departments: components["schemas"]["Department"][];
            dry_run: boolean;
            /** @description why nothing was stored, when the whole file was refused */
            error?: {
                code: string;
                current?: components["schemas"]["ReportConflict"];
                /** @description field path → problem */
                fields?: {
                    [key: string]: string;
                };
                /** @description Chinese, for people */
                message: string;
            };
            errors: components["schemas"]["ImportProblem"][];
            ok: boolean;
            projects: components["schemas"]["ImportProject"][];
            stored: boolean;
            /** @description projects with reports whose targets the file repeats exactly */
            unchanged: string[];
            year: number;
        };
        Indicator: {
            /** @enum {string} */
            accrual?: "cumulative" | "level";
            /** @description the indicator of last year's project this one was copied from */
            copy_of?: number;
            /** Format: date */
            deadline?: string;
            id: number;
            /** @enum {string} */
            kind: "higher" | "lower" | "equal" | "deadline" | "qualitative";
            /** @description the same indicator last year (GET of one project) */
            last_year?: components["schemas"]["LineLastYear"] | null;
            level1: string;
            level2: string;
            /** @description the indicator library entry the indicator is filed under */
            library_id?: number;
            name: string;
            /** @enum {string} */
            nature: ">=" | ">" | "<=" | "<" | "=" | "qualitative";
            target: string;
            unit: string;
            /**
             * @description 指标值依据 (财预〔2021〕101号); empty when not stated
             * @enum {string}
             */
            value_basis: "" | "计划标准" | "行业标准" | "历史标准" | "其他标准";
            weight: components["schemas"]["Decimal"];
        };
        IndicatorInput: {
            /** @enum {string} */
            accrual?: "" | "cumulative" | "level";
            /** @description kept only when it names an indicator of the project the draft was copied from */
            copy_of?: number;
            level1: string;
            level2: string;
            /** @description the indicator library entry inserted (0 or absent: none) */
            library_id?: number;
            name: string;
            /** @description >=, >, <=, <, =, qualitative (also ≥, ≤, 定性) */
            nature: string;
            target: string;
            unit?: string;
            /**
             * @description 指标值依据 (财预〔2021〕101号); empty when not stated
             * @enum {string}
             */
            value_basis?: "" | "计划标准" | "行业标准" | "历史标准" | "其他标准";
            weight: components["schemas"]["Decimal"];
        };
        /** @description An entry of the indicator library (指标库): common (共性, shipped with its source) or a department's (个性). */
        LibraryEntry: {
            /** @description names of entries merged into this one, searched like the name */
            aliases: string[];
            /** Format: date-time */
            decided_at?: string;
            decided_by?: string;
            /** @description the department's code; null for common entries */
            department: string | null;
            department_name?: string;
            guidance: string;
            id: number;
            level1: string;
            level2: string;
            merged_into: number | null;
            name: string;
            /** @enum {string} */
            nature: "" | ">=" | ">" | "<=" | "<" | "=" | "qualitative";
            /** Format: date-time */
            proposed_at?: string;
            proposed_by?: string;
            /** @enum {string} */
            scope: "common" | "department";
            /** @description the document (number and title) or the approved target set it comes from */
            source: string;
            /** @enum {string} */
            status: "proposed" | "accepted" | "merged";
            unit: string;
            /** @description indicators filed under it that the caller sees */
            uses: number;
            /** @enum {string} */
            value_basis: "" | "计划标准" | "行业标准" | "历史标准" | "其他标准";
        };
        LibraryProposal: {
            /** @description defaults to the caller's */
            department?: string;
            guidance?: string;
            level1: string;
            level2: string;
            name: string;
            nature?: string;
            unit?: string;
            /** @enum {string} */
            value_basis?: "" | "计划标准" | "行业标准" | "历史标准" | "其他标准";
        };
        LibraryUse: {
            actual: string | null;
            indicator_id: number;
            project: {
                code: string;
                name: string;
            };
            score: string | null;
            status: string;
            target: string;
            unit: string;
            year: number;
        };
        LineInput: {
            /** @enum {string} */
            band?: "" | "achieved" | "partly" | "not_achieved";
            /** Format: date */
            completed_on?: string;
            deviation_causes?: ("funding" | "rules" | "staffing" | "equipment" | "other")[];
            explanation?: string;
            indicator_id: number;
            /** @enum {string} */
            likelihood?: "" | "certain" | "possible" | "impossible";
            measures?: string;
            not_applicable?: boolean;
            not_applicable_reason?: string;
            projected?: (string & components["schemas"]["Decimal"]) | null;
            score_input?: (string & components["schemas"]["Decimal"]) | null;
            value?: (string & components["schemas"]["Decimal"]) | null;
        };
        /** @description the same indicator last year: its target, and its actual and score in that year's annual self-evaluation (null until filled) */
        LineLastYear: {
            actual: string | null;
            indicator_id: number;
            project: {
                code: string;
                name: string;
            };
            score: string | null;
            /** @description last year's annual report's status */
            status: string | null;
            target: string;
            unit: string;
            /** @enum {string} */
            via: "copy" | "library";
            year: number;
        };
        /** @description A line of a PATCH: indicator_id and only the fields to change. */
        LinePatchInput: {
            /** @enum {string} */
            band?: "" | "achieved" | "partly" | "not_achieved";
            /** Format: date */
            completed_on?: string;
            deviation_causes?: ("funding" | "rules" | "staffing" | "equipment" | "other")[];
            explanation?: string;
            indicator_id: number;
            /** @enum {string} */
            likelihood?: "" | "certain" | "possible" | "impossible";
            measures?: string;
            not_applicable?: boolean;
            not_applicable_reason?: string;
            projected?: (string & components["schemas"]["Decimal"]) | null;
            score_input?: (string & components["schemas"]["Decimal"]) | null;
            value?: (string & components["schemas"]["Decimal"]) | null;
        };
        LinePrevious: {
            light: string;
            period: string;
            status: string;
            value: string | null;
        };
        LoginRequest: {
            /** Format: password */
            password: string;
            username: string;
        };
        Me: {
            /** @description a submitter's own department; empty for other roles */
            department: string;
            /** @description the submitter's department or the departments a reviewer reviews */
            departments: string[];
            display_name: string;
            id: number;
            /** @description object:action, e.g. reports:submit */
            permissions: string[];
            /** @description projects a submitter is assigned to */
            projects: string[];
            roles: components["schemas"]["Role"][];
            username: string;
        };
        MeWithProjects: components["schemas"]["Me"] & {
            /** @description the projects whose reports the caller fills */
            assigned_projects: components["schemas"]["ProjectSummary"][];
        };
        MySecurity: {
            must_change_password: boolean;
            /** Format: date-time */
            password_changed_at: string;
            /**
             * Format: date-time
             * @description null when passwords do not expire
             */
            password_expires_at: string | null;
            recovery_codes_left: number;
            /** @description where the caller's notifications are mailed, "" for none (PUT /api/v1/me/email sets it) */
            reminder_email: string;
            totp_enrolled: boolean;
            totp_required: boolean;
        };
        Named: {
            code: string;
            name: string;
        };
        NewUser: {
            /** @description a submitter's one department, or the departments a reviewer reviews */
            departments?: string[];
            display_name?: string;
            email?: string;
            /**
             * Format: password
             * @description at least 8 characters from three of: lower case, upper case, digits, others
             */
            password: string;
            phone?: string;
            /** @description a submitter's projects, of their department */
            projects?: string[];
            /** @description one role: roles do not combine (separation of duties) */
            roles: components["schemas"]["Role"][];
            username: string;
        };
        Notification: {
            body: string;
            /** Format: date-time */
            created_at: string;
            id: number;
            /** @description reminder_before, reminder_due, reminder_overdue (reminders of open rounds), rectification (a new rectification item of a report you fill) */
            kind: string;
            link: string;
            /** Format: date-time */
            read_at: string | null;
            title: string;
        };
        OwnPasswordRequest: {
            /** Format: password */
            current: string;
            /**
             * Format: password
             * @description 8 characters or more from three of: lower case, upper case, digits, others
             */
            new: string;
        };
        PasswordChange: {
            current: string;
            new: string;
        };
        Period: {
            cutoff_month: number;
            key: string;
            /** @enum {string} */
            kind: "monitor" | "final";
            /**
             * @description 2: the 主管部门 reviews a unit's reports first, then the finance bureau; 1: the 主管部门's approval is final
             * @enum {integer}
             */
            review_levels: 1 | 2;
            year: number;
        };
        PeriodRuleProfile: {
            chosen: boolean;
            period: string;
            profile: components["schemas"]["RuleProfile"];
            rescore: components["schemas"]["RescoreRun"] | null;
        };
        Project: components["schemas"]["ProjectSummary"] & {
            execution_weight: components["schemas"]["Decimal"];
            goal: string;
            indicator_weight: components["schemas"]["Decimal"];
            indicators: components["schemas"]["Indicator"][];
        };
        /** @description A new draft (code, year, name, category, budget, goal, indicators; department defaults to the caller's), or a copy: {copy_from, year[, code]}. PUT also carries version. */
        ProjectInput: {
            budget?: components["schemas"]["Decimal"];
            category?: string;
            code?: string;
            /** @description code of the project to copy with all its indicators */
            copy_from?: string;
            department?: string;
            execution_weight?: components["schemas"]["Decimal"];
            goal?: string;
            indicators?: components["schemas"]["IndicatorInput"][];
            name?: string;
            /** @description PUT: the version read (409 stale_version otherwise) */
            version?: number;
            year?: number;
        };
        ProjectList: {
            budget_total: components["schemas"]["Decimal"];
            items: components["schemas"]["ProjectSummary"][];
            page: number;
            size: number;
            /** @description every project that matches, on every page */
            total: number;
        };
        ProjectSummary: {
            /** @description the caller fills this project's reports */
            assigned: boolean;
            budget: components["schemas"]["Decimal"];
            /** @description 基本支出 of a department as a whole (万元); null for a project */
            budget_basic: string | null;
            /** @description 项目支出 of a department as a whole (万元); null for a project */
            budget_projects: string | null;
            category: string;
            code: string;
            department: components["schemas"]["Department"];
            indicator_count: number;
            /**
             * @description department: the department as a whole (部门整体支出绩效), whose budget is its whole budget
             * @enum {string}
             */
            kind: "project" | "department";
            name: string;
            /**
             * @description the targets' status
             * @enum {string}
             */
            status: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            year: number;
        };
        ProjectTransition: {
            action: string;
            actor: string;
            /** Format: date-time */
            at: string;
            comment: string;
            /** @description the findings an approval went past, kept with its reason */
            findings: components["schemas"]["Finding"][];
            from: string;
            /**
             * @description the review level of an approve or return: 1 the 主管部门, 2 the finance bureau; 0 the submitter's steps
             * @enum {integer}
             */
            level: 0 | 1 | 2;
            to: string;
        };
        ProjectYears: {
            code: string;
            indicators: {
                /** @enum {string} */
                kind: "higher" | "lower" | "equal" | "deadline" | "qualitative";
                level1: string;
                level2: string;
                library_id?: number;
                name: string;
                nature: string;
                /** @description one per year, in the order of years; null where the year lacks the indicator */
                values: ({
                    actual: string | null;
                    indicator_id: number;
                    score: string | null;
                    target: string;
                    unit: string;
                } | null)[];
            }[];
            name: string;
            years: {
                budget: components["schemas"]["Decimal"];
                /** @description a share: 0.95 is 95% */
                execution_rate: string | null;
                grade: string | null;
                project: {
                    code: string;
                    name: string;
                };
                report_status: string | null;
                target_status: string;
                total: string | null;
                year: number;
            }[];
        };
        Reconciliation: {
            budget_total: (string & components["schemas"]["Decimal"]) | null;
            department: components["schemas"]["Department"];
            difference: (string & components["schemas"]["Decimal"]) | null;
            /** @description the department's overall budget (部门整体, <department>-ZT<year>) against the projects' targets: difference is its 项目支出 less targets_total (3.00 for 003001 in 2024); null when the department has no overall project */
            overall: {
                budget: string;
                budget_basic: string;
                budget_projects: string;
                code: string;
                difference: string;
            } | null;
            projects: number;
            spending: {
                amount: components["schemas"]["Decimal"];
                name: string;
                subject: string;
            }[];
            targets_total: components["schemas"]["Decimal"];
            year: number;
        };
        Rectification: {
            answer: string;
            /** Format: date-time */
            answered_at?: string;
            answered_by?: string;
            /** Format: date-time */
            closed_at?: string;
            closed_by?: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            /** Format: date */
            due: string | null;
            id: number;
            overdue: boolean;
            period: string;
            project: string;
            /** @enum {string} */
            status: "open" | "answered" | "closed";
            status_label: string;
            text: string;
        };
        /** @description A rectification item (整改) as a reviewer writes it: the optional field rectifications:[RectificationDraft] of the approve and return bodies (at most 20). */
        RectificationDraft: {
            /** Format: date */
            due?: string;
            text: string;
        };
        Report: {
            /** @description the workflow actions this caller may take now: role permission × assignment × state; urge (催办) for a reviewer of the department or an admin while the report is with its submitters; retarget when the targets were adjusted after a draft or returned report was filled */
            actions: ("submit" | "approve" | "return" | "reopen" | "urge" | "retarget")[];
            blocking: {
                field: string;
                indicator_id?: number;
                message: string;
            }[];
            budget: {
                adjusted: (string & components["schemas"]["Decimal"]) | null;
                base: components["schemas"]["Decimal"];
                /** @description 预警依据: why the budget's light, in a sentence (the execution rate against the time progress, or a rule profile's fixed checkpoint) */
                basis: string;
                budget: components["schemas"]["Decimal"];
                executed: (string & components["schemas"]["Decimal"]) | null;
                /** @enum {string} */
                light: "grey" | "blue" | "green" | "yellow" | "red";
                missing: string[];
                needs_reason: boolean;
                /** @description reports of a department-kind project (部门整体) only: 基本支出 then 项目支出; absent on other reports */
                parts?: components["schemas"]["BudgetPart"][];
                projected: (string & components["schemas"]["Decimal"]) | null;
                rate: (string & components["schemas"]["Decimal"]) | null;
                reason: string;
            };
            /** @description the project's version of its targets now: greater than target_version when they were adjusted after the report was filled (the report is still read against its own; a draft or returned report may be moved with POST …/retarget) */
            current_target_version: number;
            /** @description whether this caller may save the report now (an assigned submitter, a draft or returned report) */
            editable: boolean;
            execution_weight: components["schemas"]["Decimal"];
            /** @description the targets of target_version, in the order of lines: what every view of the report (page, export, document, print) shows */
            indicators: components["schemas"]["Indicator"][];
            /** @enum {string} */
            light: "grey" | "blue" | "green" | "yellow" | "red";
            lines: components["schemas"]["ReportLine"][];
            period: string;
            /** @enum {string} */
            period_kind: "monitor" | "final";
            project_code: string;
            /** @description the rule profile (name and version) the stored evaluation was scored with */
            rule_profile: components["schemas"]["RuleProfileRef"];
            saved: boolean;
            score: components["schemas"]["Score"];
            /** @enum {string} */
            status: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            status_label: string;
            /** @description the version of the project's targets the report is filled and scored against; it keeps it when the targets are adjusted later */
            target_version: number;
            time_progress: components["schemas"]["Decimal"];
            transitions: {
                action: string;
                actor: string;
                /** @description the actor's display name */
                actor_name: string;
                /** Format: date-time */
                at: string;
                comment: string;
                from: string;
                /**
                 * @description the review level: 1 the 主管部门 (supervisor), 2 the finance bureau (reviewer), 0 the submitter's steps
                 * @enum {integer}
                 */
                level: 0 | 1 | 2;
                to: string;
            }[];
            /** Format: date-time */
            updated_at: string | null;
            updated_by: string;
            /** @description the display name of updated_by */
            updated_by_name: string;
            version: number;
            /** @description project-level warnings of the rule profile's variants (completion–execution gap, self-evaluation warnings); their lights count towards the project's */
            warnings: {
                basis: string;
                light: string;
                rule: string;
            }[];
        };
        /** @description `error.current` of a 409: the thing as it stands (a report's or a target's version, who changed it and when; or the state that refused the action) */
        ReportConflict: {
            sent_version?: number;
            /** @enum {string} */
            status?: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            /** Format: date-time */
            updated_at?: string;
            updated_by?: string;
            version?: number;
        };
        /** @description The body of PUT: every indicator exactly once. Decimals are JSON strings ("95.5"); a JSON number, an exponent form, "-0", NaN or Infinity is 422. */
        ReportInput: {
            budget?: {
                adjusted?: (string & components["schemas"]["Decimal"]) | null;
                executed?: (string & components["schemas"]["Decimal"]) | null;
                parts?: components["schemas"]["BudgetPartInput"][];
                projected?: (string & components["schemas"]["Decimal"]) | null;
                reason?: string;
            };
            lines: components["schemas"]["LineInput"][];
            version: number;
        };
        /** @description A line of a report as the server answers it: what was typed (the fields of LineInput, every one present) and what the rules made of it. */
        ReportLine: {
            /** @enum {string} */
            band: "" | "achieved" | "partly" | "not_achieved";
            /** @description 得失分依据 (Chinese) */
            basis: string;
            /** Format: date */
            completed_on: string;
            deviation_causes: ("funding" | "rules" | "staffing" | "equipment" | "other")[];
            explanation: string;
            indicator_id: number;
            /** @description the same indicator last year (through copy_of or library_id); null when none */
            last_year: components["schemas"]["LineLastYear"] | null;
            /** @enum {string} */
            light: "grey" | "blue" | "green" | "yellow" | "red";
            /** @description 预警依据: why the light, e.g. 截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯 */
            light_basis: string;
            /** @enum {string} */
            likelihood: "" | "certain" | "possible" | "impossible";
            measures: string;
            missing: string[];
            needs_explanation: boolean;
            not_applicable: boolean;
            not_applicable_reason: string;
            /** @description the same indicator in the previous monitoring period of the year; null when none */
            previous: components["schemas"]["LinePrevious"] | null;
            projected: (string & components["schemas"]["Decimal"]) | null;
            /** @description the scoring rule's code (higher.full …); pages show rule_name */
            rule: string;
            /** @description the scoring rule in words, e.g. 正向指标：达到目标值，得满分 */
            rule_name: string;
            score: components["schemas"]["Decimal"];
            score_input: (string & components["schemas"]["Decimal"]) | null;
            value: (string & components["schemas"]["Decimal"]) | null;
        };
        ReportList: {
            items: components["schemas"]["ReportListItem"][];
            page: number;
            size: number;
            total: number;
        };
        ReportListItem: {
            /** @description how many problems block submission */
            blocking: number;
            execution_rate: (string & components["schemas"]["Decimal"]) | null;
            grade: string;
            /** @enum {string} */
            light: "grey" | "blue" | "green" | "yellow" | "red";
            period: string;
            /** @enum {string} */
            period_kind: "monitor" | "final";
            project: {
                code: string;
                department: components["schemas"]["Department"];
                name: string;
            };
            /** @description who sent a returned report back, when and why; null in every other state */
            returned: {
                /** Format: date-time */
                at: string;
                by: string;
                by_name: string;
                comment: string;
            } | null;
            saved: boolean;
            score: (string & components["schemas"]["Decimal"]) | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            status_label: string;
            /** Format: date-time */
            updated_at: string | null;
            updated_by: string;
            /** @description the display name of updated_by */
            updated_by_name: string;
            version: number;
        };
        ReportPatchInput: {
            budget?: {
                adjusted?: (string & components["schemas"]["Decimal"]) | null;
                executed?: (string & components["schemas"]["Decimal"]) | null;
                parts?: components["schemas"]["BudgetPartInput"][];
                projected?: (string & components["schemas"]["Decimal"]) | null;
                reason?: string;
            };
            lines?: components["schemas"]["LinePatchInput"][];
            version: number;
        };
        ReportPreviewInput: {
            adjustments?: components["schemas"]["Adjustment"][];
            budget?: {
                adjusted?: (string & components["schemas"]["Decimal"]) | null;
                executed?: (string & components["schemas"]["Decimal"]) | null;
                parts?: components["schemas"]["BudgetPartInput"][];
                projected?: (string & components["schemas"]["Decimal"]) | null;
                reason?: string;
            };
            /** @description every indicator exactly once; left out: the stored lines */
            lines?: components["schemas"]["LineInput"][];
            /** @description optional: a preview checks no version */
            version?: number;
        };
        ReportVersion: {
            action: string;
            changes: {
                [key: string]: {
                    from: unknown;
                    to: unknown;
                };
            };
            report: Record<string, never>;
            /** Format: date-time */
            saved_at: string;
            saved_by: string;
            version: number;
        };
        RescoreRun: {
            actor: string;
            approved_kept: number;
            changed: number;
            done: number;
            error: string;
            finished_at: string | null;
            from: components["schemas"]["RuleProfileRef"] | null;
            id: number;
            started_at: string;
            to: components["schemas"]["RuleProfileRef"];
            /** @description reports to rescore (not approved) */
            total: number;
        };
        ResultAction: {
            /**
             * @description priority 优先保障, maintain 保障, reduce 压减, cancel 取消或大幅压减
             * @enum {string}
             */
            action: "priority" | "maintain" | "reduce" | "cancel";
            action_label: string;
            /** @description the budget change in percent, two decimals (-15.00) */
            percent: string;
        };
        ResultDecisionInput: {
            /**
             * @description priority 优先保障, maintain 保障, reduce 压减, cancel 取消或大幅压减
             * @enum {string}
             */
            action: "priority" | "maintain" | "reduce" | "cancel";
            /** @description required when the decision differs from the proposal */
            note?: string;
            percent: components["schemas"]["Decimal"];
        };
        ResultRow: {
            actions: "decide"[];
            budget: components["schemas"]["Decimal"];
            decided: (components["schemas"]["ResultAction"] & {
                /** Format: date-time */
                decided_at: string;
                decided_by: string;
                note: string;
            }) | null;
            department: {
                code: string;
                name: string;
            };
            /** @enum {string} */
            grade: "优" | "良" | "中" | "差";
            note: string;
            project: {
                code: string;
                name: string;
            };
            /** @description what the grade proposes (settings per grade) */
            proposed: components["schemas"]["ResultAction"] | null;
            total: components["schemas"]["Decimal"];
            /** @description only in a target draft's last_result */
            year?: number;
        };
        ResultSetting: {
            /**
             * @description priority 优先保障, maintain 保障, reduce 压减, cancel 取消或大幅压减
             * @enum {string}
             */
            action: "priority" | "maintain" | "reduce" | "cancel";
            action_label: string;
            grade: string;
            percent: string;
        };
        Review: {
            findings: components["schemas"]["Finding"][];
        };
        /** @enum {string} */
        Role: "submitter" | "reviewer" | "supervisor" | "admin" | "auditor";
        Round: {
            /** Format: date-time */
            closed_at?: string;
            closed_by?: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            departments: string[];
            /** Format: date */
            due: string;
            id: number;
            note: string;
            overdue?: boolean;
            period: string;
            progress?: {
                approved: number;
                filled: number;
                overdue: number;
                returned: number;
                submitted: number;
                total: number;
            };
            /** @enum {string} */
            status: "open" | "closed";
        };
        RoundInput: {
            departments: string[];
            /** Format: date */
            due: string;
            note?: string;
            period: string;
        };
        RuleProfile: {
            created_at: string;
            created_by: string;
            name: string;
            /** @description every setting by key (reverse_method, overshoot_explain, grade_bands, light_thresholds, budget_light_thresholds, execution_reason_below, qualitative_bands, cutoff_month, execution_caps, deviation_deduction, execution_checkpoints, completion_gap, self_evaluation_warning); none turns a variant off */
            settings: {
                [key: string]: string;
            };
            shipped: boolean;
            /** @description the document the profile comes from */
            source: string;
            /** @description where single settings were read; a key left out comes from source */
            sources: {
                [key: string]: string;
            };
            title: string;
            /** @description shipped, chosen by a period or scored with: never edited */
            used: boolean;
            /** @description whether that document was read; choosing an unverified profile needs a confirmation */
            verified: boolean;
            version: number;
        };
        RuleProfileInput: {
            name: string;
            settings?: {
                [key: string]: string;
            };
            source: string;
            sources?: {
                [key: string]: string;
            };
            title: string;
            verified?: boolean;
        };
        RuleProfileRef: {
            name: string;
            version: number;
        };
        Score: {
            applicable_weight: components["schemas"]["Decimal"];
            basis: string;
            computed_total: components["schemas"]["Decimal"];
            /** @description what the rule profile's variants did to the total (an execution cap): rule, total before and after, and the sentence citing the source */
            effects: {
                after: string;
                basis: string;
                before: string;
                rule: string;
            }[];
            execution: {
                basis: string;
                rate: (string & components["schemas"]["Decimal"]) | null;
                rule: string;
                /** @description the rule in words */
                rule_name: string;
                score: components["schemas"]["Decimal"];
            };
            /** @enum {string} */
            grade: "优" | "良" | "中" | "差";
            indicator_sum: components["schemas"]["Decimal"];
            indicator_weight: components["schemas"]["Decimal"];
            lines: components["schemas"]["ScoreLine"][];
            projected: boolean;
            total: components["schemas"]["Decimal"];
        };
        ScoreLine: {
            adjusted: (string & components["schemas"]["Decimal"]) | null;
            /** @enum {string} */
            band: "" | "achieved" | "partly" | "not_achieved";
            /** @description 得失分依据 (Chinese) */
            basis: string;
            computed: components["schemas"]["Decimal"];
            indicator_id: number;
            kind: string;
            not_applicable: boolean;
            overshoot: boolean;
            reason: string;
            rule: string;
            /** @description the rule in words */
            rule_name: string;
            score: components["schemas"]["Decimal"];
            target: string;
            value: string;
            weight: components["schemas"]["Decimal"];
        };
        /** @description Either a pending sign-in (next is totp, totp_enrol or password_change, with pending_token and expires_at) or a full sign-in (next "" or, from the login, absent) with token, user, csrf_header and csrf_token. */
        SignInStep: {
            csrf_header?: string;
            csrf_token?: string;
            /** Format: date-time */
            expires_at?: string;
            /** @enum {string} */
            next?: "" | "totp" | "totp_enrol" | "password_change";
            /** @description bearer token that may only take the next step */
            pending_token?: string;
            /** @description after enrolment only, shown once */
            recovery_codes?: string[];
            token?: string;
            user?: components["schemas"]["Me"];
        };
        TargetChange: {
            base_version: number;
            comment: string;
            /** Format: date-time */
            decided_at: string | null;
            decided_by: string;
            endorse_comment: string;
            /** Format: date-time */
            endorsed_at: string | null;
            /** @description who agreed at the 主管部门 (the first of two levels); empty when nobody did */
            endorsed_by: string;
            id: number;
            items: components["schemas"]["TargetChangeItem"][];
            project: string;
            reason: string;
            /** Format: date-time */
            requested_at: string;
            requested_by: string;
            result_version: number | null;
            /** @enum {string} */
            status: "pending" | "endorsed" | "approved" | "rejected";
        };
        TargetChangeItem: {
            indicator?: components["schemas"]["IndicatorInput"];
            indicator_id?: number;
            /** @enum {string} */
            op: "change" | "add" | "remove";
            target?: string;
            unit?: string;
            weight?: components["schemas"]["Decimal"];
        };
        TargetChangeList: {
            items: components["schemas"]["TargetChange"][];
            /** @description the page answered, from 1 */
            page: number;
            /** @description items per page */
            size: number;
            total: number;
        };
        TargetChangeRequest: {
            items: components["schemas"]["TargetChangeItem"][];
            reason: string;
        };
        TargetProject: components["schemas"]["Project"] & {
            /** @description what this caller may do now */
            actions: ("edit" | "submit" | "approve" | "return" | "request_change")[];
            copied_from?: string;
            /** @description 结果应用 of the project this one was copied from (last year's grade and budget decision) */
            last_result?: components["schemas"]["ResultRow"];
            /** @enum {string} */
            status: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            status_label: string;
            /** @description the published version of the targets */
            target_version: number;
            version: number;
        };
        TargetVersion: {
            budget: components["schemas"]["Decimal"];
            change_id: number | null;
            /** Format: date-time */
            created_at: string | null;
            created_by: string;
            current: boolean;
            execution_weight: components["schemas"]["Decimal"];
            indicators: components["schemas"]["Indicator"][];
            version: number;
        };
        TargetVersionList: {
            items: components["schemas"]["TargetVersion"][];
            total: number;
        };
        Todo: {
            /**
             * Format: date-time
             * @description when the report was returned or submitted
             */
            at?: string;
            /** @description who returned the report (returned), submitted it (review) or opened the round asking for it (fill) */
            by?: string;
            /** @description the display name of by */
            by_name?: string;
            /** Format: date */
            due: string | null;
            /**
             * @description target_review: a project's targets submitted for approval; target_change: a pending adjustment request (target_change_id); both have no period and link to the project
             * @enum {string}
             */
            kind: "fill" | "returned" | "rectification" | "review" | "rectification_answer" | "target_review" | "target_change";
            link: string;
            overdue: boolean;
            period: string;
            project: {
                code: string;
                name: string;
            };
            rectification_id?: number;
            target_change_id?: number;
            /** @description the rectification item, the adjustment request's reason, why a returned report came back, or the note of the round asking for a report (fill) */
            text?: string;
        };
        TOTPEnrolment: {
            otpauth_url: string;
            /** @description data:image/png;base64,… */
            qr_png: string;
            /** @description base32, for typing into an authenticator app */
            secret: string;
        };
        User: {
            /** Format: date-time */
            created_at: string;
            departments: string[];
            disabled: boolean;
            display_name: string;
            email: string;
            /** Format: date-time */
            last_login_at: string | null;
            /** @description the password was set by an admin or the CLI, or expired: the next sign-in must change it */
            must_change_password: boolean;
            /** Format: date-time */
            password_changed_at: string;
            /** @description in full: only admins list users (GET /api/v1/contacts masks for other roles) */
            phone: string;
            projects: string[];
            roles: components["schemas"]["Role"][];
            /**
             * Format: date-time
             * @description the password is one an administrator set: it signs in once, until then (null otherwise)
             */
            temporary_password_until: string | null;
            /** @description the user signs in with a second factor */
            totp_enrolled: boolean;
            /** Format: date-time */
            updated_at: string;
            username: string;
        };
        UserList: {
            items: components["schemas"]["User"][];
            /** @description the page answered, from 1 */
            page: number;
            /** @description items per page */
            size: number;
            total: number;
        };
    };
    responses: {
        /** @description error */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description 415: the body is not JSON or has no Content-Type: application/json */
        NotJSON: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description 429: locked (the username), throttled (the client address) or busy (password hashing), with Retry-After in seconds */
        TooMany: {
            headers: {
                /** @description seconds */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description 503 unavailable: the database did not answer in time (数据库暂时无法访问) */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        Code: string;
        /** @description the page, from 1 */
        ListPage: number;
        /** @description items per page: every list answers one page, with `total` counting every item */
        ListSize: number;
        /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
        Period: string;
        Username: string;
        Year: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    listResets: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
                status?: "pending" | "confirmed" | "rejected" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountResetList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    confirmReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description the request, confirmed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountReset"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    rejectReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description the request, rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountReset"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    downloadAttachment: {
        parameters: {
            query?: {
                /** @description preview a PDF or image inline */
                inline?: "1";
            };
            header?: never;
            path: {
                /** @description the attachment's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file's bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    deleteAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the attachment's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description e.g. auth.login, auth.login_failed, access.denied, user.roles */
                action?: string;
                /** @description username, "anonymous" or "cli" */
                actor?: string;
                /** @description date (2024-06-01) or RFC 3339 instant, inclusive */
                from?: string;
                object_id?: string;
                /** @description e.g. user, report */
                object_type?: string;
                page?: number;
                page_size?: number;
                /** @description the same as page_size, as every other list names it (give one of them) */
                size?: number;
                /** @description date (its whole day included) or RFC 3339 instant, exclusive */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    verifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the outcome; intact false names the first broken row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    auditVocabulary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description actions and object types */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: components["schemas"]["Named"][];
                        object_types: components["schemas"]["Named"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description signed in (next absent), or the password was right and a step remains (next, pending_token, expires_at) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInStep"];
                };
            };
            400: components["responses"]["Error"];
            /** @description 用户名或密码错误 (unknown user, wrong password or disabled account alike) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            415: components["responses"]["NotJSON"];
            422: components["responses"]["Error"];
            429: components["responses"]["TooMany"];
            503: components["responses"]["Unavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    passwordStep: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInStep"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    totpStep: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Code"];
            };
        };
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInStep"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    totpEnrol: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TOTPEnrolment"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    totpEnrolConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Code"];
            };
        };
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInStep"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    listContacts: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description part of the username or display name */
                q?: string;
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contacts"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    dashboard: {
        parameters: {
            query: {
                department?: string;
                /** @description page of the project lines, from 1; the totals always cover every project */
                page?: number;
                period: string;
                /** @description project lines per page (scale: a province has tens of thousands of projects) */
                size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the dashboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listDepartments: {
        parameters: {
            query?: {
                /** @description comma-separated codes of the departments wanted (at most 200): the names of the codes a page shows */
                codes?: string;
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description only the departments directly below this one */
                parent?: string;
                /** @description part of the department's code or name */
                q?: string;
                /** @description at most this many departments (200 when absent: every answer is one page) */
                size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description departments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentNode"][];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    createDepartment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DepartmentInput"];
            };
        };
        responses: {
            /** @description the department */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentNode"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putDepartment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DepartmentInput"];
            };
        };
        responses: {
            /** @description the department */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentNode"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    reconciliation: {
        parameters: {
            query?: {
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the reconciliation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reconciliation"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    departmentDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the .docx file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getDepartmentYears: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the projects by year */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentYears"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    exportMonitoringTable: {
        parameters: {
            query: {
                /** @description department code; 404 when outside the caller's scope */
                department?: string;
                /** @description department: the departments as a whole (部门整体支出绩效) in their own layout (部门整体支出绩效目标表, 监控表, 自评表, with 基本支出 and 项目支出); otherwise the projects' table, without them */
                kind?: "project" | "department";
                /** @description a monitoring period key */
                period: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workbook (.xlsx), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    exportResults: {
        parameters: {
            query?: {
                /** @description one department */
                department?: string;
                /** @description the year evaluated */
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    exportSelfEvaluationTable: {
        parameters: {
            query?: {
                /** @description department code; 404 when outside the caller's scope */
                department?: string;
                /** @description department: the departments as a whole (部门整体支出绩效) in their own layout (部门整体支出绩效目标表, 监控表, 自评表, with 基本支出 and 项目支出); otherwise the projects' table, without them */
                kind?: "project" | "department";
                /** @description the annual period key, e.g. 2024 (instead of year) */
                period?: string;
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workbook (.xlsx), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    exportTargetsTable: {
        parameters: {
            query?: {
                /** @description department code; 404 when outside the caller's scope */
                department?: string;
                /** @description department: the departments as a whole (部门整体支出绩效) in their own layout (部门整体支出绩效目标表, 监控表, 自评表, with 基本支出 and 项目支出); otherwise the projects' table, without them */
                kind?: "project" | "department";
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workbook (.xlsx), streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    importTargets: {
        parameters: {
            query?: {
                /** @description read and check only */
                dry_run?: boolean;
                /** @description read only this sheet */
                sheet?: string;
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description at most JIXIAO_IMPORT_MAX_MB (20 MB)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description imported (or, with dry_run, importable) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            413: components["responses"]["Error"];
            /** @description refused whole: the errors point at their cells */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
        };
    };
    targetsTemplate: {
        parameters: {
            query?: {
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    searchIndicatorLibrary: {
        parameters: {
            query?: {
                /** @description a department's entries and the common ones */
                department?: string;
                /** @description 一级指标 */
                level1?: string;
                /** @description 二级指标, with or without the trailing 指标 */
                level2?: string;
                /** @description words of the name */
                q?: string;
                /** @description common or department */
                scope?: "common" | "department";
                /** @description at most 200 (50) */
                size?: number;
                /** @description proposed or accepted */
                status?: "proposed" | "accepted";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the entries, best first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["LibraryEntry"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    proposeIndicatorLibraryEntry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LibraryProposal"];
            };
        };
        responses: {
            /** @description the proposed entry */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryEntry"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getIndicatorLibraryEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the entry and its uses */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: components["schemas"]["LibraryEntry"];
                        uses: components["schemas"]["LibraryUse"][];
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    acceptIndicatorLibraryEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryEntry"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    mergeIndicatorLibraryEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    into: number;
                };
            };
        };
        responses: {
            /** @description the merged entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryEntry"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeWithProjects"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    putMyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string;
                };
            };
        };
        responses: {
            /** @description the address */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OwnPasswordRequest"];
            };
        };
        responses: {
            /** @description changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            415: components["responses"]["NotJSON"];
            /** @description `current` is wrong, or `new` fails the password policy or equals the current one */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["TooMany"];
        };
    };
    getMySecurity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MySecurity"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description unread only */
                unread?: "true";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description notifications */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Notification"][];
                        unread: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    markNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    all?: boolean;
                    ids?: number[];
                };
            };
        };
        responses: {
            /** @description how many changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        updated: number;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description request headers too large: answered by the HTTP server before any route */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listPeriods: {
        parameters: {
            query?: {
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description periods */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Period"][];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    putPeriodReviewLevels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {integer} */
                    review_levels: 1 | 2;
                };
            };
        };
        responses: {
            /** @description the period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Period"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getPeriodRuleProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description period key, 2024-06 or 2024 */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the period's profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodRuleProfile"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    putPeriodRuleProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description period key, 2024-06 or 2024 */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    confirm_unverified?: boolean;
                    name: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description chosen; the rescore runs */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeriodRuleProfile"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description department code, e.g. 003001 */
                department?: string;
                /** @description project: budget projects (项目支出绩效); department: the departments as a whole (部门整体支出绩效, code <department>-ZT<year>) */
                kind?: "project" | "department";
                /** @description only the projects assigned to the caller */
                mine?: boolean;
                page?: number;
                /** @description part of the project's code or name */
                q?: string;
                /** @description projects per page (a province lists tens of thousands) */
                size?: number;
                /** @description the targets' status */
                status?: "draft" | "submitted" | "endorsed" | "approved" | "returned";
                year?: components["parameters"]["Year"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description projects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectInput"];
            };
        };
        responses: {
            /** @description the draft */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    putProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectInput"];
            };
        };
        responses: {
            /** @description the project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    approveProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description required when the review has findings; kept */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description the project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    putReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportInput"];
            };
        };
        responses: {
            /** @description the saved report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    patchReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportPatchInput"];
            };
        };
        responses: {
            /** @description the saved report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    approveReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    adjustments?: components["schemas"]["Adjustment"][];
                    comment?: string;
                    /** @description optional rectification items (整改) for the submitters */
                    rectifications?: components["schemas"]["RectificationDraft"][];
                };
            };
        };
        responses: {
            /** @description the approved report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listAttachments: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description files */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Attachment"][];
                        /** @description the page answered, from 1 */
                        page: number;
                        /** @description items per page */
                        size: number;
                        total: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    indicator_id?: number;
                    rectification_id?: number;
                };
            };
        };
        responses: {
            /** @description the stored file */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    reportDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the .docx file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    reportHistory: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description versions, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportVersion"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    previewReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportPreviewInput"];
            };
        };
        responses: {
            /** @description the report as it would be */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listRectifications: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Rectification"][];
                        /** @description the page answered, from 1 */
                        page: number;
                        /** @description items per page */
                        size: number;
                        total: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    reopenReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description the reopened report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    retargetReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    returnReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment: string;
                    /** @description optional rectification items (整改) for the submitters */
                    rectifications?: components["schemas"]["RectificationDraft"][];
                };
            };
        };
        responses: {
            /** @description the returned report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    submitReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                /** @description "2024-06" monitoring with cut-off month 6; "2024" annual self-evaluation */
                period: components["parameters"]["Period"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the submitted report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    urgeReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                period: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description how many people were told */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notified: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    returnProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description the project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    reviewProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the findings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    submitProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetProject"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listTargetChanges: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetChangeList"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    requestTargetChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TargetChangeRequest"];
            };
        };
        responses: {
            /** @description the pending request */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetChange"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    projectTransitions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectTransition"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    projectVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetVersionList"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getProjectYears: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the years */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectYears"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    previewReview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectInput"];
            };
        };
        responses: {
            /** @description findings and problems */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        findings: components["schemas"]["Finding"][];
                        /** @description field path → message (中文) */
                        problems: {
                            [key: string]: string;
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    answerRectification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the rectification item's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    answer?: string;
                };
            };
        };
        responses: {
            /** @description the item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rectification"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    closeRectification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the rectification item's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rectification"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    reopenRectification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the rectification item's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rectification"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    listReports: {
        parameters: {
            query?: {
                /** @description department code */
                department?: string;
                /** @description the project light */
                light?: "red" | "yellow" | "green" | "blue" | "grey";
                /** @description 1-based */
                page?: number;
                /** @description period key, e.g. 2024-06 or 2024 */
                period?: string;
                /** @description part of the project's code or name (at most 100 characters) */
                q?: string;
                /** @description rows per page */
                size?: number;
                /** @description project, period, status, light (red worst), score or updated_at; a leading - reverses */
                sort?: string;
                status?: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listReportsCSV: {
        parameters: {
            query?: {
                /** @description department code */
                department?: string;
                /** @description the project light */
                light?: "red" | "yellow" | "green" | "blue" | "grey";
                /** @description period key, e.g. 2024-06 or 2024 */
                period?: string;
                /** @description part of the project's code or name (at most 100 characters) */
                q?: string;
                /** @description project, period, status, light (red worst), score or updated_at; a leading - reverses */
                sort?: string;
                status?: "draft" | "submitted" | "endorsed" | "approved" | "returned";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the list as CSV: 项目编码, 项目名称, 单位编码, 单位名称, 期间, 状态, 预警, 得分, 等级, 预算执行率, 待补充项, 更新人, 更新时间 (UTC+8) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    batchReview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchInput"];
            };
        };
        responses: {
            /** @description a result per item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getResultSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the settings, best grade first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        settings: components["schemas"]["ResultSetting"][];
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    putResultSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    settings: {
                        /** @enum {string} */
                        action: "priority" | "maintain" | "reduce" | "cancel";
                        /** @enum {string} */
                        grade: "优" | "良" | "中" | "差";
                        /** @description -100 … 100, two decimals at most */
                        percent: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description the settings stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        settings: components["schemas"]["ResultSetting"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listResults: {
        parameters: {
            query?: {
                /** @description one department */
                department?: string;
            };
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ResultRow"][];
                        settings: components["schemas"]["ResultSetting"][];
                        total: number;
                        year: number;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    putResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: components["parameters"]["Code"];
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResultDecisionInput"];
            };
        };
        responses: {
            /** @description the row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResultRow"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listRounds: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description rounds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Round"][];
                        /** @description the page answered, from 1 */
                        page: number;
                        /** @description items per page */
                        size: number;
                        total: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    openRound: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoundInput"];
            };
        };
        responses: {
            /** @description the round */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Round"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the round's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Round"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    closeRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the round's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Round"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    extendRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the round's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date */
                    due?: string;
                };
            };
        };
        responses: {
            /** @description the round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Round"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    urgeRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the round's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description how many reports were urged, how many were urged already today, and how many people were told */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        already: number;
                        notified: number;
                        urged: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    listRuleProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the profiles by name and version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleProfile"][];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    createRuleProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleProfileInput"];
            };
        };
        responses: {
            /** @description the version stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleProfile"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putRuleProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleProfileInput"];
            };
        };
        responses: {
            /** @description the version as edited */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleProfile"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    targetChangeQueue: {
        parameters: {
            query?: {
                department?: string;
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
                status?: "pending" | "endorsed" | "approved" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetChangeList"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    approveTargetChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the adjustment request's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetChange"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    rejectTargetChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the adjustment request's id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetChange"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    listTodos: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description to-dos */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Todo"][];
                        /** @description the page answered, from 1 */
                        page: number;
                        /** @description items per page */
                        size: number;
                        total: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description the page, from 1 */
                page?: components["parameters"]["ListPage"];
                /** @description part of the username or display name */
                q?: string;
                /** @description items per page: every list answers one page, with `total` counting every item */
                size?: components["parameters"]["ListSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    putUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    disabled?: boolean;
                    display_name?: string;
                    email?: string;
                    phone?: string;
                };
            };
        };
        responses: {
            /** @description the user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putUserAssignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    departments?: string[];
                    projects?: string[];
                };
            };
        };
        responses: {
            /** @description the user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: password */
                    password: string;
                };
            };
        };
        responses: {
            /** @description the user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description the request, waiting for a second person */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountReset"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    putUserRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    departments?: string[];
                    projects?: string[];
                    roles: components["schemas"]["Role"][];
                };
            };
        };
        responses: {
            /** @description the user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    resetTOTP: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description the request, waiting for a second person */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountReset"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description request headers too large: answered by the HTTP server before any route */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description request headers too large: answered by the HTTP server before any route */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description database unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
