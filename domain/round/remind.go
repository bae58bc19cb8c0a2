package round

import (
	"errors"
	"fmt"
	"time"
)

// Schedule says when reminders go out: BeforeDays days before the due date
// (0: none before), on the due date, and every OverdueEveryDays days once
// it has passed.
type Schedule struct {
	BeforeDays       int
	OverdueEveryDays int
}

// DefaultSchedule reminds 3 days before and every 3 days when overdue.
var DefaultSchedule = Schedule{BeforeDays: 3, OverdueEveryDays: 3}

// Validate checks the settings.
func (s Schedule) Validate() error {
	if s.BeforeDays < 0 || s.BeforeDays > 60 {
		return errors.New("days before the due date: 0 to 60")
	}
	if s.OverdueEveryDays < 1 || s.OverdueEveryDays > 60 {
		return errors.New("days between overdue reminders: 1 to 60")
	}
	return nil
}

// Stage is which reminder of a due date it is.
type Stage string

// The stages.
const (
	Before     Stage = "before"  // the due date is near
	DueToday   Stage = "due"     // it is today
	OverdueNow Stage = "overdue" // it has passed: escalated to the reviewers
)

// Reminder is one reminder a pending report gets. Key names it among all
// reminders of the same report and round, so that it is sent once.
type Reminder struct {
	Stage Stage
	// DaysLeft is the days until the due date (negative when overdue).
	DaysLeft int
	// Seq numbers the overdue reminders: 0 on the first day late, 1 once
	// OverdueEveryDays more have passed, …
	Seq int
}

// Key is the reminder's name, e.g. "before", "due", "overdue-2".
func (r Reminder) Key() string {
	if r.Stage == OverdueNow {
		return fmt.Sprintf("%s-%d", r.Stage, r.Seq)
	}
	return string(r.Stage)
}

// Escalates tells whether the reminder also goes to the reviewers.
func (r Reminder) Escalates() bool { return r.Stage == OverdueNow }

// At returns the reminder due today for something due on due, if any. A
// run that was missed for days catches up with the latest reminder only.
func (s Schedule) At(due, today time.Time) (Reminder, bool) {
	days := DaysUntil(due, today)
	switch {
	case days > s.BeforeDays:
		return Reminder{}, false
	case days > 0:
		return Reminder{Stage: Before, DaysLeft: days}, true
	case days == 0:
		return Reminder{Stage: DueToday}, true
	}
	every := s.OverdueEveryDays
	if every < 1 {
		every = 1
	}
	return Reminder{Stage: OverdueNow, DaysLeft: days, Seq: (-days - 1) / every}, true
}
