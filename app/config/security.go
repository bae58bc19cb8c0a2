package config

import (
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
