package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jixiao/app/auth"
	"jixiao/domain/round"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// Option is one setting of the environment: its variable, its default, what
// it means and how it is read into a Config. The table of options is the one
// place defaults live; it also prints the README's configuration table
// (`jixiao config`).
type Option struct {
	Name string
	// Default is what an unset variable reads as; "" reads nothing.
	Default string
	// Shown is the default as the README writes it, when it is not Default
	// itself (a sentence, or a default another part of the program holds).
	Shown   string
	Meaning string
	// label is the first column when the row is not one variable.
	label string
	// read stores a value (or the default) into the configuration; it
	// returns what a person must change, without the variable's name. Nil
	// for a row that only documents (a URL parameter, a test variable).
	read func(c *Config, v string) error
}

// Options are the settings in the order the README lists them.
func Options() []Option { return options }

var options = []Option{
	{Name: "DATABASE_URL", Default: DefaultDatabaseURL,
		Meaning: "the database; created if missing. For a cluster, every node with `target_session_attrs=read-write` (`postgres://jixiao@db1:5432,db2:5432,db3:5432/jixiao?target_session_attrs=read-write`): see [High availability](#high-availability-and-point-in-time-recovery)",
		read:    func(c *Config, v string) error { c.DatabaseURL = v; return nil }},
	{Name: "ADDR", Default: ":8080", Meaning: "where `jixiao serve` listens",
		read: func(c *Config, v string) error { c.Addr = v; return nil }},
	{Name: "JIXIAO_BODY_LIMIT", Default: "1M", Meaning: "largest request body (413 beyond)",
		read: func(c *Config, v string) error { c.BodyLimit = v; return nil }},
	{Name: "DATABASE_URL parameters", label: "`DATABASE_URL` parameters", Shown: "`connect_timeout=5`, `statement_timeout=15000`, `pool_max_conns=20`",
		Meaning: "set unless the URL gives its own. `pool_max_conns` bounds every connection of a server to the database (one pool serves pgx, gorm and the migrations; the same for `DATABASE_REPLICA_URL`). The timeouts: a database that accepts connections and never answers fails a start within 5 s; every request also has a 4 s deadline, so such requests end with 503 `unavailable` (\"数据库暂时无法访问\") instead of hanging, and `/readyz` says 503 within 2 s"},
	{Name: "JIXIAO_SHUTDOWN_GRACE_SECONDS", Default: "15", Meaning: "how long SIGTERM waits for requests in flight",
		read: whole(0, 24*3600, "seconds", func(c *Config, n int) { c.ShutdownGrace = time.Duration(n) * time.Second })},
	{Name: "JIXIAO_SESSION_IDLE_MINUTES", Default: strconv.Itoa(int(user.DefaultSessionPolicy.Idle / time.Minute)), Meaning: "a session unused this long ends",
		read: whole(1, 366*24*60, "minutes", func(c *Config, n int) { c.SessionIdle = time.Duration(n) * time.Minute })},
	{Name: "JIXIAO_SESSION_ABSOLUTE_HOURS", Default: strconv.Itoa(int(user.DefaultSessionPolicy.Absolute / time.Hour)), Meaning: "a session ends this long after login, however active",
		read: whole(1, 366*24, "hours", func(c *Config, n int) { c.SessionAbsolute = time.Duration(n) * time.Hour })},
	{Name: "JIXIAO_DEMO_PASSWORD", Shown: "none: one generated per user",
		Meaning: "the password of the demo accounts `seed --demo-users` creates",
		read:    func(c *Config, v string) error { c.DemoPassword = v; return nil }},
	{Name: "JIXIAO_TRUSTED_PROXIES", Shown: "none",
		Meaning: "CIDRs of reverse proxies whose `X-Forwarded-For` gives the client address for the audit trail; without them the connection's address is recorded",
		read:    readProxies},
	{Name: "DATABASE_PASSWORD", Shown: "none",
		Meaning: "the database password, put into `DATABASE_URL` escaped (any character works)",
		read:    readDatabasePassword},
	{Name: "JIXIAO_REQUEST_TIMEOUT_SECONDS", Default: "4",
		Meaning: "every request's deadline; past it (a stalled database) the answer is 503 `unavailable`. A file's transfer (uploads, exports, documents) may take two minutes, but each of its database statements still ends after this, and it ends with 503 as soon as the database is seen to stall",
		read:    whole(1, 600, "seconds", func(c *Config, n int) { c.RequestTimeout = time.Duration(n) * time.Second })},
	{Name: "JIXIAO_TLS_BEHIND_PROXY", Default: "false",
		Meaning: "`true`: a reverse proxy serves the site over HTTPS; replies carry `Strict-Transport-Security`, the session cookie is `Secure`",
		read:    boolean(func(c *Config, b bool) { c.TLSBehindProxy = b })},
	{Name: "JIXIAO_IMPORT_MAX_MB", Default: "20", Meaning: "largest uploaded table (413 beyond); also the CLI's limit",
		read: whole(1, 1024, "megabytes", func(c *Config, n int) { c.ImportMaxBytes = int64(n) << 20 })},
	{Name: "TEST_DATABASE_URL", Shown: "the local server's `postgres` database", Meaning: "where tests create their databases"},
	ruleOption(rules.KeyReverseMethod, "ratio", "lower-is-better scoring: `ratio` (W × T ÷ A) or `linear` (W × (1 − (A − T) ÷ T))"),
	ruleOption(rules.KeyOvershootExplain, "1.3", "a value at or above this multiple of the target needs an explanation"),
	ruleOption(rules.KeyGradeBands, "90,80,60", "lowest totals of 优, 良, 中 (差 below); some provinces use `80,70,60`"),
	ruleOption(rules.KeyLightThresholds, "0.6,0.8,1.2", "cumulative indicators: value ÷ expected-to-date below red, below yellow, from blue"),
	ruleOption(rules.KeyBudgetLightThresholds, "0.6,0.8", "execution rate ÷ time progress: below red, below yellow"),
	ruleOption(rules.KeyExecutionReasonBelow, "0.9", "an execution rate below this needs a reason"),
	ruleOption(rules.KeyQualitativeBands, "0.8,0.6", "lower bounds of the 达成 and 部分达成 bands, as shares of the weight"),
	ruleOption(rules.KeyCutoffMonth, "6", "the default cut-off month of monitoring"),
	ruleOption(rules.KeyName, "national", "the rule set's name, shown with scores"),
	ruleOption(rules.KeyExecutionCaps, "none", "a self-evaluation total capped by the execution rate, `rate:cap,…` (`0.8:89,0.7:79,0.6:69,0.5:59`: below 80 % at most 89); `none` off. The provincial variants are also rule profiles (`/rule-profiles`)"),
	ruleOption(rules.KeyDeviationDeduction, "none", "指标偏离: points taken off a line whose value reaches a multiple of its target, `ratio:points` (`1.3:2`); `none` off"),
	ruleOption(rules.KeyExecutionCheckpoints, "none", "the budget light against fixed minimum execution rates by month, `month:rate,…` (`4:0.25,6:0.4,8:0.6,10:0.8`), instead of the time progress; `none` off"),
	ruleOption(rules.KeyCompletionGap, "none", "a warning when completion and execution differ by more than this share (`0.1`); `none` off"),
	ruleOption(rules.KeySelfEvaluationWarning, "none", "the self-evaluation's red/yellow warning, `outrun,unspent` shares (`0.05,0.2`); `none` off"),
	qualityOption("similarity", "0.6", "target review: bigram similarity (0–1) from which two texts are \"nearly the same\" (`similar_text`, `name_copies_goal`)"),
	qualityOption("min_text_length", "12", "target review: shorter names (各单位满意度) are not compared for reuse"),
	qualityOption("qualitative_share", "0.5", "target review: largest share of the indicator weight qualitative indicators may carry"),
	qualityOption("satisfaction_weight", "10", "target review: largest weight of 满意度 indicators"),
	qualityOption("frequency_minimum", "1", "target review: a per-interval count (每两周 … 次) at or below this is implausibly low"),
	qualityOption("budget_growth", "0.1", "target review: budget growth over last year (a share) beyond which a target copied unchanged is a finding (`unchanged_budget_grew`)"),
	{Name: "JIXIAO_PG_BIN", Shown: "`PATH`", Meaning: "the directory of `pg_dump` and `pg_restore` for `jixiao backup` and `restore`",
		read: func(c *Config, v string) error { c.Security.PGBin = v; return nil }},
	{Name: "JIXIAO_SECRET_KEY", Shown: "none",
		Meaning: "32 bytes as 64 hex digits or base64 (`jixiao secret generate`): seals second-factor secrets (AES-256-GCM). `jixiao serve` refuses to start without it while any role must use a second factor, and once any secret is stored without the key that opens it",
		read: func(c *Config, v string) error {
			k, err := auth.ParseSecretKey(v)
			c.Security.SecretKey = k
			return err
		}},
	{Name: "JIXIAO_TOTP_REQUIRED_ROLES", Default: roleList(user.DefaultSecurity.TOTPRoles),
		Meaning: "roles that must sign in with a second factor; `none`, or set and empty, for none (`make run` sets it empty for the demo unless you set it)",
		read: func(c *Config, v string) error {
			roles, err := user.ParseRoleList(v)
			if err != nil {
				return fmt.Errorf("want roles such as admin,reviewer,auditor or none: %v", err)
			}
			c.Security.Policy.TOTPRoles = roles
			return nil
		}},
	{Name: "JIXIAO_PASSWORD_MAX_AGE_DAYS", Default: days(user.DefaultSecurity.PasswordMaxAge),
		Meaning: "a password older than this must be changed at the next sign-in; `0` never",
		read:    whole(0, 3650, "days", func(c *Config, n int) { c.Security.Policy.PasswordMaxAge = time.Duration(n) * 24 * time.Hour })},
	{Name: "JIXIAO_ACCOUNT_IDLE_DAYS", Default: days(user.DefaultSecurity.IdleLimit),
		Meaning: "an account with no sign-in for this long is disabled (at its next try, and by an hourly sweep of `serve`); `0` never; the last enabled admin stays",
		read:    whole(0, 3650, "days", func(c *Config, n int) { c.Security.Policy.IdleLimit = time.Duration(n) * 24 * time.Hour })},
	{Name: "JIXIAO_ATTACHMENT_MAX_MB", Default: "20", Meaning: "the largest evidence file (413 beyond)",
		read: whole(1, 1024, "megabytes", func(c *Config, n int) { c.Season.AttachmentMaxBytes = int64(n) << 20 })},
	{Name: "JIXIAO_EVIDENCE_REQUIRED", Default: "false", Meaning: "`true`: submit needs an evidence file for every line lit red or yellow",
		read: boolean(func(c *Config, b bool) { c.Season.RequireEvidence = b })},
	{Name: "JIXIAO_BLOB_URL", Shown: "none: files in PostgreSQL",
		Meaning: "a `gocloud.dev/blob` URL for evidence files, e.g. `s3://bucket?region=cn-north-1&endpoint=https://…` (S3-compatible) or `file:///var/lib/jixiao/evidence`",
		read:    func(c *Config, v string) error { c.Season.BlobURL = v; return nil }},
	{Name: "JIXIAO_REMIND_BEFORE_DAYS", Default: strconv.Itoa(round.DefaultSchedule.BeforeDays),
		Meaning: "remind submitters this many days before a round's due date (0: not before)",
		read:    whole(0, 60, "days", func(c *Config, n int) { c.Season.Reminders.BeforeDays = n })},
	{Name: "JIXIAO_REMIND_OVERDUE_EVERY_DAYS", Default: strconv.Itoa(round.DefaultSchedule.OverdueEveryDays),
		Meaning: "once overdue, remind (and escalate to the department's reviewers) every this many days",
		read:    whole(1, 60, "days", func(c *Config, n int) { c.Season.Reminders.OverdueEveryDays = n })},
	{Name: "JIXIAO_REMIND_INTERVAL_MINUTES", Default: "60",
		Meaning: "how often `jixiao serve` runs the reminder job (0: never; `jixiao reminders run` still works)",
		read:    whole(0, 24*60, "minutes", func(c *Config, n int) { c.Season.RemindEvery = time.Duration(n) * time.Minute })},
	{Name: "JIXIAO_SMTP_URL", Shown: "none: no e-mail",
		Meaning: "`smtp://user:password@host:587?from=jixiao@example.org` (STARTTLS when offered; `&tls=required` or `&tls=none`) or `smtps://…:465`: reminders are also mailed to users who set an address (`PUT /api/v1/me/email`). A secret: never logged",
		read:    readSMTP},
	{Name: "DATABASE_REPLICA_URL", Shown: "none",
		Meaning: "a PostgreSQL streaming replica: dashboards and project lists read from it (they may lag a moment); a report read and every write stay on `DATABASE_URL`. For a cluster, every node with `target_session_attrs=prefer-standby`",
		read:    func(c *Config, v string) error { c.Scale.ReplicaURL = v; return nil }},
	{Name: "JIXIAO_DASHBOARD_CACHE_MS", Default: "1000",
		Meaning: "how long a server keeps the whole-province view of a dashboard it read, totals and pages (0–5000); requests that find none kept share one read; a save through another server shows within this, one through this server at once",
		read:    whole(0, 5000, "milliseconds", func(c *Config, n int) { c.Scale.DashboardCache = time.Duration(n) * time.Millisecond })},
	{Name: "JIXIAO_SESSION_CACHE_MS", Default: "1000",
		Meaning: "how long a server trusts a session and its grants it has read (0–2000); a change made through another server holds within this, one made through this server at once",
		read:    whole(0, 2000, "milliseconds", func(c *Config, n int) { c.Scale.SessionCache = time.Duration(n) * time.Millisecond })},
	{Name: "JIXIAO_LOG_REQUESTS", Default: "on", Meaning: "`off` leaves out the log line of every request (failures are still logged)",
		read: func(c *Config, v string) error {
			if v != "on" && v != "off" {
				return fmt.Errorf("want on or off, got %q", v)
			}
			c.Scale.LogRequests = v == "on"
			return nil
		}},
	{Name: "JIXIAO_PPROF_ADDR", Shown: "none", Meaning: "a loopback address (`127.0.0.1:6060`) serving Go's profiler, for profiling under load",
		read: readPprof},
	{Name: "GOGC, GOMEMLIMIT", label: "`GOGC`, `GOMEMLIMIT`", Shown: "`400`, `250MiB` for `jixiao serve`",
		Meaning: "Go's collector: the server trades spare memory for less collection work, within a soft limit that keeps it under 300 MB"},
}

// whole reads a whole number from min to max.
func whole(min, max int, unit string, into func(*Config, int)) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < min || n > max {
			return fmt.Errorf("want %s, a whole number from %d to %d, got %q", unit, min, max, v)
		}
		into(c, n)
		return nil
	}
}

func boolean(into func(*Config, bool)) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", v)
		}
		into(c, b)
		return nil
	}
}

// ruleOption is a JIXIAO_RULE_<KEY> variable: set, it overrides the national
// rule set (the "local" profile); unset, it is the national default.
func ruleOption(key, shown, meaning string) Option {
	return Option{Name: RuleVariable(key), Shown: "`" + shown + "`", Meaning: meaning,
		read: func(c *Config, v string) error { c.RuleOverrides[key] = v; return nil }}
}

func qualityOption(key, shown, meaning string) Option {
	return Option{Name: QualityVariable(key), Shown: "`" + shown + "`", Meaning: meaning,
		read: func(c *Config, v string) error { c.qualityOverrides[key] = v; return nil }}
}

func readProxies(c *Config, v string) error {
	for _, part := range strings.Split(v, ",") {
		_, n, err := net.ParseCIDR(strings.TrimSpace(part))
		if err != nil {
			return fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8", part)
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	return nil
}

// readDatabasePassword puts the password into DatabaseURL through net/url,
// so that "@", "/", ":" and the like are escaped rather than read as parts
// of the URL.
func readDatabasePassword(c *Config, pw string) error {
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || u.User == nil || u.User.Username() == "" {
		return fmt.Errorf("needs a DATABASE_URL of the form postgres://user@host:port/db")
	}
	u.User = url.UserPassword(u.User.Username(), pw)
	c.DatabaseURL = u.String()
	return nil
}

func readSMTP(c *Config, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		// the value holds a password: never repeated in the error
		return fmt.Errorf("want smtp://[user:password@]host[:port]?from=address")
	}
	c.Season.SMTPURL = v
	return nil
}

func readPprof(c *Config, v string) error {
	host, _, err := net.SplitHostPort(v)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		return fmt.Errorf("want a loopback address such as 127.0.0.1:6060, got %q", v)
	}
	c.Scale.PprofAddr = v
	return nil
}

func roleList(roles []user.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

func days(d time.Duration) string { return strconv.Itoa(int(d / (24 * time.Hour))) }

// Table is the README's configuration table: `jixiao config` prints it, and
// a test holds the README to it.
func Table() string {
	var b strings.Builder
	b.WriteString("| variable | default | meaning |\n|---|---|---|\n")
	for _, o := range options {
		shown := o.Shown
		if shown == "" {
			shown = "`" + o.Default + "`"
		}
		label := o.label
		if label == "" {
			label = "`" + o.Name + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", label, shown, o.Meaning)
	}
	return b.String()
}
