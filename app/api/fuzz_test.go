package api

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/seed"
	"jixiao/domain/fields"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rules"
)

// fuzzProject is 机关事务综合管理… of the Golmud seed (every kind of
// indicator), with indicator ids 1…n.
func fuzzProject(tb testing.TB) project.Project {
	ds, err := seed.Golmud2024()
	if err != nil {
		tb.Fatal(err)
	}
	p := ds.Projects[1]
	for i := range p.Indicators {
		p.Indicators[i].ID = int64(i + 1)
	}
	return p
}

var fuzzPeriod = period.Period{Key: "2024-06", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 6}

// checkEvaluation is what any accepted report must satisfy: no line scores
// more than its weight, and the total lies in 0–100.
func checkEvaluation(t *testing.T, p project.Project, ev monitor.Evaluation) {
	for i, l := range ev.Score.Lines {
		if l.Score.IsNegative() || l.Score.GreaterThan(p.Indicators[i].Weight) {
			t.Fatalf("line %d scores %s of weight %s", i, l.Score, p.Indicators[i].Weight)
		}
	}
	if ev.Total.IsNegative() || ev.Total.GreaterThan(decimal.NewFromInt(100)) {
		t.Fatalf("total %s outside 0–100", ev.Total)
	}
}

// FuzzReportBody decodes any bytes as the body of a draft save, the way the
// PUT handler does, then evaluates the result by the domain rules. Nothing
// may panic; every refusal is a 4xx naming what is wrong, never a 500; an
// accepted report scores within its weights.
func FuzzReportBody(f *testing.F) {
	for _, s := range []string{
		`{"version": 0, "budget": {"executed": "50.00", "projected": "95"}, "lines": [{"indicator_id": 1, "value": "80", "projected": "150"}]}`,
		`{"version": 2, "lines": [{"indicator_id": 1, "value": "1.8E4"}, {"indicator_id": 2, "value": 95}, {"indicator_id": 3, "value": "-0"}]}`,
		`{"version": 3, "budget": {}, "lines": [{"indicator_id": 2, "band": "achieved", "score_input": "18"}, {"indicator_id": 4, "likelihood": "certain"}]}`,
		`{"version": 1, "lines": [{"indicator_id": 1, "value": 1e400}, {"indicator_id": 1, "value": "-0"}]}`,
		`{"version": 1, "lines": [{"indicator_id": 3, "deviation_causes": ["funding", "nope"], "explanation": "x\u0000y"}]}`,
		`{"version": 1, "lines": [{"indicator_id": 5, "not_applicable": true, "not_applicable_reason": "不适用"}]} trailing`,
		`{"version": "1", "version": 2}`,
		`[1, 2, 3]`,
	} {
		f.Add([]byte(s))
	}
	p := fuzzProject(f)
	rs := rules.National()
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPut, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		c := echo.New().NewContext(req, httptest.NewRecorder())
		var in reportInput
		if err := bindJSON(c, &in); err != nil {
			if status, _ := classify(err); status < 400 || status >= 500 {
				t.Fatalf("a refused body answers %d: %v", status, err)
			}
			return
		}
		rd := newReader()
		_, r := rd.version(in.Version), in.toReport(rd)
		if err := rd.err(); err != nil {
			var fe *fields.Error
			if !errors.As(err, &fe) || len(fe.Fields) == 0 {
				t.Fatalf("a malformed body is refused without naming a field: %v", err)
			}
			return
		}
		ev, err := monitor.Evaluate(rs, p, fuzzPeriod, r, nil)
		if err != nil {
			var fe *fields.Error
			if status, _ := classify(err); status != http.StatusUnprocessableEntity || !errors.As(err, &fe) || len(fe.Fields) == 0 {
				t.Fatalf("an invalid report answers %d: %v", status, err)
			}
			return
		}
		checkEvaluation(t, p, ev)
	})
}
