package report_test

import (
	"errors"
	"strings"
	"testing"

	"jixiao/domain/report"
)

func TestStatusTransitionTable(t *testing.T) {
	statuses := []report.Status{report.StatusDraft, report.StatusSubmitted, report.StatusApproved, report.StatusReturned}
	actions := []report.Action{report.ActionSubmit, report.ActionApprove, report.ActionReturn, report.ActionReopen}
	// want[from][action] is the status reached, "" when the move is not allowed.
	want := map[report.Status]map[report.Action]report.Status{
		report.StatusDraft:     {report.ActionSubmit: report.StatusSubmitted},
		report.StatusSubmitted: {report.ActionApprove: report.StatusApproved, report.ActionReturn: report.StatusReturned},
		report.StatusApproved:  {report.ActionReopen: report.StatusReturned},
		report.StatusReturned:  {report.ActionSubmit: report.StatusSubmitted},
	}
	for _, from := range statuses {
		for _, a := range actions {
			to, ok := want[from][a]
			t.Run(string(a)+" from "+string(from), func(t *testing.T) {
				got, err := from.Apply(a)
				if !ok {
					if !errors.Is(err, report.ErrWrongState) {
						t.Fatalf("Apply = %s, %v; want ErrWrongState", got, err)
					}
					if got != from {
						t.Errorf("a refused action moved %s to %s", from, got)
					}
					return
				}
				if err != nil || got != to {
					t.Errorf("Apply = %s, %v; want %s", got, err, to)
				}
			})
		}
	}
}

func TestUnknownStatusOrActionIsWrongState(t *testing.T) {
	if _, err := report.Status("archived").Apply(report.ActionSubmit); !errors.Is(err, report.ErrWrongState) {
		t.Errorf("unknown status: %v", err)
	}
	if _, err := report.StatusDraft.Apply("publish"); !errors.Is(err, report.ErrWrongState) {
		t.Errorf("unknown action: %v", err)
	}
}

func TestOnlyDraftAndReturnedAreEditable(t *testing.T) {
	tests := []struct {
		status report.Status
		want   bool
	}{
		{report.StatusDraft, true},
		{report.StatusReturned, true},
		{report.StatusSubmitted, false},
		{report.StatusApproved, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			if got := tt.status.Editable(); got != tt.want {
				t.Errorf("Editable() = %v", got)
			}
			err := tt.status.CheckEditable()
			if tt.want != (err == nil) || (err != nil && !errors.Is(err, report.ErrNotEditable)) {
				t.Errorf("CheckEditable() = %v", err)
			}
		})
	}
}

func TestActionsFollowTheTable(t *testing.T) {
	got := report.StatusSubmitted.Actions()
	if len(got) != 2 || got[0] != report.ActionApprove || got[1] != report.ActionReturn {
		t.Errorf("Actions() = %v", got)
	}
	if n := len(report.Transitions()); n != 5 {
		t.Errorf("%d transitions, want 5", n)
	}
}

func TestParseEnums(t *testing.T) {
	tests := []struct {
		name    string
		parse   func(string) error
		input   string
		wantErr bool
	}{
		{"band achieved", func(s string) error { _, err := report.ParseBand(s); return err }, "achieved", false},
		{"band none", func(s string) error { _, err := report.ParseBand(s); return err }, "", false},
		{"band unknown", func(s string) error { _, err := report.ParseBand(s); return err }, "good", true},
		{"cause equipment", func(s string) error { _, err := report.ParseCause(s); return err }, "equipment", false},
		{"cause empty", func(s string) error { _, err := report.ParseCause(s); return err }, "", true},
		{"cause unknown", func(s string) error { _, err := report.ParseCause(s); return err }, "weather", true},
		{"likelihood possible", func(s string) error { _, err := report.ParseLikelihood(s); return err }, "possible", false},
		{"likelihood unknown", func(s string) error { _, err := report.ParseLikelihood(s); return err }, "maybe", true},
		{"light grey", func(s string) error { _, err := report.ParseLight(s); return err }, "grey", false},
		{"light unknown", func(s string) error { _, err := report.ParseLight(s); return err }, "purple", true},
		{"status returned", func(s string) error { _, err := report.ParseStatus(s); return err }, "returned", false},
		{"status unknown", func(s string) error { _, err := report.ParseStatus(s); return err }, "archived", true},
		{"action reopen", func(s string) error { _, err := report.ParseAction(s); return err }, "reopen", false},
		{"action unknown", func(s string) error { _, err := report.ParseAction(s); return err }, "delete", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.input)
			if tt.wantErr != (err != nil) {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, report.ErrUnknownValue) {
				t.Errorf("err = %v, want ErrUnknownValue", err)
			}
		})
	}
}

func TestWorstLight(t *testing.T) {
	tests := []struct {
		name   string
		lights []report.Light
		want   report.Light
	}{
		{"nothing is grey", nil, report.LightGrey},
		{"only grey is grey", []report.Light{report.LightGrey, report.LightGrey}, report.LightGrey},
		{"blue beats grey", []report.Light{report.LightGrey, report.LightBlue}, report.LightBlue},
		{"green is worse than blue", []report.Light{report.LightBlue, report.LightGreen}, report.LightGreen},
		{"yellow is worse than green", []report.Light{report.LightGreen, report.LightYellow, report.LightBlue}, report.LightYellow},
		{"red is worst", []report.Light{report.LightYellow, report.LightRed, report.LightGreen}, report.LightRed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := report.Worst(tt.lights...); got != tt.want {
				t.Errorf("Worst(%v) = %s, want %s", tt.lights, got, tt.want)
			}
		})
	}
}

func TestNotesGoingWithActions(t *testing.T) {
	long := strings.Repeat("字", report.MaxTextLength+1)
	tests := []struct {
		name  string
		a     report.Action
		text  string
		field string // "" when accepted
	}{
		{"return needs a comment", report.ActionReturn, " ", "comment"},
		{"return with a comment", report.ActionReturn, "请补充佐证材料", ""},
		{"reopen needs a reason", report.ActionReopen, "", "reason"},
		{"reopen with a reason", report.ActionReopen, "数据录入错误", ""},
		{"approve without a comment", report.ActionApprove, "", ""},
		{"approve comment too long", report.ActionApprove, long, "comment"},
		{"submit needs nothing", report.ActionSubmit, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.a.CheckNote(tc.text)
			if tc.field == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			var ve *report.ValidationError
			if !errors.As(err, &ve) || ve.Fields[tc.field] == "" {
				t.Errorf("want a problem with %s, got %v", tc.field, err)
			}
		})
	}
}
