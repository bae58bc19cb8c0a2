package config

import (
	"fmt"
	"net"
	"strconv"
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

func scaleFromEnv(getenv func(string) string) (Scale, error) {
	s := Scale{ReplicaURL: getenv("DATABASE_REPLICA_URL"), PprofAddr: getenv("JIXIAO_PPROF_ADDR"), LogRequests: true,
		SessionCache: time.Second, DashboardCache: time.Second}
	if v := getenv("JIXIAO_SESSION_CACHE_MS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 2000 {
			return Scale{}, fmt.Errorf("JIXIAO_SESSION_CACHE_MS: want 0–2000 milliseconds, got %q", v)
		}
		s.SessionCache = time.Duration(n) * time.Millisecond
	}
	if v := getenv("JIXIAO_DASHBOARD_CACHE_MS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 5000 {
			return Scale{}, fmt.Errorf("JIXIAO_DASHBOARD_CACHE_MS: want 0–5000 milliseconds, got %q", v)
		}
		s.DashboardCache = time.Duration(n) * time.Millisecond
	}
	if s.PprofAddr != "" {
		host, _, err := net.SplitHostPort(s.PprofAddr)
		if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
			return Scale{}, fmt.Errorf("JIXIAO_PPROF_ADDR: want a loopback address such as 127.0.0.1:6060, got %q", s.PprofAddr)
		}
	}
	switch v := getenv("JIXIAO_LOG_REQUESTS"); v {
	case "", "on":
	case "off":
		s.LogRequests = false
	default:
		return Scale{}, fmt.Errorf("JIXIAO_LOG_REQUESTS: want on or off, got %q", v)
	}
	return s, nil
}
