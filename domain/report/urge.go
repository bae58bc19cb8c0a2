package report

import "errors"

// Urging (催办): a reviewer tells the submitters of a report still with them
// to file it, at most once a day per report.
var (
	// ErrUrgedToday: the report was urged already today.
	ErrUrgedToday = errors.New("report already urged today")
	// ErrNothingToUrge: the report is submitted or approved; nobody owes it.
	ErrNothingToUrge = errors.New("report is not with its submitters")
)

// Urgeable tells whether a report in this status is still with its
// submitters (a draft, never saved or not, or a returned report).
func (s Status) Urgeable() bool { return s == StatusDraft || s == StatusReturned }
