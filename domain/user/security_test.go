package user_test

import (
	"testing"
	"time"

	"jixiao/domain/user"
)

func TestSignInStepsAfterThePassword(t *testing.T) {
	now := time.Date(2024, 9, 1, 9, 0, 0, 0, time.UTC)
	fresh, old := now.AddDate(0, 0, -10), now.AddDate(0, 0, -90)
	tests := []struct {
		name       string
		policy     user.Security
		st         user.SignInState
		want, then user.Stage
	}{
		{"enrolled: a code first", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Submitter}, TOTPEnrolled: true, PasswordChangedAt: fresh}, user.StageTOTP, user.StageFull},
		{"required and not enrolled: enrol", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Reviewer}, PasswordChangedAt: fresh}, user.StageEnrol, user.StageFull},
		{"not required: signed in", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Submitter}, PasswordChangedAt: fresh}, user.StageFull, user.StageFull},
		{"expired at exactly 90 days", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Submitter}, PasswordChangedAt: old}, user.StagePassword, user.StagePassword},
		{"set by an admin", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Submitter}, MustChangePassword: true, PasswordChangedAt: fresh}, user.StagePassword, user.StagePassword},
		{"code first, then the change", user.DefaultSecurity, user.SignInState{Roles: []user.Role{user.Auditor}, TOTPEnrolled: true, PasswordChangedAt: old}, user.StageTOTP, user.StagePassword},
		{"no roles required, no expiry", user.Security{}, user.SignInState{Roles: []user.Role{user.Admin}, PasswordChangedAt: old.AddDate(-5, 0, 0)}, user.StageFull, user.StageFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.AfterPassword(tt.st, now); got != tt.want {
				t.Errorf("after the password: %s, want %s", got, tt.want)
			}
			if got := tt.policy.AfterSecondFactor(tt.st, now); got != tt.then {
				t.Errorf("after the second factor: %s, want %s", got, tt.then)
			}
		})
	}
}

func TestIdleAccounts(t *testing.T) {
	now := time.Date(2024, 9, 1, 9, 0, 0, 0, time.UTC)
	p := user.Security{IdleLimit: 90 * 24 * time.Hour}
	recent, long := now.AddDate(0, 0, -30), now.AddDate(0, 0, -91)
	tests := []struct {
		name    string
		last    *time.Time
		created time.Time
		want    bool
	}{
		{"signed in a month ago", &recent, long, false},
		{"signed in 91 days ago", &long, long.AddDate(-1, 0, 0), true},
		{"never signed in, created a month ago", nil, recent, false},
		{"never signed in, created 91 days ago", nil, long, true},
	}
	for _, tt := range tests {
		if got := p.Idle(tt.last, tt.created, now); got != tt.want {
			t.Errorf("%s: idle %v, want %v", tt.name, got, tt.want)
		}
	}
	if (user.Security{}).Idle(&long, long, now) {
		t.Error("a zero limit disabled an account")
	}
}

func TestParseRoleList(t *testing.T) {
	for in, want := range map[string]int{"": 0, "none": 0, "NONE": 0, "admin": 1, "admin, reviewer ,auditor": 3} {
		got, err := user.ParseRoleList(in)
		if err != nil || len(got) != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := user.ParseRoleList("admin,boss"); err == nil {
		t.Error("an unknown role was accepted")
	}
}

func TestPersonalDataMasks(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"张", "*"}, {"张三", "张*"}, {"欧阳明", "欧*明"}, {"测试填报人", "测***人"},
	} {
		if got := user.MaskName(tt.in); got != tt.want {
			t.Errorf("MaskName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"13812345678", "138****5678"}, {"+86 138-1234-5678", "861******5678"}, {"0979-8412345", "097****2345"}, {"12345", "***45"},
	} {
		if got := user.MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"zhangsan@example.cn", "z***@example.cn"}, {"张三@例子.中国", "张***@例子.中国"}, {"nonsense", "***"},
	} {
		if got := user.MaskEmail(tt.in); got != tt.want {
			t.Errorf("MaskEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a := user.Account{Username: "u1", DisplayName: "张三", Phone: "13812345678", Email: "zhangsan@example.cn"}
	if c := user.ContactOf(a, false); !c.Masked || c.Phone != "138****5678" || c.DisplayName != "张*" {
		t.Errorf("masked: %+v", c)
	}
	if c := user.ContactOf(a, true); c.Masked || c.Phone != a.Phone || c.Email != a.Email {
		t.Errorf("in full: %+v", c)
	}
}
