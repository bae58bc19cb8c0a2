package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao/app/config"
	"jixiao/domain/rules"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := config.FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != config.DefaultDatabaseURL || c.Addr != ":8080" || c.Rules.Name != rules.National().Name ||
		c.Rules.ReverseMethod != rules.ReverseRatio {
		t.Errorf("defaults %+v", c)
	}
}

func TestARegionOverridesRuleSettings(t *testing.T) {
	c, err := config.FromEnv(env(map[string]string{
		"JIXIAO_RULE_REVERSE_METHOD": "linear",
		"JIXIAO_RULE_GRADE_BANDS":    "80,70,60",
		"JIXIAO_RULE_NAME":           "qinghai",
	}))
	if err != nil {
		t.Fatal(err)
	}
	// the overrides are the "local" rule profile; JIXIAO_RULE_NAME names it in its title
	if c.Rules.ReverseMethod != rules.ReverseLinear || c.Rules.Name != rules.ProfileLocal || c.Rules.GradeBands[0].Min.String() != "80" {
		t.Errorf("overridden rules %+v", c.Rules)
	}
	local, err := c.LocalProfile()
	if err != nil || local == nil || !strings.Contains(local.Title, "qinghai") || local.Settings["reverse_method"] != "linear" ||
		local.Settings["grade_bands"] != "80,70,60" || local.Verified {
		t.Errorf("local profile %+v, %v", local, err)
	}
	none, err := config.FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := none.LocalProfile(); p != nil || err != nil {
		t.Errorf("no overrides make a local profile %+v, %v", p, err)
	}
}

func TestBadSettingsAreRefusedAtStart(t *testing.T) {
	for name, e := range map[string]map[string]string{
		"unknown method":     {"JIXIAO_RULE_REVERSE_METHOD": "cubic"},
		"bands not falling":  {"JIXIAO_RULE_GRADE_BANDS": "60,80,90"},
		"bad cut-off":        {"JIXIAO_RULE_CUTOFF_MONTH": "13"},
		"bad idle minutes":   {"JIXIAO_SESSION_IDLE_MINUTES": "0"},
		"bad shutdown grace": {"JIXIAO_SHUTDOWN_GRACE_SECONDS": "soon"},
		"bad proxy network":  {"JIXIAO_TRUSTED_PROXIES": "10.0.0.1"},
	} {
		if _, err := config.FromEnv(env(e)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A10: a database password with "@" or "/" broke the URL compose built.
// DATABASE_PASSWORD is put into DATABASE_URL escaped.
func TestADatabasePasswordWithAnyCharacterWorks(t *testing.T) {
	const pw = "p@ss/w:rd?#%20 é"
	c, err := config.FromEnv(env(map[string]string{
		"DATABASE_URL":      "postgres://jixiao@db:5432/jixiao?sslmode=disable",
		"DATABASE_PASSWORD": pw,
	}))
	if err != nil {
		t.Fatal(err)
	}
	pc, err := pgx.ParseConfig(c.DatabaseURL)
	if err != nil {
		t.Fatalf("the URL does not parse: %v", err)
	}
	if pc.Password != pw || pc.User != "jixiao" || pc.Host != "db" || pc.Database != "jixiao" {
		t.Errorf("parsed back: user %q password %q host %q database %q", pc.User, pc.Password, pc.Host, pc.Database)
	}
	if _, err := config.FromEnv(env(map[string]string{"DATABASE_URL": "postgres://db/jixiao", "DATABASE_PASSWORD": pw})); err == nil {
		t.Error("a password without a user in the URL was accepted")
	}
}

func TestTLSBehindProxy(t *testing.T) {
	c, err := config.FromEnv(env(map[string]string{"JIXIAO_TLS_BEHIND_PROXY": "true"}))
	if err != nil || !c.TLSBehindProxy {
		t.Errorf("true: %v %v", c.TLSBehindProxy, err)
	}
	if _, err := config.FromEnv(env(map[string]string{"JIXIAO_TLS_BEHIND_PROXY": "yes please"})); err == nil {
		t.Error("a value that is not a boolean was accepted")
	}
}

func TestRequestTimeout(t *testing.T) {
	c, err := config.FromEnv(env(nil))
	if err != nil || c.RequestTimeout != 4*time.Second {
		t.Errorf("default %s %v", c.RequestTimeout, err)
	}
	c, err = config.FromEnv(env(map[string]string{"JIXIAO_REQUEST_TIMEOUT_SECONDS": "30"}))
	if err != nil || c.RequestTimeout != 30*time.Second {
		t.Errorf("30: %s %v", c.RequestTimeout, err)
	}
}

func TestImportLimitIsASetting(t *testing.T) {
	c, err := config.FromEnv(env(nil))
	if err != nil || c.ImportMaxBytes != 20<<20 {
		t.Errorf("default import limit %d, %v; want 20 MB", c.ImportMaxBytes, err)
	}
	c, err = config.FromEnv(env(map[string]string{"JIXIAO_IMPORT_MAX_MB": "5"}))
	if err != nil || c.ImportMaxBytes != 5<<20 {
		t.Errorf("import limit %d, %v; want 5 MB", c.ImportMaxBytes, err)
	}
	for _, bad := range []string{"0", "-1", "20M", "4096"} {
		if _, err := config.FromEnv(env(map[string]string{"JIXIAO_IMPORT_MAX_MB": bad})); err == nil {
			t.Errorf("JIXIAO_IMPORT_MAX_MB=%s accepted", bad)
		}
	}
}
