package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// basisProject has one indicator of each kind a light is explained for:
// cumulative, level, reverse, qualitative, deadline, and one marked not
// applicable. Its department and submitter are its own.
const (
	basisProject    = "99008800024T000000001"
	basisDepartment = "990088"
)

var basisOnce sync.Once

// basisOwner creates basisProject and its submitter once and returns the
// router acting as that submitter.
func basisOwner(t *testing.T, e *testAPI, st *store.Store) http.Handler {
	t.Helper()
	basisOnce.Do(func() {
		w := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
		// a year of its own, so that no count of 2024 meets it
		for _, key := range []string{"2023-06", "2023"} {
			per, err := period.Parse(key)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SavePeriod(context.Background(), per); err != nil {
				t.Fatal(err)
			}
		}
		p := project.Project{Code: basisProject, Name: "预警依据测试资金", Category: "3-特定目标类", Year: 2023,
			Department: project.Department{Code: basisDepartment, Name: "预警依据测试单位"}, Budget: w("10.00"),
			Goal: "测试", ExecutionWeight: w("10"), Indicators: []project.Indicator{
				{Level1: "产出指标", Level2: "数量指标", Name: "举办银企对接会议次数", Nature: project.NatureGE, Target: "10", Unit: "次", Weight: w("20")},
				{Level1: "产出指标", Level2: "质量指标", Name: "培训合格率", Nature: project.NatureGE, Target: "95", Unit: "%", Weight: w("20")},
				{Level1: "成本指标", Level2: "经济成本指标", Name: "单次会议成本", Nature: project.NatureLE, Target: "5", Unit: "万元", Weight: w("10")},
				{Level1: "效益指标", Level2: "社会效益", Name: "助力小微企业发展", Nature: project.NatureQualitative, Target: "显著", Weight: w("20")},
				{Level1: "产出指标", Level2: "时效指标", Name: "活动完成时限", Nature: project.NatureEQ, Target: "2023", Unit: "年", Weight: w("10")},
				{Level1: "满意度指标", Level2: "服务对象满意度", Name: "参会企业满意度", Nature: project.NatureGE, Target: "90", Unit: "%", Weight: w("10")},
			}}
		if err := st.SaveProjects(context.Background(), []project.Project{p}); err != nil {
			t.Fatal(err)
		}
		createUser(t, st, user.Account{Username: "basis_submitter", DisplayName: "依据测试填报人", Roles: []user.Role{user.Submitter},
			Departments: []string{basisDepartment}, Projects: []string{basisProject}})
	})
	return withHeader(e.anon(), login(t, e.anon(), "basis_submitter", testPassword).bearer()...)
}

func TestEveryLineSaysWhyItsLightAndNamesItsRule(t *testing.T) {
	e, st := newAPI(t)
	own := basisOwner(t, e, st)
	ids := indicatorIDsOf(t, own, basisProject)
	body := fmt.Sprintf(`{"version": 0, "budget": {"executed": "5", "projected": "10"}, "lines": [
		{"indicator_id": %d, "value": "3", "projected": "10"},
		{"indicator_id": %d, "value": "96", "projected": "96"},
		{"indicator_id": %d, "value": "6", "projected": "6"},
		{"indicator_id": %d, "band": "partly"},
		{"indicator_id": %d, "likelihood": "certain"},
		{"indicator_id": %d, "not_applicable": true, "not_applicable_reason": "年底统一测评"}]}`,
		ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
	status, out := call(t, own, http.MethodPut, reportPath(basisProject, "2023-06"), body)
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, out)
	}
	var r struct {
		Lines []struct {
			Light      string `json:"light"`
			Rule       string `json:"rule"`
			RuleName   string `json:"rule_name"`
			LightBasis string `json:"light_basis"`
		} `json:"lines"`
		Score struct {
			Execution struct {
				RuleName string `json:"rule_name"`
			} `json:"execution"`
			Lines []struct {
				RuleName string `json:"rule_name"`
			} `json:"lines"`
		} `json:"score"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	want := []struct{ light, basis, ruleName string }{
		{"yellow", "截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯", "正向指标：达到目标值，得满分"},
		{"green", "时点指标，截至6月为96%，已达到目标值95%：绿灯", "正向指标：达到目标值，得满分"},
		{"yellow", "反向指标，截至6月为6万元，高于目标值5万元：黄灯", "反向指标：高于目标值，按目标值与实际值之比得分"},
		{"yellow", "选择“部分达成并具有一定效果”档：黄灯", "定性指标：未填得分，按档次下限计分"},
		{"green", "尚未完成（完成时限 2023-12-31），完成目标可能性为“确定能”：绿灯", "时效指标：按时完成，得满分"},
		{"grey", "标记为不适用，不亮灯", "不适用：不计分，其余指标得分按权重折算"},
	}
	for i, w := range want {
		l := r.Lines[i]
		if l.Light != w.light || l.LightBasis != w.basis || l.RuleName != w.ruleName || r.Score.Lines[i].RuleName != w.ruleName {
			t.Errorf("line %d: light %s, light_basis %q, rule %s named %q; want %s, %q, %q", i, l.Light, l.LightBasis, l.Rule, l.RuleName, w.light, w.basis, w.ruleName)
		}
	}
	if r.Score.Execution.RuleName != "预算执行率：达到100%，得满分" {
		t.Errorf("execution rule named %q", r.Score.Execution.RuleName)
	}
}
