package fields_test

import (
	"testing"

	"jixiao/domain/fields"
)

func TestTextProblem(t *testing.T) {
	for _, tc := range []struct {
		s    string
		name bool
		bad  bool
	}{
		{"考核尚未完成\n下半年补考\t（见附件）", false, false},
		{"a\x00b", false, true},
		{"\x07", false, true},
		{"\x1b[31m", false, true},
		{"\x7f", false, true},
		{"审计\u202e员", false, false},
		{"审计\u202e员", true, true},
		{"审计\u2066员", true, true},
		{"张三", true, false},
		{"张\n三", true, true},
	} {
		if got := fields.TextProblem(tc.s, tc.name) != ""; got != tc.bad {
			t.Errorf("TextProblem(%q, %v) refuses: %v, want %v", tc.s, tc.name, got, tc.bad)
		}
	}
}
