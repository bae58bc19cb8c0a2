// Package period names the reporting periods of a year: monitoring periods
// with a cut-off month (绩效运行监控) and the annual self-evaluation (自评).
package period

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// ErrInvalidKey is returned for a key that is neither "YYYY" nor "YYYY-MM".
var ErrInvalidKey = errors.New("invalid period key")

// ErrNotFound is returned when a period does not exist.
var ErrNotFound = errors.New("period not found")

// Kind tells a monitoring period from the annual one.
type Kind string

// The period kinds.
const (
	KindMonitor Kind = "monitor"
	KindFinal   Kind = "final"
)

// Period is one reporting period of a year.
type Period struct {
	Key         string // "2024-06" or "2024"
	Kind        Kind
	Year        int
	CutoffMonth int // 1–12 for monitoring; 12 for the annual period
	// ReviewLevels is 2 (the default: 主管部门, then 财政) or 1 (the
	// 主管部门's approval is final); 0 reads as 2.
	ReviewLevels int
}

// Parse builds a period from its key: "2024" is the annual self-evaluation,
// "2024-06" the monitoring period with cut-off month 6.
func Parse(key string) (Period, error) {
	for i, r := range key {
		if (r < '0' || r > '9') && !(i == 4 && r == '-') {
			return Period{}, fmt.Errorf("%w: %q", ErrInvalidKey, key)
		}
	}
	switch len(key) {
	case 4:
		y, err := strconv.Atoi(key)
		if err != nil || y < 2000 || y > 2100 {
			return Period{}, fmt.Errorf("%w: %q", ErrInvalidKey, key)
		}
		return Period{Key: key, Kind: KindFinal, Year: y, CutoffMonth: 12}, nil
	case 7:
		y, err1 := strconv.Atoi(key[:4])
		m, err2 := strconv.Atoi(key[5:])
		if key[4] != '-' || err1 != nil || err2 != nil || y < 2000 || y > 2100 || m < 1 || m > 11 {
			return Period{}, fmt.Errorf("%w: %q", ErrInvalidKey, key)
		}
		return Period{Key: key, Kind: KindMonitor, Year: y, CutoffMonth: m}, nil
	}
	return Period{}, fmt.Errorf("%w: %q", ErrInvalidKey, key)
}

// TimeProgress is 序时进度 = cut-off month ÷ 12 rounded to 4 places, for
// display (7/12 shows as 0.5833). Rules compare against CutoffMonth ÷ 12 by
// cross-multiplication, never against this rounded value.
func (p Period) TimeProgress() decimal.Decimal {
	return decimal.NewFromInt(int64(p.CutoffMonth)).DivRound(decimal.NewFromInt(12), 4)
}

// Label is the period as people name it: "2024年1–6月监控" for a monitoring
// period, "2024年度自评" for the annual self-evaluation.
func (p Period) Label() string {
	if p.Kind == KindMonitor {
		return fmt.Sprintf("%d年1–%d月监控", p.Year, p.CutoffMonth)
	}
	return fmt.Sprintf("%d年度自评", p.Year)
}

// LabelOf is the label of a period key, or the key itself when it names no
// period.
func LabelOf(key string) string {
	p, err := Parse(key)
	if err != nil {
		return key
	}
	return p.Label()
}
