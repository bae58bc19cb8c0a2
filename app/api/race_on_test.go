//go:build race

package api_test

// raceDetector: the race detector multiplies memory use, so peak RSS is
// asserted only without it (make test runs that check separately).
const raceDetector = true
