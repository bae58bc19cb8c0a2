package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/rules"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestNationalIsValidWithTheReferenceDefaults(t *testing.T) {
	rs := rules.National()
	if err := rs.Validate(); err != nil {
		t.Fatalf("national rule set invalid: %v", err)
	}
	checks := []struct {
		name      string
		got, want string
	}{
		{"name", rs.Name, "national"},
		{"reverse method", string(rs.ReverseMethod), "ratio"},
		{"overshoot", rs.OvershootExplain.String(), "1.3"},
		{"light red", rs.LightThresholds.Red.String(), "0.6"},
		{"light yellow", rs.LightThresholds.Yellow.String(), "0.8"},
		{"light blue", rs.LightThresholds.Blue.String(), "1.2"},
		{"budget red", rs.BudgetLightThresholds.Red.String(), "0.6"},
		{"budget yellow", rs.BudgetLightThresholds.Yellow.String(), "0.8"},
		{"execution reason", rs.ExecutionReasonBelow.String(), "0.9"},
		{"achieved", rs.QualitativeBands.Achieved.String(), "0.8"},
		{"partly", rs.QualitativeBands.Partly.String(), "0.6"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if rs.DefaultCutoffMonth != 6 {
		t.Errorf("cutoff = %d, want 6", rs.DefaultCutoffMonth)
	}
	var bands []string
	for _, b := range rs.GradeBands {
		bands = append(bands, string(b.Grade)+b.Min.String())
	}
	if got := strings.Join(bands, ","); got != "优90,良80,中60,差0" {
		t.Errorf("grade bands = %s", got)
	}
}

func TestGradeBandEdges(t *testing.T) {
	tests := []struct {
		name  string
		total string
		want  rules.Grade
	}{
		{"100 is 优", "100", rules.GradeExcellent},
		{"exactly 90.00 is 优", "90.00", rules.GradeExcellent},
		{"89.99 is 良", "89.99", rules.GradeGood},
		{"exactly 80 is 良", "80", rules.GradeGood},
		{"79.99 is 中", "79.99", rules.GradeFair},
		{"exactly 60 is 中", "60", rules.GradeFair},
		{"59.99 is 差", "59.99", rules.GradePoor},
		{"0 is 差", "0", rules.GradePoor},
	}
	rs := rules.National()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rs.Grade(d(tt.total)); got != tt.want {
				t.Errorf("Grade(%s) = %s, want %s", tt.total, got, tt.want)
			}
		})
	}
}

func TestValidateNamesTheWrongSetting(t *testing.T) {
	tests := []struct {
		name    string
		modify  func(*rules.RuleSet)
		wantKey string
	}{
		{"unknown reverse method", func(r *rules.RuleSet) { r.ReverseMethod = "square" }, "reverse_method"},
		{"overshoot below 1", func(r *rules.RuleSet) { r.OvershootExplain = d("0.9") }, "overshoot_explain"},
		{"no grade bands", func(r *rules.RuleSet) { r.GradeBands = nil }, "grade_bands"},
		{"grade bands ascending", func(r *rules.RuleSet) { r.GradeBands[1].Min = d("95") }, "grade_bands"},
		{"grade band above 100", func(r *rules.RuleSet) { r.GradeBands[0].Min = d("101") }, "grade_bands"},
		{"lowest grade band not 0", func(r *rules.RuleSet) { r.GradeBands[3].Min = d("10") }, "grade_bands"},
		{"repeated grade", func(r *rules.RuleSet) { r.GradeBands[1].Grade = rules.GradeExcellent }, "grade_bands"},
		{"light thresholds not ascending", func(r *rules.RuleSet) { r.LightThresholds.Yellow = d("0.6") }, "light_thresholds"},
		{"light threshold zero", func(r *rules.RuleSet) { r.LightThresholds.Red = d("0") }, "light_thresholds"},
		{"budget thresholds descending", func(r *rules.RuleSet) { r.BudgetLightThresholds.Red = d("0.9") }, "budget_light_thresholds"},
		{"execution reason zero", func(r *rules.RuleSet) { r.ExecutionReasonBelow = d("0") }, "execution_reason_below"},
		{"execution reason above 1", func(r *rules.RuleSet) { r.ExecutionReasonBelow = d("1.1") }, "execution_reason_below"},
		{"qualitative bands crossed", func(r *rules.RuleSet) { r.QualitativeBands.Partly = d("0.9") }, "qualitative_bands"},
		{"qualitative achieved above 1", func(r *rules.RuleSet) { r.QualitativeBands.Achieved = d("1.1") }, "qualitative_bands"},
		{"cutoff 0", func(r *rules.RuleSet) { r.DefaultCutoffMonth = 0 }, "cutoff_month"},
		{"cutoff 12", func(r *rules.RuleSet) { r.DefaultCutoffMonth = 12 }, "cutoff_month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := rules.National()
			tt.modify(&rs)
			err := rs.Validate()
			if !errors.Is(err, rules.ErrInvalid) {
				t.Fatalf("Validate() = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.wantKey) {
				t.Errorf("error %q does not name %s", err, tt.wantKey)
			}
		})
	}
}

func TestWithOverrides(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string]string
		check     func(rules.RuleSet) bool
		wantErr   string // substring naming the key, "" for success
	}{
		{"no overrides keeps national", nil,
			func(r rules.RuleSet) bool { return r.Name == "national" }, ""},
		{"linear reverse method", map[string]string{"reverse_method": "linear"},
			func(r rules.RuleSet) bool { return r.ReverseMethod == rules.ReverseLinear }, ""},
		{"overshoot with spaces", map[string]string{"overshoot_explain": " 1.5 "},
			func(r rules.RuleSet) bool { return r.OvershootExplain.Equal(d("1.5")) }, ""},
		{"provincial grade bands 80/70/60", map[string]string{"grade_bands": "80, 70, 60"},
			func(r rules.RuleSet) bool {
				return r.Grade(d("80")) == rules.GradeExcellent && r.Grade(d("79.99")) == rules.GradeGood
			}, ""},
		{"light thresholds", map[string]string{"light_thresholds": "0.5,0.7,1.5"},
			func(r rules.RuleSet) bool { return r.LightThresholds.Blue.Equal(d("1.5")) }, ""},
		{"budget light thresholds", map[string]string{"budget_light_thresholds": "0.5,0.7"},
			func(r rules.RuleSet) bool { return r.BudgetLightThresholds.Yellow.Equal(d("0.7")) }, ""},
		{"execution reason below", map[string]string{"execution_reason_below": "0.85"},
			func(r rules.RuleSet) bool { return r.ExecutionReasonBelow.Equal(d("0.85")) }, ""},
		{"qualitative bands", map[string]string{"qualitative_bands": "0.9,0.7"},
			func(r rules.RuleSet) bool { return r.QualitativeBands.Partly.Equal(d("0.7")) }, ""},
		{"cutoff month 7", map[string]string{"cutoff_month": "7"},
			func(r rules.RuleSet) bool { return r.DefaultCutoffMonth == 7 }, ""},
		{"name", map[string]string{"name": "qinghai"},
			func(r rules.RuleSet) bool { return r.Name == "qinghai" }, ""},
		{"unknown key", map[string]string{"reverse": "ratio"}, nil, "reverse"},
		{"unknown method", map[string]string{"reverse_method": "square"}, nil, "reverse_method"},
		{"not a number", map[string]string{"overshoot_explain": "abc"}, nil, "overshoot_explain"},
		{"too few grade bands", map[string]string{"grade_bands": "90,80"}, nil, "grade_bands"},
		{"grade bands ascending fail validation", map[string]string{"grade_bands": "60,80,90"}, nil, "grade_bands"},
		{"light thresholds descending fail validation", map[string]string{"light_thresholds": "1.2,0.8,0.6"}, nil, "light_thresholds"},
		{"cutoff 12 fails validation", map[string]string{"cutoff_month": "12"}, nil, "cutoff_month"},
		{"cutoff not whole", map[string]string{"cutoff_month": "6.5"}, nil, "cutoff_month"},
		{"empty name", map[string]string{"name": ""}, nil, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rules.National().With(tt.overrides)
			if tt.wantErr != "" {
				if !errors.Is(err, rules.ErrInvalid) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("With() error = %v, want ErrInvalid naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("With() error = %v", err)
			}
			if !tt.check(got) {
				t.Errorf("With(%v) = %+v", tt.overrides, got)
			}
		})
	}
}

func TestWithUnknownKeyWrapsErrUnknownSetting(t *testing.T) {
	_, err := rules.National().With(map[string]string{"colour": "red"})
	if !errors.Is(err, rules.ErrUnknownSetting) {
		t.Errorf("err = %v, want ErrUnknownSetting", err)
	}
}

func TestWithDoesNotChangeTheOriginal(t *testing.T) {
	base := rules.National()
	if _, err := base.With(map[string]string{"grade_bands": "80,70,60"}); err != nil {
		t.Fatal(err)
	}
	if !base.GradeBands[0].Min.Equal(d("90")) {
		t.Errorf("original grade bands changed: %v", base.GradeBands)
	}
}

func TestKeysListsEveryOverride(t *testing.T) {
	got := strings.Join(rules.Keys(), ",")
	want := "budget_light_thresholds,completion_gap,cutoff_month,deviation_deduction,execution_caps,execution_checkpoints,execution_reason_below,grade_bands,light_thresholds,name,overshoot_explain,qualitative_bands,reverse_method,self_evaluation_warning"
	if got != want {
		t.Errorf("Keys() = %s", got)
	}
}

func TestParseReverseMethod(t *testing.T) {
	for _, s := range []string{"ratio", "linear"} {
		if m, err := rules.ParseReverseMethod(s); err != nil || string(m) != s {
			t.Errorf("ParseReverseMethod(%q) = %q, %v", s, m, err)
		}
	}
	if _, err := rules.ParseReverseMethod("Ratio"); !errors.Is(err, rules.ErrUnknownMethod) {
		t.Errorf("ParseReverseMethod(Ratio) err = %v", err)
	}
}
