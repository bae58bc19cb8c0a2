package project

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"jixiao/domain/fields"
)

// Sentinel errors of the targets' workflow.
var (
	ErrWrongState     = errors.New("wrong project state")
	ErrNotEditable    = errors.New("project targets not editable")
	ErrNotApproved    = errors.New("project targets not approved")
	ErrStaleVersion   = errors.New("stale project version")
	ErrNotSubmitter   = errors.New("not a submitter of this department")
	ErrNotReviewer    = errors.New("not a reviewer of this department")
	ErrExists         = errors.New("project exists")
	ErrChangeNotFound = errors.New("target change not found")
	ErrNoDepartment   = errors.New("department not found")
)

// Status is where a project's targets are in their workflow.
type Status string

// The statuses.
const (
	StatusDraft     Status = "draft"     // 草稿
	StatusSubmitted Status = "submitted" // 已提交
	StatusEndorsed  Status = "endorsed"  // 主管部门已审核: approved at the first level
	StatusApproved  Status = "approved"  // 已批复 (published)
	StatusReturned  Status = "returned"  // 已退回
)

// ParseStatus accepts the API spellings of the statuses.
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case StatusDraft, StatusSubmitted, StatusEndorsed, StatusApproved, StatusReturned:
		return st, nil
	}
	return "", fmt.Errorf("unknown project status %q", s)
}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusSubmitted:
		return "已提交"
	case StatusEndorsed:
		return "主管部门已审核"
	case StatusApproved:
		return "已批复"
	case StatusReturned:
		return "已退回"
	}
	return string(s)
}

// Editable reports whether the targets may be edited: a draft or a returned project.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// CheckEditable returns ErrNotEditable unless the status is editable.
func (s Status) CheckEditable() error {
	if !s.Editable() {
		return fmt.Errorf("%w: project is %s", ErrNotEditable, s)
	}
	return nil
}

// CheckReportable returns ErrNotApproved unless reports may be filled: only
// approved targets have reports.
func (s Status) CheckReportable() error {
	if s != StatusApproved {
		return fmt.Errorf("%w: project is %s", ErrNotApproved, s)
	}
	return nil
}

// Action moves a project's targets from one status to another.
type Action string

// The actions.
const (
	ActionSubmit  Action = "submit"  // submitter: draft or returned → submitted
	ActionApprove Action = "approve" // reviewer: submitted → approved
	ActionReturn  Action = "return"  // reviewer, with a comment: submitted → returned
)

// Transition is one allowed move of the targets' workflow.
type Transition struct {
	From   Status
	Action Action
	To     Status
}

var transitions = []Transition{
	{StatusDraft, ActionSubmit, StatusSubmitted},
	{StatusReturned, ActionSubmit, StatusSubmitted},
	{StatusSubmitted, ActionApprove, StatusApproved},
	{StatusSubmitted, ActionReturn, StatusReturned},
}

// Transitions returns the workflow table.
func Transitions() []Transition { return append([]Transition(nil), transitions...) }

// Apply returns the status after action a, or an error wrapping ErrWrongState.
func (s Status) Apply(a Action) (Status, error) {
	for _, t := range transitions {
		if t.From == s && t.Action == a {
			return t.To, nil
		}
	}
	return s, fmt.Errorf("%s a %s project: %w", a, s, ErrWrongState)
}

// ApplyAt is Apply for a reviewer acting at a level on a route: approve
// and return act where the route waits for the level (submitted, or
// endorsed for the second level after the 主管部门); approve at a level that
// is not the final one endorses; every return goes back to the submitters.
func (s Status) ApplyAt(a Action, level int, r Route) (Status, error) {
	if a == ActionSubmit {
		return s.Apply(a)
	}
	want := StatusSubmitted
	switch r.Awaits(level) {
	case "":
		return s, fmt.Errorf("%s a %s project at level %d: %w", a, s, level, ErrWrongState)
	case WaitingEndorsed:
		want = StatusEndorsed
	}
	if s != want {
		return s, fmt.Errorf("%s a %s project: %w", a, s, ErrWrongState)
	}
	switch {
	case a == ActionReturn:
		return StatusReturned, nil
	case a == ActionApprove && level == r.Final():
		return StatusApproved, nil
	case a == ActionApprove:
		return StatusEndorsed, nil
	}
	return s, fmt.Errorf("%s a %s project: %w", a, s, ErrWrongState)
}

// Actions lists the actions allowed from s, in table order.
func (s Status) Actions() []Action {
	var out []Action
	for _, t := range transitions {
		if t.From == s {
			out = append(out, t.Action)
		}
	}
	return out
}

// CheckNote checks the text that goes with an action: returning needs a
// comment; approving despite findings needs a reason (findings > 0). Problems
// are keyed "comment" or "reason", as in the API.
func (a Action) CheckNote(text string, findings int) error {
	pr := fields.Problems{}
	field := "comment"
	if a == ActionApprove {
		field = "reason"
	}
	switch {
	case a == ActionReturn && strings.TrimSpace(text) == "":
		pr.Add(field, "退回时必须填写意见")
	case a == ActionApprove && findings > 0 && strings.TrimSpace(text) == "":
		pr.Add(field, fmt.Sprintf("目标质量审核有%d条意见，仍要批复时必须填写理由", findings))
	case utf8.RuneCountInString(text) > MaxTextLength:
		pr.Add(field, fmt.Sprintf("不能超过%d个字符", MaxTextLength))
	}
	return pr.Err(ErrInvalid)
}
