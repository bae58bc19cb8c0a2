package round

import (
	"time"

	"jixiao/domain/report"
)

// ReportState is where one project's report of a round stands; Saved is
// false for a report never saved.
type ReportState struct {
	Saved  bool
	Status report.Status
}

// Pending tells whether the report still waits for its submitters: never
// saved, a draft, or returned.
func (s ReportState) Pending() bool {
	return !s.Saved || s.Status == report.StatusDraft || s.Status == report.StatusReturned
}

// Progress counts the reports of a round.
type Progress struct {
	Total     int // projects of the round's departments
	Filled    int // saved at least once
	Submitted int // waiting for review
	Approved  int
	Returned  int
	Overdue   int // still with the submitters after the due date
}

// Tally counts the reports of a round due on due, as of today.
func Tally(states []ReportState, due, today time.Time) Progress {
	p := Progress{Total: len(states)}
	late := Overdue(due, today)
	for _, s := range states {
		if s.Saved {
			p.Filled++
		}
		switch {
		case !s.Saved:
		case s.Status == report.StatusSubmitted || s.Status == report.StatusEndorsed:
			// in review, at either level
			p.Submitted++
		case s.Status == report.StatusApproved:
			p.Approved++
		case s.Status == report.StatusReturned:
			p.Returned++
		}
		if late && s.Pending() {
			p.Overdue++
		}
	}
	return p
}
