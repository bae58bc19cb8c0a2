package user

import (
	"strings"
	"time"
)

// Security is the policy of second factors and password life.
type Security struct {
	// TOTPRoles must sign in with a second factor (TOTP); a user of such a
	// role who has not enrolled may only enrol.
	TOTPRoles []Role
	// PasswordMaxAge: a password older than this must be changed at the next
	// sign-in; zero never expires.
	PasswordMaxAge time.Duration
	// IdleLimit: an account with no sign-in for this long is disabled; zero
	// never.
	IdleLimit time.Duration
}

// DefaultSecurity: admins, reviewers and auditors use a second factor;
// passwords last 90 days; accounts unused for 90 days are disabled.
var DefaultSecurity = Security{
	TOTPRoles:      []Role{Admin, Reviewer, Auditor},
	PasswordMaxAge: 90 * 24 * time.Hour,
	IdleLimit:      90 * 24 * time.Hour,
}

// PasswordHistory is how many of a user's last passwords (the current one
// included) may not be chosen again.
const PasswordHistory = 5

// PendingLifetime is how long a pending sign-in may take its next step.
const PendingLifetime = 5 * time.Minute

// Stage is where a session stands: full, or a pending sign-in that may only
// take its next step.
type Stage string

// The stages of a session.
const (
	StageFull     Stage = "full"
	StageTOTP     Stage = "totp"     // password checked; a TOTP or recovery code next
	StageEnrol    Stage = "enrol"    // must enrol a second factor first
	StagePassword Stage = "password" // must change the password first
)

// Next names the step a pending stage waits for, as the API says it.
func (s Stage) Next() string {
	switch s {
	case StageTOTP:
		return "totp"
	case StageEnrol:
		return "totp_enrol"
	case StagePassword:
		return "password_change"
	}
	return ""
}

// SignInState is what decides the steps of a sign-in after the password.
type SignInState struct {
	Roles              []Role
	TOTPEnrolled       bool
	MustChangePassword bool
	PasswordChangedAt  time.Time
}

// RequiresTOTP tells whether one of roles must use a second factor.
func (p Security) RequiresTOTP(roles []Role) bool {
	for _, r := range roles {
		for _, q := range p.TOTPRoles {
			if r == q {
				return true
			}
		}
	}
	return false
}

// PasswordExpired tells whether a password set at changed must be changed by now.
func (p Security) PasswordExpired(changed, now time.Time) bool {
	return p.PasswordMaxAge > 0 && !now.Before(changed.Add(p.PasswordMaxAge))
}

// Idle tells whether an account last signed in at last (or created at
// created, if never) has been unused past the limit by now.
func (p Security) Idle(last *time.Time, created, now time.Time) bool {
	if p.IdleLimit <= 0 {
		return false
	}
	since := created
	if last != nil && last.After(since) {
		since = *last
	}
	return !now.Before(since.Add(p.IdleLimit))
}

// AfterPassword is the stage a sign-in reaches once the password is right:
// the second factor first (enrolment when required and missing), then a
// password change when the password expired or someone else set it.
func (p Security) AfterPassword(st SignInState, now time.Time) Stage {
	switch {
	case st.TOTPEnrolled:
		return StageTOTP
	case p.RequiresTOTP(st.Roles):
		return StageEnrol
	}
	return p.AfterSecondFactor(st, now)
}

// AfterSecondFactor is the stage once the second factor (if any) is done.
func (p Security) AfterSecondFactor(st SignInState, now time.Time) Stage {
	if st.MustChangePassword || p.PasswordExpired(st.PasswordChangedAt, now) {
		return StagePassword
	}
	return StageFull
}

// ParseRoleList reads a comma-separated list of roles ("admin,reviewer");
// "" and "none" are no role.
func ParseRoleList(s string) ([]Role, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return []Role{}, nil
	}
	var out []Role
	for _, part := range strings.Split(s, ",") {
		r, err := ParseRole(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
