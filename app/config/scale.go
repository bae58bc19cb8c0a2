package config

import (
	"time"
)

// Scale are the settings of running at scale.
type Scale struct {
	// ReplicaURL is a PostgreSQL streaming replica for reads that may lag a
	// moment: dashboards, lists, exports (DATABASE_REPLICA_URL); empty reads
	// everything from DatabaseURL.
	ReplicaURL string
	// PprofAddr serves net/http/pprof on this 127.0.0.1 address
	// (JIXIAO_PPROF_ADDR, e.g. 127.0.0.1:6060); empty serves none.
	PprofAddr string
	// LogRequests writes a log line per request (JIXIAO_LOG_REQUESTS,
	// default on; "off" leaves only errors and refusals).
	LogRequests bool
	// SessionCache is how long a server trusts a session it read
	// (JIXIAO_SESSION_CACHE_MS, default 1000; 0 reads it on every request).
	// A grant changed through another server holds within this.
	SessionCache time.Duration
	// DashboardCache is how long a server keeps the whole-province view of
	// a dashboard (totals and pages) it read (JIXIAO_DASHBOARD_CACHE_MS, default 1000; 0
	// sums them on every request). A save through another server shows
	// within this, one through this server at once.
	DashboardCache time.Duration
}
