package api

import (
	"context"
	"net/http"
	"time"
)

// hashWait is how long a request waits for a free hashing slot before it
// is refused with 429 "busy".
const hashWait = 3 * time.Second

var errBusy = newProblem(http.StatusTooManyRequests, "busy", "登录请求过多，请稍后再试")

// hashing runs fn, which computes password hashes, in one of a bounded
// number of slots: argon2id takes 19 MiB a time, so unbounded parallel
// logins would take the memory of the machine. A request that finds no
// slot within hashWait is errBusy.
func (s *Server) hashing(ctx context.Context, fn func() error) error {
	t := time.NewTimer(hashWait)
	defer t.Stop()
	select {
	case s.hashSlots <- struct{}{}:
	case <-t.C:
		return errBusy
	case <-ctx.Done():
		return errBusy
	}
	defer func() { <-s.hashSlots }()
	return fn()
}
