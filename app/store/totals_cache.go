package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"jixiao/domain/period"
)

// totalsCache keeps the whole-province view of a period's dashboard, its
// totals (the sum of one rollup row per department: a few milliseconds of
// PostgreSQL at 5,000 departments) and the pages of project lines asked
// for, for a moment: every caller who sees the whole province sees the same
// view, so a province's reviewers opening the dashboard at once read it
// about once a moment, not once each.
//
// Totals may lag by at most the cache's time to live, as the reads sent to
// a replica may (UseReplica): a write through another server shows within
// it. A write through this server shows at once: every store method that
// writes what the views read bumps the generation after its commit
// (Store.wrote), and totals computed under an older generation are not
// served. (A read that overlaps a write's commit may keep what it read
// before the commit, for at most the time to live.)
type totalsCache struct {
	ttl time.Duration
	gen atomic.Uint64
	mu  sync.Mutex
	m   map[string]cachedTotals
	// flight makes the requests that find no totals kept share one sum
	flight singleflight.Group
	sums   atomic.Int64 // how many sums were made and kept (for the tests)
}

type cachedTotals struct {
	per   period.Period
	t     PeriodTotals
	lines []ProjectStatus
	gen   uint64
	at    time.Time
}

// SetTotalsCache sets how long the whole-province view of a dashboard (its
// totals and the pages read) is kept (JIXIAO_DASHBOARD_CACHE_MS); 0, the
// default, keeps none.
func (s *Store) SetTotalsCache(ttl time.Duration) {
	s.totals.mu.Lock()
	defer s.totals.mu.Unlock()
	s.totals.ttl, s.totals.m = ttl, map[string]cachedTotals{}
}

// wrote tells the cache that this server wrote something.
func (c *totalsCache) wrote() { c.gen.Add(1) }

// wrote tells the province's kept views (totals, pages, answers) that this
// server changed rows they read: reports and their scores, projects and
// their indicators, departments, periods, budget tables, the names of
// users. Every store method that writes such rows calls it once its
// transaction has ended (defer s.wrote()); a write of anything else
// (sessions, notifications, the audit trail alone) keeps them.
func (s *Store) wrote() { s.totals.wrote() }

// get returns the view kept under key while it is younger than the time to
// live and no write went through this server since it was read; stale says
// it is past half its life, time for a read in the background.
func (c *totalsCache) get(key string, now time.Time) (v cachedTotals, ok, stale bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || c.ttl <= 0 || e.gen != c.gen.Load() || now.Sub(e.at) >= c.ttl || now.Before(e.at) {
		return cachedTotals{}, false, false
	}
	return e.clone(), true, now.Sub(e.at) >= c.ttl/2
}

// put keeps a view read under generation gen (read before the query).
func (c *totalsCache) put(key string, gen uint64, e cachedTotals, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ttl <= 0 || gen != c.gen.Load() {
		return
	}
	e = e.clone()
	e.gen, e.at = gen, now
	c.m[key] = e
}

// clone copies what a caller may change (the maps, the lines).
func (e cachedTotals) clone() cachedTotals {
	e.t = e.t.clone()
	e.lines = append([]ProjectStatus(nil), e.lines...)
	return e
}

// clone copies the maps, so that no caller changes what the cache holds.
func (t PeriodTotals) clone() PeriodTotals {
	c := t
	c.ByLight, c.ByGrade, c.ByStatus = cloneCounts(t.ByLight), cloneCounts(t.ByGrade), cloneCounts(t.ByStatus)
	return c
}

func cloneCounts(m map[string]int) map[string]int {
	if m == nil {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// answerCache keeps whole answers of the whole province's views (the
// dashboard as encoded for the caller) under the same rules as the totals:
// at most the time to live, and none across a write through this server.
// The bytes kept are never changed; a caller only writes them out.
type answerCache struct {
	mu     sync.Mutex
	m      map[string]cachedAnswer
	flight singleflight.Group
}

type cachedAnswer struct {
	body []byte
	gen  uint64
	at   time.Time
}

// maxCachedAnswers bounds the answers kept (a period's pages); beyond it the
// cache starts over.
const maxCachedAnswers = 64

// ProvinceAnswer is the answer under key of a view that is the same for
// every caller who sees the whole province: the one kept when the cache
// holds it (JIXIAO_DASHBOARD_CACHE_MS), else made by read, once for the
// callers asking at the same moment. Without a time to live every call
// reads.
func (s *Store) ProvinceAnswer(ctx context.Context, key string, read func(context.Context) ([]byte, error)) ([]byte, error) {
	c, ac := &s.totals, &s.answers
	c.mu.Lock()
	ttl := c.ttl
	c.mu.Unlock()
	if ttl <= 0 {
		return read(ctx)
	}
	gen, now := c.gen.Load(), time.Now()
	ac.mu.Lock()
	e, ok := ac.m[key]
	ac.mu.Unlock()
	if ok && e.gen == gen && now.Sub(e.at) < ttl && !now.Before(e.at) {
		return e.body, nil
	}
	v, err, _ := ac.flight.Do(fmt.Sprintf("%s@%d", key, gen), func() (any, error) {
		// the read is shared: it does not end with the request that started it
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		body, err := read(rctx)
		if err != nil {
			return nil, err
		}
		ac.mu.Lock()
		defer ac.mu.Unlock()
		if gen == c.gen.Load() {
			if ac.m == nil || len(ac.m) >= maxCachedAnswers {
				ac.m = map[string]cachedAnswer{}
			}
			ac.m[key] = cachedAnswer{body: body, gen: gen, at: time.Now()}
		}
		return body, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// momentCache keeps small reads that every dashboard makes for at most the
// totals' time to live (JIXIAO_DASHBOARD_CACHE_MS, a second by default),
// whatever is written meanwhile: a period's chosen rule profile, a profile
// version, how many of the province's reports are scored with another
// profile. They change only when an admin chooses or verifies a profile, and
// by the rescore that follows, and show on dashboards within that time;
// the totals, which every save changes, are not kept across a write (the
// drafts saved on the deadline's days would leave these read anew on every
// dashboard).
type momentCache struct {
	mu sync.Mutex
	m  map[string]cachedMoment
}

// forget drops every read kept: a rule profile or a period's choice of one
// changed through this server, which then reads them anew at once.
func (c *momentCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

type cachedMoment struct {
	v  any
	at time.Time
}

// maxMoments bounds the reads kept; beyond it the cache starts over.
const maxMoments = 256

// moment returns the value kept under key, or reads it (and keeps it when
// the time to live allows).
func moment[T any](s *Store, key string, read func() (T, error)) (T, error) {
	c, mc := &s.totals, &s.moments
	c.mu.Lock()
	ttl := c.ttl
	c.mu.Unlock()
	if ttl <= 0 {
		return read()
	}
	now := time.Now()
	mc.mu.Lock()
	e, ok := mc.m[key]
	mc.mu.Unlock()
	if ok && now.Sub(e.at) < ttl && !now.Before(e.at) {
		return e.v.(T), nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	mc.mu.Lock()
	defer mc.mu.Unlock()
	if mc.m == nil || len(mc.m) >= maxMoments {
		mc.m = map[string]cachedMoment{}
	}
	mc.m[key] = cachedMoment{v: v, at: now}
	return v, nil
}
