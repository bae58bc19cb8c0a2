package api

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/accounts"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/audit"
	"jixiao/domain/evidence"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

// apiError is the error body of docs/api.md: {"error": {code, message, fields}}.
type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Current is the report as it stands, on a 409: what made the request
	// stale or which state refused it.
	Current *conflictJSON `json:"current,omitempty"`
}

// conflictJSON says why a report refused a change: its version and who
// saved it (stale_version), or its status (wrong_state).
type conflictJSON struct {
	Version   *int   `json:"version,omitempty"`
	Sent      *int   `json:"sent_version,omitempty"`
	UpdatedBy string `json:"updated_by,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
	Status    string `json:"status,omitempty"`
}

// problem is an error a handler returns with its status already decided.
type problem struct {
	status int
	body   apiError
}

func (p *problem) Error() string { return p.body.Code + ": " + p.body.Message }

func newProblem(status int, code, message string) *problem {
	return &problem{status: status, body: apiError{Code: code, Message: message}}
}

// Errors every handler may return.
var (
	errBadRequest   = func(msg string) error { return newProblem(http.StatusBadRequest, "bad_request", msg) }
	errUnauthorized = newProblem(http.StatusUnauthorized, "unauthorized", "请先登录")
	errForbidden    = newProblem(http.StatusForbidden, "forbidden", "无权执行此操作")
	errNotFound     = newProblem(http.StatusNotFound, "not_found", "未找到请求的资源")
)

// errorTable maps domain sentinel errors to statuses; the first match wins.
var errorTable = []struct {
	target  error
	status  int
	code    string
	message string
}{
	{project.ErrNotFound, http.StatusNotFound, "not_found", "项目不存在"},
	{period.ErrNotFound, http.StatusNotFound, "not_found", "期间不存在"},
	{period.ErrInvalidKey, http.StatusNotFound, "not_found", "期间不存在"},
	{user.ErrInvalidCredentials, http.StatusUnauthorized, "invalid_credentials", "用户名或密码错误"},
	{user.ErrLocked, http.StatusTooManyRequests, "locked", "登录失败次数过多，账户已临时锁定，请稍后再试"},
	{user.ErrThrottled, http.StatusTooManyRequests, "throttled", "此地址登录失败次数过多，请稍后再试"},
	{user.ErrChecking, http.StatusTooManyRequests, "busy", "该账户的其他登录尝试正在核验，请稍后再试"},
	{accounts.ErrBusy, http.StatusTooManyRequests, "busy", "登录请求过多，请稍后再试"},
	{accounts.ErrOwnPassword, http.StatusForbidden, "self_change", "请用 PUT /api/v1/me/password 凭当前密码修改自己的密码"},
	{accounts.ErrNoCredentials, http.StatusBadRequest, "bad_request", "请输入用户名和密码"},
	{accounts.ErrNoSecretKey, http.StatusServiceUnavailable, "no_secret_key", "服务器未配置 JIXIAO_SECRET_KEY，暂不能使用双因素认证，请联系系统管理员"},
	{accounts.ErrNoStep, http.StatusConflict, "no_pending_step", "当前登录没有待完成的这一步"},
	{accounts.ErrWrongCode, http.StatusUnauthorized, "invalid_code", "验证码不正确、已过期或已使用"},
	{store.ErrTOTPEnrolled, http.StatusConflict, "totp_enrolled", "已启用双因素认证；如需更换，请联系系统管理员重置"},
	{store.ErrNoTOTP, http.StatusConflict, "totp_not_enrolled", "该用户未启用双因素认证"},
	{store.ErrNoPendingTOTP, http.StatusConflict, "totp_not_begun", "请先开始绑定，再输入验证码"},
	{user.ErrNotFound, http.StatusNotFound, "not_found", "用户不存在"},
	{user.ErrExists, http.StatusConflict, "conflict", "用户名已存在"},
	{user.ErrSelfChange, http.StatusForbidden, "self_change", "不能修改自己的角色、部门、项目或启用状态，请由另一位系统管理员操作"},
	{user.ErrLastAdmin, http.StatusConflict, "last_admin", "这是最后一位启用的系统管理员，不能停用或改为其他角色"},
	{user.ErrResetNotFound, http.StatusNotFound, "not_found", "重置申请不存在"},
	{user.ErrResetPending, http.StatusConflict, "reset_pending", "该用户已有一项同类重置申请等待复核，请先复核或撤回"},
	{user.ErrResetDecided, http.StatusConflict, "wrong_state", "该重置申请已复核、已驳回或已过期"},
	{user.ErrSecondPerson, http.StatusForbidden, "second_person", "重置须由申请人以外的另一位管理员或审计员复核"},
	{user.ErrTemporaryPasswordExpired, http.StatusUnauthorized, "temporary_password_expired", "管理员设置的临时密码已超过 24 小时有效期，请联系管理员重新重置"},
	{user.ErrTemporaryPasswordUsed, http.StatusUnauthorized, "temporary_password_used", "此临时密码已登录过一次，不能再用。如非您本人使用，请立即联系系统管理员和审计员"},
	{report.ErrNotFound, http.StatusNotFound, "not_found", "报告不存在"},
	{report.ErrStaleVersion, http.StatusConflict, "stale_version", "报告刚被保存过（可能在另一个窗口或由另一位填报人），请重新读取后再保存"},
	{report.ErrWrongState, http.StatusConflict, "wrong_state", "报告当前状态不允许此操作"},
	{report.ErrNotEditable, http.StatusConflict, "wrong_state", "报告已提交或已通过，不能修改"},
	{report.ErrNotAssigned, http.StatusForbidden, "not_assigned", "您不是该项目的填报人"},
	{reports.ErrNotReviewer, http.StatusForbidden, "not_reviewer", "您不负责审核该单位"},
	{workbooks.ErrWrongPeriod, http.StatusBadRequest, "wrong_period", "期间类型不符：监控表需要监控期间（如 2024-06），自评表需要年度（如 2024）"},

	// the indicator library and 结果应用
	{store.ErrLibraryNotFound, http.StatusNotFound, "not_found", "指标库条目不存在"},
	{store.ErrLibraryState, http.StatusConflict, "wrong_state", "该指标库条目已确认或已合并，不能再确认或合并"},
	{store.ErrNoApprovedResult, http.StatusConflict, "wrong_state", "该项目本年度自评尚未审核通过，不能记录结果应用意见"},
	{store.ErrLibraryExists, http.StatusConflict, "conflict", "本单位指标库已有同名指标（同一一级、二级指标下）"},

	// targets
	{project.ErrNoDepartment, http.StatusNotFound, "not_found", "单位不存在"},
	{project.ErrChangeNotFound, http.StatusNotFound, "not_found", "调整申请不存在"},
	{project.ErrStaleVersion, http.StatusConflict, "stale_version", "项目绩效目标已被他人修改，请刷新后重试"},
	{project.ErrWrongState, http.StatusConflict, "wrong_state", "项目绩效目标当前状态不允许此操作"},
	{project.ErrNotEditable, http.StatusConflict, "wrong_state", "项目绩效目标已提交或已批复，不能修改"},
	{project.ErrNotApproved, http.StatusConflict, "not_approved", "项目绩效目标尚未批复，不能填报或调整"},
	{project.ErrExists, http.StatusConflict, "conflict", "项目编码已存在"},
	{project.ErrNotSubmitter, http.StatusForbidden, "not_submitter", "您不是该单位的填报人"},
	{project.ErrNotReviewer, http.StatusForbidden, "not_reviewer", "您不负责审核该单位"},

	// departments in a hierarchy
	{store.ErrDepartmentExists, http.StatusConflict, "conflict", "单位代码已存在"},
	{store.ErrDepartmentInReview, http.StatusConflict, "wrong_state", "该单位或其下级单位有报告或目标正在审核，不能调整隶属关系"},

	// rule profiles
	{store.ErrProfileNotFound, http.StatusNotFound, "not_found", "规则集不存在"},
	{store.ErrProfileInUse, http.StatusConflict, "profile_in_use", "该版本已被期间选用或已用于评分，不能修改：请另存为新版本"},
	{store.ErrRescoreRunning, http.StatusConflict, "rescore_running", "该期间正在按新规则重新评分，请待完成后再更换规则集"},

	// the reporting season: rounds, rectification, evidence, urging
	{round.ErrNotFound, http.StatusNotFound, "not_found", "任务不存在"},
	{round.ErrOverlap, http.StatusConflict, "conflict", "该期间已有覆盖此单位的进行中任务"},
	{round.ErrClosed, http.StatusConflict, "wrong_state", "任务已结束"},
	{round.ErrNotManager, http.StatusForbidden, "forbidden", "您不负责该任务涉及的全部单位"},
	{rectify.ErrNotFound, http.StatusNotFound, "not_found", "整改事项不存在"},
	{rectify.ErrWrongState, http.StatusConflict, "wrong_state", "整改事项当前状态不允许此操作"},
	{evidence.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large", "文件超过大小上限"},
	{evidence.ErrNotFound, http.StatusNotFound, "not_found", "附件不存在"},
	{report.ErrUrgedToday, http.StatusConflict, "already_urged", "该报告今天已催办过：每份报告每天最多催办一次"},
	{report.ErrNothingToUrge, http.StatusConflict, "wrong_state", "报告已提交或已通过，无需催办"},
}

// statusClientClosed is logged for a request whose client left before the
// answer (nginx's 499).
const statusClientClosed = 499

// fieldErrors is implemented by the domain's validation errors.
type fieldErrors interface{ FieldErrors() map[string]string }

// errorHandler turns every error into the documented body. Anything it does
// not know is logged and becomes a 500 that leaks nothing. A refusal or
// failure that left no audit row yet (unknown routes, 405, 413, the body of
// a public route, every 500) gets one after the answer is sent.
func (s *Server) errorHandler(err error, c echo.Context) {
	// a refusal's audit row kept by the guard or a handler is written once
	// the answer is out, whichever way this ends
	defer s.writeRefusalAudit(c)
	if c.Response().Committed {
		return
	}
	if errors.Is(context.Cause(c.Request().Context()), errDatabaseStalled) {
		// a file route given up on a database that stopped answering
		err = fmt.Errorf("%w: %w", err, context.DeadlineExceeded)
	} else if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// the client went away before its answer: nobody to answer, and
		// nothing failed here (no 500 logged or audited). 499 is what the
		// request log shows, as nginx names it.
		c.Response().WriteHeader(statusClientClosed)
		return
	}
	status, body := classify(err)
	var wait interface{ RetryAfter() time.Duration }
	if errors.As(err, &wait) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.RetryAfter().Seconds()))))
	} else if errors.Is(err, accounts.ErrBusy) || errors.Is(err, user.ErrChecking) {
		c.Response().Header().Set("Retry-After", "1")
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "error", err, "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", c.Request().Method, "route", c.Path())
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
	} else {
		_ = c.JSON(status, map[string]apiError{"error": body})
	}
	// the client has its answer; the audit row follows (a writer that
	// cannot flush only delays the answer by the audit write)
	_ = http.NewResponseController(c.Response().Writer).Flush()
	if status >= 400 && c.Get(ctxAudited) == nil {
		s.auditOutcome(c, status, body)
	}
}

// auditOutcome records a refused or failed request that nothing else
// audited: who (if signed in, or holding a valid session token), the route
// or an excerpt of the path, the status and the error code, never the body.
func (s *Server) auditOutcome(c echo.Context, status int, body apiError) {
	caller := callerOf(c)
	if caller.Anonymous() {
		// refused before the guard (405, 413, an unknown path): the holder
		// of a valid session token is who asked, not "anonymous"
		token, _ := sessionToken(c)
		caller = s.holderOf(c.Request().Context(), token)
	}
	e := s.auditEntry(c, caller)
	e.Action, e.Status, e.ObjectType = audit.RequestRejected, status, "route"
	if status >= 500 {
		e.Action = audit.RequestFailed
	}
	route := c.Path()
	if route == "" || route == "/*" {
		route = c.Request().URL.Path
	}
	e.ObjectID = c.Request().Method + " " + route
	detail := map[string]any{"method": c.Request().Method, "path": c.Request().URL.Path, "status": status, "code": body.Code}
	if len(body.Fields) > 0 {
		detail["fields"] = body.Fields
	}
	if caller.Anonymous() {
		ok, suppressed := s.anonAudit.allow(e.IP, s.now())
		if !ok {
			return
		}
		if suppressed > 0 {
			detail["suppressed_before"] = suppressed
		}
	}
	e.Detail = audit.JSON(detail)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), auditTimeout)
	defer cancel()
	if err := s.store.AppendAudit(ctx, e); err != nil {
		s.log.Error("audit a refused request", "status", status, "error", err)
	}
}

// auditTimeout bounds writing the audit row of a refusal after the answer.
const auditTimeout = 2 * time.Second

func classify(err error) (int, apiError) {
	var p *problem
	if errors.As(err, &p) {
		return p.status, p.body
	}
	if errors.Is(err, reports.ErrUnverified) {
		return errUnverified.status, errUnverified.body
	}
	var fe fieldErrors
	if errors.As(err, &fe) {
		return http.StatusUnprocessableEntity, apiError{Code: "validation", Message: "输入有误，请检查标出的字段", Fields: fe.FieldErrors()}
	}
	if store.IsUnavailable(err) {
		return http.StatusServiceUnavailable, apiError{Code: "unavailable", Message: "数据库暂时无法访问，请稍后重试"}
	}
	if status, body, ok := conflict(err); ok {
		return status, body
	}
	for _, e := range errorTable {
		if errors.Is(err, e.target) {
			return e.status, apiError{Code: e.code, Message: e.message}
		}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return he.Code, apiError{Code: "not_found", Message: "未找到请求的资源"}
		case http.StatusMethodNotAllowed:
			return he.Code, apiError{Code: "method_not_allowed", Message: "不支持该请求方法"}
		case http.StatusRequestEntityTooLarge:
			return he.Code, apiError{Code: "too_large", Message: "请求内容过大"}
		case http.StatusBadRequest:
			return he.Code, apiError{Code: "bad_request", Message: "请求格式有误"}
		case http.StatusUnsupportedMediaType:
			return he.Code, apiError{Code: "unsupported_media_type", Message: "请使用 JSON 格式"}
		}
	}
	return http.StatusInternalServerError, apiError{Code: "internal", Message: "服务器内部错误，请稍后重试"}
}

// conflict words a 409 of a report: stale_version names who saved which
// version; wrong_state names the state, not a person, as the reason. An
// adjustment request filed against targets changed since is stale_version
// with both target versions.
func conflict(err error) (int, apiError, bool) {
	var stale *report.StaleError
	if errors.As(err, &stale) {
		at := stale.UpdatedAt.UTC().Format(time.RFC3339)
		if stale.Current == 0 {
			return http.StatusConflict, apiError{Code: "stale_version", Message: fmt.Sprintf("报告尚未保存过（第 0 版），您提交的版本号是 %d：请重新读取后再保存", stale.Sent),
				Current: &conflictJSON{Version: &stale.Current, Sent: &stale.Sent}}, true
		}
		msg := fmt.Sprintf("报告已由 %s 于 %s 保存为第 %d 版，您提交时依据的是第 %d 版：请重新读取后再保存",
			stale.UpdatedBy, stale.UpdatedAt.In(beijing).Format("2006-01-02 15:04"), stale.Current, stale.Sent)
		return http.StatusConflict, apiError{Code: "stale_version", Message: msg,
			Current: &conflictJSON{Version: &stale.Current, Sent: &stale.Sent, UpdatedBy: stale.UpdatedBy, UpdatedAt: at}}, true
	}
	var sc *project.StaleChangeError
	if errors.As(err, &sc) {
		msg := fmt.Sprintf("该调整申请依据的是第 %d 版目标，现行目标已调整为第 %d 版，申请中的“调整前”数值已不成立：请驳回此申请，由填报人按现行目标重新申请", sc.Base, sc.Current)
		return http.StatusConflict, apiError{Code: "stale_version", Message: msg, Current: &conflictJSON{Version: &sc.Current, Sent: &sc.Base}}, true
	}
	var st *report.StateError
	if errors.As(err, &st) {
		msg := fmt.Sprintf("报告当前为“%s”状态，不能执行此操作", st.Status.Label())
		if errors.Is(err, report.ErrNotEditable) {
			msg = fmt.Sprintf("报告当前为“%s”状态，不能修改（只有草稿或已退回的报告可以修改）", st.Status.Label())
		}
		return http.StatusConflict, apiError{Code: "wrong_state", Message: msg, Current: &conflictJSON{Status: string(st.Status)}}, true
	}
	return 0, apiError{}, false
}

// beijing is China Standard Time, for times in messages people read.
var beijing = time.FixedZone("CST", 8*3600)
