package project_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

func TestTargetWorkflow(t *testing.T) {
	tests := []struct {
		from   project.Status
		action project.Action
		to     project.Status
		ok     bool
	}{
		{project.StatusDraft, project.ActionSubmit, project.StatusSubmitted, true},
		{project.StatusReturned, project.ActionSubmit, project.StatusSubmitted, true},
		{project.StatusSubmitted, project.ActionApprove, project.StatusApproved, true},
		{project.StatusSubmitted, project.ActionReturn, project.StatusReturned, true},
		{project.StatusDraft, project.ActionApprove, project.StatusDraft, false},
		{project.StatusApproved, project.ActionSubmit, project.StatusApproved, false},
		{project.StatusApproved, project.ActionReturn, project.StatusApproved, false},
		{project.StatusSubmitted, project.ActionSubmit, project.StatusSubmitted, false},
	}
	for _, tc := range tests {
		got, err := tc.from.Apply(tc.action)
		if tc.ok != (err == nil) || got != tc.to {
			t.Errorf("%s %s = %s, %v", tc.action, tc.from, got, err)
		}
		if !tc.ok && !errors.Is(err, project.ErrWrongState) {
			t.Errorf("%s %s: want ErrWrongState, got %v", tc.action, tc.from, err)
		}
	}
	if !project.StatusReturned.Editable() || project.StatusSubmitted.Editable() || project.StatusApproved.Editable() {
		t.Error("only draft and returned targets are editable")
	}
	if err := project.StatusDraft.CheckReportable(); !errors.Is(err, project.ErrNotApproved) {
		t.Errorf("a draft has no reports: %v", err)
	}
	if err := project.StatusApproved.CheckReportable(); err != nil {
		t.Error(err)
	}
}

func TestNotesOfTargetActions(t *testing.T) {
	field := func(err error) string {
		var ve *project.ValidationError
		if !errors.As(err, &ve) {
			return ""
		}
		for k := range ve.Fields {
			return k
		}
		return ""
	}
	if f := field(project.ActionReturn.CheckNote(" ", 0)); f != "comment" {
		t.Errorf("return without comment: field %q", f)
	}
	if f := field(project.ActionApprove.CheckNote("", 3)); f != "reason" {
		t.Errorf("approve despite findings without reason: field %q", f)
	}
	if err := project.ActionApprove.CheckNote("", 0); err != nil {
		t.Errorf("approve without findings needs no reason: %v", err)
	}
	if err := project.ActionApprove.CheckNote("已与单位沟通，下年度修正", 3); err != nil {
		t.Error(err)
	}
}

func TestApplyChanges(t *testing.T) {
	base := valid()
	for i := range base.Indicators {
		base.Indicators[i].ID = int64(i + 1)
	}
	s := func(v string) *string { return &v }
	dd := func(v string) *decimal.Decimal { x := decimal.RequireFromString(v); return &x }

	got, err := base.ApplyChanges([]project.ChangeItem{{Op: project.OpChange, IndicatorID: 1, Target: s("120")}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Indicators[0].Target != "120" || got.Indicators[0].ID != 1 || base.Indicators[0].Target != "150" {
		t.Errorf("change: %+v (base %+v)", got.Indicators[0], base.Indicators[0])
	}

	got, err = base.ApplyChanges([]project.ChangeItem{
		{Op: project.OpRemove, IndicatorID: 1},
		{Op: project.OpAdd, Indicator: project.Indicator{Level1: "成本指标", Level2: "经济成本指标", Name: "运维费用", Nature: project.NatureLE, Target: "6.5", Unit: "万元", Weight: decimal.NewFromInt(20)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Indicators) != 4 || got.Indicators[3].ID != 0 || got.Indicators[0].ID != 2 {
		t.Errorf("remove and add: %+v", got.Indicators)
	}

	for _, tc := range []struct {
		name  string
		items []project.ChangeItem
		field string
	}{
		{"nothing", nil, "items"},
		{"unknown indicator", []project.ChangeItem{{Op: project.OpChange, IndicatorID: 99, Target: s("1")}}, "items[0].indicator_id"},
		{"twice", []project.ChangeItem{{Op: project.OpChange, IndicatorID: 1, Target: s("1")}, {Op: project.OpRemove, IndicatorID: 1}}, "items[1].indicator_id"},
		{"nothing to change", []project.ChangeItem{{Op: project.OpChange, IndicatorID: 1}}, "items[0].op"},
		{"bad target", []project.ChangeItem{{Op: project.OpChange, IndicatorID: 1, Target: s("很多")}}, "items[0].target"},
		{"weights no longer 100", []project.ChangeItem{{Op: project.OpChange, IndicatorID: 1, Weight: dd("25")}}, "indicators"},
		{"unknown op", []project.ChangeItem{{Op: "rename", IndicatorID: 1}}, "items[0].op"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := base.ApplyChanges(tc.items)
			var ve *project.ValidationError
			if !errors.As(err, &ve) || ve.Fields[tc.field] == "" {
				t.Errorf("want a problem at %s, got %v", tc.field, err)
			}
		})
	}
}
