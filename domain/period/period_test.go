package period_test

import (
	"errors"
	"testing"

	"jixiao/domain/period"
)

func TestParse(t *testing.T) {
	tests := []struct {
		key     string
		want    period.Period
		wantErr bool
	}{
		{"2024", period.Period{Key: "2024", Kind: period.KindFinal, Year: 2024, CutoffMonth: 12}, false},
		{"2024-06", period.Period{Key: "2024-06", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 6}, false},
		{"2024-07", period.Period{Key: "2024-07", Kind: period.KindMonitor, Year: 2024, CutoffMonth: 7}, false},
		{"2024-12", period.Period{}, true},
		{"2024-00", period.Period{}, true},
		{"2024/06", period.Period{}, true},
		{"24", period.Period{}, true},
		{"abcd", period.Period{}, true},
		{"2024-+6", period.Period{}, true},
		{"+024", period.Period{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			got, err := period.Parse(tc.key)
			if tc.wantErr {
				if !errors.Is(err, period.ErrInvalidKey) {
					t.Errorf("want ErrInvalidKey, got %v", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestTimeProgress(t *testing.T) {
	p, _ := period.Parse("2024-06")
	if got := p.TimeProgress().String(); got != "0.5" {
		t.Errorf("6/12 = %s", got)
	}
}

func TestLabelNamesThePeriodAsPeopleDo(t *testing.T) {
	for key, want := range map[string]string{"2024-06": "2024年1–6月监控", "2024-07": "2024年1–7月监控", "2024": "2024年度自评", "x": "x"} {
		if got := period.LabelOf(key); got != want {
			t.Errorf("LabelOf(%q) = %q, want %q", key, got, want)
		}
	}
}
