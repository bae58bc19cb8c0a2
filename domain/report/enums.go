package report

import (
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/domain/rules"
)

// Band is the qualitative band chosen for a qualitative line, or for a
// deadline line that was not done on time (domain reference §3).
type Band string

// The bands; BandNone means none chosen yet.
const (
	BandNone        Band = ""
	BandAchieved    Band = "achieved"     // 达成年度指标
	BandPartly      Band = "partly"       // 部分达成并具有一定效果
	BandNotAchieved Band = "not_achieved" // 未达成且效果较差
)

// ParseBand accepts the API spellings and "" (none chosen).
func ParseBand(s string) (Band, error) {
	switch b := Band(s); b {
	case BandNone, BandAchieved, BandPartly, BandNotAchieved:
		return b, nil
	}
	return "", fmt.Errorf("%w: band %q", ErrUnknownValue, s)
}

// Label is the band's name on the national forms.
func (b Band) Label() string {
	switch b {
	case BandAchieved:
		return "达成年度指标"
	case BandPartly:
		return "部分达成并具有一定效果"
	case BandNotAchieved:
		return "未达成且效果较差"
	}
	return "未选择"
}

// Range returns the scores of the band for weight w: [lo, hi], where hi is
// inclusive only for the achieved band (hi = w); the others end just below hi.
func (b Band) Range(qb rules.QualitativeBands, w decimal.Decimal) (lo, hi decimal.Decimal) {
	switch b {
	case BandAchieved:
		return qb.Achieved.Mul(w), w
	case BandPartly:
		return qb.Partly.Mul(w), qb.Achieved.Mul(w)
	case BandNotAchieved:
		return decimal.Zero, qb.Partly.Mul(w)
	}
	return decimal.Zero, decimal.Zero
}

// Contains reports whether score lies in the band for weight w.
func (b Band) Contains(qb rules.QualitativeBands, w, score decimal.Decimal) bool {
	lo, hi := b.Range(qb, w)
	if b == BandNone || score.LessThan(lo) {
		return false
	}
	if b == BandAchieved {
		return score.LessThanOrEqual(hi)
	}
	return score.LessThan(hi)
}

// RangeText writes the band's range for messages: "[16, 20]" or "[12, 16)".
func (b Band) RangeText(qb rules.QualitativeBands, w decimal.Decimal) string {
	lo, hi := b.Range(qb, w)
	if b == BandAchieved {
		return "[" + FormatNumber(lo) + ", " + FormatNumber(hi) + "]"
	}
	return "[" + FormatNumber(lo) + ", " + FormatNumber(hi) + ")"
}

// Cause is a deviation cause (偏差原因).
type Cause string

// The causes of the national monitoring form.
const (
	CauseFunding   Cause = "funding"   // 经费保障
	CauseRules     Cause = "rules"     // 制度保障
	CauseStaffing  Cause = "staffing"  // 人员保障
	CauseEquipment Cause = "equipment" // 硬件条件保障
	CauseOther     Cause = "other"     // 其他
)

// ParseCause accepts the API spellings.
func ParseCause(s string) (Cause, error) {
	switch c := Cause(s); c {
	case CauseFunding, CauseRules, CauseStaffing, CauseEquipment, CauseOther:
		return c, nil
	}
	return "", fmt.Errorf("%w: deviation cause %q", ErrUnknownValue, s)
}

// Label is the cause's name on the national monitoring form.
func (c Cause) Label() string {
	return map[Cause]string{CauseFunding: "经费保障", CauseRules: "制度保障", CauseStaffing: "人员保障",
		CauseEquipment: "硬件条件保障", CauseOther: "其他"}[c]
}

// Likelihood is the likelihood of meeting the target (完成目标可能性).
type Likelihood string

// The likelihoods; LikelihoodNone means not stated.
const (
	LikelihoodNone       Likelihood = ""
	LikelihoodCertain    Likelihood = "certain"    // 确定能
	LikelihoodPossible   Likelihood = "possible"   // 有可能
	LikelihoodImpossible Likelihood = "impossible" // 完全不可能
)

// ParseLikelihood accepts the API spellings and "" (not stated).
func ParseLikelihood(s string) (Likelihood, error) {
	switch l := Likelihood(s); l {
	case LikelihoodNone, LikelihoodCertain, LikelihoodPossible, LikelihoodImpossible:
		return l, nil
	}
	return "", fmt.Errorf("%w: likelihood %q", ErrUnknownValue, s)
}

// Label is the likelihood's name on the national monitoring form.
func (l Likelihood) Label() string {
	return map[Likelihood]string{LikelihoodCertain: "确定能", LikelihoodPossible: "有可能",
		LikelihoodImpossible: "完全不可能"}[l]
}

// Light is a warning light (预警). LightGrey means "no data yet": nothing
// entered from which a light could be told.
type Light string

// The lights, from best to worst (grey is not a judgement and ranks lowest).
const (
	LightGrey   Light = "grey"
	LightBlue   Light = "blue" // ahead of time progress
	LightGreen  Light = "green"
	LightYellow Light = "yellow"
	LightRed    Light = "red"
)

// ParseLight accepts the API spellings.
func ParseLight(s string) (Light, error) {
	switch l := Light(s); l {
	case LightGrey, LightBlue, LightGreen, LightYellow, LightRed:
		return l, nil
	}
	return "", fmt.Errorf("%w: light %q", ErrUnknownValue, s)
}

// Severity orders lights for "worst of": grey 0, blue 1, green 2, yellow 3,
// red 4; anything else counts as grey.
func (l Light) Severity() int {
	switch l {
	case LightBlue:
		return 1
	case LightGreen:
		return 2
	case LightYellow:
		return 3
	case LightRed:
		return 4
	}
	return 0
}

// Warning reports whether the light is red or yellow, the lights that need
// deviation causes, an explanation and measures.
func (l Light) Warning() bool { return l == LightRed || l == LightYellow }

// Worst returns the most severe of the lights. Grey ranks below blue, so a
// project with some lines lit and some not yet filled shows the worst lit
// one; with no lights, or only grey ones, it is grey.
func Worst(lights ...Light) Light {
	worst := LightGrey
	for _, l := range lights {
		if l.Severity() > worst.Severity() {
			worst = l
		}
	}
	return worst
}
