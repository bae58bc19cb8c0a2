package auth_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"jixiao/app/auth"
	"jixiao/domain/user"
)

func TestArgon2idHashVerifies(t *testing.T) {
	h, err := auth.HashPassword("Jixiao-2024")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC form", h)
	}
	if strings.Contains(h, "Jixiao-2024") {
		t.Error("the hash contains the password")
	}
	if err := auth.VerifyPassword(h, "Jixiao-2024"); err != nil {
		t.Errorf("right password: %v", err)
	}
	if err := auth.VerifyPassword(h, "Jixiao-2025"); !errors.Is(err, auth.ErrMismatch) {
		t.Errorf("wrong password: %v, want ErrMismatch", err)
	}
	again, _ := auth.HashPassword("Jixiao-2024")
	if again == h {
		t.Error("two hashes of one password are equal: no salt")
	}
}

func TestBcryptHashVerifies(t *testing.T) {
	b, err := bcrypt.GenerateFromPassword([]byte("Imported-1"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if err := auth.VerifyPassword(string(b), "Imported-1"); err != nil {
		t.Errorf("right password: %v", err)
	}
	if err := auth.VerifyPassword(string(b), "Imported-2"); !errors.Is(err, auth.ErrMismatch) {
		t.Errorf("wrong password: %v, want ErrMismatch", err)
	}
}

func TestMalformedHashesNeverMatch(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2id$v=19$m=19456,t=2,p=1$onlysalt", "$argon2id$v=18$m=1,t=1,p=1$AAAA$AAAA", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA"} {
		if err := auth.VerifyPassword(h, "x"); err == nil {
			t.Errorf("hash %q verified", h)
		}
	}
	if err := auth.VerifyNobody("anything"); !errors.Is(err, auth.ErrMismatch) {
		t.Errorf("VerifyNobody = %v", err)
	}
}

func TestNewPasswordHashAppliesThePolicy(t *testing.T) {
	_, err := auth.NewPasswordHash("short")
	var ve *user.ValidationError
	if !errors.As(err, &ve) || ve.Fields["password"] == "" {
		t.Fatalf("weak password: %v, want a ValidationError on password", err)
	}
	if _, err := auth.NewPasswordHash("Long-enough1"); err != nil {
		t.Errorf("good password: %v", err)
	}
}

func TestTokensAreRandomAndOnlyTheirHashIsKept(t *testing.T) {
	a, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := auth.NewToken()
	if len(a) != 43 || a == b || strings.ContainsAny(a, "+/=") {
		t.Errorf("tokens %q %q: want 43 distinct base64url characters", a, b)
	}
	if h := auth.HashToken(a); len(h) != 32 || string(h) == a {
		t.Errorf("hash of the token: %x", h)
	}
	if !auth.Equal(a, a) || auth.Equal(a, b) || auth.Equal(a, "") {
		t.Error("Equal")
	}
}

// TestPolicyGrantsEachRoleExactly states the role policy as the issue
// gives it, apart from policies/policy.csv, and holds casbin to it:
// separation of duties is in what is missing.
func TestPolicyGrantsEachRoleExactly(t *testing.T) {
	en, err := auth.NewEnforcer()
	if err != nil {
		t.Fatal(err)
	}
	reads := []string{"projects:read", "periods:read", "departments:read", "reports:read", "dashboard:read"}
	reads = append(reads, "tables:export")
	everyone := []string{"me:read", "auth:logout", "me:password"}
	everyone = append(everyone, "auth:step", "contacts:read")                               // security
	everyone = append(everyone, "todos:read", "notifications:read", "notifications:manage") // season
	reads = append(reads, "rounds:read", "attachments:read")                                // season
	reads = append(reads, "library:read")                                                   // the indicator library
	want := map[user.Role][]string{
		user.Submitter: append(append([]string{"reports:write", "reports:submit",
			"targets:draft", "target_changes:request", "attachments:write", "rectifications:answer"}, reads...), everyone...), // targets
		user.Reviewer: append(append([]string{"reports:review", "reports:reopen",
			"targets:review", "target_changes:decide", // targets
			"targets:import", "rounds:manage", "rectifications:close", "reports:urge"}, reads...), everyone...), // tables
		// the 主管部门's reviewer: the first level of review
		user.Supervisor: append(append([]string{"reports:review", "reports:reopen", "targets:review", "target_changes:decide",
			"rectifications:close", "reports:urge"}, reads...), everyone...),
		user.Admin: append(append([]string{"users:manage", "settings:manage", "audit:read", "departments:manage",
			"targets:import", "rounds:manage", "reports:urge", "account_resets:read", "account_resets:decide"}, reads...), everyone...), // tables
		user.Auditor: append(append([]string{"audit:read", "account_resets:read", "account_resets:decide"}, reads...), everyone...),
	}
	all := []string{"projects:read", "periods:read", "departments:read", "reports:read", "reports:write", "reports:submit",
		"reports:review", "reports:reopen", "dashboard:read", "audit:read", "users:manage", "settings:manage", "me:read", "auth:logout", "me:password",
		"targets:draft", "targets:review", "target_changes:request", "target_changes:decide",
		"targets:import", "tables:export"}
	all = append(all, "auth:step", "contacts:read")
	all = append(all, "rounds:read", "rounds:manage", "todos:read", "notifications:read", "notifications:manage", "attachments:read", "attachments:write",
		"rectifications:answer", "rectifications:close", "reports:urge") // season
	all = append(all, "account_resets:read", "account_resets:decide")
	all = append(all, "departments:manage")
	// the indicator library and 结果应用
	all = append(all, "library:read", "library:propose", "library:decide", "results:read", "results:decide")
	want[user.Submitter] = append(want[user.Submitter], "library:propose")
	want[user.Reviewer] = append(want[user.Reviewer], "library:decide", "results:read", "results:decide")
	want[user.Admin] = append(want[user.Admin], "results:read")
	want[user.Auditor] = append(want[user.Auditor], "results:read")
	for _, r := range user.Roles() {
		for _, p := range all {
			for range 2 { // asked again, the remembered decision is the same
				if got, w := en.Allowed([]user.Role{r}, p), slices.Contains(want[r], p); got != w {
					t.Errorf("%s %s: allowed %v, want %v", r, p, got, w)
				}
			}
		}
		got := en.Permissions([]user.Role{r})
		w := slices.Clone(want[r])
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("Permissions(%s) = %v, want %v", r, got, w)
		}
	}
	for _, p := range all {
		if en.Allowed(nil, p) || en.Allowed([]user.Role{"reader"}, p) || en.Allowed([]user.Role{"user"}, p) {
			t.Errorf("%s granted without a role", p)
		}
	}
	if en.Allowed([]user.Role{user.Admin}, "users") || en.Allowed([]user.Role{user.Admin}, "users:manage:x") {
		t.Error("a malformed permission was granted")
	}
}
