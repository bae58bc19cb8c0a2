package config_test

import (
	"testing"

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
	if c.Rules.ReverseMethod != rules.ReverseLinear || c.Rules.Name != "qinghai" || c.Rules.GradeBands[0].Min.String() != "80" {
		t.Errorf("overridden rules %+v", c.Rules)
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
