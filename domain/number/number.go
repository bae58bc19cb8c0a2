// Package number reads a number the way clerks type it and tables write it,
// and rewrites it in the plain form the rest of the product reads ("1234.5"):
// full-width digits and punctuation (what a Chinese input method types),
// thousands separators, spaces, and a trailing unit or percent sign.
//
// It is the one rule shared by the report form (the web app applies the same
// rule, tested by the same table, testdata/normalize.json), the report API
// and the table importer. What the plain text then means (negative, too many
// places, exponent forms) is for the caller's parser to judge.
package number

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// FoldWidth turns full-width ASCII forms (０-９, ＞, ＝, ％, ．, ，, …) into
// their ASCII twins, the ideographic space into a space and the minus sign
// (U+2212) into a hyphen-minus. It is for cells holding numbers, operators
// and units, not for names, whose full-width punctuation is text.
func FoldWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == 0x2212:
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// space reports the characters a number may carry around or inside it
// (copied from Excel or a PDF): ASCII white space, no-break and thin spaces,
// the ideographic space and the byte-order mark.
func space(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x00A0, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200B
}

// squeeze folds the width, removes every space and reads "。" between two
// digits as a decimal point (a Chinese input method types it for ".").
func squeeze(s string) string {
	folded := FoldWidth(s)
	var b strings.Builder
	b.Grow(len(folded))
	rs := []rune(folded)
	kept := make([]rune, 0, len(rs))
	for _, r := range rs {
		if !space(r) {
			kept = append(kept, r)
		}
	}
	for i, r := range kept {
		if r == '。' && i > 0 && i < len(kept)-1 && digit(kept[i-1]) && digit(kept[i+1]) {
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func digit(r rune) bool { return r >= '0' && r <= '9' }

// GroupingError is a number whose thousands separators are not every three
// digits of its integer part ("1,23", "12,5": a decimal comma is not read).
type GroupingError struct{ Text string }

func (e *GroupingError) Error() string {
	return fmt.Sprintf("“%s”的千分位分隔符位置不对：应每三位一个逗号，例如 1,234.5", e.Text)
}

// UnitError is a number followed by text that is not one of the units the
// field allows.
type UnitError struct {
	Suffix string
	Units  []string // what the field allows; none when it takes a bare number
}

func (e *UnitError) Error() string {
	if len(e.Units) == 0 {
		return fmt.Sprintf("数字后的“%s”无法识别：请只填写数字", e.Suffix)
	}
	return fmt.Sprintf("数字后的“%s”与单位不符：单位应为“%s”，请只填写数字", e.Suffix, strings.Join(e.Units, "”或“"))
}

// Cut splits a text into its leading number, normalised (width folded,
// spaces and thousands separators removed, "。" read as a point), and the
// text after it, which may hold anything (a unit, "次/2周"). ok is false when
// the text does not start with a number. A misplaced thousands separator is
// a *GroupingError.
func Cut(s string) (num, rest string, ok bool, err error) {
	t := squeeze(s)
	end := 0
	if end < len(t) && (t[end] == '-' || t[end] == '+') {
		end++
	}
	start := end
	for end < len(t) && (digit(rune(t[end])) || t[end] == ',' || t[end] == '.') {
		end++
	}
	if end == start || !digit(rune(t[start])) {
		return t, "", false, nil
	}
	num, rest = t[:end], t[end:]
	if strings.Contains(num, ",") {
		if !grouped(num) {
			return "", "", false, &GroupingError{Text: strings.TrimSpace(s)}
		}
		num = strings.ReplaceAll(num, ",", "")
	}
	return num, rest, true, nil
}

// grouped reports whether the commas of a number separate its integer part
// in threes ("1,234", "-12,345.6") and appear nowhere else.
func grouped(num string) bool {
	body := strings.TrimLeft(num, "+-")
	intPart, frac, _ := strings.Cut(body, ".")
	if strings.Contains(frac, ",") {
		return false
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// Split normalises a typed number and takes off a trailing unit, which must
// be one of units (compared after folding and without spaces; "%" counts as
// a unit). It returns the plain text and the unit found ("" when none). A
// text that is not a number at all, or whose tail holds a digit (an exponent
// form, "1.2.3", a second number), comes back squeezed, for the caller's
// parser to refuse; a wrong unit is a *UnitError.
func Split(s string, units ...string) (plain, unit string, err error) {
	num, rest, ok, err := Cut(s)
	switch {
	case err != nil:
		return "", "", err
	case !ok || rest == "":
		return num, "", nil
	case strings.ContainsAny(rest, "0123456789"):
		return squeeze(s), "", nil
	}
	for _, u := range units {
		if u != "" && rest == squeeze(u) {
			return num, u, nil
		}
	}
	if !utf8.ValidString(rest) {
		rest = strings.ToValidUTF8(rest, "?")
	}
	return "", "", &UnitError{Suffix: rest, Units: nonEmpty(units)}
}

// Normalize is Split without the unit found.
func Normalize(s string, units ...string) (string, error) {
	plain, _, err := Split(s, units...)
	return plain, err
}

func nonEmpty(units []string) []string {
	var out []string
	for _, u := range units {
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}
