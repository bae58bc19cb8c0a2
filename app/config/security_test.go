package config_test

import (
	"strings"
	"testing"
	"time"

	"jixiao/app/config"
	"jixiao/domain/user"
)

func TestSecuritySettings(t *testing.T) {
	read := func(env map[string]string) (config.Config, error) {
		return config.FromEnv(func(k string) string { return env[k] })
	}
	c, err := read(nil)
	if err != nil || len(c.Security.Policy.TOTPRoles) != 3 || c.Security.Policy.PasswordMaxAge != 90*24*time.Hour ||
		c.Security.Policy.IdleLimit != 90*24*time.Hour || c.Security.SecretKey != nil {
		t.Fatalf("defaults: %+v %v", c.Security, err)
	}
	c, err = read(map[string]string{"JIXIAO_TOTP_REQUIRED_ROLES": "none", "JIXIAO_PASSWORD_MAX_AGE_DAYS": "0",
		"JIXIAO_ACCOUNT_IDLE_DAYS": "30", "JIXIAO_SECRET_KEY": strings.Repeat("ab", 32)})
	if err != nil || len(c.Security.Policy.TOTPRoles) != 0 || c.Security.Policy.PasswordMaxAge != 0 ||
		c.Security.Policy.IdleLimit != 30*24*time.Hour || len(c.Security.SecretKey) != 32 {
		t.Fatalf("set: %+v %v", c.Security, err)
	}
	if c, _ := read(map[string]string{"JIXIAO_TOTP_REQUIRED_ROLES": "Admin"}); len(c.Security.Policy.TOTPRoles) != 1 || c.Security.Policy.TOTPRoles[0] != user.Admin {
		t.Errorf("one role: %v", c.Security.Policy.TOTPRoles)
	}
	for k, v := range map[string]string{
		"JIXIAO_TOTP_REQUIRED_ROLES":   "admin,boss",
		"JIXIAO_PASSWORD_MAX_AGE_DAYS": "-1",
		"JIXIAO_ACCOUNT_IDLE_DAYS":     "soon",
		"JIXIAO_SECRET_KEY":            "short",
	} {
		if _, err := read(map[string]string{k: v}); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v, want an error naming it", k, v, err)
		}
	}
	// set and empty is no role; unset is the default
	env := map[string]string{"JIXIAO_TOTP_REQUIRED_ROLES": ""}
	getenv := config.Getenv(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if c, err := config.FromEnv(getenv); err != nil || len(c.Security.Policy.TOTPRoles) != 0 {
		t.Errorf("set and empty: %v %v", c.Security.Policy.TOTPRoles, err)
	}
	delete(env, "JIXIAO_TOTP_REQUIRED_ROLES")
	if c, err := config.FromEnv(getenv); err != nil || len(c.Security.Policy.TOTPRoles) != 3 {
		t.Errorf("unset: %v %v", c.Security.Policy.TOTPRoles, err)
	}
}
