package project_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

func valid() project.Project {
	return project.Project{
		Code: "63280100024T000000700", Name: "“710”政务督办系统运维专项资金", Category: "3-特定目标类", Year: 2024,
		Department: project.Department{Code: "003001", Name: "格尔木市人民政府办公室"},
		Budget:     decimal.RequireFromString("6.50"), Goal: "提高政府督办工作效率",
		ExecutionWeight: decimal.NewFromInt(10),
		Indicators: []project.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Name: "政务督办数量", Nature: project.NatureGE, Target: "150", Unit: "件", Weight: decimal.NewFromInt(20)},
			{Level1: "产出指标", Level2: "时效指标", Name: "督办工作完成时间", Nature: project.NatureEQ, Target: "2024", Unit: "年", Weight: decimal.NewFromInt(20)},
			{Level1: "效益指标", Level2: "社会效益", Name: "政府工作效率", Nature: project.NatureQualitative, Target: "显著", Weight: decimal.NewFromInt(40)},
			{Level1: "满意度指标", Level2: "服务对象满意度", Name: "满意度", Nature: project.NatureGE, Target: "95", Unit: "%", Weight: decimal.NewFromInt(10)},
		},
	}
}

func TestValidateNamesTheField(t *testing.T) {
	tests := []struct {
		name   string
		change func(*project.Project)
		field  string
	}{
		{"empty code", func(p *project.Project) { p.Code = " " }, "code"},
		{"empty name", func(p *project.Project) { p.Name = "" }, "name"},
		{"name too long", func(p *project.Project) { p.Name = strings.Repeat("长", project.MaxNameLength+1) }, "name"},
		{"empty category", func(p *project.Project) { p.Category = "" }, "category"},
		{"no department", func(p *project.Project) { p.Department.Code = "" }, "department.code"},
		{"year out of range", func(p *project.Project) { p.Year = 1999 }, "year"},
		{"negative budget", func(p *project.Project) { p.Budget = decimal.RequireFromString("-0.01") }, "budget"},
		{"negative execution weight", func(p *project.Project) { p.ExecutionWeight = decimal.NewFromInt(-10) }, "execution_weight"},
		{"goal too long", func(p *project.Project) { p.Goal = strings.Repeat("字", project.MaxTextLength+1) }, "goal"},
		{"no indicators", func(p *project.Project) { p.Indicators = nil }, "indicators"},
		{"weights add to 99", func(p *project.Project) { p.Indicators[0].Weight = decimal.NewFromInt(19) }, "indicators"},
		{"weights add to 101", func(p *project.Project) { p.Indicators[0].Weight = decimal.NewFromInt(21) }, "indicators"},
		{"unknown nature", func(p *project.Project) { p.Indicators[1].Nature = "≈" }, "indicators[1].nature"},
		{"non-numeric target", func(p *project.Project) { p.Indicators[0].Target = "一百五十" }, "indicators[0].target"},
		{"negative target", func(p *project.Project) { p.Indicators[0].Target = "-1" }, "indicators[0].target"},
		{"empty target", func(p *project.Project) { p.Indicators[2].Target = "" }, "indicators[2].target"},
		{"numeric without unit", func(p *project.Project) { p.Indicators[3].Unit = "" }, "indicators[3].unit"},
		{"empty level 1", func(p *project.Project) { p.Indicators[0].Level1 = "" }, "indicators[0].level1"},
		{"empty level 2", func(p *project.Project) { p.Indicators[0].Level2 = "" }, "indicators[0].level2"},
		{"empty indicator name", func(p *project.Project) { p.Indicators[2].Name = "" }, "indicators[2].name"},
		{"indicator name too long", func(p *project.Project) { p.Indicators[2].Name = strings.Repeat("长", 301) }, "indicators[2].name"},
		{"negative weight", func(p *project.Project) {
			p.Indicators[0].Weight = decimal.NewFromInt(-20)
			p.Indicators[2].Weight = decimal.NewFromInt(80)
		}, "indicators[0].weight"},
		{"budget beyond the fen (seven decimals of 万元)", func(p *project.Project) { p.Budget = decimal.RequireFromString("330.9840001") }, "budget"},
		{"qualitative with a unit", func(p *project.Project) {
			p.Indicators[0].Nature, p.Indicators[0].Target = project.NatureQualitative, "显著"
		}, "indicators[0].unit"},
		{"weight with three decimals", func(p *project.Project) {
			p.Indicators[0].Weight = decimal.RequireFromString("19.995")
			p.Indicators[2].Weight = decimal.RequireFromString("40.005")
		}, "indicators[0].weight"},
		{"duplicate indicator id", func(p *project.Project) { p.Indicators[0].ID, p.Indicators[1].ID = 7, 7 }, "indicators[1].id"},
		{"unknown accrual", func(p *project.Project) { p.Indicators[0].Accrual = "monthly" }, "indicators[0].accrual"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.change(&p)
			err := p.Validate()
			var ve *project.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %v", err)
			}
			if !errors.Is(err, project.ErrInvalid) {
				t.Error("ValidationError does not match ErrInvalid")
			}
			if msg := ve.Fields[tc.field]; msg == "" {
				t.Errorf("no message for %s in %v", tc.field, ve.Fields)
			}
		})
	}
}

func TestValidProjectPassesIncludingA115CharacterName(t *testing.T) {
	p := valid()
	p.Indicators[2].Name = strings.Repeat("效", 115)
	p.Indicators[1].Target, p.Indicators[1].Unit = "2024-06-30", "日" // a date deadline
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestKindAndAccrualAreDerived(t *testing.T) {
	ind := func(level2, name string, n project.Nature, target, unit string) project.Indicator {
		return project.Indicator{Level1: "产出指标", Level2: level2, Name: name, Nature: n, Target: target, Unit: unit, Weight: decimal.NewFromInt(10)}
	}
	tests := []struct {
		name    string
		in      project.Indicator
		kind    project.Kind
		accrual project.Accrual
	}{
		{"≥ count is higher, cumulative", ind("数量指标", "政务督办数量", project.NatureGE, "150", "件"), project.KindHigher, project.AccrualCumulative},
		{"> is higher", ind("数量指标", "次数", project.NatureGT, "1", "次"), project.KindHigher, project.AccrualCumulative},
		{"≤ is lower", ind("成本指标", "成本", project.NatureLE, "100", "万元"), project.KindLower, project.AccrualCumulative},
		{"< is lower", ind("成本指标", "投诉率", project.NatureLT, "5", "%"), project.KindLower, project.AccrualLevel},
		{"= number is equal", ind("数量指标", "编制外长期聘用人员数", project.NatureEQ, "63", "人"), project.KindEqual, project.AccrualCumulative},
		{"= 2024 年 under 时效 is a deadline", ind("时效指标", "完成时间", project.NatureEQ, "2024", "年"), project.KindDeadline, project.AccrualNone},
		{"时效 without 指标 suffix", ind("时效", "完成时间", project.NatureEQ, "2024", "年"), project.KindDeadline, project.AccrualNone},
		{"a date target is a deadline", ind("时效指标", "完成日期", project.NatureEQ, "2024-06-30", "日"), project.KindDeadline, project.AccrualNone},
		{"= 1 年 is a duration, equal", ind("时效指标", "项目采购期限", project.NatureEQ, "1", "年"), project.KindEqual, project.AccrualCumulative},
		{"= 2024 年 outside 时效 is equal", ind("数量指标", "年份", project.NatureEQ, "2024", "年"), project.KindEqual, project.AccrualCumulative},
		{"percent is a level", ind("质量指标", "合格率", project.NatureGE, "95", "%"), project.KindHigher, project.AccrualLevel},
		{"每月 is a level", ind("数量指标", "每月发行数量", project.NatureGE, "800", "本"), project.KindHigher, project.AccrualLevel},
		{"每两周 is a level", ind("数量指标", "每两周沿线巡护次数", project.NatureGE, "1", "次"), project.KindHigher, project.AccrualLevel},
		{"每季度 is a level", ind("数量指标", "每季度办公区物业管理次数", project.NatureGE, "1", "次"), project.KindHigher, project.AccrualLevel},
		{"stated accrual wins", func() project.Indicator {
			i := ind("数量指标", "每月发行数量", project.NatureGE, "800", "本")
			i.Accrual = project.AccrualCumulative
			return i
		}(), project.KindHigher, project.AccrualCumulative},
		{"qualitative", ind("社会效益", "效益", project.NatureQualitative, "显著", ""), project.KindQualitative, project.AccrualNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Kind(); got != tc.kind {
				t.Errorf("kind %q, want %q", got, tc.kind)
			}
			if got := tc.in.EffectiveAccrual(); got != tc.accrual {
				t.Errorf("accrual %q, want %q", got, tc.accrual)
			}
		})
	}
}

func TestDeadlineIsTheLastDayOfTheTargetYear(t *testing.T) {
	in := project.Indicator{Level2: "时效指标", Nature: project.NatureEQ, Target: "2024", Unit: "年"}
	if d, ok := in.Deadline(); !ok || d != "2024-12-31" {
		t.Errorf("deadline %q %v", d, ok)
	}
}

func TestParseNatureAcceptsDisclosureSpellings(t *testing.T) {
	for in, want := range map[string]project.Nature{"≥": project.NatureGE, ">=": project.NatureGE, "≤": project.NatureLE,
		"=": project.NatureEQ, "定性": project.NatureQualitative, ">": project.NatureGT, "<": project.NatureLT} {
		if got, err := project.ParseNature(in); err != nil || got != want {
			t.Errorf("ParseNature(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := project.ParseNature("0"); !errors.Is(err, project.ErrUnknownNature) {
		t.Errorf("a bare 0 must not parse: %v", err)
	}
}
