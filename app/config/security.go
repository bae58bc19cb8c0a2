package config

import (
	"fmt"
	"strconv"
	"time"

	"jixiao/app/auth"
	"jixiao/domain/user"
)

// Security holds the settings of second factors, password life, secrets at
// rest and backups.
type Security struct {
	// Policy: JIXIAO_TOTP_REQUIRED_ROLES (default "admin,reviewer,auditor";
	// "none", or set and empty, for no role), JIXIAO_PASSWORD_MAX_AGE_DAYS
	// (90; 0 never expires), JIXIAO_ACCOUNT_IDLE_DAYS (90; 0 never disables).
	Policy user.Security
	// SecretKey seals second-factor secrets (JIXIAO_SECRET_KEY, 32 bytes as
	// hex or base64); nil when not set.
	SecretKey []byte
	// PGBin is the directory of pg_dump and pg_restore (JIXIAO_PG_BIN);
	// empty looks them up in PATH.
	PGBin string
}

// Getenv is os.Getenv for FromEnv, except that JIXIAO_TOTP_REQUIRED_ROLES
// set to the empty string reads as "none" (no role), which an unset
// variable does not.
func Getenv(lookup func(string) (string, bool)) func(string) string {
	return func(k string) string {
		v, ok := lookup(k)
		if ok && v == "" && k == "JIXIAO_TOTP_REQUIRED_ROLES" {
			return "none"
		}
		return v
	}
}

func securityFromEnv(getenv func(string) string) (Security, error) {
	s := Security{Policy: user.DefaultSecurity, PGBin: getenv("JIXIAO_PG_BIN")}
	if v := getenv("JIXIAO_TOTP_REQUIRED_ROLES"); v != "" {
		roles, err := user.ParseRoleList(v)
		if err != nil {
			return Security{}, fmt.Errorf("JIXIAO_TOTP_REQUIRED_ROLES: want roles such as admin,reviewer,auditor or none: %v", err)
		}
		s.Policy.TOTPRoles = roles
	}
	for _, d := range []struct {
		name string
		into *time.Duration
	}{
		{"JIXIAO_PASSWORD_MAX_AGE_DAYS", &s.Policy.PasswordMaxAge},
		{"JIXIAO_ACCOUNT_IDLE_DAYS", &s.Policy.IdleLimit},
	} {
		if v := getenv(d.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 3650 {
				return Security{}, fmt.Errorf("%s: want days from 0 (never) to 3650, got %q", d.name, v)
			}
			*d.into = time.Duration(n) * 24 * time.Hour
		}
	}
	if v := getenv("JIXIAO_SECRET_KEY"); v != "" {
		k, err := auth.ParseSecretKey(v)
		if err != nil {
			return Security{}, err
		}
		s.SecretKey = k
	}
	return s, nil
}
