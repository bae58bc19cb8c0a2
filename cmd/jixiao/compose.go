package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/accounts"
	"jixiao/app/api"
	"jixiao/app/config"
	"jixiao/app/services"
	"jixiao/app/store"
	"jixiao/domain/user"
	"jixiao/frontend"
)

// application is what serve runs: the store, the use cases on it and the
// HTTP server over them, composed from the configuration.
type application struct {
	store   *store.Store
	handler *echo.Echo
	// api wraps the listener to audit what net/http refuses.
	api *api.Server
	// close closes the evidence bucket and the store.
	close func()
}

// compose builds the server cfg describes, in order: the store (migrated,
// with its replica and its totals cache), what the services need from it
// (the key of second-factor secrets, the rule profile of the periods that
// chose none) and from elsewhere (the evidence bucket), the services, and
// the HTTP server over them. Every setting comes from cfg.
func compose(ctx context.Context, cfg config.Config, log *slog.Logger) (app *application, err error) {
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			st.Close()
		}
	}()
	if cfg.Scale.ReplicaURL != "" {
		if err := st.UseReplica(ctx, cfg.Scale.ReplicaURL); err != nil {
			return nil, err
		}
		log.Info("reads that may lag go to the replica")
	}
	st.SetTotalsCache(cfg.Scale.DashboardCache)
	secrets, err := secretBox(ctx, st, cfg, log)
	if err != nil {
		return nil, err
	}
	rs, err := defaultRules(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	log.Info("rule profile of the periods that chose none", "profile", rs.Ref().String())
	bucket, err := openBucket(ctx, cfg.Season.BlobURL)
	if err != nil {
		return nil, err
	}

	svc := services.New(st, services.Settings{
		Now:                time.Now,
		Rules:              rs,
		Quality:            cfg.Quality,
		ImportMaxBytes:     cfg.ImportMaxBytes,
		Bucket:             bucket,
		AttachmentMaxBytes: cfg.Season.AttachmentMaxBytes,
		RequireEvidence:    cfg.Season.RequireEvidence,
		Accounts: accounts.Settings{Lockout: user.DefaultLockout, Throttle: user.DefaultThrottle,
			Security: cfg.Security.Policy, Secrets: secrets, Log: log},
	})
	e, server := api.Build(svc, api.Options{
		Log:             log,
		Web:             frontend.Dist(),
		Now:             time.Now,
		BodyLimit:       cfg.BodyLimit,
		RequestTimeout:  cfg.RequestTimeout,
		TrustedProxies:  cfg.TrustedProxies,
		TLSBehindProxy:  cfg.TLSBehindProxy,
		Sessions:        user.SessionPolicy{Idle: cfg.SessionIdle, Absolute: cfg.SessionAbsolute},
		SessionCacheTTL: cfg.Scale.SessionCache,
		QuietRequests:   !cfg.Scale.LogRequests,
	})
	return &application{store: st, handler: e, api: server, close: func() {
		if bucket != nil {
			bucket.Close()
		}
		st.Close()
	}}, nil
}
