package quality_test

import (
	"strings"
	"testing"

	"jixiao/app/seed"
	"jixiao/domain/quality"
)

// golmudFindings are the findings of the review on the 12 published Golmud
// 2024 projects (code, rule, indicator; "" is the project as a whole). The
// README lists them with their messages.
var golmudFindings = [][3]string{
	{"63280100024R000014831", "cost_missing", ""},
	{"63280100024T000000634", "cost_missing", ""},
	{"63280100024T000000634", "deadline_restates_year", "机关事务综合管理及办公用房确权完成时间"},
	{"63280100024T000000634", "similar_text", "保障单位职责履行，提高了办事效率，加快标准化、规范化、节能型机关建设"},
	{"63280100024T000000634", "name_copies_goal", "项目实施后，有效保障了机关事务工作运行，加快标准化、规范化、节能型机关建设，提高机关事务服务工作水平。"},
	{"63280100024T000000637", "cost_missing", ""},
	{"63280100024T000000637", "frequency_low", "每两周沿线巡护次数、每两月到可可西里保护腹地巡护次数"},
	{"63280100024T000000637", "deadline_restates_year", "巡护完成时间"},
	{"63280100024T000000637", "name_copies_goal", "通过沿线和腹地的巡护，制止和打击了盗猎、盗采活动，起到了对生态环境的保护作用"},
	{"63280100024T000000638", "cost_missing", ""},
	{"63280100024T000000638", "frequency_low", "租赁办公楼数量及每季度办公区物业管理次数"},
	{"63280100024T000000638", "deadline_restates_year", "租赁期限"},
	{"63280100024T000000638", "similar_text", "保障单位职责履行，提高了办事效率，加快标准化、规范化、高效性机关建设"},
	{"63280100024T000000639", "cost_missing", ""},
	{"63280100024T000000639", "deadline_restates_year", "发行时间"},
	{"63280100024T000000639", "similar_text", "保障单位职责履行，提高了办事效率，加快信息化、规范化、透明化机关建设"},
	{"63280100024T000000639", "rate_full_target", "印刷合格率"},
	{"63280100024T000000641", "cost_missing", ""},
	{"63280100024T000000641", "deadline_restates_year", "项目完成时限"},
	{"63280100024T000000641", "similar_text", "保障单位职责履行，提高了办事效率，加快标准化、规范化、高效型机关建设"},
	{"63280100024T000000642", "cost_missing", ""},
	{"63280100024T000000642", "deadline_restates_year", "金融服务活动完成时限"},
	{"63280100024T000000642", "similar_text", "保障单位职责履行，提高了办事效率，加快高效型、规范型金融服务中心建设"},
	{"63280100024T000000700", "cost_missing", ""},
	{"63280100024T000000700", "deadline_restates_year", "督办工作完成时间"},
	{"63280100024T000000702", "cost_missing", ""},
	{"63280100024T000000702", "deadline_restates_year", "“12345”热线平台运行维护期限"},
	{"63280100024T000000703", "cost_missing", ""},
	{"63280100024T000000703", "similar_text", "通过项目实施，有效保障政务系统安全运行，提高了政务信息传输效率，为政令决策畅通提供支撑"},
	{"63280100024T000000704", "cost_missing", ""},
	{"63280100024T000000704", "deadline_restates_year", "项目完成时间"},
	{"63280100024T000000704", "similar_text", "通过项目实施，有效保障政务系统安全运行，提高了政务信息传输效率，为政令决策畅通提供支撑"},
	{"63280100024T000000705", "cost_missing", ""},
	{"63280100024T000000705", "deadline_restates_year", "项目完成时限"},
	{"63280100024T000000705", "similar_text", "通过项目实施，有效保障政务系统安全运行，提高了政务信息传输效率，为政令决策畅通提供支撑"},
}

func TestGolmud2024Findings(t *testing.T) {
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	var got [][3]string
	for _, p := range ds.Projects {
		for _, f := range quality.Review(p, ds.Projects, quality.Defaults()) {
			got = append(got, [3]string{p.Code, f.Rule, f.Indicator})
			if f.Message == "" || f.Source == "" || f.Severity == "" {
				t.Errorf("%s %s: finding without message, source or severity: %+v", p.Code, f.Rule, f)
			}
		}
	}
	if len(got) != len(golmudFindings) {
		t.Errorf("%d findings, want %d", len(got), len(golmudFindings))
	}
	for i := 0; i < len(got) && i < len(golmudFindings); i++ {
		if got[i] != golmudFindings[i] {
			t.Errorf("finding %d = %q, want %q", i, got[i], golmudFindings[i])
		}
	}
}

// TestGolmudFindingsTellWhy checks what the issue calls out about the table.
func TestGolmudFindingsTellWhy(t *testing.T) {
	ds, _ := seed.Golmud2024()
	count := map[string]int{}
	var patrol, reuse string
	for _, p := range ds.Projects {
		for _, f := range quality.Review(p, ds.Projects, quality.Defaults()) {
			count[f.Rule]++
			if f.Rule == "frequency_low" && p.Code == "63280100024T000000637" {
				patrol = f.Message
			}
			if f.Rule == "similar_text" && p.Code == "63280100024T000000639" {
				reuse = f.Message
			}
		}
	}
	if count["cost_missing"] != 12 {
		t.Errorf("no project has a 成本指标: %d cost findings, want 12", count["cost_missing"])
	}
	if count["deadline_restates_year"] != 10 {
		t.Errorf("ten deadlines restate the year: got %d", count["deadline_restates_year"])
	}
	if !strings.Contains(patrol, "每两周") || !strings.Contains(patrol, "26次") || !strings.Contains(patrol, "每两周、每两月等2个频次") {
		t.Errorf("the patrol finding must say 每两周 … at most 26 a year: %q", patrol)
	}
	if !strings.Contains(reuse, "4个其他项目") {
		t.Errorf("five projects share the 可持续影响 sentence: %q", reuse)
	}
}
