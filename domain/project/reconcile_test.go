package project_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

func TestReconcile(t *testing.T) {
	d := project.Department{Code: "003001"}
	dd := decimal.RequireFromString
	ps := []project.Project{
		{Code: "A", Year: 2024, Department: d, Budget: dd("744.78"), Status: project.StatusApproved},
		{Code: "B", Year: 2024, Department: d, Budget: dd("1406.00"), Status: project.StatusApproved},
		{Code: "C", Year: 2024, Department: d, Budget: dd("50.00"), Status: project.StatusDraft},
		{Code: "D", Year: 2025, Department: d, Budget: dd("9.00"), Status: project.StatusApproved},
	}
	sp := []project.Spending{{Subject: "2010301", Amount: dd("744.78")}, {Subject: "2010399", Amount: dd("1409.00")}}
	r := project.Reconcile(d, 2024, ps, sp)
	if r.TargetsTotal.StringFixed(2) != "2150.78" || r.BudgetTotal.StringFixed(2) != "2153.78" || r.Difference.StringFixed(2) != "3.00" || r.Projects != 2 || !r.HasGap() {
		t.Errorf("%+v", r)
	}
	none := project.Reconcile(d, 2024, ps, nil)
	if none.BudgetTotal != nil || none.Difference != nil || none.HasGap() {
		t.Errorf("without budget tables there is no difference: %+v", none)
	}
	even := project.Reconcile(d, 2024, ps, []project.Spending{{Subject: "x", Amount: dd("2150.78")}})
	if even.HasGap() {
		t.Error("no gap when they agree")
	}
	for _, bad := range [][]project.Spending{{{Subject: "", Amount: dd("1")}}, {{Subject: "a", Amount: dd("-1")}},
		{{Subject: "a", Amount: dd("1.001")}}, {{Subject: "a", Amount: dd("1")}, {Subject: "a", Amount: dd("2")}}} {
		if err := project.ValidateSpending(bad); !errors.Is(err, project.ErrInvalid) {
			t.Errorf("ValidateSpending(%v) = %v", bad, err)
		}
	}
}
