package scoring

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// Adjustment is a reviewer's score for one indicator, with its reason. The
// computed score is kept beside it.
type Adjustment struct {
	IndicatorID int64
	Score       decimal.Decimal
	Reason      string
}

// applyAdjustments sets Adjusted, Reason and Score on the lines adjusted. An
// adjustment must name an applicable indicator once, give a reason of at
// most report.MaxTextLength characters, and a score of at most 2 places in
// 0..W, inside the chosen band for a line scored by band. Problems are keyed
// "adjustments[i].field".
func applyAdjustments(rs rules.RuleSet, p project.Project, lines []LineScore, adj []Adjustment) error {
	pr := report.Problems{}
	seen := map[int64]bool{}
	for i, a := range adj {
		prefix := fmt.Sprintf("adjustments[%d].", i)
		k := indexOf(lines, a.IndicatorID)
		switch {
		case k < 0:
			pr.Add(prefix+"indicator_id", "未知的绩效指标")
			continue
		case seen[a.IndicatorID]:
			pr.Add(prefix+"indicator_id", "同一指标重复调整")
			continue
		case lines[k].NotApplicable:
			pr.Add(prefix+"indicator_id", "不适用的指标不计分，不能调整")
			continue
		}
		seen[a.IndicatorID] = true
		if strings.TrimSpace(a.Reason) == "" {
			pr.Add(prefix+"reason", "调整得分须说明理由")
		} else if utf8.RuneCountInString(a.Reason) > report.MaxTextLength {
			pr.Add(prefix+"reason", fmt.Sprintf("调整理由不能超过%d个字符", report.MaxTextLength))
		}
		ind, _ := p.Indicator(a.IndicatorID)
		w, s, b := ind.Weight, a.Score, lines[k].Band
		switch {
		case s.IsNegative() || s.GreaterThan(w):
			pr.Add(prefix+"score", fmt.Sprintf("调整后得分应在0至%s之间", w))
		case !s.Equal(s.Truncate(2)):
			pr.Add(prefix+"score", "得分最多2位小数")
		case bandRule(lines[k].Rule) && !b.Contains(rs.QualitativeBands, w, s):
			pr.Add(prefix+"score", fmt.Sprintf("调整后得分应在“%s”档的范围%s内",
				b.Label(), b.RangeText(rs.QualitativeBands, w)))
		}
		ls := &lines[k]
		adjusted := s
		ls.Adjusted, ls.Reason, ls.Score = &adjusted, a.Reason, s
		ls.Basis += fmt.Sprintf("；审核调整为 %s（原因：%s）", s.StringFixed(2), a.Reason)
	}
	return pr.Err(report.ErrInvalid)
}

func bandRule(r Rule) bool {
	switch r {
	case RuleQualitativeBand, RuleQualitativeBandFloor, RuleDeadlineBand, RuleDeadlineBandFloor:
		return true
	}
	return false
}

func indexOf(lines []LineScore, id int64) int {
	for i, l := range lines {
		if l.IndicatorID == id {
			return i
		}
	}
	return -1
}
