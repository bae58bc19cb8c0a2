// Package results holds 结果应用: what an annual self-evaluation's grade
// proposes for the project's next budget, and the rules of the finance
// bureau's decision. The default mapping follows the wording found in local
// rules (e.g. a Dazhou bureau's notice: 优 适当优先给予保障, 良 据实予以合理
// 保障, 中 予以一定比例核减, 差 视情况取消或暂停下一年度预算安排); the
// percentages are settings.
package results

import (
	"errors"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"jixiao/domain/fields"
)

// Action is a budget action for next year.
type Action string

// The actions.
const (
	Priority Action = "priority" // 优先保障
	Maintain Action = "maintain" // 保障
	Reduce   Action = "reduce"   // 压减
	Cancel   Action = "cancel"   // 取消或大幅压减
)

// Actions lists every action in order.
var Actions = []Action{Priority, Maintain, Reduce, Cancel}

// Label is the action in Chinese.
func (a Action) Label() string {
	switch a {
	case Priority:
		return "优先保障"
	case Maintain:
		return "保障"
	case Reduce:
		return "压减"
	case Cancel:
		return "取消或大幅压减"
	}
	return string(a)
}

// Valid reports whether a is a known action.
func (a Action) Valid() bool {
	for _, x := range Actions {
		if x == a {
			return true
		}
	}
	return false
}

// Setting is what a grade proposes: an action and a budget change in
// percent (-100 … 100).
type Setting struct {
	Grade   string
	Action  Action
	Percent decimal.Decimal
}

// Proposed is the setting of grade, or false when none.
func Proposed(grade string, settings []Setting) (Setting, bool) {
	for _, s := range settings {
		if s.Grade == grade {
			return s, true
		}
	}
	return Setting{}, false
}

// ErrInvalid is wrapped by a decision's validation errors.
var ErrInvalid = errors.New("invalid result decision")

// MaxNote bounds a decision's note, in characters.
const MaxNote = 2000

// CheckDecision validates a decision against the proposal: a known action,
// a percentage within -100 … 100 with at most two decimals, and a note
// whenever the decision differs from what the grade proposes.
func CheckDecision(a Action, percent decimal.Decimal, note string, proposed Setting) error {
	pr := fields.Problems{}
	if !a.Valid() {
		pr.Add("action", "处理意见应为优先保障、保障、压减或取消或大幅压减")
	}
	if percent.LessThan(decimal.NewFromInt(-100)) || percent.GreaterThan(decimal.NewFromInt(100)) || !percent.Equal(percent.Round(2)) {
		pr.Add("percent", "调整比例应在-100至100之间，最多两位小数")
	}
	if len([]rune(note)) > MaxNote {
		pr.Add("note", "说明不能超过2000个字符")
	}
	if a.Valid() && (a != proposed.Action || !percent.Equal(proposed.Percent)) && note == "" {
		pr.Add("note", "处理意见与按等级建议的不同，请写明理由")
	}
	return pr.Err(ErrInvalid)
}

// Grades are the grades a setting is kept for, best first.
var Grades = []string{"优", "良", "中", "差"}

// CheckSettings validates a whole set of settings: one per grade, each a
// known action with a percentage within -100 … 100 and two decimals at most.
func CheckSettings(ss []Setting) error {
	pr := fields.Problems{}
	seen := map[string]bool{}
	for i, s := range ss {
		at := func(f string) string { return "settings[" + strconv.Itoa(i) + "]." + f }
		if !slices.Contains(Grades, s.Grade) || seen[s.Grade] {
			pr.Add(at("grade"), "等级应为优、良、中、差，各一项")
		}
		seen[s.Grade] = true
		if !s.Action.Valid() {
			pr.Add(at("action"), "处理意见应为优先保障、保障、压减或取消或大幅压减")
		}
		if s.Percent.LessThan(decimal.NewFromInt(-100)) || s.Percent.GreaterThan(decimal.NewFromInt(100)) || !s.Percent.Equal(s.Percent.Round(2)) {
			pr.Add(at("percent"), "调整比例应在-100至100之间，最多两位小数")
		}
	}
	if len(seen) != len(Grades) && len(pr) == 0 {
		pr.Add("settings", "须为优、良、中、差四个等级各设一项")
	}
	return pr.Err(ErrInvalid)
}
