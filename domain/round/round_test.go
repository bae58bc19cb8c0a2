package round_test

import (
	"errors"
	"testing"
	"time"

	"jixiao/domain/report"
	"jixiao/domain/round"
)

func day(s string) time.Time {
	d, err := round.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestReminderSchedule(t *testing.T) {
	s := round.Schedule{BeforeDays: 3, OverdueEveryDays: 3}
	due := day("2025-01-31")
	tests := []struct {
		name, today string
		want        string // the reminder's key, "" for none
	}{
		{"a week before", "2025-01-24", ""},
		{"four days before", "2025-01-27", ""},
		{"three days before", "2025-01-28", "before"},
		{"the day before", "2025-01-30", "before"},
		{"on the due date", "2025-01-31", "due"},
		{"first day late", "2025-02-01", "overdue-0"},
		{"third day late", "2025-02-03", "overdue-0"},
		{"fourth day late", "2025-02-04", "overdue-1"},
		{"tenth day late", "2025-02-10", "overdue-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := s.At(due, day(tt.today))
			got := ""
			if ok {
				got = r.Key()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if ok && r.Escalates() != (r.Stage == round.OverdueNow) {
				t.Errorf("escalation of %s", got)
			}
		})
	}
	if _, ok := (round.Schedule{BeforeDays: 0, OverdueEveryDays: 1}).At(due, day("2025-01-30")); ok {
		t.Error("no reminder before the due date when BeforeDays is 0")
	}
}

func TestDayIgnoresTheClockTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	late := time.Date(2025, 1, 31, 23, 59, 0, 0, cst)
	if !round.Day(late).Equal(day("2025-01-31")) || round.Overdue(day("2025-01-31"), late) {
		t.Errorf("23:59 on the due date is not late: %v", round.Day(late))
	}
	if !round.Overdue(day("2025-01-31"), time.Date(2025, 2, 1, 0, 1, 0, 0, cst)) {
		t.Error("a minute into the next day is late")
	}
}

func TestNewRoundChecksItsFields(t *testing.T) {
	today := day("2025-01-10")
	tests := []struct {
		name        string
		period      string
		departments []string
		due         string
		wantErr     bool
	}{
		{"valid", "2024", []string{"003001"}, "2025-01-31", false},
		{"due today", "2024", []string{"003001"}, "2025-01-10", false},
		{"due in the past", "2024", []string{"003001"}, "2025-01-09", true},
		{"no department", "2024", nil, "2025-01-31", true},
		{"department twice", "2024", []string{"003001", "003001"}, "2025-01-31", true},
		{"bad date", "2024", []string{"003001"}, "31.01.2025", true},
		{"no period", "", []string{"003001"}, "2025-01-31", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := round.New(tt.period, tt.departments, tt.due, "", today)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, round.ErrInvalid) {
				t.Errorf("err %v is not ErrInvalid", err)
			}
			if err == nil && r.Status != round.Open {
				t.Errorf("a new round is %s", r.Status)
			}
		})
	}
}

func TestExtendAndClose(t *testing.T) {
	r, err := round.New("2024", []string{"003001"}, "2025-01-31", "", day("2025-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Extend("2025-01-31"); !errors.Is(err, round.ErrInvalid) {
		t.Errorf("extend to the same day: %v", err)
	}
	if err := r.Extend("2025-02-15"); err != nil || !r.Due.Equal(day("2025-02-15")) {
		t.Errorf("extend: %v, due %v", err, r.Due)
	}
	if err := r.Close("reviewer", time.Now()); err != nil || r.Status != round.Closed {
		t.Errorf("close: %v", err)
	}
	if err := r.Close("reviewer", time.Now()); !errors.Is(err, round.ErrClosed) {
		t.Errorf("close twice: %v", err)
	}
	if err := r.Extend("2025-03-01"); !errors.Is(err, round.ErrClosed) {
		t.Errorf("extend a closed round: %v", err)
	}
}

func TestTally(t *testing.T) {
	states := []round.ReportState{
		{Saved: false},
		{Saved: true, Status: report.StatusDraft},
		{Saved: true, Status: report.StatusSubmitted},
		{Saved: true, Status: report.StatusApproved},
		{Saved: true, Status: report.StatusReturned},
	}
	due := day("2025-01-31")
	before := round.Tally(states, due, day("2025-01-31"))
	if before != (round.Progress{Total: 5, Filled: 4, Submitted: 1, Approved: 1, Returned: 1, Overdue: 0}) {
		t.Errorf("on the due date: %+v", before)
	}
	after := round.Tally(states, due, day("2025-02-01"))
	if after.Overdue != 3 {
		t.Errorf("after the due date: %d overdue, want 3 (never saved, draft, returned)", after.Overdue)
	}
}
