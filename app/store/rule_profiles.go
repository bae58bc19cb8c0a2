package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/period"
	"jixiao/domain/rules"
)

// ErrProfileNotFound: no rule profile of that name and version.
var ErrProfileNotFound = errors.New("rule profile not found")

// ErrProfileInUse: the version was shipped, chosen by a period or used by a
// score, and so never changes; make a new version instead.
var ErrProfileInUse = errors.New("rule profile version in use")

// ErrRescoreRunning: a period's reports are being rescored; its profile
// changes again once that is done.
var ErrRescoreRunning = errors.New("a rescore of the period is running")

// rescoreAbandoned is how long an unfinished rescore run holds a period's
// profile: one older was cut off (the server stopped) and is ignored.
const rescoreAbandoned = time.Hour

// StoredProfile is a rule profile as stored, with whether it may change.
type StoredProfile struct {
	rules.Profile
	Shipped   bool // shipped with the product: never edited
	Used      bool // chosen by a period or scored with: never edited
	CreatedAt time.Time
	CreatedBy string
}

type ruleProfileRow struct {
	Name      string `gorm:"primaryKey"`
	Version   int    `gorm:"primaryKey"`
	Title     string
	Source    string
	Verified  bool
	Shipped   bool
	Used      bool   `gorm:"-"`
	Settings  []byte `gorm:"type:jsonb"`
	Sources   []byte `gorm:"type:jsonb"`
	CreatedAt time.Time
	CreatedBy string
}

func (ruleProfileRow) TableName() string { return "rule_profiles" }

func (r ruleProfileRow) domain() (StoredProfile, error) {
	p := StoredProfile{Profile: rules.Profile{ProfileRef: rules.ProfileRef{Name: r.Name, Version: r.Version}, Title: r.Title,
		Source: r.Source, Verified: r.Verified}, Shipped: r.Shipped, Used: r.Used || r.Shipped, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
	if err := json.Unmarshal(r.Settings, &p.Settings); err != nil {
		return StoredProfile{}, fmt.Errorf("rule profile %s v%d: settings: %w", r.Name, r.Version, err)
	}
	if len(r.Sources) > 0 {
		if err := json.Unmarshal(r.Sources, &p.Sources); err != nil {
			return StoredProfile{}, fmt.Errorf("rule profile %s v%d: sources: %w", r.Name, r.Version, err)
		}
	}
	return p, nil
}

func profileRow(p rules.Profile, shipped bool, by string, at time.Time) (ruleProfileRow, error) {
	settings, err := json.Marshal(p.Settings)
	if err != nil {
		return ruleProfileRow{}, err
	}
	sources := p.Sources
	if sources == nil {
		sources = map[string]string{}
	}
	src, err := json.Marshal(sources)
	if err != nil {
		return ruleProfileRow{}, err
	}
	return ruleProfileRow{Name: p.Name, Version: p.Version, Title: p.Title, Source: p.Source, Verified: p.Verified, Shipped: shipped,
		Settings: settings, Sources: src, CreatedAt: at, CreatedBy: by}, nil
}

// usedSQL tells whether a profile version is chosen by a period or named by
// a stored evaluation.
const usedSQL = `(EXISTS (SELECT 1 FROM periods pe WHERE pe.rule_profile_name = rule_profiles.name AND pe.rule_profile_version = rule_profiles.version)
	OR EXISTS (SELECT 1 FROM reports r WHERE r.rule_profile_name = rule_profiles.name AND r.rule_profile_version = rule_profiles.version))`

// EnsureRuleProfiles stores the shipped profiles that are not stored yet
// and, when local is not nil, the JIXIAO_RULE_* profile: its latest stored
// version when that has the same rules, else a new version. It returns the
// local profile as stored (its version), or nil.
func (s *Store) EnsureRuleProfiles(ctx context.Context, shipped []rules.Profile, local *rules.Profile) (*rules.Profile, error) {
	defer s.moments.forget() // profiles kept a moment are read anew
	now := time.Now().UTC()
	for _, p := range shipped {
		row, err := profileRow(p, true, "system", now)
		if err != nil {
			return nil, err
		}
		if err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return nil, fmt.Errorf("store shipped rule profile %s: %w", p.Name, err)
		}
	}
	if local == nil {
		return nil, nil
	}
	for range 3 { // two servers starting at once: one inserts, the other finds it
		var last ruleProfileRow
		err := s.db.WithContext(ctx).Where("name = ?", local.Name).Order("version DESC").Take(&last).Error
		next := 1
		if err == nil {
			stored, err := last.domain()
			if err != nil {
				return nil, err
			}
			if stored.SameRules(*local) {
				return &stored.Profile, nil
			}
			next = last.Version + 1
		} else if !errNotFound(err) {
			return nil, fmt.Errorf("read local rule profile: %w", err)
		}
		p := *local
		p.Version = next
		row, err := profileRow(p, false, "JIXIAO_RULE_*", now)
		if err != nil {
			return nil, err
		}
		err = s.db.WithContext(ctx).Create(&row).Error
		if err == nil {
			return &p, nil
		}
		if !isUniqueViolation(err) {
			return nil, fmt.Errorf("store local rule profile: %w", err)
		}
	}
	return nil, fmt.Errorf("store local rule profile: versions kept changing")
}

// ListRuleProfiles lists every stored profile version, by name and version.
func (s *Store) ListRuleProfiles(ctx context.Context) ([]StoredProfile, error) {
	var rows []ruleProfileRow
	if err := s.db.WithContext(ctx).Order("name, version").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list rule profiles: %w", err)
	}
	var used []struct {
		Name    string
		Version int
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT name, version FROM rule_profiles WHERE ` + usedSQL).Scan(&used).Error; err != nil {
		return nil, fmt.Errorf("list rule profiles: %w", err)
	}
	for _, u := range used {
		for i := range rows {
			if rows[i].Name == u.Name && rows[i].Version == u.Version {
				rows[i].Used = true
			}
		}
	}
	out := make([]StoredProfile, 0, len(rows))
	for _, r := range rows {
		p, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// GetRuleProfile reads one profile version; ErrProfileNotFound if none.
func (s *Store) GetRuleProfile(ctx context.Context, ref rules.ProfileRef) (StoredProfile, error) {
	return getRuleProfile(s.db.WithContext(ctx), ref)
}

// RuleProfileNow is GetRuleProfile as every dashboard reads it: kept a moment
// (JIXIAO_DASHBOARD_CACHE_MS), as a profile changes only by audited writes.
func (s *Store) RuleProfileNow(ctx context.Context, ref rules.ProfileRef) (StoredProfile, error) {
	return moment(s, "profile|"+ref.String(), func() (StoredProfile, error) { return s.GetRuleProfile(ctx, ref) })
}

// PeriodProfileNow is the rule profile a period chose (nil: the default),
// kept a moment as RuleProfileNow is.
func (s *Store) PeriodProfileNow(ctx context.Context, key string) (*rules.ProfileRef, error) {
	ref, err := moment(s, "period|"+key, func() (*rules.ProfileRef, error) {
		var row struct {
			RuleProfileName    *string
			RuleProfileVersion *int
		}
		err := s.db.WithContext(ctx).Table("periods").Select("rule_profile_name, rule_profile_version").Where("key = ?", key).Take(&row).Error
		if errNotFound(err) {
			return nil, fmt.Errorf("period %s: %w", key, period.ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("period %s rule profile: %w", key, err)
		}
		if row.RuleProfileName == nil || row.RuleProfileVersion == nil {
			return nil, nil
		}
		return &rules.ProfileRef{Name: *row.RuleProfileName, Version: *row.RuleProfileVersion}, nil
	})
	if ref == nil || err != nil {
		return nil, err
	}
	c := *ref // the kept one is never handed out
	return &c, nil
}

func getRuleProfile(db *gorm.DB, ref rules.ProfileRef) (StoredProfile, error) {
	var row ruleProfileRow
	err := db.Where("name = ? AND version = ?", ref.Name, ref.Version).Take(&row).Error
	if errNotFound(err) {
		return StoredProfile{}, fmt.Errorf("rule profile %s: %w", ref, ErrProfileNotFound)
	}
	if err != nil {
		return StoredProfile{}, fmt.Errorf("rule profile %s: %w", ref, err)
	}
	if err := db.Raw(`SELECT `+usedSQL+` FROM rule_profiles WHERE name = ? AND version = ?`, ref.Name, ref.Version).Scan(&row.Used).Error; err != nil {
		return StoredProfile{}, fmt.Errorf("rule profile %s: %w", ref, err)
	}
	return row.domain()
}

// CreateRuleProfile stores p as the next version of its name (1 for a new
// name) and audits it; p must be valid. It returns the profile stored.
func (s *Store) CreateRuleProfile(ctx context.Context, p rules.Profile, e audit.Entry) (StoredProfile, error) {
	defer s.wrote() // after the commit: a dashboard shows the period's profile
	var out StoredProfile
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// one version at a time per name
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtext('rule_profiles:' || ?))`, p.Name).Error; err != nil {
			return err
		}
		var last int
		if err := tx.Raw(`SELECT coalesce(max(version), 0) FROM rule_profiles WHERE name = ?`, p.Name).Scan(&last).Error; err != nil {
			return err
		}
		p.Version = last + 1
		if err := p.Validate(); err != nil {
			return err
		}
		row, err := profileRow(p, false, e.Actor, e.At)
		if err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		out = StoredProfile{Profile: p, CreatedAt: row.CreatedAt, CreatedBy: row.CreatedBy}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "rule_profile.create", "rule_profile", p.ProfileRef.String(), 201
		e.After = audit.JSON(p)
		return appendAudit(tx, e)
	})
	s.moments.forget() // read anew here at once, elsewhere within the moment
	if err != nil {
		return StoredProfile{}, fmt.Errorf("create rule profile %s: %w", p.Name, err)
	}
	return out, nil
}

// UpdateRuleProfile changes a version nobody uses yet (not shipped, not
// chosen by a period, named by no evaluation), in place, audited;
// ErrProfileInUse otherwise.
func (s *Store) UpdateRuleProfile(ctx context.Context, p rules.Profile, e audit.Entry) (StoredProfile, error) {
	defer s.wrote() // after the commit: a dashboard shows the period's profile
	if err := p.Validate(); err != nil {
		return StoredProfile{}, err
	}
	var out StoredProfile
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// a period choosing it waits for this transaction (its foreign key
		// takes a share lock on the row)
		var locked int
		if err := tx.Raw(`SELECT 1 FROM rule_profiles WHERE name = ? AND version = ? FOR UPDATE`, p.Name, p.Version).Scan(&locked).Error; err != nil {
			return err
		}
		cur, err := getRuleProfile(tx, p.ProfileRef)
		if err != nil {
			return err
		}
		if cur.Used {
			return ErrProfileInUse
		}
		row, err := profileRow(p, false, cur.CreatedBy, cur.CreatedAt)
		if err != nil {
			return err
		}
		if err := tx.Model(&ruleProfileRow{}).Where("name = ? AND version = ?", p.Name, p.Version).
			Updates(map[string]any{"title": row.Title, "source": row.Source, "verified": row.Verified, "settings": row.Settings,
				"sources": row.Sources}).Error; err != nil {
			return err
		}
		out = StoredProfile{Profile: p, CreatedAt: cur.CreatedAt, CreatedBy: cur.CreatedBy}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "rule_profile.update", "rule_profile", p.ProfileRef.String(), 200
		e.Before, e.After = audit.JSON(cur.Profile), audit.JSON(p)
		return appendAudit(tx, e)
	})
	s.moments.forget() // read anew here at once, elsewhere within the moment
	if err != nil {
		return StoredProfile{}, fmt.Errorf("update rule profile %s: %w", p.ProfileRef, err)
	}
	return out, nil
}

// RescoreRun is one rescore of a period after its profile changed.
type RescoreRun struct {
	ID           int64
	PeriodKey    string
	From         *rules.ProfileRef // nil: the default profile
	To           rules.ProfileRef
	Actor        string
	StartedAt    time.Time
	FinishedAt   *time.Time
	Total        int // reports to rescore (not approved)
	Done         int
	Changed      int
	KeptApproved int // approved reports left with their scores
	Error        string
}

type rescoreRunRow struct {
	ID           int64 `gorm:"primaryKey"`
	PeriodKey    string
	FromName     *string
	FromVersion  *int
	ToName       string
	ToVersion    int
	Actor        string
	StartedAt    time.Time
	FinishedAt   *time.Time
	Total        int
	Done         int
	Changed      int
	KeptApproved int
	Error        string
}

func (rescoreRunRow) TableName() string { return "rule_rescores" }

func (r rescoreRunRow) domain() RescoreRun {
	out := RescoreRun{ID: r.ID, PeriodKey: r.PeriodKey, To: rules.ProfileRef{Name: r.ToName, Version: r.ToVersion}, Actor: r.Actor,
		StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, Total: r.Total, Done: r.Done, Changed: r.Changed, KeptApproved: r.KeptApproved, Error: r.Error}
	if r.FromName != nil && r.FromVersion != nil {
		out.From = &rules.ProfileRef{Name: *r.FromName, Version: *r.FromVersion}
	}
	return out
}

// PeriodRuleProfile reads the profile a period chose (nil: the default) and
// its latest rescore run (nil: none).
func (s *Store) PeriodRuleProfile(ctx context.Context, key string) (*rules.ProfileRef, *RescoreRun, error) {
	var row struct {
		Key                string
		RuleProfileName    *string
		RuleProfileVersion *int
	}
	err := s.db.WithContext(ctx).Table("periods").Select("key, rule_profile_name, rule_profile_version").Where("key = ?", key).Take(&row).Error
	if errNotFound(err) {
		return nil, nil, fmt.Errorf("period %s: %w", key, period.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("period %s rule profile: %w", key, err)
	}
	var ref *rules.ProfileRef
	if row.RuleProfileName != nil && row.RuleProfileVersion != nil {
		ref = &rules.ProfileRef{Name: *row.RuleProfileName, Version: *row.RuleProfileVersion}
	}
	var run rescoreRunRow
	err = s.db.WithContext(ctx).Where("period_key = ?", key).Order("id DESC").Take(&run).Error
	if errNotFound(err) {
		return ref, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("period %s rescore runs: %w", key, err)
	}
	r := run.domain()
	return ref, &r, nil
}

// SetPeriodRuleProfile makes to the period's profile and starts a rescore
// run for it (returned): how many of its reports are to be rescored and how
// many approved ones keep their scores. The change is audited with both
// profiles. A run of the period still going is ErrRescoreRunning.
func (s *Store) SetPeriodRuleProfile(ctx context.Context, key string, from *rules.ProfileRef, to rules.ProfileRef, e audit.Entry) (RescoreRun, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var run rescoreRunRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var locked string
		if err := tx.Raw(`SELECT key FROM periods WHERE key = ? FOR UPDATE`, key).Scan(&locked).Error; err != nil {
			return err
		}
		if locked == "" {
			return period.ErrNotFound
		}
		var running int64
		if err := tx.Model(&rescoreRunRow{}).Where("period_key = ? AND finished_at IS NULL AND started_at > ?", key, e.At.Add(-rescoreAbandoned)).
			Count(&running).Error; err != nil {
			return err
		}
		if running > 0 {
			return ErrRescoreRunning
		}
		if _, err := getRuleProfile(tx, to); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE periods SET rule_profile_name = ?, rule_profile_version = ? WHERE key = ?`, to.Name, to.Version, key).Error; err != nil {
			return err
		}
		var counts struct{ Total, Approved int }
		if err := tx.Raw(`SELECT count(*) FILTER (WHERE status <> 'approved') AS total, count(*) FILTER (WHERE status = 'approved') AS approved
			FROM reports WHERE period_key = ?`, key).Scan(&counts).Error; err != nil {
			return err
		}
		run = rescoreRunRow{PeriodKey: key, ToName: to.Name, ToVersion: to.Version, Actor: e.Actor, StartedAt: e.At,
			Total: counts.Total, KeptApproved: counts.Approved}
		if from != nil {
			run.FromName, run.FromVersion = &from.Name, &from.Version
		}
		if err := tx.Create(&run).Error; err != nil {
			return err
		}
		e.Action, e.ObjectType, e.ObjectID, e.Status = "period.rule_profile", "period", key, 202
		if from != nil {
			e.Before = audit.JSON(map[string]any{"name": from.Name, "version": from.Version})
		}
		e.After = audit.JSON(map[string]any{"name": to.Name, "version": to.Version})
		e.Detail = audit.JSON(map[string]any{"rescore_run": run.ID, "to_rescore": counts.Total, "approved_kept": counts.Approved})
		return appendAudit(tx, e)
	})
	s.moments.forget() // read anew here at once, elsewhere within the moment
	if err != nil {
		return RescoreRun{}, fmt.Errorf("set rule profile of %s: %w", key, err)
	}
	return run.domain(), nil
}

// ProgressRescoreRun records how far a run is.
func (s *Store) ProgressRescoreRun(ctx context.Context, id int64, done, changed int) error {
	return s.db.WithContext(ctx).Exec(`UPDATE rule_rescores SET done = ?, changed = ? WHERE id = ?`, done, changed, id).Error
}

// FinishRescoreRun records a run's end: its counts, or its error.
func (s *Store) FinishRescoreRun(ctx context.Context, id int64, done, changed int, failure string, at time.Time) error {
	return s.db.WithContext(ctx).Exec(`UPDATE rule_rescores SET done = ?, changed = ?, error = ?, finished_at = ? WHERE id = ?`,
		done, changed, failure, at, id).Error
}

// OtherProfileReports counts the saved reports of a period, of the
// projects the scope sees, whose stored evaluation was scored with another
// profile than ref.
func (s *Store) OtherProfileReports(ctx context.Context, sc Scope, key string, ref rules.ProfileRef) (int, error) {
	q, args := otherProfileQuery(sc, key, ref)
	count := func() (int, error) {
		var n int
		if err := s.lag().pg().queryRow(ctx, q, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("count reports on another profile: %w", err)
		}
		return n, nil
	}
	if sc.all {
		// the whole province's count is kept a moment (momentCache)
		return moment(s, "other|"+key+"|"+ref.String(), count)
	}
	return count()
}

// otherProfileQuery counts the reports of OtherProfileReports: the
// profile's name and version are columns kept by PostgreSQL from the
// evaluation (migration 00031); the whole province needs no projects.
func otherProfileQuery(sc Scope, key string, ref rules.ProfileRef) (string, []any) {
	other := `(r.rule_profile_name, r.rule_profile_version) IS DISTINCT FROM (?, ?)`
	args := []any{key, ref.Name, ref.Version}
	if sc.all {
		return `SELECT count(*) FROM reports r WHERE r.period_key = ? AND ` + other, args
	}
	cond, scopeArgs := sc.where("p")
	return `SELECT count(*) FROM reports r JOIN projects p ON p.code = r.project_code WHERE r.period_key = ? AND ` + other + ` AND ` + cond,
		append(args, scopeArgs...)
}
