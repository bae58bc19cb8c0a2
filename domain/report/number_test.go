package report_test

import (
	"errors"
	"testing"

	"jixiao/domain/report"
)

func TestParseNumberAcceptsPlainDecimalsOnly(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr error
	}{
		{"18000", "18000", nil},
		{"95.5", "95.5", nil},
		{"0", "0", nil},
		{"0.0001", "0.0001", nil},
		{"-1", "-1", nil}, // negative: refused by validation, which names it as such
		{"1.8E4", "", report.ErrNumberForm},
		{"1.8e4", "", report.ErrNumberForm},
		{"-0", "", report.ErrNegativeZero},
		{"-0.00", "", report.ErrNegativeZero},
		{"NaN", "", report.ErrNumberForm},
		{"Infinity", "", report.ErrNumberForm},
		{"-Infinity", "", report.ErrNumberForm},
		{"+5", "", report.ErrNumberForm},
		{" 5", "", report.ErrNumberForm},
		{"1,000", "", report.ErrNumberForm},
		{".5", "", report.ErrNumberForm},
		{"5.", "", report.ErrNumberForm},
		{"1.2.3", "", report.ErrNumberForm},
		{"-", "", report.ErrNumberForm},
		{"十二", "", report.ErrNumberForm},
		{"0x10", "", report.ErrNumberForm},
		{"12345678901234567890123456789012345678901", "", report.ErrNumberTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := report.ParseNumber(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseNumber(%q) error %v, want %v", tt.in, err, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("ParseNumber(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
