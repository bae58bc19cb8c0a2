package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestValuesAreReadAsTheFormAndTheImporterReadThem: full-width digits,
// thousands separators, the ideographic full stop and the indicator's own
// unit are understood (number.Normalize); another unit is a clear 422 at its
// field, and so is a yuan amount in a 万元 field.
func TestValuesAreReadAsTheFormAndTheImporterReadThem(t *testing.T) {
	e, _ := newAPI(t)
	ids := indicatorIDsOf(t, e, extranetProject)
	path := reportPath(extranetProject, "2024-06") + "/preview"
	body := fmt.Sprintf(`{"version": 0, "budget": {"executed": "１，２３４．５", "projected": "1,300 万元"}, "lines": [
		{"indicator_id": %d, "value": "１２", "projected": "56家"},
		{"indicator_id": %d, "value": "９８％", "projected": "98。5"},
		{"indicator_id": %d},
		{"indicator_id": %d, "band": "achieved", "score_input": "９分"},
		{"indicator_id": %d},
		{"indicator_id": %d, "value": " 95 ", "projected": "95"}]}`, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
	status, out := call(t, e, http.MethodPost, path, body)
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, out)
	}
	r := decode[reportBody](t, out)
	got := func(i int, p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	if v := got(0, r.Lines[0].Value); v != "12" {
		t.Errorf("１２ read as %s", v)
	}
	if v := got(0, r.Lines[0].Projected); v != "56" {
		t.Errorf("56家 read as %s", v)
	}
	if v := got(1, r.Lines[1].Value); v != "98" {
		t.Errorf("９８％ read as %s", v)
	}
	if v := got(1, r.Lines[1].Projected); v != "98.5" {
		t.Errorf("98。5 read as %s", v)
	}
	if v := got(5, r.Lines[5].Value); v != "95" {
		t.Errorf("' 95 ' read as %s", v)
	}
	if r.Budget.Executed == nil || *r.Budget.Executed != "1234.50" {
		t.Errorf("１，２３４．５ read as %v", r.Budget.Executed)
	}

	bad := fmt.Sprintf(`{"version": 0, "budget": {"executed": "63200元"}, "lines": [
		{"indicator_id": %d, "value": "12%%"},
		{"indicator_id": %d, "value": "12,5"}]}`, ids[0], ids[1])
	status, out = call(t, e, http.MethodPost, path, bad)
	f := errorBody(t, out).Fields
	if status != http.StatusUnprocessableEntity ||
		f["budget.executed"] != "数字后的“元”与单位不符：单位应为“万元”，请只填写数字" ||
		f["lines[0].value"] != "数字后的“%”与单位不符：单位应为“家”，请只填写数字" ||
		f["lines[1].value"] != "“12,5”的千分位分隔符位置不对：应每三位一个逗号，例如 1,234.5" {
		t.Errorf("%d %s", status, out)
	}
}
