package report_test

import (
	"errors"
	"testing"

	"jixiao/domain/report"
)

// TestTheTwoReviewLevels walks every review action at every level on the
// three routes: a department without parent (the finance bureau alone), a
// unit in a two-level period, a unit in a one-level period.
func TestTheTwoReviewLevels(t *testing.T) {
	top, two, one := report.Route{}, report.Route{Supervised: true}, report.Route{Supervised: true, OneLevel: true}
	const wrong = report.Status("")
	for _, tc := range []struct {
		name  string
		route report.Route
		from  report.Status
		act   report.Action
		level int
		want  report.Status
	}{
		{"top: the reviewer approves", top, report.StatusSubmitted, report.ActionApprove, 2, report.StatusApproved},
		{"top: the reviewer returns", top, report.StatusSubmitted, report.ActionReturn, 2, report.StatusReturned},
		{"top: no first level", top, report.StatusSubmitted, report.ActionApprove, 1, wrong},
		{"top: the reviewer reopens", top, report.StatusApproved, report.ActionReopen, 2, report.StatusReturned},
		{"unit: the supervisor endorses", two, report.StatusSubmitted, report.ActionApprove, 1, report.StatusEndorsed},
		{"unit: the supervisor returns", two, report.StatusSubmitted, report.ActionReturn, 1, report.StatusReturned},
		{"unit: the reviewer before the endorsement", two, report.StatusSubmitted, report.ActionApprove, 2, wrong},
		{"unit: the reviewer approves what was endorsed", two, report.StatusEndorsed, report.ActionApprove, 2, report.StatusApproved},
		{"unit: the reviewer returns what was endorsed", two, report.StatusEndorsed, report.ActionReturn, 2, report.StatusReturned},
		{"unit: the supervisor once endorsed", two, report.StatusEndorsed, report.ActionReturn, 1, wrong},
		{"unit: only the finance bureau reopens", two, report.StatusApproved, report.ActionReopen, 1, wrong},
		{"unit: the finance bureau reopens", two, report.StatusApproved, report.ActionReopen, 2, report.StatusReturned},
		{"one level: the supervisor approves", one, report.StatusSubmitted, report.ActionApprove, 1, report.StatusApproved},
		{"one level: the reviewer has no turn", one, report.StatusSubmitted, report.ActionApprove, 2, wrong},
		{"one level: the supervisor reopens", one, report.StatusApproved, report.ActionReopen, 1, report.StatusReturned},
		{"one level: the reviewer does not reopen", one, report.StatusApproved, report.ActionReopen, 2, wrong},
		{"resubmitting starts over", two, report.StatusReturned, report.ActionSubmit, 0, report.StatusSubmitted},
	} {
		got, err := tc.from.ApplyAt(tc.act, tc.level, tc.route)
		switch {
		case tc.want == wrong && !errors.Is(err, report.ErrWrongState):
			t.Errorf("%s: %s, %v; want a wrong state", tc.name, got, err)
		case tc.want != wrong && (err != nil || got != tc.want):
			t.Errorf("%s: %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	if !report.StatusEndorsed.Reported() || !report.StatusEndorsed.InReview() || report.StatusEndorsed.Editable() {
		t.Error("an endorsed report is reported, in review and not editable")
	}
	if st, err := report.ParseStatus("endorsed"); err != nil || st.Label() != "主管部门已审核" {
		t.Errorf("endorsed: %s %v", st.Label(), err)
	}
}
