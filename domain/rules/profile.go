package rules

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// ErrInvalidProfile is wrapped by every error of Profile.Validate.
var ErrInvalidProfile = errors.New("invalid rule profile")

// ProfileRef names one version of a rule profile; every stored evaluation
// carries the one it was scored with.
type ProfileRef struct {
	Name    string
	Version int
}

// String is "name v1".
func (p ProfileRef) String() string { return fmt.Sprintf("%s v%d", p.Name, p.Version) }

// Label is how outputs name the profile beside a total: "评分规则：national 第1版";
// "" for the zero reference (an evaluation stored before profiles).
func (p ProfileRef) Label() string {
	if p.Name == "" {
		return ""
	}
	return fmt.Sprintf("评分规则：%s 第%d版", p.Name, p.Version)
}

// Ref is the profile the rule set was built from.
func (r RuleSet) Ref() ProfileRef { return ProfileRef{Name: r.Name, Version: r.Version} }

// Profile is a rule set as data: a name and version, what it is, the
// document it comes from and whether that document was read (Verified), and
// every setting by key (see Keys; all but "name"). A version once used by a
// score never changes; editing makes a new version.
type Profile struct {
	ProfileRef
	Title    string
	Source   string
	Verified bool
	Settings map[string]string
	// Sources says where single settings were read, by key; a setting
	// without one comes from Source.
	Sources map[string]string
}

// The names of the profiles the product ships, and of the one the
// JIXIAO_RULE_* environment variables define.
const (
	ProfileNational        = "national"
	ProfileExecutionCaps   = "exec-caps"
	ProfileDeviation       = "deviation-130"
	ProfileCheckpoints     = "sichuan-2025"
	ProfileSelfEvalWarning = "self-eval-warning"
	ProfileGrades807060    = "grades-80-70-60"
	ProfileLocal           = "local"
)

var profileName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// MaxProfileText is the longest title or source, in characters.
const MaxProfileText = 500

// Validate checks the name (lower-case letters, digits, "-" and "_", at most
// 40), the version (from 1), a title and a source of at most MaxProfileText
// characters, and that the settings make a valid rule set; the error names
// the field or setting.
func (p Profile) Validate() error {
	switch {
	case !profileName.MatchString(p.Name):
		return fmt.Errorf("%w: name: %q must be lower-case letters, digits, - or _, at most 40", ErrInvalidProfile, p.Name)
	case p.Version < 1:
		return fmt.Errorf("%w: version: %d must be at least 1", ErrInvalidProfile, p.Version)
	case strings.TrimSpace(p.Title) == "" || utf8.RuneCountInString(p.Title) > MaxProfileText:
		return fmt.Errorf("%w: title: must be given, at most %d characters", ErrInvalidProfile, MaxProfileText)
	case strings.TrimSpace(p.Source) == "" || utf8.RuneCountInString(p.Source) > MaxProfileText:
		return fmt.Errorf("%w: source: must be given, at most %d characters", ErrInvalidProfile, MaxProfileText)
	}
	for k, v := range p.Sources {
		if _, ok := setters[k]; !ok || k == KeyName {
			return fmt.Errorf("%w: sources: %s: %w", ErrInvalidProfile, k, ErrUnknownSetting)
		}
		if utf8.RuneCountInString(v) > MaxProfileText {
			return fmt.Errorf("%w: sources: %s: at most %d characters", ErrInvalidProfile, k, MaxProfileText)
		}
	}
	if _, ok := p.Settings[KeyName]; ok {
		return fmt.Errorf("%w: settings: name: the profile's name is not a setting", ErrInvalidProfile)
	}
	if _, err := p.RuleSet(); err != nil {
		return fmt.Errorf("%w: settings: %w", ErrInvalidProfile, err)
	}
	return nil
}

// RuleSet builds the profile's rule set: the national defaults with the
// profile's settings, named and versioned after it, citing its sources.
func (p Profile) RuleSet() (RuleSet, error) {
	rs, err := National().With(p.Settings)
	if err != nil {
		return RuleSet{}, err
	}
	rs.Name, rs.Version = p.Name, p.Version
	rs.Sources = map[string]string{"": p.Source}
	for k, v := range p.Sources {
		rs.Sources[k] = v
	}
	return rs, nil
}

// Complete returns the profile with every setting written out: those it
// leaves out take the national default. Sources are kept.
func (p Profile) Complete() (Profile, error) {
	rs, err := p.RuleSet()
	if err != nil {
		return Profile{}, err
	}
	p.Settings = rs.Settings()
	return p, nil
}

// SameRules reports whether two profiles' settings make the same rule set.
func (p Profile) SameRules(q Profile) bool {
	a, err1 := p.Complete()
	b, err2 := q.Complete()
	if err1 != nil || err2 != nil {
		return false
	}
	for k, v := range a.Settings {
		if b.Settings[k] != v {
			return false
		}
	}
	return len(a.Settings) == len(b.Settings)
}

// SettingKeys lists the keys of a profile's settings (Keys without "name").
func SettingKeys() []string {
	out := make([]string, 0, len(setters))
	for _, k := range Keys() {
		if k != KeyName {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Local is the profile the JIXIAO_RULE_* variables define: the national
// defaults with those overrides, at the version given. A "name" override
// becomes the title.
func Local(overrides map[string]string, version int) (Profile, error) {
	settings := map[string]string{}
	title := "本地规则（JIXIAO_RULE_* 环境变量）"
	for k, v := range overrides {
		if k == KeyName {
			title = "本地规则：" + strings.TrimSpace(v)
			continue
		}
		settings[k] = v
	}
	p := Profile{ProfileRef: ProfileRef{Name: ProfileLocal, Version: version}, Title: title,
		Source: "本系统部署时设置的 JIXIAO_RULE_* 环境变量（未经核实的本地设置）", Settings: settings}
	return p.Complete()
}
