package api

import (
	"sync"
	"time"

	"jixiao/app/store"
	"jixiao/domain/user"
)

// sessionCache keeps what a session token resolved to for a short time, so
// that a client's burst of requests costs one session lookup instead of one
// each. A grant changed on another server holds here within the TTL (at most
// a second or two); one changed through this server holds at once, since
// every change of users or passwords here empties the cache, and a logout
// here drops its session. A zero TTL caches nothing.
type sessionCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]cachedSession
}

type cachedSession struct {
	caller user.Caller
	sess   store.Session
	until  time.Time
}

// maxCachedSessions bounds the cache's memory; beyond it the cache starts over.
const maxCachedSessions = 20000

func newSessionCache(ttl time.Duration) *sessionCache {
	return &sessionCache{ttl: ttl, m: map[string]cachedSession{}}
}

func (sc *sessionCache) get(key []byte, now time.Time) (user.Caller, store.Session, bool) {
	if sc.ttl <= 0 {
		return user.Caller{}, store.Session{}, false
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	e, ok := sc.m[string(key)]
	if !ok || now.After(e.until) {
		return user.Caller{}, store.Session{}, false
	}
	return e.caller, e.sess, true
}

func (sc *sessionCache) put(key []byte, caller user.Caller, sess store.Session, now time.Time) {
	if sc.ttl <= 0 {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if len(sc.m) >= maxCachedSessions {
		clear(sc.m)
	}
	sc.m[string(key)] = cachedSession{caller: caller, sess: sess, until: now.Add(sc.ttl)}
}

// touched records a new last_seen_at of a cached session.
func (sc *sessionCache) touched(key []byte, at time.Time) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if e, ok := sc.m[string(key)]; ok {
		e.sess.LastSeenAt = at
		sc.m[string(key)] = e
	}
}

func (sc *sessionCache) drop(key []byte) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	delete(sc.m, string(key))
}

func (sc *sessionCache) clear() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	clear(sc.m)
}
