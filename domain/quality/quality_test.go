package quality_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/quality"
)

func w(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// clean is a project no rule finds fault with.
func clean() project.Project {
	return project.Project{
		Code: "P1", Name: "政务督办系统运维", Category: "3-特定目标类", Year: 2024,
		Department: project.Department{Code: "003001", Name: "格尔木市人民政府办公室"},
		Budget:     decimal.RequireFromString("6.50"), ExecutionWeight: w(10),
		Goal: "运行政务督办系统，督办事项按期办结并反馈。",
		Indicators: []project.Indicator{
			{ID: 1, Level1: "产出指标", Level2: "数量指标", Name: "政务督办数量", Nature: project.NatureGE, Target: "150", Unit: "件", Weight: w(20), ValueBasis: "计划标准"},
			{ID: 2, Level1: "产出指标", Level2: "质量指标", Name: "督办事项按期办结率", Nature: project.NatureGE, Target: "95", Unit: "%", Weight: w(15), ValueBasis: "计划标准"},
			{ID: 3, Level1: "产出指标", Level2: "时效指标", Name: "系统上线时间", Nature: project.NatureEQ, Target: "2024-03-31", Unit: "日", Weight: w(15), ValueBasis: "计划标准"},
			{ID: 4, Level1: "成本指标", Level2: "经济成本指标", Name: "运维费用", Nature: project.NatureLE, Target: "6.5", Unit: "万元", Weight: w(10), ValueBasis: "计划标准"},
			{ID: 5, Level1: "效益指标", Level2: "社会效益", Name: "督办效率", Nature: project.NatureQualitative, Target: "显著", Weight: w(20), ValueBasis: "计划标准"},
			{ID: 6, Level1: "满意度指标", Level2: "服务对象满意度", Name: "满意度", Nature: project.NatureGE, Target: "95", Unit: "%", Weight: w(10), ValueBasis: "计划标准"},
		},
	}
}

func rules(fs []quality.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestCleanProjectHasNoFindings(t *testing.T) {
	p := clean()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if fs := quality.Review(p, nil, quality.Defaults()); len(fs) != 0 {
		t.Errorf("findings on a clean project: %+v", fs)
	}
}

func TestEachRule(t *testing.T) {
	other := clean()
	other.Code, other.Name = "P2", "另一个项目"
	tests := []struct {
		name      string
		change    func(*project.Project)
		others    []project.Project
		rule      string
		indicator int64 // 0: the project
		says      string
	}{
		{"no cost indicator", func(p *project.Project) {
			p.Indicators[3].Level1, p.Indicators[3].Level2 = "产出指标", "数量指标"
		},
			nil, "cost_missing", 0, "成本指标"},
		{"no quantity", func(p *project.Project) { p.Indicators[0].Level2 = "质量指标" }, nil, "quantity_missing", 0, "数量指标"},
		{"no quality", func(p *project.Project) { p.Indicators[1].Level2 = "数量" }, nil, "quality_missing", 0, "质量指标"},
		{"no timeliness", func(p *project.Project) { p.Indicators[2].Level2 = "数量指标" }, nil, "timeliness_missing", 0, "时效指标"},
		{"每两周 ≥ 1 次", func(p *project.Project) {
			p.Indicators[0].Name, p.Indicators[0].Target, p.Indicators[0].Unit = "每两周沿线巡护次数", "1", "次"
		}, nil, "frequency_low", 1, "26次"},
		{"每季度 ≥ 1 次", func(p *project.Project) {
			p.Indicators[0].Name, p.Indicators[0].Target, p.Indicators[0].Unit = "每季度物业管理次数", "1", "次"
		}, nil, "frequency_low", 1, "4次"},
		{"deadline = budget year", func(p *project.Project) { p.Indicators[2].Target, p.Indicators[2].Unit = "2024", "年" },
			nil, "deadline_restates_year", 3, "= 2024 年"},
		{"same sentence in another project", func(p *project.Project) {
			p.Indicators[4].Name = "保障单位职责履行，提高了办事效率，加快标准化、规范化、节能型机关建设"
		}, []project.Project{func() project.Project {
			o := other
			o.Goal = "完全不同的一句目标：提升热线接通率和群众诉求办结率。"
			o.Indicators = append([]project.Indicator(nil), other.Indicators...)
			o.Indicators[4].Name = "保障单位职责履行，提高了办事效率，加快标准化、规范化、高效型机关建设"
			return o
		}()}, "similar_text", 5, "几乎相同"},
		{"same goal in another project", func(p *project.Project) {}, []project.Project{other}, "similar_text", 0, "相同"},
		{"qualitative over half", func(p *project.Project) {
			p.Indicators[0].Nature, p.Indicators[0].Target, p.Indicators[0].Unit = project.NatureQualitative, "显著", ""
			p.Indicators[1].Nature, p.Indicators[1].Target, p.Indicators[1].Unit = project.NatureQualitative, "优良", ""
		}, nil, "qualitative_weight", 0, "定性指标合计权重55"},
		{"satisfaction weight 15", func(p *project.Project) { p.Indicators[5].Weight = w(15); p.Indicators[4].Weight = w(15) },
			nil, "satisfaction_weight", 6, "15"},
		{"100 % rate", func(p *project.Project) { p.Indicators[1].Target = "100" }, nil, "rate_full_target", 2, "100%"},
		{"name copies goal", func(p *project.Project) {
			p.Indicators[4].Name = "运行政务督办系统，督办事项按期办结并反馈"
		}, nil, "name_copies_goal", 5, "照抄"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := clean()
			p.Indicators = append([]project.Indicator(nil), p.Indicators...)
			tc.change(&p)
			fs := quality.Review(p, tc.others, quality.Defaults())
			var found *quality.Finding
			for i := range fs {
				if fs[i].Rule == tc.rule {
					found = &fs[i]
				}
			}
			if found == nil {
				t.Fatalf("no %s finding; got %v", tc.rule, rules(fs))
			}
			if len(fs) != 1 {
				t.Errorf("want only %s, got %v", tc.rule, rules(fs))
			}
			if found.IndicatorID != tc.indicator {
				t.Errorf("indicator %d, want %d", found.IndicatorID, tc.indicator)
			}
			if !strings.Contains(found.Message, tc.says) {
				t.Errorf("message %q does not say %q", found.Message, tc.says)
			}
			if !strings.HasPrefix(found.Source, "财预〔") || found.Severity == "" {
				t.Errorf("source %q severity %q", found.Source, found.Severity)
			}
		})
	}
}

func TestThresholdsAreSettings(t *testing.T) {
	p := clean()
	p.Indicators = append([]project.Indicator(nil), p.Indicators...)
	p.Indicators[5].Weight, p.Indicators[4].Weight = w(15), w(15)
	s, err := quality.Defaults().With(map[string]string{"satisfaction_weight": "15"})
	if err != nil {
		t.Fatal(err)
	}
	if fs := quality.Review(p, nil, s); len(fs) != 0 {
		t.Errorf("satisfaction 15 allowed by setting, got %v", rules(fs))
	}
	o := clean()
	o.Code = "P2"
	o.Goal = "运行政务督办系统，督办事项按期办结并及时反馈意见。"
	strict, _ := quality.Defaults().With(map[string]string{"similarity": "0.99"})
	if fs := quality.Review(clean(), []project.Project{o}, strict); len(fs) != 0 {
		t.Errorf("similarity 0.99 should not match a reworded goal: %v", rules(fs))
	}
	if fs := quality.Review(clean(), []project.Project{o}, quality.Defaults()); len(fs) != 1 {
		t.Errorf("the default similarity should match a reworded goal: %v", rules(fs))
	}
	for _, bad := range []map[string]string{{"similarity": "1.5"}, {"min_text_length": "0"}, {"nope": "1"}, {"frequency_minimum": "x"}} {
		if _, err := quality.Defaults().With(bad); !errors.Is(err, quality.ErrInvalidSetting) {
			t.Errorf("With(%v) = %v", bad, err)
		}
	}
}

func TestOtherDepartmentsAndYearsAreNotCompared(t *testing.T) {
	o := clean()
	o.Code = "P2"
	o.Department.Code = "009001"
	o2 := clean()
	o2.Code, o2.Year = "P3", 2023
	if fs := quality.Review(clean(), []project.Project{o, o2, clean()}, quality.Defaults()); len(fs) != 0 {
		t.Errorf("compared across departments, years or with itself: %v", rules(fs))
	}
}

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"保障单位职责履行", "保障单位职责履行。", "1"},
		{"abc", "xyz", "0"},
		{"", "", "0"},
	} {
		if got := quality.Similarity(tc.a, tc.b); !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("Similarity(%q, %q) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}
