package report_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/period"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

func TestMergeKeepsWhatThePatchDoesNotSend(t *testing.T) {
	stored := validReport()
	stored.Lines[0].Explanation = "到货延迟"
	pt := report.Patch{
		Budget: report.BudgetPatch{Projected: report.Set[*decimal.Decimal](nil)},
		Lines: []report.LinePatch{
			{IndicatorID: 4, Value: report.Set(dp("3"))},
			{IndicatorID: 1, Explanation: report.Set("")},
		},
	}
	got := stored.Merge(pt)
	if len(got.Lines) != 5 || got.Lines[0].IndicatorID != 4 || got.Lines[1].IndicatorID != 1 {
		t.Fatalf("patched lines do not come first in the patch's order: %+v", got.Lines)
	}
	if !got.Lines[0].Value.Equal(decimal.NewFromInt(3)) || !got.Lines[0].Projected.Equal(decimal.RequireFromString("4.5")) {
		t.Errorf("line 4: %+v", got.Lines[0])
	}
	if got.Lines[1].Explanation != "" || !got.Lines[1].Value.Equal(decimal.NewFromInt(80)) {
		t.Errorf("line 1: %+v", got.Lines[1])
	}
	if got.Budget.Projected != nil || !got.Budget.Executed.Equal(decimal.NewFromInt(50)) {
		t.Errorf("budget %+v", got.Budget)
	}
	if stored.Lines[0].Explanation != "到货延迟" {
		t.Error("Merge changed the stored report")
	}
	ordered := got.InOrder(testProject())
	for i, l := range ordered.Lines {
		if l.IndicatorID != int64(i+1) {
			t.Fatalf("InOrder: %+v", ordered.Lines)
		}
	}
}

func TestMergeOfAnIndicatorTwiceIsRefusedAtTheRequestsLine(t *testing.T) {
	pt := report.Patch{Lines: []report.LinePatch{{IndicatorID: 5, Value: report.Set(dp("1"))}, {IndicatorID: 5, Value: report.Set(dp("2"))}}}
	per, _ := period.Parse("2024-06")
	err := validReport().Merge(pt).ValidateWith(rules.National(), testProject(), per)
	var ve *report.ValidationError
	if !errors.As(err, &ve) || ve.Fields["lines[1].indicator_id"] == "" {
		t.Errorf("got %v", err)
	}
}

func TestValidateCompleteNeedsEveryIndicatorOnce(t *testing.T) {
	per, _ := period.Parse("2024-06")
	if err := validReport().ValidateComplete(rules.National(), testProject(), per); err != nil {
		t.Fatalf("a complete report: %v", err)
	}
	r := validReport()
	r.Lines = r.Lines[:2]
	r.Lines[0].Value = dp("-1")
	err := r.ValidateComplete(rules.National(), testProject(), per)
	var ve *report.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	if msg := ve.Fields["lines"]; !strings.Contains(msg, "3、4、5") || ve.Fields["lines[0].value"] == "" {
		t.Errorf("want the missing indicators and the bad value at once: %v", ve.Fields)
	}
}
