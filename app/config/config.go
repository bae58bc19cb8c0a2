// Package config reads Jixiao's settings from the environment, through one
// table of options (options.go) that holds every default.
package config

import (
	"fmt"
	"net"
	"strings"
	"time"

	"jixiao/domain/quality"
	"jixiao/domain/round"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// DefaultDatabaseURL is the local PostgreSQL of a development machine.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/jixiao?sslmode=disable"

// Config holds the process settings.
type Config struct {
	// DatabaseURL is DATABASE_URL, with DATABASE_PASSWORD (if set) as its
	// password: a password can then hold any character.
	DatabaseURL string
	Addr        string
	// BodyLimit caps request bodies, e.g. "1M".
	BodyLimit string
	// ShutdownGrace is how long serve waits for requests in flight on SIGTERM.
	ShutdownGrace time.Duration
	// SessionIdle ends a session unused for this long
	// (JIXIAO_SESSION_IDLE_MINUTES, default 30).
	SessionIdle time.Duration
	// SessionAbsolute ends a session this long after sign-in
	// (JIXIAO_SESSION_ABSOLUTE_HOURS, default 12).
	SessionAbsolute time.Duration
	// DemoPassword is the password of the demo accounts created by
	// "seed --demo-users" (JIXIAO_DEMO_PASSWORD); empty generates one each.
	DemoPassword string
	// TrustedProxies are reverse proxies whose X-Forwarded-For is believed
	// (JIXIAO_TRUSTED_PROXIES, comma-separated CIDRs); none by default.
	TrustedProxies []*net.IPNet
	// RequestTimeout is every request's deadline
	// (JIXIAO_REQUEST_TIMEOUT_SECONDS, default 4): a stalled database is
	// answered with 503 within it.
	RequestTimeout time.Duration
	// TLSBehindProxy says a reverse proxy serves the site over HTTPS
	// (JIXIAO_TLS_BEHIND_PROXY=true): replies carry HSTS, cookies are Secure.
	TLSBehindProxy bool
	// Rules is the scoring rule set: national defaults with the overrides of
	// JIXIAO_RULE_<KEY> variables (JIXIAO_RULE_REVERSE_METHOD=linear, …).
	// With overrides it is the "local" rule profile, whose version the
	// store gives (LocalProfile); it scores the periods that chose none.
	Rules rules.RuleSet
	// RuleOverrides are the JIXIAO_RULE_<KEY> variables set, by key; empty
	// when none is (the default profile is then national).
	RuleOverrides map[string]string
	// Quality are the thresholds of the target quality review: defaults with
	// the overrides of JIXIAO_QUALITY_<KEY> variables (JIXIAO_QUALITY_SIMILARITY=0.7, …).
	Quality quality.Settings
	// ImportMaxBytes caps an uploaded table (JIXIAO_IMPORT_MAX_MB, default 20).
	ImportMaxBytes int64
	// Security holds the settings of security.go (second factor, password
	// life, secrets, backup tools).
	Security Security
	// Season holds the settings of rounds, reminders and evidence (season.go).
	Season Season
	// Scale holds the settings of scale and replication (scale.go).
	Scale Scale

	// qualityOverrides are the JIXIAO_QUALITY_* variables set, while reading.
	qualityOverrides map[string]string
}

// FromEnv reads the configuration through getenv (os.Getenv in production):
// every option of the table, its default where unset, then the rule set and
// the quality settings their variables override.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{Security: Security{Policy: user.DefaultSecurity}, Season: Season{Reminders: round.DefaultSchedule},
		RuleOverrides: map[string]string{}, qualityOverrides: map[string]string{}}
	for _, o := range options {
		v := getenv(o.Name)
		if v == "" {
			v = o.Default
		}
		if v == "" || o.read == nil {
			continue
		}
		if err := o.read(&c, v); err != nil {
			return Config{}, fmt.Errorf("%s: %w", o.Name, err)
		}
	}
	rs, err := rules.National().With(c.RuleOverrides)
	if err != nil {
		return Config{}, fmt.Errorf("rule set from JIXIAO_RULE_*: %w", err)
	}
	c.Rules = rs
	if len(c.RuleOverrides) > 0 {
		c.Rules.Name, c.Rules.Version = rules.ProfileLocal, 0
	} else {
		c.RuleOverrides = nil
	}
	if c.Quality, err = quality.Defaults().With(c.qualityOverrides); err != nil {
		return Config{}, fmt.Errorf("quality settings from JIXIAO_QUALITY_*: %w", err)
	}
	c.qualityOverrides = nil
	return c, nil
}

// Defaults is the configuration of an empty environment: every option's
// default, for the parts of the program (and tests) that are given none.
func Defaults() Config {
	c, err := FromEnv(func(string) string { return "" })
	if err != nil {
		panic("config: the defaults do not read: " + err.Error()) // a build defect, caught by tests
	}
	return c
}

// CheckServe refuses, in one sentence, a configuration a server cannot work
// with: second factors required of some roles but no key to seal them, so
// that every such user would be locked out at enrolment.
func (c Config) CheckServe() error {
	if len(c.Security.Policy.TOTPRoles) > 0 && c.Security.SecretKey == nil {
		return fmt.Errorf("JIXIAO_TOTP_REQUIRED_ROLES 要求 %s 使用双因素认证，但没有设置 JIXIAO_SECRET_KEY，这些用户将无法登录：请用 jixiao secret generate 生成密钥并设置 JIXIAO_SECRET_KEY，或设置 JIXIAO_TOTP_REQUIRED_ROLES=none",
			roleList(c.Security.Policy.TOTPRoles))
	}
	return nil
}

// QualityVariable names the environment variable of a quality setting:
// "similarity" → JIXIAO_QUALITY_SIMILARITY.
func QualityVariable(key string) string { return "JIXIAO_QUALITY_" + strings.ToUpper(key) }

// RuleVariable names the environment variable of a rule setting:
// "reverse_method" → JIXIAO_RULE_REVERSE_METHOD.
func RuleVariable(key string) string { return "JIXIAO_RULE_" + strings.ToUpper(key) }

// LocalProfile is the rule profile the JIXIAO_RULE_* variables define, at
// version 0 (the store gives it its version), or nil when none is set.
func (c Config) LocalProfile() (*rules.Profile, error) {
	if len(c.RuleOverrides) == 0 {
		return nil, nil
	}
	p, err := rules.Local(c.RuleOverrides, 1)
	if err != nil {
		return nil, fmt.Errorf("rule set from JIXIAO_RULE_*: %w", err)
	}
	p.Version = 0
	return &p, nil
}
