package scoring_test

import (
	"testing"

	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/scoring"
)

// BenchmarkScore scores an annual report of seven indicators of every kind
// (higher, lower, equal, deadline, qualitative) with execution.
func BenchmarkScore(b *testing.B) {
	inds := []project.Indicator{higher("150", "20"), higher("95", "10"), lower("5", "10"), equal("63", "10"),
		deadlineInd("2024", "10"), qualitativeInd("20"), higher("800", "10")}
	p := project.Project{Code: "P", Name: "基准", Year: 2024, Budget: d("100"), ExecutionWeight: d("10")}
	r := report.Report{ProjectCode: "P", PeriodKey: "2024", Budget: report.Budget{Executed: dp("93.5")}}
	values := []string{"140", "96", "6", "63", "", "", "812"}
	for i, in := range inds {
		in.ID = int64(i + 1)
		p.Indicators = append(p.Indicators, in)
		l := report.Line{IndicatorID: in.ID}
		switch in.Kind() {
		case project.KindDeadline:
			l.CompletedOn = "2024-11-30"
		case project.KindQualitative:
			l.Band, l.ScoreInput = report.BandAchieved, dp("18")
		default:
			l.Value = dp(values[i])
		}
		r.Lines = append(r.Lines, l)
	}
	rs := rules.National()
	per := period.Period{Key: "2024", Kind: period.KindFinal, Year: 2024, CutoffMonth: 12}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scoring.Score(rs, p, per, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(inds))*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}
