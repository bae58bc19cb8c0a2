package store

import (
	"encoding/json"
	"fmt"

	gojson "github.com/goccy/go-json"
	"github.com/shopspring/decimal"

	"jixiao/domain/monitor"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// storedEvaluation is a monitor.Evaluation as the reports table keeps it
// (column evaluation): the same fields, but a line's score is left out when
// it is its indicator's entry in Score.Lines, as monitor.Evaluate makes
// every line's. The document is read and decoded on every read of a report,
// and the repeated scores were over a third of it as PostgreSQL prints it
// (5.4 KB on average in a generated province, 3.4 KB without them).
// TestStoredEvaluationHasEveryField holds its fields to the domain's.
type storedEvaluation struct {
	TimeProgress decimal.Decimal
	Lines        []storedLine
	Budget       monitor.BudgetEvaluation
	Light        report.Light
	Score        scoring.Result
	Total        decimal.Decimal
	Grade        rules.Grade
	Blocking     []monitor.Problem
	RuleProfile  rules.ProfileRef
	Warnings     []monitor.Warning
}

// storedLine is a monitor.LineEvaluation as stored. Score is nil when the
// line's score is its indicator's entry in Score.Lines. Evaluations stored
// before this form have every line's score: they are read alike, and
// shortened when the report is next saved (a rescore that finds the same
// evaluation leaves them as they are).
type storedLine struct {
	IndicatorID int64
	Light       report.Light
	Score       *scoring.LineScore `json:",omitempty"`
	LightBasis  string
	Missing     []string
}

// storedForm is ev as it is stored.
func storedForm(ev *monitor.Evaluation) storedEvaluation {
	st := storedEvaluation{TimeProgress: ev.TimeProgress, Budget: ev.Budget, Light: ev.Light, Score: ev.Score,
		Total: ev.Total, Grade: ev.Grade, Blocking: ev.Blocking, RuleProfile: ev.RuleProfile, Warnings: ev.Warnings}
	if ev.Lines != nil {
		st.Lines = make([]storedLine, len(ev.Lines))
	}
	for i := range ev.Lines {
		le := &ev.Lines[i]
		st.Lines[i] = storedLine{IndicatorID: le.IndicatorID, Light: le.Light, LightBasis: le.LightBasis, Missing: le.Missing}
		// left out when it is a copy of its entry: == compares the decimals
		// by their digits' pointer, so an equal score computed apart is kept
		if s, ok := scoreLineOf(ev.Score.Lines, i, le.IndicatorID); !ok || *s != le.Score {
			st.Lines[i].Score = &le.Score
		}
	}
	return st
}

// scoreLineOf finds the entry of indicator id in lines: the i-th, as
// monitor.Evaluate orders them, or else the first of that indicator.
func scoreLineOf(lines []scoring.LineScore, i int, id int64) (*scoring.LineScore, bool) {
	if i < len(lines) && lines[i].IndicatorID == id {
		return &lines[i], true
	}
	for j := range lines {
		if lines[j].IndicatorID == id {
			return &lines[j], true
		}
	}
	return nil, false
}

// encodeEvaluation is ev's stored document.
func encodeEvaluation(ev *monitor.Evaluation) ([]byte, error) {
	st := storedForm(ev)
	return json.Marshal(&st)
}

// appendEvaluationJSONB appends ev's stored document as the jsonb column
// prints it (appendJSONB).
func appendEvaluationJSONB(dst []byte, ev *monitor.Evaluation) ([]byte, error) {
	st := storedForm(ev)
	return appendJSONB(dst, &st)
}

// decodeEvaluation reads a stored evaluation (jsonb this package wrote, in
// either form: with every line's score or without the repeated ones).
// goccy/go-json decodes it in a sixth of the time of encoding/json, into the
// same value (TestStoredEvaluationsDecodeAlike). Request bodies, which come
// from clients, keep encoding/json's strict decoder.
func decodeEvaluation(data []byte, ev *monitor.Evaluation) error {
	var st storedEvaluation
	if err := gojson.Unmarshal(data, &st); err != nil {
		return err
	}
	*ev = monitor.Evaluation{TimeProgress: st.TimeProgress, Budget: st.Budget, Light: st.Light, Score: st.Score,
		Total: st.Total, Grade: st.Grade, Blocking: st.Blocking, RuleProfile: st.RuleProfile, Warnings: st.Warnings}
	if st.Lines != nil {
		ev.Lines = make([]monitor.LineEvaluation, len(st.Lines))
	}
	for i, sl := range st.Lines {
		le := monitor.LineEvaluation{IndicatorID: sl.IndicatorID, Light: sl.Light, LightBasis: sl.LightBasis, Missing: sl.Missing}
		if sl.Score != nil {
			le.Score = *sl.Score
		} else if s, ok := scoreLineOf(st.Score.Lines, i, sl.IndicatorID); ok {
			le.Score = *s
		} else {
			return fmt.Errorf("the line of indicator %d has no score", sl.IndicatorID)
		}
		ev.Lines[i] = le
	}
	return nil
}
