package user

import (
	"errors"
	"time"
)

// Errors of sessions.
var (
	// ErrNoSession is a token that names no live session: unknown, revoked
	// (logout), or of a disabled user.
	ErrNoSession = errors.New("no such session")
	// ErrSessionExpired is a session past its idle or absolute limit.
	ErrSessionExpired = errors.New("session expired")
)

// SessionPolicy limits how long a session lives: Idle since its last use,
// Absolute since sign-in.
type SessionPolicy struct {
	Idle     time.Duration
	Absolute time.Duration
}

// DefaultSessionPolicy: 30 minutes idle, 12 hours in all.
var DefaultSessionPolicy = SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}

// Expired reports whether a session created at created and last used at
// lastSeen has ended by now. A limit of zero does not apply.
func (p SessionPolicy) Expired(created, lastSeen, now time.Time) bool {
	if p.Idle > 0 && !now.Before(lastSeen.Add(p.Idle)) {
		return true
	}
	if p.Absolute > 0 && !now.Before(created.Add(p.Absolute)) {
		return true
	}
	return false
}
