package workbooks_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"jixiao/app/workbooks"
)

func TestMalformedFilesGetClearChineseErrors(t *testing.T) {
	good := workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows()})
	small := workbooks.DefaultLimits
	small.MaxUnzipped = 1 << 20
	small.MaxRows = 10
	tests := []struct {
		name   string
		data   []byte
		file   string
		limits workbooks.Limits
		want   string
	}{
		{"empty", nil, "t.xlsx", workbooks.DefaultLimits, "空的"},
		{"a PNG named .xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "t.xlsx", workbooks.DefaultLimits, "不是 Excel 工作簿"},
		{"binary named .csv", []byte("\x00\x01\x02\x03"), "t.csv", workbooks.DefaultLimits, "既不是 Excel 工作簿"},
		{"old .xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "t.xls", workbooks.DefaultLimits, "另存为 .xlsx"},
		{"truncated workbook", good[:len(good)/2], "t.xlsx", workbooks.DefaultLimits, "损坏或不完整"},
		{"a zip that is no workbook", zipOf(t, map[string][]byte{"readme.txt": []byte("hello")}), "t.xlsx", workbooks.DefaultLimits, "不是 Excel 工作簿"},
		{"zip bomb", zipOf(t, map[string][]byte{"xl/workbook.xml": make([]byte, 2<<20)}), "t.xlsx", small, "压缩炸弹"},
		{"too large", make([]byte, 2048), "t.csv", workbooks.Limits{MaxBytes: 1024}, "文件过大"},
		{"too many rows", []byte(strings.Repeat("a,b\n", 11)), "t.csv", small, "超过 10 行"},
		{"broken CSV quoting", []byte("a,\"b\nc,d\"x\"\n"), "t.csv", workbooks.DefaultLimits, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := workbooks.Read(tc.data, tc.file, tc.limits)
			if tc.want == "" {
				return // lazy quotes read it; the parser will not find a table
			}
			if !errors.Is(err, workbooks.ErrFile) {
				t.Fatalf("err = %v, want a file error", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMissingSheetsAndColumnsAreNamed(t *testing.T) {
	t.Run("no table at all", func(t *testing.T) {
		got := parse(t, workbook(t, sheetSpec{name: "说明", rows: [][]any{{"本表为空"}}}), "t.xlsx", workbooks.Options{})
		if len(got.Problems) != 1 || !strings.Contains(got.Problems[0].Message, "未找到绩效目标表") {
			t.Errorf("problems %+v", got.Problems)
		}
	})
	t.Run("sheet asked for is missing", func(t *testing.T) {
		got := parse(t, workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows()}), "t.xlsx", workbooks.Options{Sheet: "绩效目标"})
		if len(got.Problems) != 1 || !strings.Contains(got.Problems[0].Message, "没有名为“绩效目标”的工作表") || !strings.Contains(got.Problems[0].Message, "项目绩效目标") {
			t.Errorf("problems %+v", got.Problems)
		}
	})
	t.Run("columns missing", func(t *testing.T) {
		rows := provincialRows()
		for i := range rows {
			if len(rows[i]) > 5 {
				rows[i] = append(append([]any{}, rows[i][:5]...), rows[i][6:]...) // drop 二级指标
			}
		}
		got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows}), "t.xlsx", workbooks.Options{})
		if len(got.Problems) == 0 || !strings.Contains(got.Problems[0].Message, "缺少列：“二级指标”") || got.Problems[0].Row != 3 {
			t.Errorf("problems %+v", got.Problems)
		}
	})
	t.Run("no amount unit", func(t *testing.T) {
		rows := provincialRows()
		rows[1] = []any{nil}
		got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows}), "t.xlsx", workbooks.Options{})
		if len(got.Problems) == 0 || !strings.Contains(got.Problems[0].Message, "未说明金额单位") {
			t.Errorf("problems %+v", got.Problems)
		}
	})
	t.Run("headings without rows", func(t *testing.T) {
		got := parse(t, workbook(t, sheetSpec{name: "表", rows: provincialRows()[:3]}), "t.xlsx", workbooks.Options{})
		if len(got.Problems) != 1 || !strings.Contains(got.Problems[0].Message, "未读到任何项目") {
			t.Errorf("problems %+v", got.Problems)
		}
	})
	t.Run("no year", func(t *testing.T) {
		rows := provincialRows()
		rows[0] = []any{"部门预算项目绩效目标表"}
		got := parse(t, workbook(t, sheetSpec{name: "表", rows: rows}), "t.xlsx", workbooks.Options{})
		if len(got.Problems) == 0 || !strings.Contains(got.Problems[0].Message, "无法确定年度") {
			t.Errorf("problems %+v", got.Problems)
		}
	})
}

func TestFormulasAreNeverEvaluated(t *testing.T) {
	data := workbook(t, sheetSpec{name: "项目绩效目标", rows: provincialRows(), formulas: map[string]string{"K5": "=10*3"}})
	got := parse(t, data, "t.xlsx", workbooks.Options{})
	if len(got.Problems) == 0 {
		t.Fatal("a weight given by a formula was accepted")
	}
	p := got.Problems[0]
	if p.Row != 5 || p.Column != "K" || !strings.Contains(p.Message, "公式") {
		t.Errorf("problem %+v, want K5 about the formula", p)
	}
}

// TestOneBadRowAmongManyIsNamed breaks one weight deep in the exported seed
// (76 indicator rows): the file is refused with that cell named.
func TestOneBadRowAmongManyIsNamed(t *testing.T) {
	data, _ := exportSeed(t)
	sheets, err := workbooks.Read(data, "t.xlsx", workbooks.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh := &sheets[0]
	row := 60 // 1-based, an indicator row in the middle of the table
	sh.Rows[row-1][11] = "二十"
	got := workbooks.ParseTargets(sheets, workbooks.Options{})
	want := fmt.Sprintf("%s:%d:L", sh.Name, row)
	var where []string
	for _, p := range got.Problems {
		where = append(where, fmt.Sprintf("%s:%d:%s", p.Sheet, p.Row, p.Column))
	}
	if len(got.Problems) == 0 || where[0] != want || !strings.Contains(got.Problems[0].Message, "二十") {
		t.Fatalf("problems at %v (%+v), want first %s", where, got.Problems, want)
	}
}
