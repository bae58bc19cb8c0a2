package config_test

import (
	"os"
	"strings"
	"testing"

	"jixiao/app/config"
	"jixiao/app/workbooks"
	"jixiao/domain/quality"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// The README's configuration table is the option table, printed.
func TestTheReadmeListsEveryOptionAsTheTableSays(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "\n"+config.Table()+"\n") {
		t.Errorf("README.md's configuration table is not `jixiao config`'s; replace it with:\n%s", config.Table())
	}
}

// Every rule and quality setting can be set from the environment, and each
// variable is in the table once.
func TestEverySettingHasOneOption(t *testing.T) {
	seen := map[string]int{}
	for _, o := range config.Options() {
		seen[o.Name]++
		if o.Meaning == "" {
			t.Errorf("%s says nothing of what it means", o.Name)
		}
	}
	for name, n := range seen {
		if n > 1 {
			t.Errorf("%s is in the table %d times", name, n)
		}
	}
	for _, k := range rules.Keys() {
		if seen[config.RuleVariable(k)] != 1 {
			t.Errorf("rule setting %s has no option", k)
		}
	}
	for _, k := range quality.Keys() {
		if seen[config.QualityVariable(k)] != 1 {
			t.Errorf("quality setting %s has no option", k)
		}
	}
}

// A server that requires second factors but has no key to seal them would
// lock every such user out at enrolment: it refuses to start, in one sentence.
func TestAServerWithoutTheKeyItNeedsRefusesToStart(t *testing.T) {
	key := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name string
		env  map[string]string
		ok   bool
	}{
		{"defaults: admins, reviewers and auditors need a second factor, no key", nil, false},
		{"one role, no key", map[string]string{"JIXIAO_TOTP_REQUIRED_ROLES": "reviewer"}, false},
		{"defaults with a key", map[string]string{"JIXIAO_SECRET_KEY": key}, true},
		{"no role needs one", map[string]string{"JIXIAO_TOTP_REQUIRED_ROLES": "none"}, true},
	} {
		c, err := config.FromEnv(env(tc.env))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		err = c.CheckServe()
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err != nil && (!strings.Contains(err.Error(), "JIXIAO_SECRET_KEY") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("%s: want one sentence naming JIXIAO_SECRET_KEY, got %q", tc.name, err)
		}
	}
}

// An unset variable reads as the default the table shows.
func TestTheTablesDefaultsAreTheConfigurationsDefaults(t *testing.T) {
	c, err := config.FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.BodyLimit != "1M" || c.ShutdownGrace.Seconds() != 15 || c.SessionIdle.Minutes() != 30 ||
		c.SessionAbsolute.Hours() != 12 || c.Season.AttachmentMaxBytes != 20<<20 || c.Season.RemindEvery.Minutes() != 60 ||
		!c.Scale.LogRequests || c.Scale.SessionCache.Milliseconds() != 1000 || c.Scale.DashboardCache.Milliseconds() != 1000 ||
		c.Season.Reminders.BeforeDays != 3 || c.Season.Reminders.OverdueEveryDays != 3 || c.RuleOverrides != nil {
		t.Errorf("defaults %+v", c)
	}
	for _, o := range config.Options() {
		if o.Default != "" && !strings.Contains(config.Table(), "| `"+o.Default+"` |") {
			t.Errorf("%s: default %q not shown", o.Name, o.Default)
		}
	}
}

// The defaults a part of the program falls back on when given none are
// the table's: the API's, the table reader's, the session policy's.
func TestEveryPartFallsBackOnTheTablesDefaults(t *testing.T) {
	d := config.Defaults()
	if d.ImportMaxBytes != workbooks.DefaultLimits.MaxBytes {
		t.Errorf("import limit: table %d, reader %d", d.ImportMaxBytes, workbooks.DefaultLimits.MaxBytes)
	}
	if d.SessionIdle != user.DefaultSessionPolicy.Idle || d.SessionAbsolute != user.DefaultSessionPolicy.Absolute {
		t.Errorf("sessions: table %s/%s, policy %+v", d.SessionIdle, d.SessionAbsolute, user.DefaultSessionPolicy)
	}
	if len(d.Security.Policy.TOTPRoles) != len(user.DefaultSecurity.TOTPRoles) {
		t.Errorf("second factor roles: %v", d.Security.Policy.TOTPRoles)
	}
}
