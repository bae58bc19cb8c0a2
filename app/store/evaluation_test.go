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

// TestStoredEvaluationsDecodeAlike: the store reads a stored evaluation,
// in the form it writes (a line's score not repeated) and in the form of
// json.Marshal (every line's score, as stored before migration 00033), into
// the value encoding/json reads from the latter, for evaluations of every
// Golmud project in every period, empty, filled and adjusted.
func TestStoredEvaluationsDecodeAlike(t *testing.T) {
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var fullBytes, storedBytes int
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
				full, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				stored, err := store.EncodeEvaluation(&ev)
				if err != nil {
					t.Fatal(err)
				}
				fullBytes, storedBytes = fullBytes+len(full), storedBytes+len(stored)
				var want monitor.Evaluation
				if err := json.Unmarshal(full, &want); err != nil {
					t.Fatal(err)
				}
				for form, data := range map[string][]byte{"stored": stored, "full": full} {
					var got monitor.Evaluation
					if err := store.DecodeEvaluation(data, &got); err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s %s, %s form: decoded\n%+v\nencoding/json reads\n%+v", p.Code, per.Key, form, got, want)
					}
				}
				// no line of a fresh evaluation repeats its score
				var doc struct{ Lines []map[string]json.RawMessage }
				if err := json.Unmarshal(stored, &doc); err != nil {
					t.Fatal(err)
				}
				if len(doc.Lines) != len(p.Indicators) {
					t.Fatalf("%s %s: %d lines stored for %d indicators", p.Code, per.Key, len(doc.Lines), len(p.Indicators))
				}
				for _, l := range doc.Lines {
					if _, ok := l["Score"]; ok {
						t.Fatalf("%s %s: a line stored with its score: %s", p.Code, per.Key, stored)
					}
				}
				n++
			}
		}
	}
	if n < 36 {
		t.Fatalf("only %d evaluations compared", n)
	}
	t.Logf("%d evaluations: %d bytes stored, %d with every line's score", n, storedBytes, fullBytes)
}

// TestALineScoreUnlikeItsEntryIsStored: a line whose score is not its
// indicator's entry in Score.Lines (none that monitor.Evaluate makes, but
// the form allows it) keeps its own, and reads back as it was.
func TestALineScoreUnlikeItsEntryIsStored(t *testing.T) {
	evs := sampleEvaluations(t)
	ev := evs[0]
	if len(ev.Lines) < 2 {
		t.Fatalf("%d lines", len(ev.Lines))
	}
	ev.Lines = append([]monitor.LineEvaluation(nil), ev.Lines...)
	ev.Lines[1].Score.Basis += "（另算）"
	ev.Lines[0].IndicatorID = 99 // no entry of its own
	stored, err := store.EncodeEvaluation(&ev)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Lines []map[string]json.RawMessage }
	if err := json.Unmarshal(stored, &doc); err != nil {
		t.Fatal(err)
	}
	for i, l := range doc.Lines {
		_, has := l["Score"]
		if has != (i < 2) {
			t.Errorf("line %d stored with its score: %v, want %v", i, has, i < 2)
		}
	}
	var got, want monitor.Evaluation
	if err := store.DecodeEvaluation(stored, &got); err != nil {
		t.Fatal(err)
	}
	full, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(full, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", got, want)
	}
	// a line without a score of its own nor an entry is refused, not read as scoring 0
	broken := []byte(`{"Lines": [{"IndicatorID": 7, "Light": "green"}], "Score": {"Lines": []}}`)
	if err := store.DecodeEvaluation(broken, &got); err == nil {
		t.Fatal("a line without a score was read")
	}
}

// TestStoredEvaluationHasEveryField: the stored form has every field of
// monitor.Evaluation and monitor.LineEvaluation, by name and type (a line's
// score by pointer), so that no field added to the domain's is left out of
// the store.
func TestStoredEvaluationHasEveryField(t *testing.T) {
	same := func(domain, stored reflect.Type, except map[string]reflect.Type) {
		t.Helper()
		if domain.NumField() != stored.NumField() {
			t.Errorf("%s has %d fields, %s %d", domain, domain.NumField(), stored, stored.NumField())
		}
		for i := range domain.NumField() {
			f := domain.Field(i)
			sf, ok := stored.FieldByName(f.Name)
			want := f.Type
			if ex, ok := except[f.Name]; ok {
				want = ex
			}
			if !ok || sf.Type != want {
				t.Errorf("%s.%s (%s): stored as %v", domain, f.Name, want, sf.Type)
			}
		}
	}
	ev, line := store.StoredEvaluationTypes()
	same(reflect.TypeFor[monitor.Evaluation](), ev, map[string]reflect.Type{"Lines": reflect.SliceOf(line)})
	same(reflect.TypeFor[monitor.LineEvaluation](), line, map[string]reflect.Type{"Score": reflect.TypeFor[*scoring.LineScore]()})
}
