// Package config reads Jixiao's settings from the environment.
package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jixiao/domain/quality"
	"jixiao/domain/rules"
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
}

// FromEnv reads the configuration through getenv (os.Getenv in production).
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:     getenv("DATABASE_URL"),
		Addr:            getenv("ADDR"),
		BodyLimit:       getenv("JIXIAO_BODY_LIMIT"),
		ShutdownGrace:   15 * time.Second,
		SessionIdle:     30 * time.Minute,
		SessionAbsolute: 12 * time.Hour,
		RequestTimeout:  4 * time.Second,
		DemoPassword:    getenv("JIXIAO_DEMO_PASSWORD"),
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = DefaultDatabaseURL
	}
	if pw := getenv("DATABASE_PASSWORD"); pw != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || u.User == nil || u.User.Username() == "" {
			return Config{}, fmt.Errorf("DATABASE_PASSWORD needs a DATABASE_URL of the form postgres://user@host:port/db")
		}
		// set through net/url, so that "@", "/", ":" and the like in the
		// password are escaped rather than read as parts of the URL
		u.User = url.UserPassword(u.User.Username(), pw)
		c.DatabaseURL = u.String()
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.BodyLimit == "" {
		c.BodyLimit = "1M"
	}
	if v := getenv("JIXIAO_SHUTDOWN_GRACE_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Config{}, fmt.Errorf("JIXIAO_SHUTDOWN_GRACE_SECONDS: want seconds, got %q", v)
		}
		c.ShutdownGrace = time.Duration(n) * time.Second
	}
	for _, d := range []struct {
		name string
		unit time.Duration
		into *time.Duration
	}{
		{"JIXIAO_SESSION_IDLE_MINUTES", time.Minute, &c.SessionIdle},
		{"JIXIAO_SESSION_ABSOLUTE_HOURS", time.Hour, &c.SessionAbsolute},
		{"JIXIAO_REQUEST_TIMEOUT_SECONDS", time.Second, &c.RequestTimeout},
	} {
		if v := getenv(d.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return Config{}, fmt.Errorf("%s: want a positive whole number, got %q", d.name, v)
			}
			*d.into = time.Duration(n) * d.unit
		}
	}
	c.ImportMaxBytes = 20 << 20
	if v := getenv("JIXIAO_IMPORT_MAX_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return Config{}, fmt.Errorf("JIXIAO_IMPORT_MAX_MB: want megabytes between 1 and 1024, got %q", v)
		}
		c.ImportMaxBytes = int64(n) << 20
	}
	if v := getenv("JIXIAO_TRUSTED_PROXIES"); v != "" {
		for _, part := range strings.Split(v, ",") {
			_, n, err := net.ParseCIDR(strings.TrimSpace(part))
			if err != nil {
				return Config{}, fmt.Errorf("JIXIAO_TRUSTED_PROXIES: %q is not a CIDR such as 10.0.0.0/8", part)
			}
			c.TrustedProxies = append(c.TrustedProxies, n)
		}
	}
	if v := getenv("JIXIAO_TLS_BEHIND_PROXY"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("JIXIAO_TLS_BEHIND_PROXY: want true or false, got %q", v)
		}
		c.TLSBehindProxy = b
	}
	sc, err := scaleFromEnv(getenv)
	if err != nil {
		return Config{}, err
	}
	c.Scale = sc
	overrides := map[string]string{}
	for _, k := range rules.Keys() {
		if v := getenv(RuleVariable(k)); v != "" {
			overrides[k] = v
		}
	}
	rs, err := rules.National().With(overrides)
	if err != nil {
		return Config{}, fmt.Errorf("rule set from JIXIAO_RULE_*: %w", err)
	}
	c.Rules = rs
	if len(overrides) > 0 {
		c.RuleOverrides = overrides
		c.Rules.Name, c.Rules.Version = rules.ProfileLocal, 0
	}
	qo := map[string]string{}
	for _, k := range quality.Keys() {
		if v := getenv(QualityVariable(k)); v != "" {
			qo[k] = v
		}
	}
	if c.Quality, err = quality.Defaults().With(qo); err != nil {
		return Config{}, fmt.Errorf("quality settings from JIXIAO_QUALITY_*: %w", err)
	}
	if c.Season, err = seasonFromEnv(getenv); err != nil {
		return Config{}, err
	}
	if c.Security, err = securityFromEnv(getenv); err != nil {
		return Config{}, err
	}
	return c, nil
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
