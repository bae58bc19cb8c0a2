package store_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// TestStoredEvaluationsDecodeAlike: the store reads a stored
// evaluation into the value encoding/json reads, for evaluations of every
// Golmud project in every period, empty, filled and adjusted.
func TestStoredEvaluationsDecodeAlike(t *testing.T) {
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for pi, p := range ds.Projects {
		for i := range p.Indicators {
			p.Indicators[i].ID = int64(1000*pi + i + 1) // as stored
		}
		for _, per := range ds.Periods {
			filled := report.Report{ProjectCode: p.Code, PeriodKey: per.Key}
			var adj []scoring.Adjustment
			for i, in := range p.Indicators {
				v := decimal.New(int64(37*i+5), -1)
				l := report.Line{IndicatorID: in.ID, Explanation: "说明\"引号\"<尖括号>", Likelihood: "possible"}
				if in.Kind().Numeric() {
					l.Value, l.Projected = &v, &v
				} else {
					l.Band = "partly"
				}
				filled.Lines = append(filled.Lines, l)
				if i == 0 {
					adj = append(adj, scoring.Adjustment{IndicatorID: in.ID, Score: decimal.New(15, -1), Reason: "复核"})
				}
			}
			for _, c := range []struct {
				r   report.Report
				adj []scoring.Adjustment
			}{{report.Report{ProjectCode: p.Code, PeriodKey: per.Key}, nil}, {filled, nil}, {filled, adj}} {
				ev, err := monitor.Evaluate(rules.National(), p, per, c.r, c.adj)
				if err != nil {
					t.Fatalf("%s %s: %v", p.Code, per.Key, err)
				}
				data, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				var want, got monitor.Evaluation
				if err := json.Unmarshal(data, &want); err != nil {
					t.Fatal(err)
				}
				if err := store.DecodeEvaluation(data, &got); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %s: decoded\n%+v\nencoding/json reads\n%+v", p.Code, per.Key, got, want)
				}
				n++
			}
		}
	}
	if n < 36 {
		t.Fatalf("only %d evaluations compared", n)
	}
}
