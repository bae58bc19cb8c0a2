package accounts_test

import (
	"errors"
	"testing"

	"jixiao/app/accounts"
	"jixiao/domain/user"
)

// One policy for a password its holder chooses, at sign-in's forced change
// and on the account page alike: which field is wrong, and why.
func TestCheckNewPasswordSaysWhichFieldAndWhy(t *testing.T) {
	for _, tc := range []struct {
		name, current, next string
		field               string // "" when accepted
	}{
		{"accepted", "Old-passw0rd!", "Another-passw0rd!", ""},
		{"no current", "", "Another-passw0rd!", "current"},
		{"no new", "Old-passw0rd!", "", "new"},
		{"too short", "Old-passw0rd!", "short", "new"},
		{"the same again", "Old-passw0rd!", "Old-passw0rd!", "new"},
	} {
		err := accounts.CheckNewPassword(tc.current, tc.next)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var fe interface{ FieldErrors() map[string]string }
		if !errors.As(err, &fe) || fe.FieldErrors()[tc.field] == "" || !errors.Is(err, user.ErrInvalid) {
			t.Errorf("%s: %v, want a problem with %q", tc.name, err, tc.field)
		}
	}
}
