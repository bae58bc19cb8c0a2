package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"jixiao/domain/user"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// TestEnglishWhenAskedDataAsWritten: with Accept-Language: en a refused
// save, a report and an error of the table answer in English but for data
// (names of projects and indicators, what people wrote); without it, in
// Chinese.
func TestEnglishWhenAskedDataAsWritten(t *testing.T) {
	e, st := newAPI(t)
	own := basisOwner(t, e, st)
	ids := indicatorIDsOf(t, own, basisProject)
	path := reportPath(basisProject, "2023-06")
	bad := fmt.Sprintf(`{"version": 0, "budget": {"executed": "63200元"}, "lines": [{"indicator_id": %d, "value": "-1"}, {"indicator_id": %d, "value": "12,5"}]}`, ids[0], ids[1])
	status, body := call(t, own, http.MethodPatch, path, bad, "Accept-Language", "en-US,en;q=0.9")
	eb := errorBody(t, body)
	if status != http.StatusUnprocessableEntity || eb.Message != "Some input is wrong: check the fields marked" || len(eb.Fields) != 2 {
		t.Fatalf("%d %s", status, body)
	}
	for k, v := range eb.Fields {
		if hasHan(strings.NewReplacer("万元", "", "元", "").Replace(v)) {
			t.Errorf("%s: %q is not English", k, v)
		}
	}
	if eb.Fields["budget.executed"] != "\"元\" after the number is not the unit, which is \"万元\": enter the number only" {
		t.Errorf("unit problem: %q", eb.Fields["budget.executed"])
	}
	// a value wrong in itself
	neg := fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "-1"}]}`, ids[0])
	_, body = call(t, own, http.MethodPatch, path, neg, "Accept-Language", "en")
	for k, v := range errorBody(t, body).Fields {
		if hasHan(v) || v == "" {
			t.Errorf("%s: %q is not English", k, v)
		}
	}
	// the same in Chinese without the header
	_, body = call(t, own, http.MethodPatch, path, bad)
	if m := errorBody(t, body).Message; m != "输入有误，请检查标出的字段" {
		t.Errorf("Chinese message %q", m)
	}

	// a report: every basis in English, names as written
	status, body = call(t, own, http.MethodGet, path, "", "Accept-Language", "en")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var r struct {
		Lines []struct {
			LightBasis string   `json:"light_basis"`
			RuleName   string   `json:"rule_name"`
			Basis      string   `json:"basis"`
			Missing    []string `json:"missing"`
		} `json:"lines"`
		Blocking []struct {
			Message string `json:"message"`
		} `json:"blocking"`
		Score struct {
			Grade     string `json:"grade"`
			Execution struct {
				Basis string `json:"basis"`
			} `json:"execution"`
		} `json:"score"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, l := range r.Lines {
		texts = append(append(texts, l.LightBasis, l.RuleName, l.Basis), l.Missing...)
	}
	for _, b := range r.Blocking {
		texts = append(texts, b.Message)
	}
	texts = append(texts, r.Score.Execution.Basis)
	for _, s := range texts {
		for _, data := range []string{"举办银企对接会议次数", "培训合格率", "单次会议成本", "助力小微企业发展", "活动完成时限", "参会企业满意度", "次", "万元", "年"} {
			s = strings.ReplaceAll(s, data, "")
		}
		if hasHan(s) {
			t.Errorf("not English: %q", s)
		}
	}
	if r.Score.Grade != "差" {
		t.Errorf("a grade is a code and stays one: %q", r.Score.Grade)
	}
	// a file is left alone, and every answer varies by language
	rec := newRecorder()
	req, _ := http.NewRequest(http.MethodGet, "/api/v1/imports/targets-template.xlsx", nil)
	req.Header.Set("Accept-Language", "en")
	req.Header.Set("Authorization", "Bearer "+roleTokens[user.Admin])
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "PK") || !strings.Contains(rec.Header().Get("Vary"), "Accept-Language") {
		t.Errorf("template in English: %d %q %v", rec.Code, rec.Body.String()[:2], rec.Header())
	}
	// an unknown route, in English too
	status, body = call(t, own, http.MethodGet, "/api/v1/no-such-thing", "", "Accept-Language", "en")
	if status != http.StatusNotFound || errorBody(t, body).Message != "Not found" {
		t.Errorf("unknown route: %d %s", status, body)
	}
}
