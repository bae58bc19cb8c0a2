package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// flattenJSON is flatten as the body's JSON reads: each leaf of the decoded
// document under its path. flatten builds the same map from the struct
// without encoding and decoding.
func flattenJSON(t *testing.T, h historyReport) map[string]any {
	t.Helper()
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for k, v := range generic {
		switch k {
		case "lines":
			for _, l := range v.([]any) {
				m := l.(map[string]any)
				for f, fv := range m {
					if f != "indicator_id" {
						out[fmt.Sprintf("lines[id=%v].%s", m["indicator_id"], f)] = fv
					}
				}
			}
		case "budget":
			for f, fv := range v.(map[string]any) {
				out["budget."+f] = fv
			}
		case "version":
		default:
			out[k] = v
		}
	}
	return out
}

func TestFlattenReadsAsTheBodysJSON(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	empty := ReportRecord{Report: report.Report{Status: report.StatusDraft}}
	full := ReportRecord{Saved: true,
		Report: report.Report{Status: report.StatusSubmitted, Version: 3,
			Budget: report.Budget{Adjusted: d("120.5"), Executed: d("60"), Reason: "原因"},
			Lines: []report.Line{
				{IndicatorID: 7, Value: d("12.50"), DeviationCauses: []report.Cause{"policy", "funds"}, Explanation: "说明"},
				{IndicatorID: 1000000, Band: "partly", CompletedOn: "2024-06-30", Likelihood: "possible"},
				{IndicatorID: 9, NotApplicable: true, NotApplicableReason: "不适用"},
			}},
		Adjustments: []scoring.Adjustment{{IndicatorID: 9, Score: decimal.RequireFromString("4"), Reason: "调整"}},
		Evaluation:  monitor.Evaluation{Total: decimal.RequireFromString("88.5"), Grade: "良", Light: "yellow"},
	}
	changed := full
	changed.Report.Lines = append([]report.Line(nil), full.Report.Lines...)
	changed.Report.Lines[0].Value, changed.Report.Lines[0].DeviationCauses = d("13"), nil
	changed.Report.Lines[1].Band = ""
	changed.Adjustments = nil
	changed.Report.Budget.Executed = nil
	for _, pair := range [][2]ReportRecord{{empty, full}, {full, changed}, {changed, empty}, {full, full}} {
		a, b := historyBody(pair[0]), historyBody(pair[1])
		got, _ := json.Marshal(diff(flatten(a), flatten(b)))
		want, _ := json.Marshal(diff(flattenJSON(t, a), flattenJSON(t, b)))
		if !bytes.Equal(got, want) {
			t.Errorf("changes\n got %s\nwant %s", got, want)
		}
	}
	if got := flatten(historyBody(full)); got["lines[id=1000000].band"] != "partly" {
		t.Errorf("a line of id 1000000 is not named by its id: %v", got)
	}
}
