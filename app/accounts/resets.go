// Package accounts runs the use cases of accounts: signing in with a
// password (lockout, address throttle, bounded hashing, idle accounts,
// temporary passwords) and a second factor (signin.go, secondfactor.go),
// changing one's password, and an administrator's reset of a password or
// second factor, confirmed by a second person when the account can
// approve, administer or audit (二人复核), with the new password temporary
// and the holder told. One function per use case; handlers bind, call and
// render.
package accounts

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// Service runs the account use cases.
type Service struct {
	store *store.Store
	now   func() time.Time
	set   Settings
	// gate spares the database a storm of logins for one username.
	gate *loginGate
	// hashSlots bounds the password hashes computed at once.
	hashSlots chan struct{}
}

// New returns a Service; now is the clock (time.Now in production).
func New(st *store.Store, now func() time.Time, set Settings) *Service {
	if set.HashConcurrency < 1 {
		set.HashConcurrency = max(2, runtime.NumCPU())
	}
	if set.Log == nil {
		set.Log = slog.Default()
	}
	return &Service{store: st, now: now, set: set, gate: newLoginGate(), hashSlots: make(chan struct{}, set.HashConcurrency)}
}

// Actor is who acts and from where.
type Actor struct {
	Caller user.Caller
	IP     string
}

func (s *Service) entry(a Actor) audit.Entry {
	return audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP}
}

// Outcome is what a reset did: the account, and, when the reset waits for
// a second person, the request (nothing else changed then).
type Outcome struct {
	Account user.Account
	Pending *store.Reset
}

// ResetPassword sets the password of username to the one hashed in hash,
// for an administrator: at once for a submitter, or as a request a second
// person confirms for an admin, reviewer or auditor. The password is
// temporary: it signs in once within user.TemporaryPasswordLifetime and
// must then be changed. The holder is told either way.
func (s *Service) ResetPassword(ctx context.Context, a Actor, username, hash string) (Outcome, error) {
	return s.reset(ctx, a, store.ResetRequest{Kind: user.ResetPassword, Username: username, PasswordHash: hash})
}

// ResetTOTP removes the second factor of username, for an administrator:
// at once, or as a request a second person confirms, as ResetPassword.
func (s *Service) ResetTOTP(ctx context.Context, a Actor, username string) (Outcome, error) {
	return s.reset(ctx, a, store.ResetRequest{Kind: user.ResetTOTP, Username: username})
}

func (s *Service) reset(ctx context.Context, a Actor, r store.ResetRequest) (Outcome, error) {
	now := s.now().UTC()
	r.At, r.TemporaryUntil, r.ExpiresAt = now, now.Add(user.TemporaryPasswordLifetime), now.Add(user.ResetRequestLifetime)
	e := s.entry(a)
	e.Status = 200
	acct, pending, err := s.store.ResetAccount(ctx, r, func(t user.Account) bool { return user.NeedsSecondPerson(t.Roles) }, e,
		func(t user.Account, p *store.Reset, confirmers []store.Recipient) []store.Notice {
			if p == nil {
				return []store.Notice{appliedNotice(t, r.Kind, a.Caller.Username, "", 0, now, r.TemporaryUntil)}
			}
			out := []store.Notice{requestedNotice(t, *p)}
			for _, c := range confirmers {
				out = append(out, confirmNotice(c.UserID, t, *p))
			}
			return out
		})
	if err != nil {
		return Outcome{}, err
	}
	return Outcome{Account: acct, Pending: pending}, nil
}

// Confirm is the second person's confirmation of a reset request: another
// administrator or an auditor, neither the one who asked nor the account's
// holder. The reset is then applied as ResetPassword or ResetTOTP would
// without a second person, and the holder told.
func (s *Service) Confirm(ctx context.Context, a Actor, id int64) (store.Reset, user.Account, error) {
	return s.decide(ctx, a, id, true, "")
}

// Reject turns a reset request down: the second person, or the one who
// asked (withdrawing it). Nothing of the account changes.
func (s *Service) Reject(ctx context.Context, a Actor, id int64, comment string) (store.Reset, user.Account, error) {
	return s.decide(ctx, a, id, false, strings.TrimSpace(comment))
}

func (s *Service) decide(ctx context.Context, a Actor, id int64, confirm bool, comment string) (store.Reset, user.Account, error) {
	now := s.now().UTC()
	until := now.Add(user.TemporaryPasswordLifetime)
	d := store.ResetDecision{Confirm: confirm, Comment: comment, At: now, TemporaryUntil: until,
		Check: func(r store.Reset) error {
			if !confirm && r.RequestedByID == a.Caller.ID {
				return nil // the one who asked withdraws
			}
			if err := user.CheckConfirmer(a.Caller, r.RequestedByID, r.UserID); err != nil {
				return fmt.Errorf("decide reset %d: %w", r.ID, err)
			}
			return nil
		}}
	return s.store.DecideReset(ctx, id, d, s.entry(a), func(t user.Account, r store.Reset) []store.Notice {
		if !confirm {
			return []store.Notice{rejectedNotice(t, r)}
		}
		return []store.Notice{appliedNotice(t, r.Kind, r.RequestedBy, r.DecidedBy, r.ID, now, until)}
	})
}

// Resets lists reset requests, newest first: "pending" those that wait for
// a second person, "" all.
func (s *Service) Resets(ctx context.Context, status string) ([]store.Reset, error) {
	switch st := user.ResetStatus(status); st {
	case "", user.ResetPending, user.ResetConfirmed, user.ResetRejected, user.ResetExpired:
		return s.store.ListResets(ctx, st, s.now().UTC())
	}
	return nil, user.FieldError("status", "状态应为 pending、confirmed、rejected 或 expired")
}

// resetLink is where the holder of an account reads about its security.
const resetLink = "/security"

// appliedNotice tells the holder their password or second factor was reset.
func appliedNotice(t user.Account, kind user.ResetKind, by, confirmedBy string, id int64, at, until time.Time) store.Notice {
	body := fmt.Sprintf("您的%s已由管理员 %s 重置", kind.Label(), by)
	if confirmedBy != "" {
		body += fmt.Sprintf("，经 %s 复核", confirmedBy)
	}
	body += "，您的所有登录会话已结束。"
	if kind == user.ResetPassword {
		body += fmt.Sprintf("新密码为临时密码，只能登录一次，须在 %s 前使用，登录后须立即改为您自己的密码。",
			until.In(beijing).Format("2006-01-02 15:04"))
	} else {
		body += "下次登录时请重新绑定验证器。"
	}
	body += "如非您本人要求，请立即联系系统管理员和审计员。"
	key := fmt.Sprintf("account_reset:%d:applied", id)
	if id == 0 {
		key = fmt.Sprintf("account_reset:%s:%d", kind, at.UnixNano())
	}
	return store.Notice{Notification: store.Notification{Key: key, Kind: "account_reset",
		Title: "您的" + kind.Label() + "已被重置", Body: body, Link: resetLink, CreatedAt: at}}
}

// requestedNotice tells the holder a reset of their account was asked for.
func requestedNotice(t user.Account, r store.Reset) store.Notice {
	body := fmt.Sprintf("管理员 %s 申请重置您的%s，须由另一位管理员或审计员复核后才生效（%s 前未复核则作废）。如非您本人要求，请立即联系审计员。",
		r.RequestedBy, r.Kind.Label(), r.ExpiresAt.In(beijing).Format("2006-01-02 15:04"))
	return store.Notice{Notification: store.Notification{Key: fmt.Sprintf("account_reset:%d:requested", r.ID), Kind: "account_reset",
		Title: "有人申请重置您的" + r.Kind.Label(), Body: body, Link: resetLink, CreatedAt: r.RequestedAt}}
}

// confirmNotice tells a possible second person that a request waits.
func confirmNotice(to int64, t user.Account, r store.Reset) store.Notice {
	name := t.Username
	if t.DisplayName != "" {
		name = t.DisplayName + "（" + t.Username + "）"
	}
	return store.Notice{UserID: to, Notification: store.Notification{Key: fmt.Sprintf("account_reset:%d:confirm", r.ID),
		Kind: "account_reset_confirm", Title: "待复核：重置 " + name + " 的" + r.Kind.Label(),
		Body: fmt.Sprintf("管理员 %s 申请重置 %s 的%s，请核实是本人要求后复核或驳回。", r.RequestedBy, name, r.Kind.Label()),
		Link: "/account-resets", CreatedAt: r.RequestedAt}}
}

// rejectedNotice tells the holder a requested reset did not happen.
func rejectedNotice(t user.Account, r store.Reset) store.Notice {
	at := r.RequestedAt
	if r.DecidedAt != nil {
		at = *r.DecidedAt
	}
	return store.Notice{Notification: store.Notification{Key: fmt.Sprintf("account_reset:%d:rejected", r.ID), Kind: "account_reset",
		Title: "重置您的" + r.Kind.Label() + "的申请未获通过",
		Body:  fmt.Sprintf("管理员 %s 申请重置您的%s，已由 %s 驳回，您的账户未作任何更改。", r.RequestedBy, r.Kind.Label(), r.DecidedBy),
		Link:  resetLink, CreatedAt: at}}
}

// beijing is China Standard Time, for times people read.
var beijing = time.FixedZone("CST", 8*3600)
