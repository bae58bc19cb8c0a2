package api

import (
	"sync"
	"time"
)

// anonLimiter bounds the audit rows anonymous refusals write per client
// address: at most perMinute rows in each minute; the refusals past it are
// counted and the count goes into the address's next row. Signed-in
// callers' refusals are never limited (they are accountable and few).
type anonLimiter struct {
	perMinute int
	mu        sync.Mutex
	windows   map[string]*anonWindow
}

type anonWindow struct {
	start      time.Time
	written    int
	suppressed int
}

// maxTrackedAddresses bounds the limiter's memory: past it, the windows
// that have ended are forgotten, and if none has, all are.
const maxTrackedAddresses = 10000

// anonAuditPerMinute is the audit rows anonymous refusals write per client
// address and minute unless Options say otherwise.
const anonAuditPerMinute = 60

func newAnonLimiter(perMinute int) *anonLimiter {
	return &anonLimiter{perMinute: perMinute, windows: map[string]*anonWindow{}}
}

// allow tells whether a refusal from ip may write its row now and, if so,
// how many rows were suppressed before it.
func (l *anonLimiter) allow(ip string, now time.Time) (ok bool, suppressed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[ip]
	if w == nil || now.Sub(w.start) >= time.Minute || now.Before(w.start) {
		carried := 0
		if w != nil {
			carried = w.suppressed
		}
		if w == nil && len(l.windows) >= maxTrackedAddresses {
			l.forget(now)
		}
		w = &anonWindow{start: now, suppressed: carried}
		l.windows[ip] = w
	}
	if w.written >= l.perMinute {
		w.suppressed++
		return false, 0
	}
	w.written++
	suppressed, w.suppressed = w.suppressed, 0
	return true, suppressed
}

func (l *anonLimiter) forget(now time.Time) {
	for ip, w := range l.windows {
		if now.Sub(w.start) >= time.Minute {
			delete(l.windows, ip)
		}
	}
	if len(l.windows) >= maxTrackedAddresses {
		clear(l.windows)
	}
}
