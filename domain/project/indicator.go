// Package project holds the budget projects of a department and their
// performance indicators (绩效指标), with the rules that derive an indicator's
// kind and accrual from its published fields (domain reference §2).
package project

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// Nature is the published 绩效指标性质 of an indicator.
type Nature string

// The natures a disclosure may use.
const (
	NatureGE          Nature = ">="
	NatureGT          Nature = ">"
	NatureLE          Nature = "<="
	NatureLT          Nature = "<"
	NatureEQ          Nature = "="
	NatureQualitative Nature = "qualitative"
)

// ParseNature accepts the API spellings and the symbols and words printed in
// disclosures (≥, ≤, 定性). The PDF text loses the "=" sign, leaving "0"; that
// repair belongs to whoever reads the PDF, not here.
func ParseNature(s string) (Nature, error) {
	switch strings.TrimSpace(s) {
	case ">=", "≥":
		return NatureGE, nil
	case ">":
		return NatureGT, nil
	case "<=", "≤":
		return NatureLE, nil
	case "<":
		return NatureLT, nil
	case "=", "＝":
		return NatureEQ, nil
	case "qualitative", "定性":
		return NatureQualitative, nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownNature, s)
}

// Numeric reports whether the nature compares a number against the target.
func (n Nature) Numeric() bool { return n != NatureQualitative }

// Kind is how an indicator is scored (domain reference §2).
type Kind string

// The indicator kinds.
const (
	KindHigher      Kind = "higher"
	KindLower       Kind = "lower"
	KindEqual       Kind = "equal"
	KindDeadline    Kind = "deadline"
	KindQualitative Kind = "qualitative"
)

// Numeric reports whether the kind is scored from a numeric value.
func (k Kind) Numeric() bool {
	return k == KindHigher || k == KindLower || k == KindEqual
}

// Accrual says how a numeric value builds up through the year.
type Accrual string

// The accruals; the empty accrual belongs to non-numeric kinds.
const (
	AccrualNone       Accrual = ""
	AccrualCumulative Accrual = "cumulative"
	AccrualLevel      Accrual = "level"
)

// ParseAccrual accepts "cumulative", "level" and "" (derive).
func ParseAccrual(s string) (Accrual, error) {
	switch Accrual(s) {
	case AccrualNone, AccrualCumulative, AccrualLevel:
		return Accrual(s), nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownAccrual, s)
}

// MaxNameLength bounds indicator and project names, in characters. The
// longest name in the Golmud seed has 115.
const MaxNameLength = 300

// MaxTextLength bounds goal texts, in characters.
const MaxTextLength = 4000

// Indicator is one published performance indicator (三级指标) of a project.
type Indicator struct {
	ID      int64
	Level1  string // 一级指标
	Level2  string // 二级指标
	Name    string // 三级指标
	Nature  Nature
	Target  string // 指标值 as published: a number, a year, or a word (显著)
	Unit    string // 度量单位; empty for qualitative
	Weight  decimal.Decimal
	Accrual Accrual // empty means derived; see EffectiveAccrual
	// LibraryID is the indicator library entry the indicator was taken
	// from or filed under (0: none).
	LibraryID int64
	// ValueBasis is what the target value rests on (指标值依据, 财预〔2021〕101号):
	// 计划标准, 行业标准, 历史标准, 其他标准, or "" when not stated.
	ValueBasis string
	// CopyOf is the indicator of last year's project this one was copied
	// from (0: written anew).
	CopyOf int64
}

// ValueBases are the bases a target value may state (财预〔2021〕101号).
var ValueBases = []string{"计划标准", "行业标准", "历史标准", "其他标准"}

// ValidValueBasis reports whether b is "" or one of ValueBases.
func ValidValueBasis(b string) bool {
	if b == "" {
		return true
	}
	for _, v := range ValueBases {
		if v == b {
			return true
		}
	}
	return false
}

// TargetNumber returns the numeric target of a numeric or deadline indicator.
func (i Indicator) TargetNumber() (decimal.Decimal, bool) {
	if !i.Nature.Numeric() {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(strings.TrimSpace(i.Target))
	if err != nil {
		return decimal.Decimal{}, false
	}
	return d, true
}

var yearTarget = regexp.MustCompile(`^(19|20)\d\d$`)
var dateTarget = regexp.MustCompile(`^(19|20)\d\d-\d\d-\d\d$`)

// IsTimeliness reports whether level 2 is 时效 (with or without 指标).
func IsTimeliness(level2 string) bool {
	return strings.TrimSuffix(strings.TrimSpace(level2), "指标") == "时效"
}

// Kind derives the scoring kind from nature, level 2 and target.
func (i Indicator) Kind() Kind {
	switch i.Nature {
	case NatureQualitative:
		return KindQualitative
	case NatureGE, NatureGT:
		return KindHigher
	case NatureLE, NatureLT:
		return KindLower
	}
	t := strings.TrimSpace(i.Target)
	if IsTimeliness(i.Level2) && (dateTarget.MatchString(t) || (yearTarget.MatchString(t) && strings.TrimSpace(i.Unit) == "年")) {
		return KindDeadline
	}
	return KindEqual
}

// Deadline returns the date by which a deadline indicator must be done: the
// last day of the target year, or the target date itself.
func (i Indicator) Deadline() (string, bool) {
	if i.Kind() != KindDeadline {
		return "", false
	}
	t := strings.TrimSpace(i.Target)
	if dateTarget.MatchString(t) {
		return t, true
	}
	return t + "-12-31", true
}

// perInterval names frequencies that make a value a per-interval level.
var perInterval = []string{"每月", "每季度", "每季", "每周", "每两周", "每两月", "每半年", "每年", "每天", "每日"}

// EffectiveAccrual is the stated accrual, or the derived default: level for
// unit % and for names that state a per-interval frequency, cumulative for
// other numeric indicators, none for deadlines and qualitative indicators.
func (i Indicator) EffectiveAccrual() Accrual {
	if !i.Kind().Numeric() {
		return AccrualNone
	}
	if i.Accrual != AccrualNone {
		return i.Accrual
	}
	return DefaultAccrual(i.Name, i.Unit)
}

// DefaultAccrual derives the accrual of a numeric indicator from its name and unit.
func DefaultAccrual(name, unit string) Accrual {
	u := strings.TrimSpace(unit)
	if u == "%" || u == "％" {
		return AccrualLevel
	}
	for _, p := range perInterval {
		if strings.Contains(name, p) {
			return AccrualLevel
		}
	}
	return AccrualCumulative
}
