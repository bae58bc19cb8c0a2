package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// historyLine is a line as kept in the history and the audit trail.
type historyLine struct {
	IndicatorID         int64    `json:"indicator_id"`
	Value               *string  `json:"value"`
	Projected           *string  `json:"projected"`
	ScoreInput          *string  `json:"score_input"`
	Band                string   `json:"band"`
	CompletedOn         string   `json:"completed_on"`
	NotApplicable       bool     `json:"not_applicable"`
	NotApplicableReason string   `json:"not_applicable_reason"`
	DeviationCauses     []string `json:"deviation_causes"`
	Explanation         string   `json:"explanation"`
	Measures            string   `json:"measures"`
	Likelihood          string   `json:"likelihood"`
	Adjusted            *string  `json:"adjusted,omitempty"`
	AdjustReason        string   `json:"adjust_reason,omitempty"`
}

// historyPart is the execution of one part of a department's whole budget.
type historyPart struct {
	Part      string  `json:"part"`
	Executed  *string `json:"executed"`
	Projected *string `json:"projected"`
}

// historyReport is a report's inputs and state at one version.
type historyReport struct {
	Status  string `json:"status"`
	Version int    `json:"version"`
	Budget  struct {
		Adjusted  *string `json:"adjusted"`
		Executed  *string `json:"executed"`
		Projected *string `json:"projected"`
		Reason    string  `json:"reason"`
		// Parts: 基本支出 and 项目支出 of a department-kind report only.
		Parts []historyPart `json:"parts,omitempty"`
	} `json:"budget"`
	Lines []historyLine `json:"lines"`
	Total string        `json:"total"`
	Grade string        `json:"grade"`
	Light string        `json:"light"`
}

func historyBody(rec ReportRecord) historyReport {
	var h historyReport
	h.Status, h.Version = string(rec.Report.Status), rec.Report.Version
	b := rec.Report.Budget
	h.Budget.Adjusted, h.Budget.Executed, h.Budget.Projected, h.Budget.Reason = str(b.Adjusted), str(b.Executed), str(b.Projected), b.Reason
	if !b.Basic.Empty() || !b.Projects.Empty() {
		h.Budget.Parts = []historyPart{{Part: "basic", Executed: str(b.Basic.Executed), Projected: str(b.Basic.Projected)},
			{Part: "projects", Executed: str(b.Projects.Executed), Projected: str(b.Projects.Projected)}}
	}
	adj := map[int64]int{}
	for i, a := range rec.Adjustments {
		adj[a.IndicatorID] = i
	}
	h.Lines = []historyLine{}
	for _, l := range rec.Report.Lines {
		hl := historyLine{IndicatorID: l.IndicatorID, Value: str(l.Value), Projected: str(l.Projected), ScoreInput: str(l.ScoreInput),
			Band: string(l.Band), CompletedOn: l.CompletedOn, NotApplicable: l.NotApplicable, NotApplicableReason: l.NotApplicableReason,
			Explanation: l.Explanation, Measures: l.Measures, Likelihood: string(l.Likelihood), DeviationCauses: []string{}}
		for _, c := range l.DeviationCauses {
			hl.DeviationCauses = append(hl.DeviationCauses, string(c))
		}
		if i, ok := adj[l.IndicatorID]; ok {
			s := rec.Adjustments[i].Score.StringFixed(2)
			hl.Adjusted, hl.AdjustReason = &s, rec.Adjustments[i].Reason
		}
		h.Lines = append(h.Lines, hl)
	}
	if rec.Saved || rec.Report.Version > 0 {
		h.Total, h.Grade, h.Light = rec.Evaluation.Total.StringFixed(2), string(rec.Evaluation.Grade), string(rec.Evaluation.Light)
	}
	return h
}

// versionDocs are a report's history bodies before and after a change, as
// JSON, and the changes between them: what the version, its history entry
// and the audit row keep. Each body is encoded once.
type versionDocs struct {
	before, after, changes []byte
}

func newVersionDocs(before, after ReportRecord) (versionDocs, error) {
	var d versionDocs
	var err error
	hb, ha := historyBody(before), historyBody(after)
	if d.before, err = json.Marshal(hb); err != nil {
		return d, fmt.Errorf("encode history: %w", err)
	}
	if d.after, err = json.Marshal(ha); err != nil {
		return d, fmt.Errorf("encode history: %w", err)
	}
	if d.changes, err = json.Marshal(diff(flatten(hb), flatten(ha))); err != nil {
		return d, fmt.Errorf("encode changes: %w", err)
	}
	return d, nil
}

// versionInsertSQL keeps one saved version of a report.
const versionInsertSQL = `INSERT INTO report_versions (report_id, version, saved_at, saved_by, action, body, changes)
		VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`

// FieldChange is one field's value before and after a save.
type FieldChange struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// flatten turns a history body into "path" → value, naming lines by
// indicator id ("lines[id=12].value") so that a diff stays readable. The
// values are those of the body's JSON: a string, nil, a bool or a list;
// fields the JSON leaves out when empty are left out.
func flatten(h historyReport) map[string]any {
	out := make(map[string]any, 8+12*len(h.Lines))
	out["status"], out["total"], out["grade"], out["light"] = h.Status, h.Total, h.Grade, h.Light
	out["budget.adjusted"], out["budget.executed"], out["budget.projected"] = orNil(h.Budget.Adjusted), orNil(h.Budget.Executed), orNil(h.Budget.Projected)
	out["budget.reason"] = h.Budget.Reason
	for _, pt := range h.Budget.Parts {
		out["budget.parts."+pt.Part+".executed"], out["budget.parts."+pt.Part+".projected"] = orNil(pt.Executed), orNil(pt.Projected)
	}
	for _, l := range h.Lines {
		p := "lines[id=" + strconv.FormatInt(l.IndicatorID, 10) + "]."
		out[p+"value"], out[p+"projected"], out[p+"score_input"] = orNil(l.Value), orNil(l.Projected), orNil(l.ScoreInput)
		out[p+"band"], out[p+"completed_on"], out[p+"not_applicable"] = l.Band, l.CompletedOn, l.NotApplicable
		out[p+"not_applicable_reason"], out[p+"deviation_causes"] = l.NotApplicableReason, l.DeviationCauses
		out[p+"explanation"], out[p+"measures"], out[p+"likelihood"] = l.Explanation, l.Measures, l.Likelihood
		if l.Adjusted != nil {
			out[p+"adjusted"] = *l.Adjusted
		}
		if l.AdjustReason != "" {
			out[p+"adjust_reason"] = l.AdjustReason
		}
	}
	return out
}

// orNil is an optional string as its JSON decodes: nil or the string.
func orNil(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// diff lists the fields whose value changed. A field empty on both sides
// (absent, null, "", false, []) did not change, whatever its spelling: a
// line saved for the first time lists only what was entered in it.
func diff(a, b map[string]any) map[string]FieldChange {
	out := map[string]FieldChange{}
	for k, bv := range b {
		av := a[k]
		if !jsonEqual(av, bv) && !(isEmpty(av) && isEmpty(bv)) {
			out[k] = FieldChange{From: av, To: bv}
		}
	}
	for k, av := range a {
		if _, ok := b[k]; !ok && !isEmpty(av) {
			out[k] = FieldChange{From: av, To: nil}
		}
	}
	return out
}

// isEmpty tells a value that holds nothing: null, "", false, [] or {}.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// Version is one saved version of a report.
type Version struct {
	Version int
	SavedAt time.Time
	SavedBy string
	Action  string
	// Changes maps a field path to its value before and after.
	Changes map[string]FieldChange
	// Body is the report as saved, as JSON.
	Body json.RawMessage
}

// ReportHistory lists every saved version of a report, oldest first.
func (s *Store) ReportHistory(ctx context.Context, sc Scope, code, periodKey string) ([]Version, error) {
	vs, _, err := s.ReportHistoryPage(ctx, sc, code, periodKey, 0, 0)
	return vs, err
}

// ReportHistoryPage lists a page of the saved versions of a report counted
// from the newest (skip the newest skip, then at most size; size 0: all),
// oldest first within the page, with the count of every version: a draft
// saved all day has thousands.
func (s *Store) ReportHistoryPage(ctx context.Context, sc Scope, code, periodKey string, skip, size int) ([]Version, int, error) {
	db := s.db.WithContext(ctx)
	if _, err := getProject(db, sc, code); err != nil {
		return nil, 0, err
	}
	var total int64
	if err := db.Raw(`SELECT count(*) FROM report_versions v JOIN reports r ON r.id = v.report_id
		WHERE r.project_code = ? AND r.period_key = ?`, code, periodKey).Scan(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("report history: %w", err)
	}
	limit := "ALL"
	if size > 0 {
		limit = fmt.Sprint(size)
	}
	var rows []struct {
		Version int
		SavedAt time.Time
		SavedBy string
		Action  string
		Body    []byte
		Changes []byte
	}
	err := db.Raw(`SELECT * FROM (SELECT v.version, v.saved_at, v.saved_by, v.action, v.body, v.changes
		FROM report_versions v JOIN reports r ON r.id = v.report_id
		WHERE r.project_code = ? AND r.period_key = ? ORDER BY v.version DESC LIMIT `+limit+` OFFSET ?) page ORDER BY version`,
		code, periodKey, skip).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("report history: %w", err)
	}
	out := make([]Version, len(rows))
	for i, r := range rows {
		out[i] = Version{Version: r.Version, SavedAt: r.SavedAt, SavedBy: r.SavedBy, Action: r.Action, Body: r.Body}
		if err := json.Unmarshal(r.Changes, &out[i].Changes); err != nil {
			return nil, 0, fmt.Errorf("read changes: %w", err)
		}
	}
	return out, int(total), nil
}

// str renders an optional decimal for the history; nil stays null.
func str(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	v := d.String()
	return &v
}
