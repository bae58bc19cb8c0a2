package report

import (
	"fmt"

	"jixiao/domain/project"
	"strings"
	"unicode/utf8"
)

// Status is where a report is in its workflow (domain reference §5).
type Status string

// The statuses.
const (
	StatusDraft     Status = "draft"     // 草稿
	StatusSubmitted Status = "submitted" // 已提交
	StatusEndorsed  Status = "endorsed"  // 主管部门已审核: approved at the first level, waiting for the second
	StatusApproved  Status = "approved"  // 已通过
	StatusReturned  Status = "returned"  // 已退回
)

// ParseStatus accepts the API spellings.
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case StatusDraft, StatusSubmitted, StatusEndorsed, StatusApproved, StatusReturned:
		return st, nil
	}
	return "", fmt.Errorf("%w: status %q", ErrUnknownValue, s)
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
		return "已通过"
	case StatusReturned:
		return "已退回"
	}
	return string(s)
}

// Editable reports whether the report's values may be changed: only a draft
// or a returned report.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Reported reports whether a report in this state counts in averages,
// grade distributions and light counts: submitted or approved. A draft
// (half typed, perhaps) or a returned report is counted beside them.
func (s Status) Reported() bool {
	return s == StatusSubmitted || s == StatusEndorsed || s == StatusApproved
}

// InReview reports whether the report waits for a reviewer at some level.
func (s Status) InReview() bool { return s == StatusSubmitted || s == StatusEndorsed }

// CheckEditable returns ErrNotEditable unless the status is editable.
func (s Status) CheckEditable() error {
	if !s.Editable() {
		return &StateError{Status: s, Action: "save", Err: ErrNotEditable}
	}
	return nil
}

// Action moves a report from one status to another.
type Action string

// The actions.
const (
	ActionSubmit  Action = "submit"  // submitter: draft or returned → submitted
	ActionApprove Action = "approve" // reviewer: submitted → approved
	ActionReturn  Action = "return"  // reviewer: submitted → returned
	ActionReopen  Action = "reopen"  // reviewer, with a reason: approved → returned
)

// ParseAction accepts the API spellings.
func ParseAction(s string) (Action, error) {
	switch a := Action(s); a {
	case ActionSubmit, ActionApprove, ActionReturn, ActionReopen:
		return a, nil
	}
	return "", fmt.Errorf("%w: action %q", ErrUnknownValue, s)
}

// Transition is one allowed move of the workflow.
type Transition struct {
	From   Status
	Action Action
	To     Status
}

// transitions is the whole workflow; any pair not listed is a wrong state.
var transitions = []Transition{
	{StatusDraft, ActionSubmit, StatusSubmitted},
	{StatusReturned, ActionSubmit, StatusSubmitted},
	{StatusSubmitted, ActionApprove, StatusApproved},
	{StatusSubmitted, ActionReturn, StatusReturned},
	{StatusApproved, ActionReopen, StatusReturned},
}

// Transitions returns the workflow table.
func Transitions() []Transition {
	return append([]Transition(nil), transitions...)
}

// The review levels and a report's route through them are the targets'
// (project.Route): the same two levels review both.
const (
	LevelSupervisor = project.LevelSupervisor
	LevelFinance    = project.LevelFinance
)

// Route is the way a report takes through review (project.Route).
type Route = project.Route

// awaited is the report status of a route's waiting point.
func awaited(w project.Waiting) Status {
	if w == project.WaitingEndorsed {
		return StatusEndorsed
	}
	return StatusSubmitted
}

// ApplyAt is Apply for a reviewer acting at a level on a route: approve
// and return act on the status the level awaits (submitted at the first
// level, endorsed at the second); approve at a level that is not the final
// one endorses; every return goes back to the submitters; only the final
// level reopens. Submit is Apply's. A move the route does not allow is a
// wrong state.
func (s Status) ApplyAt(a Action, level int, r Route) (Status, error) {
	wrong := &StateError{Status: s, Action: string(a), Err: ErrWrongState}
	switch a {
	case ActionApprove, ActionReturn:
		if aw := r.Awaits(level); aw == "" || s != awaited(aw) {
			return s, wrong
		}
		if a == ActionReturn {
			return StatusReturned, nil
		}
		if level == r.Final() {
			return StatusApproved, nil
		}
		return StatusEndorsed, nil
	case ActionReopen:
		if level != r.Final() {
			return s, wrong
		}
	}
	return s.Apply(a)
}

// Apply returns the status after action a, or an error wrapping ErrWrongState
// when the table has no such move.
func (s Status) Apply(a Action) (Status, error) {
	for _, t := range transitions {
		if t.From == s && t.Action == a {
			return t.To, nil
		}
	}
	return s, &StateError{Status: s, Action: string(a), Err: ErrWrongState}
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
// comment and reopening a reason (domain reference §5); any note is bounded.
// Problems are keyed "comment" or "reason", as in the API.
func (a Action) CheckNote(text string) error {
	field, required, msg := "comment", false, ""
	switch a {
	case ActionReturn:
		required, msg = true, "退回时必须填写意见"
	case ActionReopen:
		field, required, msg = "reason", true, "重新打开时必须填写原因"
	}
	pr := Problems{}
	switch {
	case required && strings.TrimSpace(text) == "":
		pr.Add(field, msg)
	case utf8.RuneCountInString(text) > MaxTextLength:
		pr.Add(field, fmt.Sprintf("不能超过%d个字符", MaxTextLength))
	}
	return pr.Err(ErrInvalid)
}
