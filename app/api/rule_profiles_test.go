package api_test

import (
	"net/http"
	"testing"

	"jixiao/app/reports"
	"jixiao/domain/user"
)

type profileBody struct {
	Name     string            `json:"name"`
	Version  int               `json:"version"`
	Verified bool              `json:"verified"`
	Used     bool              `json:"used"`
	Source   string            `json:"source"`
	Settings map[string]string `json:"settings"`
}

// TestRuleProfilesThroughTheAPI: everyone lists the profiles; admins make
// one, edit it while unused, choose it for 2024 (an unverified one only
// with a confirmation), see the rescore end, and may then only make a new
// version (409 on an edit); reports and the dashboard name the profile.
func TestRuleProfilesThroughTheAPI(t *testing.T) {
	e, _ := newAPI(t)
	admin := e.as(user.Admin)
	status, body := call(t, e, http.MethodGet, "/api/v1/rule-profiles", "")
	if status != http.StatusOK {
		t.Fatalf("list: %d %s", status, body)
	}
	found := map[string]profileBody{}
	for _, p := range decode[[]profileBody](t, body) {
		found[p.Name] = p
	}
	if !found["national"].Verified || found["exec-caps"].Verified || found["exec-caps"].Settings["execution_caps"] != "0.8:89,0.7:79,0.6:69,0.5:59" ||
		found["sichuan-2025"].Source == "" || len(found["national"].Settings) != 13 {
		t.Errorf("shipped profiles %+v", found)
	}
	input := `{"name":"apitest","title":"测试规则","source":"测试文件","verified":true,"settings":{"grade_bands":"90,80,60"}}`
	if status, _ := call(t, e, http.MethodPost, "/api/v1/rule-profiles", input); status != http.StatusForbidden {
		t.Errorf("a submitter made a profile: %d", status)
	}
	if status, body := call(t, admin, http.MethodPost, "/api/v1/rule-profiles", `{"name":"apitest","title":"x","source":"y","settings":{"grade_bands":"60,80,90"}}`); status != http.StatusUnprocessableEntity {
		t.Errorf("bad grade bands: %d %s", status, body)
	}
	status, body = call(t, admin, http.MethodPost, "/api/v1/rule-profiles", input)
	if p := decode[profileBody](t, body); status != http.StatusCreated || p.Version != 1 || p.Settings["reverse_method"] != "ratio" {
		t.Fatalf("create: %d %s", status, body)
	}
	if status, body := call(t, admin, http.MethodPut, "/api/v1/rule-profiles/apitest/1", input); status != http.StatusOK {
		t.Errorf("edit of an unused version: %d %s", status, body)
	}
	if status, body := call(t, admin, http.MethodPut, "/api/v1/periods/2024/rule-profile", `{"name":"exec-caps","version":1}`); status != http.StatusUnprocessableEntity ||
		decode[errBody](t, body).Error.Code != "unverified" {
		t.Errorf("unverified without confirmation: %d %s", status, body)
	}
	if status, _ := call(t, e, http.MethodPut, "/api/v1/periods/2024/rule-profile", `{"name":"apitest","version":1}`); status != http.StatusForbidden {
		t.Errorf("a submitter chose a profile: %d", status)
	}
	status, body = call(t, admin, http.MethodPut, "/api/v1/periods/2024/rule-profile", `{"name":"apitest","version":1}`)
	if status != http.StatusAccepted {
		t.Fatalf("choose: %d %s", status, body)
	}
	t.Cleanup(func() {
		if status, body := call(t, admin, http.MethodPut, "/api/v1/periods/2024/rule-profile", `{"name":"national","version":1}`); status != http.StatusAccepted {
			t.Errorf("back to national: %d %s", status, body)
		}
		reports.WaitRescores()
	})
	reports.WaitRescores()
	status, body = call(t, e, http.MethodGet, "/api/v1/periods/2024/rule-profile", "")
	got := decode[struct {
		Profile profileBody `json:"profile"`
		Chosen  bool        `json:"chosen"`
		Rescore struct {
			FinishedAt *string `json:"finished_at"`
			Error      string  `json:"error"`
		} `json:"rescore"`
	}](t, body)
	if status != http.StatusOK || got.Profile.Name != "apitest" || !got.Chosen || got.Rescore.FinishedAt == nil || got.Rescore.Error != "" {
		t.Errorf("period profile: %d %s", status, body)
	}
	if status, body := call(t, admin, http.MethodPut, "/api/v1/rule-profiles/apitest/1", input); status != http.StatusConflict ||
		decode[errBody](t, body).Error.Code != "profile_in_use" {
		t.Errorf("edit of a used version: %d %s", status, body)
	}
	status, body = call(t, admin, http.MethodPost, "/api/v1/rule-profiles", input)
	if p := decode[profileBody](t, body); status != http.StatusCreated || p.Version != 2 {
		t.Errorf("new version: %d %s", status, body)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/projects/63280100024T000000642/reports/2024", "")
	if r := decode[struct {
		RuleProfile struct {
			Name    string `json:"name"`
			Version int    `json:"version"`
		} `json:"rule_profile"`
	}](t, body); status != http.StatusOK || r.RuleProfile.Name != "apitest" || r.RuleProfile.Version != 1 {
		t.Errorf("report: %d %s", status, body)
	}
	status, body = call(t, e, http.MethodGet, "/api/v1/dashboard?period=2024", "")
	if d := decode[struct {
		RuleProfile struct {
			Name string `json:"name"`
		} `json:"rule_profile"`
		Other *int `json:"other_profile_reports"`
	}](t, body); status != http.StatusOK || d.RuleProfile.Name != "apitest" || d.Other == nil {
		t.Errorf("dashboard: %d %s", status, body)
	}
}

type errBody struct {
	Error struct {
		Code string `json:"code"`
	} `json:"error"`
}
