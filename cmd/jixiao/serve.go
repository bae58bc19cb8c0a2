package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"jixiao/app/config"
	"jixiao/app/store"
)

// serve composes the application (compose.go), then serves until ctx ends
// (SIGTERM), draining requests in flight for up to cfg.ShutdownGrace.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if err := cfg.CheckServe(); err != nil {
		return err
	}
	tuneGC()
	app, err := compose(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.close()
	st := app.store
	policy := cfg.Security.Policy
	// the sweep ends before serve returns, whatever the way out
	sweepCtx, stopSweep := context.WithCancel(ctx)
	swept := make(chan struct{})
	go func() { defer close(swept); sweepIdleAccounts(sweepCtx, st, policy, log) }()
	defer func() { stopSweep(); <-swept }()
	// the audit rows are linked into the hash chain while this server runs,
	// through the drain of a shutdown: the sealer stops after the requests
	// (its last seal takes their rows), not when the shutdown starts
	sealCtx, stopSealing := context.WithCancel(context.WithoutCancel(ctx))
	sealed := make(chan struct{})
	go func() { defer close(sealed); sealAuditRows(sealCtx, st, log) }()
	defer func() { stopSealing(); <-sealed }()
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           app.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	if cfg.Scale.PprofAddr != "" {
		stopPprof := servePprof(cfg.Scale.PprofAddr, log)
		defer stopPprof()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// requests net/http refuses before any handler are audited too
	ln = app.api.AuditRawRefusals(ln)
	// The reminder job runs while this server does, and has ended when
	// serve returns.
	remindCtx, stopReminders := context.WithCancel(ctx)
	reminding := make(chan struct{})
	go func() { defer close(reminding); runReminders(remindCtx, st, cfg, log) }()
	defer func() { stopReminders(); <-reminding }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace_ms", cfg.ShutdownGrace.Milliseconds())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// servePprof serves the Go profiler on a loopback address of its own, apart
// from the API, for profiling under load.
func servePprof(addr string, log *slog.Logger) func() {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("pprof", "error", err)
		}
	}()
	log.Info("pprof", "addr", addr)
	return func() { _ = srv.Close() }
}

// tuneGC trades memory the server has to spare for less collector work,
// unless GOGC or GOMEMLIMIT say otherwise: the heap may grow to five times
// what is live between collections (a report read's collector work is then
// half of what it is at 200, some 4 % more reads a second at province
// scale), and a soft limit of 250 MB keeps the process under 300 MB however
// busy it gets.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(250 << 20)
	}
}

// auditSealEvery is how often serve links the audit rows committed since
// into the hash chain (store.SealAudit): the longest a row waits unsealed
// while a server runs.
const auditSealEvery = 250 * time.Millisecond

// sealAuditRows seals the committed audit rows every auditSealEvery until ctx
// ends, and once more on the way out. A failure (the database away) is
// logged once, and again only after sealing has worked in between.
func sealAuditRows(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(auditSealEvery)
	defer t.Stop()
	failing := false
	seal := func(ctx context.Context, limit time.Duration) {
		sctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		_, err := st.SealAudit(sctx)
		switch {
		case err != nil && !failing && ctx.Err() == nil:
			log.Error("seal audit rows", "error", err)
			failing = true
		case err == nil && failing:
			log.Info("sealing audit rows again")
			failing = false
		}
	}
	for {
		select {
		case <-ctx.Done():
			// the rows of the requests drained at shutdown, if the
			// database answers soon
			seal(context.Background(), 5*time.Second)
			return
		case <-t.C:
			seal(ctx, 30*time.Second)
		}
	}
}
