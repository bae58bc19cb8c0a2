// Package round holds the rules of a reporting round (任务下发): a period's
// reports for some departments, due on a date; its progress; and when its
// reminders fall due. Dates are civil days; "today" is always passed in.
package round

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jixiao/domain/fields"
)

// Errors of rounds.
var (
	ErrNotFound   = errors.New("round not found")
	ErrInvalid    = errors.New("invalid round")
	ErrClosed     = errors.New("round is closed")
	ErrOverlap    = errors.New("an open round of the period covers the department already")
	ErrNotManager = errors.New("not a manager of every department of the round")
)

// MaxNote is the longest note, in characters.
const MaxNote = 2000

// Status is whether a round is still running.
type Status string

// The statuses.
const (
	Open   Status = "open"
	Closed Status = "closed"
)

// Round is one round of reports.
type Round struct {
	ID          int64
	Period      string
	Departments []string
	Due         time.Time // a civil day, see Day
	Note        string
	Status      Status
	CreatedBy   string
	CreatedAt   time.Time
	ClosedBy    string
	ClosedAt    time.Time
}

// Day is the civil day of t in t's location, as midnight UTC, so that days
// compare and subtract exactly.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDay reads a date written YYYY-MM-DD.
func ParseDay(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, strings.TrimSpace(s))
}

// DaysUntil is the number of whole days from today to due (negative once due
// has passed).
func DaysUntil(due, today time.Time) int {
	return int(Day(due).Sub(Day(today)).Hours() / 24)
}

// Overdue tells whether something due on due is late on today.
func Overdue(due, today time.Time) bool { return DaysUntil(due, today) < 0 }

// New opens a round, checking its fields: a period, at least one
// department, none twice, a due date not before today, a bounded note.
func New(period string, departments []string, due string, note string, today time.Time) (Round, error) {
	pr := fields.Problems{}
	if strings.TrimSpace(period) == "" {
		pr.Add("period", "请选择期间")
	}
	if len(departments) == 0 {
		pr.Add("departments", "请至少选择一个单位")
	}
	seen := map[string]bool{}
	for i, d := range departments {
		switch {
		case strings.TrimSpace(d) == "":
			pr.Add(fmt.Sprintf("departments[%d]", i), "请填写单位编码")
		case seen[d]:
			pr.Add(fmt.Sprintf("departments[%d]", i), "单位重复")
		}
		seen[d] = true
	}
	day, err := ParseDay(due)
	switch {
	case strings.TrimSpace(due) == "":
		pr.Add("due", "请填写截止日期")
	case err != nil:
		pr.Add("due", "日期格式应为 YYYY-MM-DD")
	case DaysUntil(day, today) < 0:
		pr.Add("due", "截止日期不能早于今天")
	}
	if utf8.RuneCountInString(note) > MaxNote {
		pr.Add("note", fmt.Sprintf("说明不能超过%d个字符", MaxNote))
	}
	if err := pr.Err(ErrInvalid); err != nil {
		return Round{}, err
	}
	return Round{Period: period, Departments: departments, Due: day, Note: note, Status: Open}, nil
}

// Extend moves the due date of an open round to a later day.
func (r *Round) Extend(due string) error {
	if r.Status != Open {
		return fmt.Errorf("extend: %w", ErrClosed)
	}
	day, err := ParseDay(due)
	if err != nil {
		return fields.One(ErrInvalid, "due", "日期格式应为 YYYY-MM-DD")
	}
	if !day.After(r.Due) {
		return fields.One(ErrInvalid, "due", "延期后的截止日期须晚于原截止日期 "+r.Due.Format(time.DateOnly))
	}
	r.Due = day
	return nil
}

// Close ends an open round: its reports are no longer to-dos or reminded.
func (r *Round) Close(by string, at time.Time) error {
	if r.Status != Open {
		return fmt.Errorf("close: %w", ErrClosed)
	}
	r.Status, r.ClosedBy, r.ClosedAt = Closed, by, at
	return nil
}
