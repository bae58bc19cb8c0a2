package store

// DecodeEvaluation is decodeEvaluation, for the package's external tests.
var DecodeEvaluation = decodeEvaluation

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
