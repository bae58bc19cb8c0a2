package store_test

import (
	"context"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

type jsonbSample struct {
	Text                  string
	Texts                 []string
	Empty                 []string
	Number                int64
	Small                 int8
	Count                 uint16
	Flag                  bool
	Amount                decimal.Decimal
	Maybe                 *decimal.Decimal
	Nothing               *decimal.Decimal
	Renamed               string `json:"r"`
	Omitted               string `json:",omitempty"`
	Skipped               string `json:"-"`
	Nested                []jsonbNested
	Array                 [2]int
	hidden                string
	LongerKeyNameThanMost string
	A                     string
}

type jsonbNested struct {
	Z, Yy, X string
	Light    report.Light
}

// TestJSONBTextIsWhatPostgreSQLPrints stores json.Marshal's encoding of
// values as jsonb and checks that PostgreSQL prints each back exactly as
// appendJSONB renders it: keys in jsonb's order, jsonb's escapes (quotes,
// backslashes, control characters; no HTML escapes), U+FFFD for invalid
// UTF-8, decimals as their strings.
func TestJSONBTextIsWhatPostgreSQLPrints(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	pct := decimal.RequireFromString("-0.0050")
	values := []any{
		jsonbSample{Text: "plain", Number: -42, Small: -8, Count: 65535, Flag: true, Amount: decimal.RequireFromString("17.00"), Maybe: &pct,
			Renamed: "r", Skipped: "not stored", Empty: []string{}, Array: [2]int{1, -1}, hidden: "x",
			Texts:  []string{"", `"quoted" \ back\slash /`, "<b>&amp;</b>", "tab\tnew\nline\rcr\bbs\fff\x01\x1f\x7f", "\u2028\u2029 ☃ 全年预计值 60 达到目标值 58", "bad \xff\xfe utf8 \xe2\x82"},
			Nested: []jsonbNested{{Z: "z", Yy: "yy", X: "x", Light: report.Light("green")}, {}}},
		jsonbSample{Omitted: "kept", Amount: decimal.New(15, 3), Nested: []jsonbNested{}},
	}
	// a real evaluation, with lines, blocking problems and reasons
	values = append(values, monitor.Evaluation{})
	for _, ev := range sampleEvaluations(t) {
		values = append(values, ev, ev.Blocking, store.StoredForm(&ev))
	}
	// decimals of every shape: signs, exponents, leading and trailing zeros
	rnd := rand.New(rand.NewPCG(1, 2))
	var decs []decimal.Decimal
	for range 2000 {
		c := rnd.Int64N(2_000_000_000_000) - 1_000_000_000_000
		if rnd.IntN(4) == 0 {
			c = rnd.Int64N(2000) - 1000
		}
		decs = append(decs, decimal.New(c, int32(rnd.IntN(30)-22)))
	}
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	decs = append(decs, decimal.NewFromBigInt(huge, -7), decimal.NewFromBigInt(huge, 3), decimal.Decimal{}, decimal.New(0, -5), decimal.New(0, 4))
	values = append(values, decs)
	for i, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.AppendJSONB(nil, v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		var printed, again string
		if err := st.DB().QueryRowContext(ctx, `SELECT $1::jsonb::text, $2::jsonb::text`, string(want), string(got)).Scan(&printed, &again); err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if string(got) != printed {
			t.Errorf("value %d:\nappendJSONB %s\nPostgreSQL  %s", i, got, printed)
		}
		if again != printed {
			t.Errorf("value %d: stored as rendered, PostgreSQL prints\n%s\ninstead of\n%s", i, again, printed)
		}
	}
}

// sampleEvaluations evaluates the Golmud projects at mid-year with every
// other numeric line filled in (the rest block submission), and the first
// line of each adjusted by a reviewer.
func sampleEvaluations(t testing.TB) []monitor.Evaluation {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	var per period.Period
	for _, p := range ds.Periods {
		if p.Key == "2024-06" {
			per = p
		}
	}
	var out []monitor.Evaluation
	for _, p := range ds.Projects {
		r := report.Report{ProjectCode: p.Code, PeriodKey: per.Key, Budget: report.Budget{Executed: dec("30.5"), Projected: dec("61")}}
		for i := range p.Indicators {
			p.Indicators[i].ID = int64(i + 1)
			ind := p.Indicators[i]
			l := report.Line{IndicatorID: ind.ID}
			if ind.Kind().Numeric() && i%2 == 0 {
				l.Value, l.Projected = dec("3.25"), dec("6.5")
			}
			r.Lines = append(r.Lines, l)
		}
		adj := []scoring.Adjustment{{IndicatorID: 1, Score: decimal.Zero, Reason: "复核调整 <说明> & \"引号\""}}
		ev, err := monitor.Evaluate(rules.National(), p, per, r, adj)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func TestJSONBTextRefusesWhatItDoesNotKnow(t *testing.T) {
	for _, v := range []any{1.5, map[string]int{}, []byte("x"), struct{ F any }{}, struct{ B json.RawMessage }{},
		struct {
			N int `json:",string"`
		}{}} {
		if _, err := store.AppendJSONB(nil, v); err == nil {
			t.Errorf("%T: no error", v)
		}
	}
	type node struct{ Next *node }
	if _, err := store.AppendJSONB(nil, node{}); err == nil {
		t.Errorf("recursive type: %v", err)
	}
}

// BenchmarkAppendJSONB renders the Golmud projects' evaluations as jsonb
// prints them, as a rescore does for every report.
func BenchmarkAppendJSONB(b *testing.B) {
	evs := sampleEvaluations(b)
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		for i := range evs {
			var err error
			if buf, err = store.AppendJSONB(buf[:0], &evs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMarshalJSON is json.Marshal of the same evaluations, for
// comparison.
func BenchmarkMarshalJSON(b *testing.B) {
	evs := sampleEvaluations(b)
	b.ReportAllocs()
	for b.Loop() {
		for i := range evs {
			if _, err := json.Marshal(&evs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
