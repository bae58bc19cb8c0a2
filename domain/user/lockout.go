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
