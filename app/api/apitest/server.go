package apitest

import (
	"io"
	"io/fs"
	"log/slog"
	"net"
	"time"

	"github.com/labstack/echo/v4"
	"gocloud.dev/blob"

	"jixiao/app/accounts"
	"jixiao/app/api"
	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/app/services"
	"jixiao/app/store"
	"jixiao/domain/user"
)

// Options are what a test sets of a server: the settings of its services
// and of its HTTP side in one list. A zero field is the server's default,
// from the configuration (config.Defaults) where it has one; a zero
// SessionCacheTTL reads the session on every request, as the tests of a
// session's end need.
type Options struct {
	// Log is where the server logs; nil discards.
	Log *slog.Logger
	// Now is the clock of the services and the handlers; nil is time.Now.
	Now func() time.Time
	Web fs.FS

	// of the HTTP server (api.Options)
	BodyLimit               string
	RequestTimeout          time.Duration
	TrustedProxies          []*net.IPNet
	TLSBehindProxy          bool
	Sessions                user.SessionPolicy
	SessionCacheTTL         time.Duration
	AnonymousAuditPerMinute int

	// of the services (services.Settings)
	// Security is the policy of second factors and password life; nil is
	// the configuration's.
	Security *user.Security
	// Secrets seals second-factor secrets; nil refuses enrolment.
	Secrets *auth.SecretBox
	// LoginThrottle limits failed logins per client address; the zero
	// value is user.DefaultThrottle.
	LoginThrottle      user.Throttle
	ImportMaxBytes     int64
	Bucket             *blob.Bucket
	AttachmentMaxBytes int64
	RequireEvidence    bool
}

// New builds the server's services on st with package services, as the
// server does, and the API over them.
func New(st *store.Store, o Options) *echo.Echo {
	e, _ := Build(st, o)
	return e
}

// Build is New that also returns the api.Server.
func Build(st *store.Store, o Options) (*echo.Echo, *api.Server) {
	d := config.Defaults()
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	security := d.Security.Policy
	if o.Security != nil {
		security = *o.Security
	}
	throttle := user.DefaultThrottle
	if o.LoginThrottle != (user.Throttle{}) {
		throttle = o.LoginThrottle
	}
	svc := services.New(st, services.Settings{
		Now:                o.Now,
		Rules:              d.Rules,
		Quality:            d.Quality,
		ImportMaxBytes:     or(o.ImportMaxBytes, d.ImportMaxBytes),
		Bucket:             o.Bucket,
		AttachmentMaxBytes: or(o.AttachmentMaxBytes, d.Season.AttachmentMaxBytes),
		RequireEvidence:    o.RequireEvidence,
		Accounts: accounts.Settings{Lockout: user.DefaultLockout, Throttle: throttle,
			Security: security, Secrets: o.Secrets, Log: o.Log},
	})
	return api.Build(svc, api.Options{
		Log:                     o.Log,
		Web:                     o.Web,
		Now:                     o.Now,
		BodyLimit:               o.BodyLimit,
		RequestTimeout:          o.RequestTimeout,
		TrustedProxies:          o.TrustedProxies,
		TLSBehindProxy:          o.TLSBehindProxy,
		Sessions:                o.Sessions,
		SessionCacheTTL:         o.SessionCacheTTL,
		AnonymousAuditPerMinute: o.AnonymousAuditPerMinute,
	})
}

// or is v, or def when v is zero.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
