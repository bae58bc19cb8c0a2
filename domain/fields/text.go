package fields

import "strings"

// TextProblem tells what is wrong with a text a person entered, "" when
// nothing is: text refuses NUL and the other C0 control characters except
// tab and newline (they break storage and terminals and are never typed),
// and a name (name is true: usernames, display names) also refuses the
// bidirectional overrides and isolates, which make a name read as another.
func TextProblem(s string, name bool) string {
	for _, r := range s {
		switch {
		case r == 0:
			return "不能含有空字符（NUL）"
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f:
			return "不能含有控制字符"
		case name && isBidiControl(r):
			return "不能含有改变文字方向的控制字符"
		}
	}
	if !name {
		return ""
	}
	if strings.ContainsAny(s, "\t\n") {
		return "不能含有制表符或换行"
	}
	return ""
}

// isBidiControl tells the bidirectional embedding, override and isolate
// characters (U+202A–U+202E, U+2066–U+2069) and the marks U+200E, U+200F,
// U+061C.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
