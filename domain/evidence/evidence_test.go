package evidence_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"jixiao/domain/evidence"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
)

func zipWith(names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	return buf.Bytes()
}

func TestDetectByContent(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string // "" means refused
	}{
		{"pdf", []byte("%PDF-1.7\n..."), "pdf"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "png"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "jpeg"},
		{"docx", zipWith("[Content_Types].xml", "word/document.xml"), "docx"},
		{"xlsx", zipWith("[Content_Types].xml", "xl/workbook.xml"), "xlsx"},
		{"a plain zip", zipWith("readme.txt"), ""},
		{"an ELF executable", []byte("\x7fELF\x02\x01\x01\x00"), ""},
		{"a Windows executable", []byte("MZ\x90\x00\x03\x00"), ""},
		{"html", []byte("<html><script>alert(1)</script>"), ""},
		{"damaged zip", []byte("PK\x03\x04garbage"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := evidence.Detect(tt.content)
			if tt.want == "" {
				if !errors.Is(err, evidence.ErrUnsupported) {
					t.Errorf("want refused, got %v %v", got, err)
				}
				return
			}
			if err != nil || got.Name != tt.want {
				t.Errorf("got %v %v, want %s", got, err, tt.want)
			}
		})
	}
}

func TestSanitizeName(t *testing.T) {
	tests := map[string]string{
		"报告.pdf":                "报告.pdf",
		"../../etc/passwd":      "passwd",
		`C:\Users\x\佐证 材料.docx`: "佐证 材料.docx",
		"a\x00b\r\n.pdf":        "ab.pdf",
		"\u202efdp.exe":         "fdp.exe",
		`say "hi".png`:          "say hi.png",
		"...":                   "附件",
		"":                      "附件",
	}
	for in, want := range tests {
		if got := evidence.SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNameForGivesTheExtensionOfTheSniffedType: a download is named for
// what its content is, never for what the uploader called it.
func TestNameForGivesTheExtensionOfTheSniffedType(t *testing.T) {
	long := strings.Repeat("长", evidence.MaxName)
	tests := []struct {
		name string
		typ  evidence.Type
		want string
	}{
		{"report.html", evidence.PNG, "report.png"},
		{"报告.PDF", evidence.PDF, "报告.PDF"},
		{"photo.jpeg", evidence.JPEG, "photo.jpeg"},
		{"photo.JPG", evidence.JPEG, "photo.JPG"},
		{"photo.png", evidence.JPEG, "photo.jpg"},
		{"扫描件", evidence.PDF, "扫描件.pdf"},
		{"2024.06.30 会议纪要", evidence.DOCX, "2024.06.30 会议纪要.docx"},
		{"table.xlsx.exe", evidence.XLSX, "table.xlsx.xlsx"},
		{"invoice.pdf", evidence.DOCX, "invoice.docx"},
		{".png", evidence.PDF, "附件.pdf"},
		{long + ".html", evidence.PNG, strings.Repeat("长", evidence.MaxName-4) + ".png"},
	}
	for _, tt := range tests {
		if got := evidence.NameFor(tt.name, tt.typ); got != tt.want {
			t.Errorf("NameFor(%q, %s) = %q, want %q", tt.name, tt.typ.Name, got, tt.want)
		}
		if got := evidence.NameFor(tt.want, tt.typ); got != tt.want {
			t.Errorf("NameFor is not idempotent on %q: %q", tt.want, got)
		}
	}
	for _, typ := range evidence.Types {
		if got, ok := evidence.TypeOf(typ.ContentType); !ok || got.Name != typ.Name {
			t.Errorf("TypeOf(%s) = %v %v", typ.ContentType, got, ok)
		}
	}
	if _, ok := evidence.TypeOf("text/html"); ok {
		t.Error("TypeOf(text/html) is an accepted type")
	}
}

func TestCheckSize(t *testing.T) {
	if err := evidence.CheckSize(evidence.DefaultMaxSize, evidence.DefaultMaxSize); err != nil {
		t.Errorf("exactly the limit: %v", err)
	}
	if err := evidence.CheckSize(evidence.DefaultMaxSize+1, evidence.DefaultMaxSize); !errors.Is(err, evidence.ErrTooLarge) {
		t.Errorf("one byte over: %v", err)
	}
	if err := evidence.CheckSize(0, evidence.DefaultMaxSize); !errors.Is(err, evidence.ErrInvalid) {
		t.Errorf("empty: %v", err)
	}
}

func TestMissingEvidenceForRedAndYellowLines(t *testing.T) {
	ev := monitor.Evaluation{Lines: []monitor.LineEvaluation{
		{IndicatorID: 1, Light: report.LightGreen}, {IndicatorID: 2, Light: report.LightYellow},
		{IndicatorID: 3, Light: report.LightRed}, {IndicatorID: 4, Light: report.LightBlue},
	}}
	err := evidence.Missing(ev, map[int64]bool{3: true})
	if !errors.Is(err, evidence.ErrMissingFiles) {
		t.Fatalf("want missing evidence, got %v", err)
	}
	fe := err.(interface{ FieldErrors() map[string]string }).FieldErrors()
	if len(fe) != 1 || fe["lines[1].evidence"] == "" {
		t.Errorf("fields %v, want only lines[1]", fe)
	}
	if err := evidence.Missing(ev, map[int64]bool{2: true, 3: true}); err != nil {
		t.Errorf("all present: %v", err)
	}
}
