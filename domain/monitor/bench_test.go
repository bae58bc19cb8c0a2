package monitor_test

import (
	"testing"

	"jixiao/domain/monitor"
	"jixiao/domain/rules"
)

// BenchmarkEvaluate is what every save computes: validation, the score of
// every line and of execution, lights, and what blocks submission, for a
// project of five indicators of every kind (the seed averages 6.3).
func BenchmarkEvaluate(b *testing.B) {
	rs, p, per, r := rules.National(), evalProject(), per("2024-06"), midYear()
	r.Lines[0].Value = dp("50") // a yellow line, so the needs are worked out too
	b.ReportAllocs()
	for b.Loop() {
		if _, err := monitor.Evaluate(rs, p, per, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p.Indicators))*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}
