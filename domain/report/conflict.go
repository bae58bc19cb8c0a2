package report

import (
	"fmt"
	"time"
)

// StaleError is ErrStaleVersion with what the caller needs to know: the
// version they sent, the version the report is at, and who saved that one.
type StaleError struct {
	Sent      int
	Current   int
	UpdatedBy string
	UpdatedAt time.Time
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%v: sent version %d, report is at %d (by %s)", ErrStaleVersion, e.Sent, e.Current, e.UpdatedBy)
}

// Unwrap lets errors.Is(err, ErrStaleVersion) match.
func (e *StaleError) Unwrap() error { return ErrStaleVersion }

// StateError is a refusal because of the report's state, not of a person:
// ErrNotEditable (a save) or ErrWrongState (a workflow action).
type StateError struct {
	Status Status
	Action string // "save" or the workflow action
	Err    error
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s a %s report: %v", e.Action, e.Status, e.Err)
}

// Unwrap lets errors.Is match ErrNotEditable or ErrWrongState.
func (e *StateError) Unwrap() error { return e.Err }
