package yearstest

import (
	"net/http"
	"strings"
	"testing"
)

// What each grade proposes is a setting admins change, all four grades at
// once, audited; every reader of 结果应用 sees it, and the proposals follow.
func TestResultSettingsAreAdminsAndAudited(t *testing.T) {
	v := newEnv(t)
	type setting struct {
		Grade   string `json:"grade"`
		Action  string `json:"action"`
		Percent string `json:"percent"`
	}
	read := func(who string) []setting {
		return decode[struct {
			Settings []setting `json:"settings"`
		}](t, v.must(t, http.StatusOK, who, http.MethodGet, "/api/v1/result-settings", "")).Settings
	}
	before := read(reviewer)
	if len(before) != 4 || before[2].Grade != "中" || before[2].Action != "reduce" || before[2].Percent != "-10.00" {
		t.Fatalf("the shipped settings: %+v", before)
	}
	const body = `{"settings": [{"grade": "优", "action": "priority", "percent": "5"}, {"grade": "良", "action": "maintain", "percent": "0"},
		{"grade": "中", "action": "reduce", "percent": "-20"}, {"grade": "差", "action": "cancel", "percent": "-100"}]}`
	v.must(t, http.StatusForbidden, reviewer, http.MethodPut, "/api/v1/result-settings", body)
	for name, bad := range map[string]string{
		"three grades":      `{"settings": [{"grade": "优", "action": "priority", "percent": "0"}, {"grade": "良", "action": "maintain", "percent": "0"}, {"grade": "中", "action": "reduce", "percent": "-10"}]}`,
		"unknown action":    strings.Replace(body, `"action": "cancel"`, `"action": "abolish"`, 1),
		"beyond -100":       strings.Replace(body, `"percent": "-100"`, `"percent": "-101"`, 1),
		"a grade twice":     strings.Replace(body, `"grade": "良"`, `"grade": "优"`, 1),
		"three decimals":    strings.Replace(body, `"percent": "-20"`, `"percent": "-20.125"`, 1),
		"percent not given": strings.Replace(body, `, "percent": "5"`, ``, 1),
	} {
		if status, resp := do(t, v.e, admin, http.MethodPut, "/api/v1/result-settings", bad); status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, status, resp)
		}
	}
	after := decode[struct {
		Settings []setting `json:"settings"`
	}](t, v.must(t, http.StatusOK, admin, http.MethodPut, "/api/v1/result-settings", body)).Settings
	if after[0].Percent != "5.00" || after[2].Percent != "-20.00" {
		t.Errorf("stored: %+v", after)
	}
	// the year's proposals follow the settings
	list := decode[struct {
		Items []resultRow `json:"items"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/results/2024", ""))
	for _, r := range list.Items {
		if r.Grade == "中" && (r.Proposed == nil || r.Proposed.Percent != "-20.00") {
			t.Errorf("%s (中) proposes %+v", r.Project.Code, r.Proposed)
		}
	}
	trail := decode[struct {
		Items []struct {
			Actor  string `json:"actor"`
			Before []any  `json:"before"`
			After  []any  `json:"after"`
		} `json:"items"`
	}](t, v.must(t, http.StatusOK, auditor, http.MethodGet, "/api/v1/audit?action=result.settings", ""))
	if len(trail.Items) != 1 || trail.Items[0].Actor != admin || len(trail.Items[0].Before) != 4 || len(trail.Items[0].After) != 4 {
		t.Errorf("audit: %+v", trail.Items)
	}
	// as shipped again, for the other tests of this database
	restore := `{"settings": [{"grade": "优", "action": "priority", "percent": "0"}, {"grade": "良", "action": "maintain", "percent": "0"},
		{"grade": "中", "action": "reduce", "percent": "-10"}, {"grade": "差", "action": "cancel", "percent": "-100"}]}`
	v.must(t, http.StatusOK, admin, http.MethodPut, "/api/v1/result-settings", restore)
}
