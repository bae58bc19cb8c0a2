// Package fields reports what is wrong with an input by field path
// ("indicators[2].target", "lines[0].value"), with messages in Chinese for
// the people who entered it. Every domain package reports validation this way.
package fields

import (
	"sort"
	"strings"
)

// Error lists problems by field path. Kind is the sentinel of the package
// that found them (project.ErrInvalid, report.ErrInvalid, …), so that
// errors.Is tells what was invalid.
type Error struct {
	Kind   error
	Fields map[string]string
}

// Error lists the problems in field order, for logs.
func (e *Error) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	kind := "invalid"
	if e.Kind != nil {
		kind = e.Kind.Error()
	}
	return kind + ": " + strings.Join(parts, "; ")
}

// Unwrap lets errors.Is(err, Kind) match.
func (e *Error) Unwrap() error { return e.Kind }

// FieldErrors gives the problems by field path, for the API's 422 body.
func (e *Error) FieldErrors() map[string]string { return e.Fields }

// One is an Error about a single field.
func One(kind error, field, msg string) error {
	return &Error{Kind: kind, Fields: map[string]string{field: msg}}
}

// Problems collects problems, keeping the first message per field.
type Problems map[string]string

// Add records msg for field unless the field already has one.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Err returns an *Error of the given kind, or nil when there are no problems.
func (p Problems) Err(kind error) error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Kind: kind, Fields: p}
}
