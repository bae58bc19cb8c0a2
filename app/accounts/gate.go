package accounts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"jixiao/domain/user"
)

// loginGate keeps parallel logins for one username from piling up on the
// database: within this server they take their turn at admission one at a
// time, and once a username is seen locked, the rest are refused from
// memory until the lock ends, without a database round trip. The database
// (store.BeginLogin) stays the authority across servers; the gate only
// spares it a storm.
type loginGate struct {
	mu     sync.Mutex
	turns  map[string]*gateTurn
	locked map[string]time.Time
}

type gateTurn struct {
	ch      chan struct{} // holds one token: the turn
	waiters int
}

// maxLockedNames bounds the memory of locked usernames.
const maxLockedNames = 10000

func newLoginGate() *loginGate {
	return &loginGate{turns: map[string]*gateTurn{}, locked: map[string]time.Time{}}
}

// enter waits for the username's turn (or ctx's end) and returns the
// function that ends it.
func (g *loginGate) enter(ctx context.Context, username string) (func(), error) {
	key := strings.ToLower(username)
	g.mu.Lock()
	t := g.turns[key]
	if t == nil {
		t = &gateTurn{ch: make(chan struct{}, 1)}
		g.turns[key] = t
	}
	t.waiters++
	g.mu.Unlock()
	leave := func() {
		g.mu.Lock()
		t.waiters--
		if t.waiters == 0 {
			delete(g.turns, key)
		}
		g.mu.Unlock()
	}
	select {
	case t.ch <- struct{}{}:
		return func() { <-t.ch; leave() }, nil
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
}

// lockedNow returns the lock remembered for a username, if it still holds.
func (g *loginGate) lockedNow(username string, now time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	until, ok := g.locked[strings.ToLower(username)]
	if !ok {
		return nil
	}
	if !now.Before(until) {
		delete(g.locked, strings.ToLower(username))
		return nil
	}
	return &user.LockedError{Wait: until.Sub(now)}
}

// remember notes a username's lock, if err is one.
func (g *loginGate) remember(username string, now time.Time, err error) {
	var le *user.LockedError
	if !errors.As(err, &le) {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.locked) >= maxLockedNames {
		clear(g.locked)
	}
	g.locked[strings.ToLower(username)] = now.Add(le.Wait)
}
