package store

// DecodeEvaluation is decodeEvaluation, for the package's external tests.
var DecodeEvaluation = decodeEvaluation
