package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jixiao/domain/user"
)

// The projects these tests save, each one no other test file touches.
const (
	firewallProject = "63280100024T000000703" // PUT and PATCH
	adaptProject    = "63280100024T000000704" // 409 wording, actions
	extranetProject = "63280100024T000000705" // number rules, preview
)

// annualBody is a complete annual body of …704 or …705 (6 indicators:
// count, rate, deadline, two qualitative, satisfaction) that may be
// submitted; extra replaces line i's JSON when given.
func annualBody(ids []int64, version int, executed string, extra map[int]string) string {
	lines := []string{
		fmt.Sprintf(`{"indicator_id": %d, "value": "56"}`, ids[0]),
		fmt.Sprintf(`{"indicator_id": %d, "value": "98"}`, ids[1]),
		fmt.Sprintf(`{"indicator_id": %d, "completed_on": "2024-11-30"}`, ids[2]),
		fmt.Sprintf(`{"indicator_id": %d, "band": "achieved", "score_input": "10"}`, ids[3]),
		fmt.Sprintf(`{"indicator_id": %d, "band": "achieved", "score_input": "10"}`, ids[4]),
		fmt.Sprintf(`{"indicator_id": %d, "value": "95"}`, ids[5]),
	}
	for i, l := range extra {
		lines[i] = l
	}
	return fmt.Sprintf(`{"version": %d, "budget": {"executed": %q}, "lines": [%s]}`, version, executed, strings.Join(lines, ", "))
}

func TestPutMustNameEveryIndicatorExactlyOnce(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, firewallProject)
	path := reportPath(firewallProject, "2024")
	full := annualBody(ids, 0, "200.00", map[int]string{2: fmt.Sprintf(`{"indicator_id": %d, "value": "1"}`, ids[2])})
	if status, body := call(t, e, http.MethodPut, path, full); status != http.StatusOK {
		t.Fatalf("complete save: %d %s", status, body)
	}
	_, before := call(t, e, http.MethodGet, path, "")
	t.Run("one line only is 422 naming the missing ones", func(t *testing.T) {
		one := fmt.Sprintf(`{"version": 1, "lines": [{"indicator_id": %d, "value": "2"}]}`, ids[0])
		status, body := call(t, e, http.MethodPut, path, one)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("%d %s", status, body)
		}
		msg := errorBody(t, body).Fields["lines"]
		for _, id := range ids[1:] {
			if !strings.Contains(msg, fmt.Sprint(id)) {
				t.Errorf("message %q does not name missing indicator %d", msg, id)
			}
		}
	})
	t.Run("a repeated indicator is 422 at its line", func(t *testing.T) {
		rep := annualBody(ids, 1, "200.00", map[int]string{3: fmt.Sprintf(`{"indicator_id": %d, "value": "3"}`, ids[0])})
		status, body := call(t, e, http.MethodPut, path, rep)
		f := errorBody(t, body).Fields
		if status != http.StatusUnprocessableEntity || f["lines[3].indicator_id"] == "" || f["lines"] == "" {
			t.Fatalf("%d %s", status, body)
		}
	})
	if _, after := call(t, e, http.MethodGet, path, ""); string(after) != string(before) {
		t.Errorf("a refused PUT changed the report:\n%s\n%s", before, after)
	}
}

func TestPatchMergesLinesByIndicator(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, firewallProject)
	path := reportPath(firewallProject, "2024-06")
	first := fmt.Sprintf(`{"version": 0, "budget": {"executed": "100.00", "projected": "225.00"}, "lines": [
		{"indicator_id": %d, "value": "1", "projected": "2", "explanation": "到货延迟"},
		{"indicator_id": %d, "value": "99", "projected": "99"}]}`, ids[0], ids[1])
	if status, body := call(t, e, http.MethodPatch, path, first); status != http.StatusOK {
		t.Fatalf("first patch: %d %s", status, body)
	}
	// Only the value of line 0 and a new line 5; the budget is not sent.
	second := fmt.Sprintf(`{"version": 1, "lines": [{"indicator_id": %d, "value": "2"}, {"indicator_id": %d, "value": "97", "projected": "98"}]}`, ids[0], ids[5])
	status, body := call(t, e, http.MethodPatch, path, second)
	if status != http.StatusOK {
		t.Fatalf("second patch: %d %s", status, body)
	}
	r := decode[reportBody](t, body)
	byID := map[int64]int{}
	for i, l := range r.Lines {
		byID[l.IndicatorID] = i
	}
	l0, l1, l5 := r.Lines[byID[ids[0]]], r.Lines[byID[ids[1]]], r.Lines[byID[ids[5]]]
	if r.Version != 2 || *l0.Value != "2" || *l0.Projected != "2" || l0.Explanation != "到货延迟" ||
		*l1.Value != "99" || *l5.Value != "97" || r.Budget.Executed == nil || *r.Budget.Executed != "100.00" {
		t.Errorf("merged report: version %d lines %+v %+v %+v budget %v", r.Version, l0, l1, l5, r.Budget.Executed)
	}
	// A field sent as null clears it; the others stay.
	third := fmt.Sprintf(`{"version": 2, "budget": {"projected": null}, "lines": [{"indicator_id": %d, "explanation": null}]}`, ids[0])
	status, body = call(t, e, http.MethodPatch, path, third)
	r = decode[reportBody](t, body)
	if status != http.StatusOK || r.Lines[byID[ids[0]]].Explanation != "" || *r.Lines[byID[ids[0]]].Value != "2" {
		t.Errorf("clearing patch: %d %s", status, body)
	}
	t.Run("stale version is 409", func(t *testing.T) {
		status, body := call(t, e, http.MethodPatch, path, second)
		if status != http.StatusConflict || errorBody(t, body).Code != "stale_version" {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("a repeated indicator names the request's line", func(t *testing.T) {
		dup := fmt.Sprintf(`{"version": 3, "lines": [{"indicator_id": %d, "value": "1"}, {"indicator_id": %d, "value": "2"}]}`, ids[1], ids[1])
		status, body := call(t, e, http.MethodPatch, path, dup)
		if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields["lines[1].indicator_id"] == "" {
			t.Errorf("%d %s", status, body)
		}
	})
	t.Run("a reviewer may not patch", func(t *testing.T) {
		status, _ := call(t, e.as(user.Reviewer), http.MethodPatch, path, `{"version": 3, "lines": []}`)
		if status != http.StatusForbidden {
			t.Errorf("status %d", status)
		}
	})
}

func TestReportBodyReportsEveryProblemAtOnceWithWrongTypesAs422(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, extranetProject)
	body := fmt.Sprintf(`{"version": 0, "budget": {"executed": 5, "reason": 3}, "lines": [
		{"indicator_id": "%d", "value": "x"},
		{"indicator_id": %d, "value": 98, "explanation": 7, "deviation_causes": "funding"},
		{"indicator_id": %d, "not_applicable": "yes", "likelihood": "maybe"}]}`, ids[0], ids[1], ids[2])
	status, resp := call(t, e, http.MethodPatch, reportPath(extranetProject, "2024-06"), body)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", status, resp)
	}
	f := errorBody(t, resp).Fields
	for _, field := range []string{"budget.executed", "budget.reason", "lines[0].indicator_id", "lines[0].value",
		"lines[1].value", "lines[1].explanation", "lines[1].deviation_causes", "lines[2].not_applicable", "lines[2].likelihood"} {
		if f[field] == "" {
			t.Errorf("no problem reported at %s: %v", field, f)
		}
	}
	if _, read := call(t, e, http.MethodGet, reportPath(extranetProject, "2024-06"), ""); decode[reportBody](t, read).Saved {
		t.Error("a refused body stored something")
	}
	t.Run("a version of the wrong type", func(t *testing.T) {
		status, resp := call(t, e, http.MethodPatch, reportPath(extranetProject, "2024-06"), `{"version": "0", "lines": []}`)
		if status != http.StatusUnprocessableEntity || errorBody(t, resp).Fields["version"] == "" {
			t.Errorf("%d %s", status, resp)
		}
	})
}

func TestNumbersTheColumnsCannotHoldAre422NotStored(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, extranetProject)
	path := reportPath(extranetProject, "2024-06")
	tests := []struct{ name, body, field string }{
		{"exponent form", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "1.8E4"}]}`, ids[0]), "lines[0].value"},
		{"minus zero", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "-0"}]}`, ids[0]), "lines[0].value"},
		{"NaN", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "projected": "NaN"}]}`, ids[0]), "lines[0].projected"},
		{"Infinity", `{"version": 0, "budget": {"executed": "Infinity"}}`, "budget.executed"},
		{"17 integer digits", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "12345678901234567"}]}`, ids[0]), "lines[0].value"},
		{"a score with 3 decimals", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "band": "achieved", "score_input": "9.001"}]}`, ids[3]), "lines[0].score_input"},
		{"an amount with 3 decimals", `{"version": 0, "budget": {"adjusted": "140.001"}}`, "budget.adjusted"},
		{"executed a million times a budget of 1", `{"version": 0, "budget": {"adjusted": "1", "executed": "1000000"}}`, "budget.executed"},
		{"completed after the cut-off", fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "completed_on": "2024-07-01"}]}`, ids[2]), "lines[0].completed_on"},
		{"every indicator not applicable", func() string {
			var ls []string
			for _, id := range ids {
				ls = append(ls, fmt.Sprintf(`{"indicator_id": %d, "not_applicable": true, "not_applicable_reason": "未开展"}`, id))
			}
			return `{"version": 0, "lines": [` + strings.Join(ls, ",") + `]}`
		}(), "lines"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, e, http.MethodPatch, path, tc.body)
			if status != http.StatusUnprocessableEntity || errorBody(t, body).Fields[tc.field] == "" {
				t.Fatalf("%d %s, want 422 at %s", status, body, tc.field)
			}
			if _, read := call(t, e, http.MethodGet, path, ""); decode[reportBody](t, read).Saved {
				t.Error("a refused body stored something")
			}
		})
	}
	t.Run("annual: completed after the year", func(t *testing.T) {
		body := annualBody(ids, 0, "140.00", map[int]string{2: fmt.Sprintf(`{"indicator_id": %d, "completed_on": "2025-01-02"}`, ids[2])})
		status, resp := call(t, e, http.MethodPut, reportPath(extranetProject, "2024"), body)
		if status != http.StatusUnprocessableEntity || errorBody(t, resp).Fields["lines[2].completed_on"] == "" {
			t.Errorf("%d %s", status, resp)
		}
	})
}

func TestConflictsSayWhetherAPersonOrTheStateIsTheReason(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, adaptProject)
	path := reportPath(adaptProject, "2024")
	if status, body := call(t, e, http.MethodPut, path, annualBody(ids, 0, "104.10", nil)); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	t.Run("stale: who saved which version", func(t *testing.T) {
		status, body := call(t, e, http.MethodPut, path, annualBody(ids, 0, "104.10", nil))
		eb := errorBody(t, body)
		if status != http.StatusConflict || eb.Code != "stale_version" || !strings.Contains(eb.Message, "t_submitter") ||
			!strings.Contains(eb.Message, "第 1 版") || strings.Contains(eb.Message, "他人") {
			t.Errorf("%d %s", status, body)
		}
	})
	if status, body := call(t, e, http.MethodPost, path+"/submit", ""); status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, body)
	}
	// After one's own submit, a save with the version read before it: the
	// state, not another person, is why it fails.
	status, body := call(t, e, http.MethodPut, path, annualBody(ids, 1, "100.00", nil))
	eb := errorBody(t, body)
	if status != http.StatusConflict || eb.Code != "wrong_state" || strings.Contains(eb.Message, "他人") || !strings.Contains(eb.Message, "已提交") {
		t.Errorf("save after own submit: %d %s", status, body)
	}
}
