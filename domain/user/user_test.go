package user_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"jixiao/domain/user"
)

func TestPasswordPolicy(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pw      string
		wantErr error
	}{
		{"three classes, eight characters", "Abcdefg1", nil},
		{"lower, digits, symbols", "abcd-123", nil},
		{"upper, digits, symbols", "ABCD_123", nil},
		{"all four classes", "Jixiao-2024!", nil},
		{"chinese counts as other", "密码abcd1234", nil},
		{"seven characters", "Abcde1!", user.ErrWeakPassword},
		{"empty", "", user.ErrWeakPassword},
		{"two classes: lower and digits", "abcdefgh123", user.ErrWeakPassword},
		{"two classes: upper and lower", "ABCDefgh", user.ErrWeakPassword},
		{"one class, long", "aaaaaaaaaaaaaaaaaaaaaaaa", user.ErrWeakPassword},
		{"control character", "Abcdef1\x00", user.ErrWeakPassword},
		{"too long", "Aa1-" + string(make([]byte, 125)), user.ErrLongPassword},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := user.ValidatePassword(tc.pw); !errors.Is(err, tc.wantErr) {
				t.Errorf("ValidatePassword(%q) = %v, want %v", tc.pw, err, tc.wantErr)
			}
		})
	}
}

func TestLockoutAfterFiveFailuresWithinFifteenMinutes(t *testing.T) {
	t0 := time.Date(2024, 6, 30, 9, 0, 0, 0, time.UTC)
	at := func(minutes ...float64) []time.Time {
		out := make([]time.Time, len(minutes))
		for i, m := range minutes {
			out[i] = t0.Add(time.Duration(m * float64(time.Minute)))
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		failures  []time.Time
		now       time.Time
		wantLock  bool
		wantUntil time.Time
	}{
		{"no failures", nil, t0, false, time.Time{}},
		{"four failures", at(0, 1, 2, 3), t0.Add(4 * time.Minute), false, time.Time{}},
		{"fifth failure locks", at(0, 1, 2, 3, 4), t0.Add(4 * time.Minute), true, t0.Add(19 * time.Minute)},
		{"still locked just before the end", at(0, 1, 2, 3, 4), t0.Add(19*time.Minute - time.Second), true, t0.Add(19 * time.Minute)},
		{"unlocked at the end", at(0, 1, 2, 3, 4), t0.Add(19 * time.Minute), false, time.Time{}},
		{"five exactly fifteen minutes apart lock", at(0, 5, 10, 12, 15), t0.Add(15 * time.Minute), true, t0.Add(30 * time.Minute)},
		{"five spread over more than fifteen minutes", at(0, 5, 10, 12, 15.5), t0.Add(16 * time.Minute), false, time.Time{}},
		{"order does not matter", at(4, 0, 3, 1, 2), t0.Add(5 * time.Minute), true, t0.Add(19 * time.Minute)},
		{"a later burst extends the lock", at(0, 1, 2, 3, 4, 20, 21, 22, 23, 24), t0.Add(25 * time.Minute), true, t0.Add(39 * time.Minute)},
		{"old failures forgotten", at(0, 1, 2, 3, 4), t0.Add(2 * time.Hour), false, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			until, locked := user.DefaultLockout.LockedUntil(tc.failures, tc.now)
			if locked != tc.wantLock || !until.Equal(tc.wantUntil) {
				t.Errorf("LockedUntil = %v, %v; want %v, %v", until, locked, tc.wantUntil, tc.wantLock)
			}
			err := user.DefaultLockout.Check(tc.failures, tc.now)
			if tc.wantLock {
				var le *user.LockedError
				if !errors.As(err, &le) || !errors.Is(err, user.ErrLocked) || le.Wait != tc.wantUntil.Sub(tc.now) {
					t.Errorf("Check = %v, want a LockedError waiting %v", err, tc.wantUntil.Sub(tc.now))
				}
			} else if err != nil {
				t.Errorf("Check = %v, want nil", err)
			}
		})
	}
}

func TestSessionExpiry(t *testing.T) {
	signIn := time.Date(2024, 6, 30, 8, 0, 0, 0, time.UTC)
	p := user.DefaultSessionPolicy
	for _, tc := range []struct {
		name     string
		lastSeen time.Duration // after sign-in
		now      time.Duration // after sign-in
		want     bool
	}{
		{"just signed in", 0, 0, false},
		{"idle 29 minutes", 0, 29 * time.Minute, false},
		{"idle exactly 30 minutes", 0, 30 * time.Minute, true},
		{"idle 31 minutes", 0, 31 * time.Minute, true},
		{"active, 11h59m in", 11*time.Hour + 50*time.Minute, 11*time.Hour + 59*time.Minute, false},
		{"active, 12 hours in", 11*time.Hour + 55*time.Minute, 12 * time.Hour, true},
		{"active, 13 hours in", 12*time.Hour + 55*time.Minute, 13 * time.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.Expired(signIn, signIn.Add(tc.lastSeen), signIn.Add(tc.now)); got != tc.want {
				t.Errorf("Expired = %v, want %v", got, tc.want)
			}
		})
	}
	custom := user.SessionPolicy{Idle: 5 * time.Minute, Absolute: time.Hour}
	if !custom.Expired(signIn, signIn, signIn.Add(5*time.Minute)) || custom.Expired(signIn, signIn.Add(50*time.Minute), signIn.Add(54*time.Minute)) {
		t.Error("a custom policy is not applied")
	}
}

func TestParseRole(t *testing.T) {
	for _, in := range []string{"submitter", "reviewer", "admin", "auditor", " Reviewer "} {
		if _, err := user.ParseRole(in); err != nil {
			t.Errorf("ParseRole(%q): %v", in, err)
		}
	}
	for _, in := range []string{"", "root", "reader", "user"} {
		if _, err := user.ParseRole(in); !errors.Is(err, user.ErrUnknownRole) {
			t.Errorf("ParseRole(%q) = %v, want ErrUnknownRole", in, err)
		}
	}
}

func TestAccountValidation(t *testing.T) {
	ok := func(a user.Account) user.Account { return a }
	for _, tc := range []struct {
		name  string
		a     user.Account
		field string // "" valid
	}{
		{"submitter with department and projects", ok(user.Account{Username: "xzcw", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{"P1"}}), ""},
		{"reviewer of two departments", ok(user.Account{Username: "rev", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001", "003002"}}), ""},
		{"admin", ok(user.Account{Username: "admin", Roles: []user.Role{user.Admin}}), ""},
		{"auditor", ok(user.Account{Username: "auditor", Roles: []user.Role{user.Auditor}}), ""},
		{"username with a space", user.Account{Username: "a b", Roles: []user.Role{user.Admin}}, "username"},
		{"username starting with a digit", user.Account{Username: "1ab", Roles: []user.Role{user.Admin}}, "username"},
		{"chinese username", user.Account{Username: "审计", Roles: []user.Role{user.Admin}}, "username"},
		{"no role", user.Account{Username: "x1"}, "roles"},
		{"unknown role", user.Account{Username: "x1", Roles: []user.Role{"root"}}, "roles"},
		{"admin who reviews", user.Account{Username: "x1", Roles: []user.Role{user.Admin, user.Reviewer}, Departments: []string{"003001"}}, "roles"},
		{"reviewer who submits", user.Account{Username: "x1", Roles: []user.Role{user.Reviewer, user.Submitter}, Departments: []string{"003001"}}, "roles"},
		{"auditor who administers", user.Account{Username: "x1", Roles: []user.Role{user.Auditor, user.Admin}}, "roles"},
		{"role twice", user.Account{Username: "x1", Roles: []user.Role{user.Admin, user.Admin}}, "roles"},
		{"submitter without department", user.Account{Username: "x1", Roles: []user.Role{user.Submitter}}, "departments"},
		{"submitter of two departments", user.Account{Username: "x1", Roles: []user.Role{user.Submitter}, Departments: []string{"a", "b"}}, "departments"},
		{"reviewer without department", user.Account{Username: "x1", Roles: []user.Role{user.Reviewer}}, "departments"},
		{"reviewer with projects", user.Account{Username: "x1", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}, Projects: []string{"P1"}}, "projects"},
		{"admin with a department", user.Account{Username: "x1", Roles: []user.Role{user.Admin}, Departments: []string{"003001"}}, "departments"},
		{"auditor with projects", user.Account{Username: "x1", Roles: []user.Role{user.Auditor}, Projects: []string{"P1"}}, "projects"},
		{"project twice", user.Account{Username: "x1", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{"P1", "P1"}}, "projects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.a.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ve *user.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, user.ErrInvalid) {
				t.Fatalf("Validate = %v, want a ValidationError", err)
			}
			if ve.Fields[tc.field] == "" {
				t.Errorf("no message for %s in %v", tc.field, ve.Fields)
			}
		})
	}
}

func TestCallerAssignments(t *testing.T) {
	sub := user.Caller{ID: 1, Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{"P1"}}
	rev := user.Caller{ID: 2, Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}, Projects: []string{"P1"}}
	if !sub.AssignedTo("P1") || sub.AssignedTo("P2") {
		t.Error("a submitter is assigned to exactly their projects")
	}
	if rev.AssignedTo("P1") {
		t.Error("a reviewer is never assigned to fill a report")
	}
	if !rev.Reviews("003001") || sub.Reviews("003001") || rev.Reviews("009001") {
		t.Error("Reviews")
	}
	if sub.Department() != "003001" || (user.Caller{}).Department() != "" {
		t.Error("Department")
	}
	if !(user.Caller{}).Anonymous() || sub.Anonymous() {
		t.Error("Anonymous")
	}
}

func TestThrottleRefusesAnAddressAtItsLimitUntilTheOldestFailureLeavesTheWindow(t *testing.T) {
	th := user.Throttle{MaxFailures: 3, Window: 10 * time.Minute}
	t0 := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	fs := []time.Time{t0, t0.Add(time.Minute), t0.Add(2 * time.Minute)}
	if err := th.Check(fs[:2], t0.Add(3*time.Minute)); err != nil {
		t.Errorf("two failures: %v", err)
	}
	err := th.Check(fs, t0.Add(3*time.Minute))
	var te *user.ThrottledError
	if !errors.As(err, &te) || te.Wait != 7*time.Minute || !errors.Is(err, user.ErrThrottled) {
		t.Errorf("three failures: %v", err)
	}
	if err := th.Check(fs, t0.Add(10*time.Minute)); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestNobodyChangesTheirOwnAccessButTheirName(t *testing.T) {
	me := user.Account{ID: 7, Username: "adm", Roles: []user.Role{user.Admin}}
	for _, tc := range []struct {
		name    string
		actorID int64
		change  func(*user.Account)
		refused bool
	}{
		{"own display name", 7, func(a *user.Account) { a.DisplayName = "新名字" }, false},
		{"own role", 7, func(a *user.Account) { a.Roles = []user.Role{user.Reviewer} }, true},
		{"own departments", 7, func(a *user.Account) { a.Departments = []string{"003001"} }, true},
		{"own projects", 7, func(a *user.Account) { a.Projects = []string{"P1"} }, true},
		{"disable oneself", 7, func(a *user.Account) { a.Disabled = true }, true},
		{"another admin changes the role", 8, func(a *user.Account) { a.Roles = []user.Role{user.Auditor} }, false},
		{"the command line changes the role", 0, func(a *user.Account) { a.Roles = []user.Role{user.Auditor} }, false},
	} {
		after := me
		after.Roles = slices.Clone(me.Roles)
		tc.change(&after)
		err := user.CheckSelfChange(tc.actorID, me, after)
		if refused := errors.Is(err, user.ErrSelfChange); refused != tc.refused {
			t.Errorf("%s: refused %v, want %v", tc.name, refused, tc.refused)
		}
	}
	if !user.DropsAdmin(me, user.Account{Roles: []user.Role{user.Auditor}}) || !user.DropsAdmin(me, user.Account{Roles: me.Roles, Disabled: true}) ||
		user.DropsAdmin(me, me) || user.DropsAdmin(user.Account{Roles: me.Roles, Disabled: true}, user.Account{Roles: []user.Role{user.Auditor}}) {
		t.Error("DropsAdmin")
	}
	if err := user.ValidateRoles([]user.Role{user.Admin, user.Auditor}); err == nil {
		t.Error("two roles that do not conflict were accepted")
	}
}

// TestAnAttemptBeingCheckedIsNotAFailure: tries still being checked never
// lock a username nor throttle an address; they only make the next try
// wait (ErrChecking) while, all failing, they could reach the limit.
func TestAnAttemptBeingCheckedIsNotAFailure(t *testing.T) {
	now := time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC)
	l := user.DefaultLockout
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	tests := []struct {
		name string
		a    user.Attempts
		want error
	}{
		{"nothing before", user.Attempts{}, nil},
		{"four being checked", user.Attempts{Checking: 4}, nil},
		{"five being checked", user.Attempts{Checking: 5}, user.ErrChecking},
		{"three failures and one being checked", user.Attempts{Failures: []time.Time{ago(time.Minute), ago(time.Minute), ago(time.Minute)}, Checking: 1}, nil},
		{"three failures and two being checked", user.Attempts{Failures: []time.Time{ago(time.Minute), ago(time.Minute), ago(time.Minute)}, Checking: 2}, user.ErrChecking},
		{"old failures do not add up", user.Attempts{Failures: []time.Time{ago(20 * time.Minute), ago(20 * time.Minute)}, Checking: 4}, nil},
		{"five failures lock, whatever is checked", user.Attempts{Failures: []time.Time{ago(time.Minute), ago(time.Minute), ago(time.Minute), ago(time.Minute), ago(time.Minute)}}, user.ErrLocked},
	}
	for _, tt := range tests {
		err := l.Admit(tt.a, now)
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
		if errors.Is(err, user.ErrChecking) && l.Check(tt.a.Failures, now) != nil {
			t.Errorf("%s: refused as checking, yet locked", tt.name)
		}
	}
	th := user.Throttle{MaxFailures: 3, Window: 15 * time.Minute}
	if err := th.Admit(user.Attempts{Checking: 3}, now); !errors.Is(err, user.ErrChecking) {
		t.Errorf("an address with three tries being checked: %v, want ErrChecking", err)
	}
	if err := th.Admit(user.Attempts{Failures: []time.Time{ago(time.Minute)}, Checking: 1}, now); err != nil {
		t.Errorf("an address with one failure and one try being checked: %v", err)
	}
	if err := th.Admit(user.Attempts{Failures: []time.Time{ago(3 * time.Minute), ago(time.Minute), ago(2 * time.Minute)}}, now); !errors.Is(err, user.ErrThrottled) {
		t.Errorf("an address with three failures (any order): %v, want throttled", err)
	}
}
