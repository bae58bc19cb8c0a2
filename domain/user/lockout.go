package user

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrInvalidCredentials is a failed login: unknown user, wrong password or a
// disabled account alike, so that the answer does not tell which.
var ErrInvalidCredentials = errors.New("invalid username or password")

// ErrLocked is matched by a LockedError.
var ErrLocked = errors.New("account locked")

// LockedError tells that logins under a username are refused for Wait.
type LockedError struct {
	Wait time.Duration
}

// Error says how long the lock lasts, for logs.
func (e *LockedError) Error() string { return fmt.Sprintf("account locked for %s", e.Wait) }

// Unwrap lets errors.Is(err, ErrLocked) match.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Lockout is the rule against guessing passwords: MaxFailures failed logins
// within Window lock the username for Duration from the last of them.
type Lockout struct {
	MaxFailures int
	Window      time.Duration
	Duration    time.Duration
}

// DefaultLockout: 5 failures within 15 minutes lock for 15 minutes.
var DefaultLockout = Lockout{MaxFailures: 5, Window: 15 * time.Minute, Duration: 15 * time.Minute}

// Lookback is how far back failures can still matter at any moment.
func (l Lockout) Lookback() time.Duration { return l.Window + l.Duration }

// LockedUntil tells until when a username is locked, given the times of its
// failed logins since its last successful one (any order). Attempts refused
// while locked are not failures and must not be passed in, so a lock ends
// on time even under a stream of attempts.
func (l Lockout) LockedUntil(failures []time.Time, now time.Time) (time.Time, bool) {
	if l.MaxFailures <= 0 {
		return time.Time{}, false
	}
	fs := slices.Clone(failures)
	slices.SortFunc(fs, func(a, b time.Time) int { return a.Compare(b) })
	var until time.Time
	for i := l.MaxFailures - 1; i < len(fs); i++ {
		if fs[i].Sub(fs[i-l.MaxFailures+1]) <= l.Window {
			if end := fs[i].Add(l.Duration); end.After(until) {
				until = end
			}
		}
	}
	if now.Before(until) {
		return until, true
	}
	return time.Time{}, false
}

// Check returns a *LockedError while the username is locked, nil otherwise.
func (l Lockout) Check(failures []time.Time, now time.Time) error {
	if until, locked := l.LockedUntil(failures, now); locked {
		return &LockedError{Wait: until.Sub(now)}
	}
	return nil
}

// ErrChecking refuses a login try while earlier tries of the same username
// (or address) are still being checked and would, if they all failed, reach
// the limit: the try is not a failure and locks nothing; it may come again
// in a moment, once their outcome is known.
var ErrChecking = errors.New("earlier login attempts are still being checked")

// CheckingLimit is how long an attempt may stay undecided: one older than
// this (its server stopped while checking it) counts as a failure.
const CheckingLimit = time.Minute

// Attempts are a username's or an address's failed login attempts (any
// order) and how many of its attempts are still being checked.
type Attempts struct {
	Failures []time.Time
	Checking int
}

// Admit decides whether a login attempt of a username with these attempts
// may check a password now: a *LockedError when its failures lock it;
// ErrChecking when the attempts still being checked could, all failing,
// reach the lock (so that parallel tries never check more passwords than
// the lockout allows); nil otherwise. An attempt still being checked is
// never counted as a failure.
func (l Lockout) Admit(a Attempts, now time.Time) error {
	if err := l.Check(a.Failures, now); err != nil {
		return err
	}
	if l.MaxFailures <= 0 || a.Checking == 0 {
		return nil
	}
	recent := 0
	for _, f := range a.Failures {
		if now.Sub(f) <= l.Window {
			recent++
		}
	}
	if recent+a.Checking >= l.MaxFailures {
		return ErrChecking
	}
	return nil
}

// ErrThrottled is matched by a ThrottledError.
var ErrThrottled = errors.New("too many failed logins from this address")

// ThrottledError tells that logins from an address are refused for Wait.
type ThrottledError struct {
	Wait time.Duration
}

// Error says how long the refusal lasts, for logs.
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins from this address: wait %s", e.Wait)
}

// Unwrap lets errors.Is(err, ErrThrottled) match.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// RetryAfter is how long the client should wait.
func (e *ThrottledError) RetryAfter() time.Duration { return e.Wait }

// RetryAfter is how long the client should wait.
func (e *LockedError) RetryAfter() time.Duration { return e.Wait }

// Throttle is the rule against one client guessing across many usernames
// (and so locking every account): MaxFailures failed logins from one
// address within Window refuse further logins from it until the oldest of
// them leaves the window.
type Throttle struct {
	MaxFailures int
	Window      time.Duration
}

// DefaultThrottle: 20 failures from one address within 15 minutes. Behind a
// reverse proxy, set its networks as trusted (JIXIAO_TRUSTED_PROXIES) so that
// each client is counted by its own address.
var DefaultThrottle = Throttle{MaxFailures: 20, Window: 15 * time.Minute}

// Check returns a *ThrottledError when an address's failures within the
// window (oldest first) reach the limit.
func (t Throttle) Check(failures []time.Time, now time.Time) error {
	if t.MaxFailures <= 0 || len(failures) < t.MaxFailures {
		return nil
	}
	// the oldest failure that keeps the count at the limit
	oldest := failures[len(failures)-t.MaxFailures]
	wait := oldest.Add(t.Window).Sub(now)
	if wait <= 0 {
		return nil
	}
	return &ThrottledError{Wait: wait}
}

// Admit decides whether a login attempt from an address with these
// attempts may check a password now, as Lockout.Admit does for a username:
// a *ThrottledError, ErrChecking, or nil.
func (t Throttle) Admit(a Attempts, now time.Time) error {
	fs := slices.Clone(a.Failures)
	slices.SortFunc(fs, func(x, y time.Time) int { return x.Compare(y) })
	if err := t.Check(fs, now); err != nil {
		return err
	}
	if t.MaxFailures <= 0 || a.Checking == 0 {
		return nil
	}
	recent := 0
	for _, f := range fs {
		if now.Sub(f) < t.Window {
			recent++
		}
	}
	if recent+a.Checking >= t.MaxFailures {
		return ErrChecking
	}
	return nil
}
