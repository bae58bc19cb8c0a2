package project_test

import (
	"testing"

	"jixiao/domain/project"
)

func TestParseWrittenSplitsOperatorNumberAndUnit(t *testing.T) {
	tests := []struct {
		in   string
		want project.Written
	}{
		{"≥80M", project.Written{Nature: project.NatureGE, Target: "80", Unit: "M"}},
		{"10辆", project.Written{Target: "10", Unit: "辆"}},
		{"≥85%", project.Written{Nature: project.NatureGE, Target: "85", Unit: "%"}},
		{"≥８５％", project.Written{Nature: project.NatureGE, Target: "85", Unit: "%"}},
		{"＞＝95％", project.Written{Nature: project.NatureGE, Target: "95", Unit: "%"}},
		{"＝63人", project.Written{Nature: project.NatureEQ, Target: "63", Unit: "人"}},
		{"≤ 1,200 元/人", project.Written{Nature: project.NatureLE, Target: "1200", Unit: "元/人"}},
		{"250万", project.Written{Target: "250", Unit: "万"}},
		{"不低于98%", project.Written{Nature: project.NatureGE, Target: "98", Unit: "%"}},
		{"优良", project.Written{Nature: project.NatureQualitative, Target: "优良"}},
		{"2023.07-2024.01", project.Written{Nature: project.NatureEQ, Target: "2024-01-31"}},
		{"2024年6月底前", project.Written{Nature: project.NatureEQ, Target: "2024-06-30"}},
		{"按期完成", project.Written{Nature: project.NatureQualitative, Target: "按期完成"}},
		{"2024年6月", project.Written{Nature: project.NatureEQ, Target: "2024-06-30"}},
		{"≤2024-12-31", project.Written{Nature: project.NatureEQ, Target: "2024-12-31"}},
		{"2024年", project.Written{Target: "2024", Unit: "年"}},
		{"-5个", project.Written{Target: "-5", Unit: "个"}},
	}
	for _, tc := range tests {
		if got := project.ParseWritten(tc.in); got != tc.want {
			t.Errorf("ParseWritten(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseWrittenNature(t *testing.T) {
	tests := map[string]project.Nature{
		"≥": project.NatureGE, "＞＝": project.NatureGE, "大于等于": project.NatureGE, "正向指标": project.NatureGE,
		"≤": project.NatureLE, "反向": project.NatureLE, "＝": project.NatureEQ, "=": project.NatureEQ,
		"定性": project.NatureQualitative, "＞": project.NatureGT, "<": project.NatureLT, "": "",
	}
	for in, want := range tests {
		got, err := project.ParseWrittenNature(in)
		if err != nil || got != want {
			t.Errorf("ParseWrittenNature(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := project.ParseWrittenNature("约等于"); err == nil {
		t.Error("约等于 accepted")
	}
}

func TestParseAmountKeepsEveryFen(t *testing.T) {
	tests := []struct {
		in      string
		perYuan bool
		want    string
	}{
		{"3,309,840.00", true, "330.984"},
		{"3309840.01", true, "330.984001"},
		{"744.78", false, "744.78"},
		{"１２．５", false, "12.5"},
		{"250万元", true, "250"},
		{"12,345元", false, "1.2345"},
	}
	for _, tc := range tests {
		got, err := project.ParseAmount(tc.in, tc.perYuan)
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseAmount(%q, %v) = %s, %v; want %s", tc.in, tc.perYuan, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "abc", "1,,2", "-1", "1.5e3", "12.3456789", "1.0000001万元"} {
		if d, err := project.ParseAmount(bad, false); err == nil {
			t.Errorf("ParseAmount(%q) = %s, want an error", bad, d)
		}
	}
}
