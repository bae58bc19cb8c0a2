// Package api is Jixiao's HTTP API on echo: handlers bind, convert, call the
// domain and storage, and respond. Every route names the permission it needs
// in one route table (routes.go).
package api

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"jixiao/app/accounts"
	"jixiao/app/attachments"
	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/app/docx"
	"jixiao/app/reports"
	"jixiao/app/season"
	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/app/workbooks"
	"jixiao/domain/user"
)

// Services are the use cases the handlers call, built by the composition
// root (cmd/jixiao, through package services) on one store.
type Services struct {
	Store       *store.Store
	Reports     *reports.Service
	Targets     *targets.Service
	Workbooks   *workbooks.Service
	Attachments *attachments.Service
	Accounts    *accounts.Service
	Season      *season.Service
	Documents   *docx.Service
}

// Options are the HTTP server's settings. A zero BodyLimit, RequestTimeout
// or Sessions is the configuration's default (config.Defaults).
type Options struct {
	Log *slog.Logger
	Web fs.FS // the built web app; nil serves none
	// Now is the clock (time.Now in production; nil means time.Now).
	Now       func() time.Time
	BodyLimit string // e.g. "1M"
	// RequestTimeout is the deadline of every request's work (its database
	// statements above all): past it the request ends with 503, so that a
	// stalled database is answered within a second of it.
	RequestTimeout time.Duration
	// TrustedProxies are the networks of reverse proxies whose
	// X-Forwarded-For names the client. Without any, the client address is
	// the connection's, so nobody can write another address into the audit
	// trail with a header.
	TrustedProxies []*net.IPNet
	// TLSBehindProxy says the site is served over HTTPS by a reverse proxy
	// (JIXIAO_TLS_BEHIND_PROXY): replies carry HSTS and cookies are Secure.
	TLSBehindProxy bool
	// Sessions limits session lifetimes.
	Sessions user.SessionPolicy
	// SessionCacheTTL is how long a server trusts what a session token
	// resolved to before it reads the session and its grants again; zero
	// reads them on every request (see sessionCache).
	SessionCacheTTL time.Duration
	// QuietRequests leaves out the log line of every request; failures are
	// still logged by the error handler (JIXIAO_LOG_REQUESTS=off).
	QuietRequests bool
	// AnonymousAuditPerMinute bounds the audit rows that refusals of
	// anonymous requests write per client address and minute; 0 means
	// anonAuditPerMinute.
	AnonymousAuditPerMinute int
}

// withDefaults fills the zero options that have a default.
func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	defaults := config.Defaults()
	if o.BodyLimit == "" {
		o.BodyLimit = defaults.BodyLimit
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = defaults.RequestTimeout
	}
	if o.Sessions == (user.SessionPolicy{}) {
		o.Sessions = user.SessionPolicy{Idle: defaults.SessionIdle, Absolute: defaults.SessionAbsolute}
	}
	if o.AnonymousAuditPerMinute <= 0 {
		o.AnonymousAuditPerMinute = anonAuditPerMinute
	}
	return o
}

// Server holds the handlers' dependencies.
type Server struct {
	store    *store.Store
	log      *slog.Logger
	now      func() time.Time
	enforcer *auth.Enforcer
	sessions user.SessionPolicy
	// anonAudit bounds the audit rows of anonymous refusals per address.
	anonAudit *anonLimiter
	// tls: served over HTTPS by a reverse proxy (Options.TLSBehindProxy).
	tls         bool
	reports     *reports.Service
	targets     *targets.Service
	workbooks   *workbooks.Service
	season      *season.Service
	accounts    *accounts.Service
	attachments *attachments.Service
	documents   *docx.Service
	// sessionCache spares a session lookup per request (sessioncache.go).
	sessionCache *sessionCache
}

// New builds the echo instance over the services, with its middleware and
// every route.
func New(svc Services, o Options) *echo.Echo {
	e, _ := Build(svc, o)
	return e
}

// Build is New that also returns the Server, whose AuditRawRefusals wraps
// the listener the echo instance is served on.
func Build(svc Services, o Options) (*echo.Echo, *Server) {
	o = o.withDefaults()
	enforcer, err := auth.NewEnforcer()
	if err != nil {
		panic(err) // the embedded policy is broken: a build defect, caught by tests
	}
	s := &Server{store: svc.Store, log: o.Log, now: o.Now, enforcer: enforcer, sessions: o.Sessions,
		anonAudit: newAnonLimiter(o.AnonymousAuditPerMinute), tls: o.TLSBehindProxy,
		reports: svc.Reports, targets: svc.Targets, workbooks: svc.Workbooks, season: svc.Season,
		accounts: svc.Accounts, attachments: svc.Attachments, documents: svc.Documents,
		sessionCache: newSessionCache(o.SessionCacheTTL)}
	e := echo.New()
	e.JSONSerializer = jsonSerializer{}
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = echo.ExtractIPDirect()
	if len(o.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range o.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	e.Use(middleware.RequestID())
	if !o.QuietRequests {
		e.Use(requestLogger(o.Log))
	}
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
		o.Log.Error("panic", "error", err, "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "stack", string(stack))
		return err
	}}))
	e.Use(s.deadline(o.RequestTimeout))
	e.Use(privacyHeaders(o.TLSBehindProxy))
	// outside english, which rewrites the body that gzip then compresses
	e.Use(jsonGzip())
	e.Use(s.english)
	// file transfers have their own size limits (importTargets, uploadAttachment)
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: o.BodyLimit, Skipper: fileTransfer}))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy: "same-origin", ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
	}))
	for _, r := range s.routes() {
		e.Add(r.Method, r.Path, r.Handler, s.guard(r))
	}
	if o.Web != nil {
		e.GET("/*", spa(o.Web))
	}
	return e, s
}

// deadline bounds every request's work in time: the context of the request
// (and so every database statement made with it) ends after timeout, so
// that a stalled database is answered with 503 within seconds. A file
// route's transfer and work may take longer (fileTimeout: 20 MB over a slow
// line, a workbook of two thousand projects): its connection's deadlines
// and its context last that long, while each of its database statements
// still ends after timeout (store.WithStatementTimeout), and a watch ends it
// as soon as the database is seen to have stopped answering since it began
// (store.StalledSince), instead of letting it wait behind a pool of stuck
// connections: a frozen database ends it as fast as any other request.
func (s *Server) deadline(timeout time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !fileTransfer(c) {
				ctx, cancel := context.WithTimeout(c.Request().Context(), timeout)
				defer cancel()
				c.SetRequest(c.Request().WithContext(ctx))
				return next(c)
			}
			rc := http.NewResponseController(c.Response())
			// unsupported by a test recorder: nothing to extend there
			_ = rc.SetReadDeadline(time.Now().Add(fileTimeout))
			_ = rc.SetWriteDeadline(time.Now().Add(fileTimeout))
			ctx, cancel := context.WithTimeout(store.WithStatementTimeout(c.Request().Context(), timeout), fileTimeout)
			defer cancel()
			ctx, stop := s.watchStall(ctx)
			defer stop()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// fileTimeout is how long a file's transfer and work may take.
const fileTimeout = 2 * time.Minute

// errDatabaseStalled ends a file route's request once the database is seen
// to have stopped answering: answered 503.
var errDatabaseStalled = errors.New("the database stopped answering")

// watchStall returns ctx ended (with errDatabaseStalled as its cause) as
// soon as the store sees the database stall after now, and the function
// that ends the watch.
func (s *Server) watchStall(ctx context.Context) (context.Context, func()) {
	began := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(stallCheck)
		defer t.Stop()
		var seen time.Time // when the stall was first seen
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				// stalled on two looks half a second apart: one statement
				// that timed out while nothing else ran is not yet a stall
				switch {
				case !s.store.StalledSince(began):
					seen = time.Time{}
				case seen.IsZero():
					seen = time.Now()
				case time.Since(seen) >= stallConfirm:
					cancel(errDatabaseStalled)
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}

// stallCheck is how often a file route's watch looks at the database, and
// stallConfirm how long a stall must last for the watch to give up.
const (
	stallCheck   = 100 * time.Millisecond
	stallConfirm = 500 * time.Millisecond
)

// fileRoutes are the routes that move files: uploads with their own size
// limit (checked by their handler), exports of whole workbooks and documents.
var fileRoutes = map[string]bool{
	importPath: true,
	"/api/v1/projects/:code/reports/:period/attachments":      true,
	"/api/v1/attachments/:id":                                 true,
	"/api/v1/projects/:code/reports/:period/document.docx":    true,
	"/api/v1/departments/:code/reports/:period/document.docx": true,
	"/api/v1/exports/targets.xlsx":                            true,
	"/api/v1/exports/monitoring.xlsx":                         true,
	"/api/v1/exports/self-evaluation.xlsx":                    true,
	"/api/v1/exports/results.xlsx":                            true,
}

// fileTransfer says whether the request's route moves a file.
func fileTransfer(c echo.Context) bool { return fileRoutes[c.Path()] }

// privacyHeaders marks every API reply no-store (they carry personal data:
// the caller, users, reports, the audit trail), and, when the site is served
// over HTTPS by a proxy, every reply with HSTS.
func privacyHeaders(tls bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			if strings.HasPrefix(c.Request().URL.Path, "/api/") {
				h.Set(echo.HeaderCacheControl, "no-store")
			}
			if tls {
				h.Set(echo.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// requestLogger writes one structured line per request with its request id.
func requestLogger(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogMethod: true, LogURIPath: true, LogRoutePath: true, LogRequestID: true,
		LogLatency: true, LogRemoteIP: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("request_id", v.RequestID), slog.String("method", v.Method),
				slog.String("path", v.URIPath), slog.String("route", v.RoutePath),
				slog.Int("status", v.Status), slog.Int64("took_ms", v.Latency.Milliseconds()),
				slog.String("remote_ip", v.RemoteIP))
			return nil
		},
	})
}

// healthz answers while the process is alive.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database is reachable, 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("database not reachable", "error", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
