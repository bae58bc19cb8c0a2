package rules_test

import (
	"errors"
	"strings"
	"testing"

	"jixiao/domain/rules"
)

func TestShippedProfilesAreCompleteValidAndSourced(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range rules.Shipped() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		if seen[p.Name] || p.Version != 1 {
			t.Errorf("%s v%d: repeated or not version 1", p.Name, p.Version)
		}
		seen[p.Name] = true
		if got, want := len(p.Settings), len(rules.SettingKeys()); got != want {
			t.Errorf("%s holds %d settings, want every one of %d", p.Name, got, want)
		}
		for _, k := range rules.SettingKeys() {
			if p.Settings[k] == "" {
				t.Errorf("%s: setting %s missing", p.Name, k)
			}
		}
		if p.Source == "" {
			t.Errorf("%s names no source", p.Name)
		}
		// only the national rules were read in their documents
		if p.Verified != (p.Name == rules.ProfileNational) {
			t.Errorf("%s verified = %v", p.Name, p.Verified)
		}
	}
	for _, name := range []string{"national", "exec-caps", "deviation-130", "sichuan-2025", "self-eval-warning", "grades-80-70-60"} {
		if !seen[name] {
			t.Errorf("profile %s is not shipped", name)
		}
	}
}

func TestNationalProfileIsTheNationalRuleSet(t *testing.T) {
	p := rules.Shipped()[0]
	rs, err := p.RuleSet()
	if err != nil {
		t.Fatal(err)
	}
	n := rules.National()
	if got, want := rs.Settings(), n.Settings(); len(got) != len(want) {
		t.Fatalf("settings %v, want %v", got, want)
	}
	for k, v := range n.Settings() {
		if rs.Settings()[k] != v {
			t.Errorf("%s = %q, national %q", k, rs.Settings()[k], v)
		}
	}
	if rs.Ref() != (rules.ProfileRef{Name: "national", Version: 1}) || n.Ref() != rs.Ref() {
		t.Errorf("ref %v / %v", rs.Ref(), n.Ref())
	}
	if !strings.Contains(rs.Cite(rules.KeyGradeBands), "财预〔2020〕10号") {
		t.Errorf("grade bands cite %q", rs.Cite(rules.KeyGradeBands))
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	for _, p := range rules.Shipped() {
		rs, err := p.RuleSet()
		if err != nil {
			t.Fatal(err)
		}
		again, err := rules.National().With(rs.Settings())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		for k, v := range rs.Settings() {
			if again.Settings()[k] != v {
				t.Errorf("%s: %s = %q after a round trip, want %q", p.Name, k, again.Settings()[k], v)
			}
		}
	}
}

func TestVariantSettings(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string]string
		wantErr   string
	}{
		{"caps", map[string]string{"execution_caps": "0.8:89,0.7:79,0.6:69,0.5:59"}, ""},
		{"caps off", map[string]string{"execution_caps": "none"}, ""},
		{"caps ascending", map[string]string{"execution_caps": "0.5:59,0.8:89"}, "execution_caps"},
		{"cap above 100", map[string]string{"execution_caps": "0.8:120"}, "execution_caps"},
		{"cap not a pair", map[string]string{"execution_caps": "0.8"}, "execution_caps"},
		{"deviation", map[string]string{"deviation_deduction": "1.3:2"}, ""},
		{"deviation ratio below 1", map[string]string{"deviation_deduction": "0.9:2"}, "deviation_deduction"},
		{"deviation two pairs", map[string]string{"deviation_deduction": "1.3:2,1.5:4"}, "deviation_deduction"},
		{"checkpoints", map[string]string{"execution_checkpoints": "4:0.25,6:0.4,8:0.6,10:0.8"}, ""},
		{"checkpoint month 13", map[string]string{"execution_checkpoints": "13:0.9"}, "execution_checkpoints"},
		{"checkpoint month 4.5", map[string]string{"execution_checkpoints": "4.5:0.25"}, "execution_checkpoints"},
		{"checkpoints falling", map[string]string{"execution_checkpoints": "4:0.5,6:0.4"}, "execution_checkpoints"},
		{"gap", map[string]string{"completion_gap": "0.1"}, ""},
		{"gap above 1", map[string]string{"completion_gap": "2"}, "completion_gap"},
		{"self-evaluation warning", map[string]string{"self_evaluation_warning": "0.05,0.2"}, ""},
		{"self-evaluation warning one number", map[string]string{"self_evaluation_warning": "0.05"}, "self_evaluation_warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := rules.National().With(tt.overrides)
			if tt.wantErr != "" {
				if !errors.Is(err, rules.ErrInvalid) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.overrides {
				if rs.Settings()[k] != v {
					t.Errorf("%s renders %q, set %q", k, rs.Settings()[k], v)
				}
			}
		})
	}
}

func TestCapForAndCheckpointFor(t *testing.T) {
	rs, err := rules.National().With(map[string]string{"execution_caps": "0.8:89,0.7:79,0.6:69,0.5:59",
		"execution_checkpoints": "4:0.25,6:0.4,8:0.6,10:0.8"})
	if err != nil {
		t.Fatal(err)
	}
	for rate, want := range map[string]string{"0.79": "89", "0.7": "89", "0.65": "79", "0.6": "79", "0.59": "69", "0.49": "59", "0": "59"} {
		c, ok := rs.CapFor(d(rate))
		if !ok || c.Max.String() != want {
			t.Errorf("CapFor(%s) = %v %v, want %s", rate, c, ok, want)
		}
	}
	if _, ok := rs.CapFor(d("0.8")); ok {
		t.Error("a rate of 80% is not capped")
	}
	for m, want := range map[int]int{3: 0, 4: 4, 5: 4, 6: 6, 7: 6, 9: 8, 11: 10, 12: 10} {
		c, ok := rs.CheckpointFor(m)
		if got := map[bool]int{true: c.Month}[ok]; got != want {
			t.Errorf("CheckpointFor(%d) = %d, want %d", m, got, want)
		}
	}
}

func TestProfileValidate(t *testing.T) {
	base := rules.Shipped()[1]
	tests := []struct {
		name   string
		modify func(*rules.Profile)
		want   string
	}{
		{"upper-case name", func(p *rules.Profile) { p.Name = "Qinghai" }, "name"},
		{"version 0", func(p *rules.Profile) { p.Version = 0 }, "version"},
		{"no title", func(p *rules.Profile) { p.Title = " " }, "title"},
		{"no source", func(p *rules.Profile) { p.Source = "" }, "source"},
		{"unknown setting", func(p *rules.Profile) { p.Settings = map[string]string{"colour": "red"} }, "colour"},
		{"name as a setting", func(p *rules.Profile) { p.Settings = map[string]string{"name": "x"} }, "name"},
		{"bad setting", func(p *rules.Profile) { p.Settings = map[string]string{"grade_bands": "60,70,80"} }, "grade_bands"},
		{"source of an unknown setting", func(p *rules.Profile) { p.Sources = map[string]string{"colour": "x"} }, "colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.modify(&p)
			err := p.Validate()
			if !errors.Is(err, rules.ErrInvalidProfile) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want ErrInvalidProfile naming %s", err, tt.want)
			}
		})
	}
}

func TestLocalProfileFromOverrides(t *testing.T) {
	p, err := rules.Local(map[string]string{"grade_bands": "80,70,60", "name": "qinghai"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "local" || p.Version != 3 || p.Settings["grade_bands"] != "80,70,60" || !strings.Contains(p.Title, "qinghai") || p.Verified {
		t.Errorf("local profile %+v", p)
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
	q, _ := rules.Local(map[string]string{"grade_bands": "80, 70, 60"}, 4)
	if !p.SameRules(q) {
		t.Error("the same overrides written differently make different rules")
	}
	n, _ := rules.Local(nil, 1)
	if p.SameRules(n) {
		t.Error("other grade bands make the same rules")
	}
}
