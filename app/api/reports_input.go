package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	numtext "jixiao/domain/number"
	"jixiao/domain/report"
	"jixiao/domain/scoring"
)

// The bodies of PUT, PATCH and preview keep every value as raw JSON, so that
// a value of the wrong JSON type does not stop decoding: each one is checked
// here and every problem of the request is reported at once, by field path.

type budgetInput struct {
	Adjusted  json.RawMessage `json:"adjusted"`
	Executed  json.RawMessage `json:"executed"`
	Projected json.RawMessage `json:"projected"`
	Reason    json.RawMessage `json:"reason"`
	// Parts: 基本支出 and 项目支出 of a department-kind report.
	Parts []partInput `json:"parts"`
}

// partInput is the execution of one part of a department's whole budget.
type partInput struct {
	Part      json.RawMessage `json:"part"`
	Executed  json.RawMessage `json:"executed"`
	Projected json.RawMessage `json:"projected"`
}

// partName reads a part's name: basic or projects, each at most once.
func (r reader) partName(raw json.RawMessage, field string, seen map[string]bool) string {
	name := r.text(raw, field)
	switch {
	case name != report.PartBasic && name != report.PartProjects:
		r.pr.Add(field, "预算构成应为 basic（基本支出）或 projects（项目支出）")
		return ""
	case seen[name]:
		r.pr.Add(field, "同一预算构成重复填报")
		return ""
	}
	seen[name] = true
	return name
}

type lineInput struct {
	IndicatorID         json.RawMessage `json:"indicator_id"`
	Value               json.RawMessage `json:"value"`
	Projected           json.RawMessage `json:"projected"`
	Band                json.RawMessage `json:"band"`
	ScoreInput          json.RawMessage `json:"score_input"`
	CompletedOn         json.RawMessage `json:"completed_on"`
	NotApplicable       json.RawMessage `json:"not_applicable"`
	NotApplicableReason json.RawMessage `json:"not_applicable_reason"`
	DeviationCauses     json.RawMessage `json:"deviation_causes"`
	Explanation         json.RawMessage `json:"explanation"`
	Likelihood          json.RawMessage `json:"likelihood"`
	Measures            json.RawMessage `json:"measures"`
}

// reportInput is the body of PUT and PATCH …/reports/{period}.
type reportInput struct {
	Version json.RawMessage `json:"version"`
	Budget  budgetInput     `json:"budget"`
	Lines   []lineInput     `json:"lines"`
}

type adjustmentInput struct {
	IndicatorID json.RawMessage `json:"indicator_id"`
	Score       json.RawMessage `json:"score"`
	Reason      json.RawMessage `json:"reason"`
}

// previewInput is the body of POST …/reports/{period}/preview: a PUT body
// (lines left out: the stored ones) and, for a reviewer, adjustments.
type previewInput struct {
	reportInput
	Adjustments []adjustmentInput `json:"adjustments"`
}

// reader converts raw values, collecting a problem per malformed field.
// Numbers are read by the rule the form and the importer share
// (numtext.Normalize): full-width digits, thousands separators and a trailing
// unit are understood. unitOf names an indicator's unit; it is asked only
// when a value carries text after its number, and may be nil (no unit is
// then accepted on a line's value).
type reader struct {
	pr     report.Problems
	unitOf func(indicatorID int64) string
}

func newReader() reader { return reader{pr: report.Problems{}} }

// Units of the amounts and scores, which are the same for every report.
var (
	amountUnits = []string{"万元"}
	scoreUnits  = []string{"分"}
)

func isNull(raw json.RawMessage) bool {
	return raw == nil || string(bytes.TrimSpace(raw)) == "null"
}

// text reads a string; absent and null are "".
func (r reader) text(raw json.RawMessage, field string) string {
	if isNull(raw) {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		r.pr.Add(field, "应为字符串")
		return ""
	}
	return s
}

// number reads an exact decimal written as a JSON string ("95.5", "１２",
// "1,234", "95%" where units allow "%"); absent, null and "" are "not
// entered". A JSON number is refused: it would pass through floating point
// in many clients. units says which units may follow the number; it is
// called only when text follows it.
func (r reader) number(raw json.RawMessage, field string, units func() []string) *decimal.Decimal {
	if isNull(raw) {
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		r.pr.Add(field, `应为字符串形式的数字，例如 "95.5"`)
		return nil
	}
	if strings.TrimSpace(s) == "" {
		return nil
	}
	plain, err := numtext.Normalize(s)
	var ue *numtext.UnitError
	if errors.As(err, &ue) && units != nil {
		plain, err = numtext.Normalize(s, units()...)
	}
	if err != nil {
		r.pr.Add(field, err.Error())
		return nil
	}
	d, err := report.ParseNumber(plain)
	if err != nil {
		r.pr.Add(field, err.Error())
		return nil
	}
	return &d
}

// fixed returns a number reader whose values may carry one of units.
func (r reader) fixed(units []string) func(json.RawMessage, string) *decimal.Decimal {
	return func(raw json.RawMessage, field string) *decimal.Decimal {
		return r.number(raw, field, func() []string { return units })
	}
}

// valueOf returns the number reader of an indicator's values: its unit, and
// "%" for a percentage.
func (r reader) valueOf(id int64) func(json.RawMessage, string) *decimal.Decimal {
	return func(raw json.RawMessage, field string) *decimal.Decimal {
		return r.number(raw, field, func() []string {
			if r.unitOf == nil || id <= 0 {
				return nil
			}
			return []string{r.unitOf(id)}
		})
	}
}

// flag reads true or false; absent and null are false.
func (r reader) flag(raw json.RawMessage, field string) bool {
	if isNull(raw) {
		return false
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		r.pr.Add(field, "应为 true 或 false")
	}
	return b
}

// id reads a positive integer JSON number.
func (r reader) id(raw json.RawMessage, field string) int64 {
	if isNull(raw) {
		r.pr.Add(field, "请填写指标编号 indicator_id")
		return 0
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil || n <= 0 {
		r.pr.Add(field, "应为正整数（数字，不加引号）")
		return 0
	}
	return n
}

// texts reads an array of strings; absent and null are empty.
func (r reader) texts(raw json.RawMessage, field string) []string {
	if isNull(raw) {
		return nil
	}
	var v []json.RawMessage
	if err := json.Unmarshal(raw, &v); err != nil {
		r.pr.Add(field, "应为字符串数组")
		return nil
	}
	out := make([]string, 0, len(v))
	for i, e := range v {
		out = append(out, r.text(e, fmt.Sprintf("%s[%d]", field, i)))
	}
	return out
}

func (r reader) version(raw json.RawMessage) int {
	if isNull(raw) {
		r.pr.Add("version", "缺少版本号：请先读取报告，再带上其版本号保存")
		return 0
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(raw)))
	if err != nil || n < 0 {
		r.pr.Add("version", "版本号应为非负整数（数字，不加引号）")
	}
	return n
}

func (r reader) band(raw json.RawMessage, field string) report.Band {
	b, err := report.ParseBand(r.text(raw, field))
	if err != nil {
		r.pr.Add(field, "等级应为 achieved（达成）、partly（部分达成）或 not_achieved（未达成）")
	}
	return b
}

func (r reader) likelihood(raw json.RawMessage, field string) report.Likelihood {
	l, err := report.ParseLikelihood(r.text(raw, field))
	if err != nil {
		r.pr.Add(field, "完成可能性应为 certain（确定能）、possible（有可能）或 impossible（完全不可能）")
	}
	return l
}

func (r reader) causes(raw json.RawMessage, field string) []report.Cause {
	var out []report.Cause
	for j, c := range r.texts(raw, field) {
		cause, err := report.ParseCause(c)
		if err != nil {
			r.pr.Add(fmt.Sprintf("%s[%d]", field, j), "偏差原因应为 funding、rules、staffing、equipment 或 other")
			continue
		}
		out = append(out, cause)
	}
	return out
}

func (r reader) err() error { return r.pr.Err(report.ErrInvalid) }

// toReport converts a PUT body: every line whole.
func (in reportInput) toReport(rd reader) report.Report {
	b := in.Budget
	amount, score := rd.fixed(amountUnits), rd.fixed(scoreUnits)
	out := report.Report{Budget: report.Budget{Adjusted: amount(b.Adjusted, "budget.adjusted"),
		Executed: amount(b.Executed, "budget.executed"), Projected: amount(b.Projected, "budget.projected"),
		Reason: rd.text(b.Reason, "budget.reason")}}
	seen := map[string]bool{}
	for i, pt := range b.Parts {
		f := func(name string) string { return fmt.Sprintf("budget.parts[%d].%s", i, name) }
		if part, ok := out.Budget.Part(rd.partName(pt.Part, f("part"), seen)); ok {
			part.Executed, part.Projected = amount(pt.Executed, f("executed")), amount(pt.Projected, f("projected"))
		}
	}
	for i, l := range in.Lines {
		f := func(name string) string { return fmt.Sprintf("lines[%d].%s", i, name) }
		id := rd.id(l.IndicatorID, f("indicator_id"))
		value := rd.valueOf(id)
		out.Lines = append(out.Lines, report.Line{IndicatorID: id,
			Value: value(l.Value, f("value")), Projected: value(l.Projected, f("projected")),
			ScoreInput: score(l.ScoreInput, f("score_input")), Band: rd.band(l.Band, f("band")),
			CompletedOn: rd.text(l.CompletedOn, f("completed_on")), NotApplicable: rd.flag(l.NotApplicable, f("not_applicable")),
			NotApplicableReason: rd.text(l.NotApplicableReason, f("not_applicable_reason")),
			DeviationCauses:     rd.causes(l.DeviationCauses, f("deviation_causes")), Explanation: rd.text(l.Explanation, f("explanation")),
			Likelihood: rd.likelihood(l.Likelihood, f("likelihood")), Measures: rd.text(l.Measures, f("measures"))})
	}
	return out
}

// sent makes a patch field of a raw value: sent when the body names it.
func sent[T any](raw json.RawMessage, read func(json.RawMessage, string) T, field string) report.Field[T] {
	if raw == nil {
		return report.Field[T]{}
	}
	return report.Set(read(raw, field))
}

// toPatch converts a PATCH body: only the fields sent.
func (in reportInput) toPatch(rd reader) report.Patch {
	b := in.Budget
	amount, score := rd.fixed(amountUnits), rd.fixed(scoreUnits)
	out := report.Patch{Budget: report.BudgetPatch{Adjusted: sent(b.Adjusted, amount, "budget.adjusted"),
		Executed: sent(b.Executed, amount, "budget.executed"), Projected: sent(b.Projected, amount, "budget.projected"),
		Reason: sent(b.Reason, rd.text, "budget.reason")}}
	seen := map[string]bool{}
	for i, pt := range b.Parts {
		f := func(name string) string { return fmt.Sprintf("budget.parts[%d].%s", i, name) }
		if name := rd.partName(pt.Part, f("part"), seen); name != "" {
			out.Budget.Parts = append(out.Budget.Parts, report.PartPatch{Part: name,
				Executed: sent(pt.Executed, amount, f("executed")), Projected: sent(pt.Projected, amount, f("projected"))})
		}
	}
	for i, l := range in.Lines {
		f := func(name string) string { return fmt.Sprintf("lines[%d].%s", i, name) }
		id := rd.id(l.IndicatorID, f("indicator_id"))
		value := rd.valueOf(id)
		out.Lines = append(out.Lines, report.LinePatch{IndicatorID: id,
			Value: sent(l.Value, value, f("value")), Projected: sent(l.Projected, value, f("projected")),
			ScoreInput: sent(l.ScoreInput, score, f("score_input")), Band: sent(l.Band, rd.band, f("band")),
			CompletedOn: sent(l.CompletedOn, rd.text, f("completed_on")), NotApplicable: sent(l.NotApplicable, rd.flag, f("not_applicable")),
			NotApplicableReason: sent(l.NotApplicableReason, rd.text, f("not_applicable_reason")),
			DeviationCauses:     sent(l.DeviationCauses, rd.causes, f("deviation_causes")),
			Explanation:         sent(l.Explanation, rd.text, f("explanation")),
			Likelihood:          sent(l.Likelihood, rd.likelihood, f("likelihood")), Measures: sent(l.Measures, rd.text, f("measures"))})
	}
	return out
}

// adjustments converts a reviewer's adjustments; a score is required.
func (rd reader) adjustments(in []adjustmentInput) []scoring.Adjustment {
	out := make([]scoring.Adjustment, 0, len(in))
	for i, a := range in {
		f := func(name string) string { return fmt.Sprintf("adjustments[%d].%s", i, name) }
		sc := rd.fixed(scoreUnits)(a.Score, f("score"))
		if sc == nil {
			rd.pr.Add(f("score"), "请填写调整后的得分")
			sc = &decimal.Decimal{}
		}
		out = append(out, scoring.Adjustment{IndicatorID: rd.id(a.IndicatorID, f("indicator_id")), Score: *sc, Reason: rd.text(a.Reason, f("reason"))})
	}
	return out
}
