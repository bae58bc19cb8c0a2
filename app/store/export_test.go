package store

import (
	"reflect"

	"jixiao/domain/monitor"
)

// DecodeEvaluation and EncodeEvaluation are decodeEvaluation and
// encodeEvaluation, for the package's external tests.
var DecodeEvaluation, EncodeEvaluation = decodeEvaluation, encodeEvaluation

// StoredForm is ev as the store writes it (a value appendJSONB renders).
func StoredForm(ev *monitor.Evaluation) any { return storedForm(ev) }

// StoredEvaluationTypes are the types of a stored evaluation and of its lines.
func StoredEvaluationTypes() (evaluation, line reflect.Type) {
	return reflect.TypeFor[storedEvaluation](), reflect.TypeFor[storedLine]()
}

// SetRescoreChunk makes Rescore take n reports per transaction until the
// returned function restores the size.
func SetRescoreChunk(n int) (restore func()) {
	was := rescoreChunk
	rescoreChunk = n
	return func() { rescoreChunk = was }
}

// AppendJSONB is appendJSONB, for the tests of package store_test.
var AppendJSONB = appendJSONB

// StoredDecimal is storedDecimal, for the tests of package store_test.
var StoredDecimal = storedDecimal

// TotalsSums is how many times the province's totals were summed.
func (s *Store) TotalsSums() int64 { return s.totals.sums.Load() }

// ReportRereads is how many report reads were made again because a save
// split them.
func (s *Store) ReportRereads() int64 { return s.reportRereads.Load() }

// SetReportReadAttempts makes a report read try n times (the last in a
// transaction of its own) until the returned function restores it.
func SetReportReadAttempts(n int) (restore func()) {
	was := reportReadAttempts
	reportReadAttempts = n
	return func() { reportReadAttempts = was }
}
