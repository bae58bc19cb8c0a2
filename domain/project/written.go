package project

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/domain/number"
)

// This file reads targets the way tables write them: operators as symbols or
// words, full-width characters, and operator, number and unit in one cell
// ("≥80M", "10辆", "≥85%", "250万", "优良", "2023.07-2024.01").

// FoldWidth turns full-width ASCII forms (０-９, ＞, ＝, ％, ．, ，, the
// ideographic space) into their ASCII twins (number.FoldWidth). It is for
// cells holding numbers, operators and units, not for names, whose
// full-width punctuation is text.
func FoldWidth(s string) string { return number.FoldWidth(s) }

// Written operators, longest first so that "≥" is not read as ">".
var operators = []struct {
	text   string
	nature Nature
}{
	{">=", NatureGE}, {"≥", NatureGE}, {"≧", NatureGE}, {"大于等于", NatureGE}, {"不低于", NatureGE}, {"不少于", NatureGE},
	{"<=", NatureLE}, {"≤", NatureLE}, {"≦", NatureLE}, {"小于等于", NatureLE}, {"不高于", NatureLE}, {"不超过", NatureLE}, {"不多于", NatureLE},
	{">", NatureGT}, {"大于", NatureGT}, {"高于", NatureGT},
	{"<", NatureLT}, {"小于", NatureLT}, {"低于", NatureLT},
	{"=", NatureEQ}, {"等于", NatureEQ},
}

// ParseWrittenNature reads a nature cell as tables write it: the API
// spellings, symbols (≥ ＞＝ ≧), words (大于等于, 定性) and the direction of
// provincial exports (正向 ≥, 反向 ≤). The empty cell is ("", nil).
func ParseWrittenNature(s string) (Nature, error) {
	t := strings.ReplaceAll(FoldWidth(strings.TrimSpace(s)), " ", "")
	if t == "" {
		return "", nil
	}
	switch strings.TrimSuffix(t, "指标") {
	case "定性":
		return NatureQualitative, nil
	case "正向":
		return NatureGE, nil
	case "反向":
		return NatureLE, nil
	}
	if n, err := ParseNature(t); err == nil {
		return n, nil
	}
	for _, op := range operators {
		if t == op.text {
			return op.nature, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownNature, s)
}

// Written is a target as read from a cell: its nature (empty when the cell
// states none), the target and the unit.
type Written struct {
	Nature Nature
	Target string
	Unit   string
}

var (
	// a number as number.Cut leaves it: "-12.5", never "1.2.3" or "5."
	plainNumber = regexp.MustCompile(`^-?[0-9]+(?:\.[0-9]+)?$`)
	// 2023.07-2024.01, 2023年7月-2024年1月, 2024.06, 2024年6月: an implementation period or month
	monthSpan = regexp.MustCompile(`^(?:(?:19|20)\d\d(?:[.\-/年]\d{1,2}月?)?\s*[-~至到—]+\s*)?((?:19|20)\d\d)[.\-/年](\d{1,2})月?(?:底|末)?前?$`)
	// 2024-12-31, 2024.12.31, 2024/12/31, 2024年12月31日
	fullDate = regexp.MustCompile(`^((?:19|20)\d\d)[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?(?:前)?$`)
)

// ParseWritten reads a 指标值 cell that may carry operator, number and unit
// together. A number after an optional operator is numeric ("≥80M": ≥ 80 M;
// "10辆": = 10 辆, nature left empty); a month, a span of months or a date
// is a deadline written as the date it ends on ("2023.07-2024.01":
// = 2024-01-31); anything else is a qualitative target ("优良").
func ParseWritten(s string) Written {
	t := strings.TrimSpace(FoldWidth(s))
	var w Written
	for _, op := range operators {
		if strings.HasPrefix(t, op.text) {
			w.Nature = op.nature
			t = strings.TrimSpace(t[len(op.text):])
			break
		}
	}
	if d, ok := writtenDate(t); ok {
		// a deadline is an equal target on a date, however it was introduced
		w.Nature, w.Target = NatureEQ, d
		return w
	}
	if num, rest, ok, err := number.Cut(t); ok && err == nil && plainNumber.MatchString(num) {
		w.Target, w.Unit = num, strings.TrimSpace(rest)
		return w
	}
	if w.Nature != "" {
		// an operator before words: keep what was written, validation will say
		w.Target = t
		return w
	}
	return Written{Nature: NatureQualitative, Target: t}
}

// writtenDate reads a month, a span of months or a date as the last day it
// allows, in YYYY-MM-DD.
func writtenDate(t string) (string, bool) {
	if m := fullDate.FindStringSubmatch(t); m != nil {
		d, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
		if err != nil {
			return "", false
		}
		return d.Format(time.DateOnly), true
	}
	if m := monthSpan.FindStringSubmatch(t); m != nil {
		first, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-1")
		if err != nil {
			return "", false
		}
		return first.AddDate(0, 1, -1).Format(time.DateOnly), true
	}
	return "", false
}

// ParseAmount reads an amount as tables write it ("3,309,840.00", "１２．５",
// "250万元") and returns it in 万元 exactly: perYuan true means the table states
// amounts in 元 (divided by 10,000, which is exact in decimal). A unit written
// in the cell ("元", "万元") wins over the table's. The amount must not be
// negative nor exceed BudgetPlaces decimals once in 万元.
func ParseAmount(s string, perYuan bool) (decimal.Decimal, error) {
	plain, unit, err := number.Split(s, "万元", "元")
	var ge *number.GroupingError
	switch {
	case errors.As(err, &ge):
		return decimal.Decimal{}, fmt.Errorf("金额 %q 不是有效的数字：%w", s, err)
	case err != nil || !plainNumber.MatchString(plain):
		return decimal.Decimal{}, fmt.Errorf("金额 %q 不是有效的数字", s)
	case unit == "万元":
		perYuan = false
	case unit == "元":
		perYuan = true
	}
	d, err := decimal.NewFromString(plain)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("金额 %q 不是有效的数字", s)
	}
	if d.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("金额 %q 不能为负数", s)
	}
	if perYuan {
		d = d.Shift(-4)
	}
	if !d.Equal(d.Round(BudgetPlaces)) {
		return decimal.Decimal{}, fmt.Errorf("金额 %q 超出精度：最多精确到分", s)
	}
	return d, nil
}
