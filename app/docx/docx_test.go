package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"jixiao/app/docx"
)

// TestEveryValueIsEscaped: values full of markup stay text; the parts are
// well-formed XML.
func TestEveryValueIsEscaped(t *testing.T) {
	evil := `</w:t></w:r></w:p><w:p><w:r><w:t>injected & "quoted" <b>` + "\x01"
	r := docx.Report{Title: evil, Name: evil, Code: evil, Goal: evil, Status: evil, Total: "95.00", Grade: "优",
		Lines:          []docx.Line{{Level1: evil, Name: evil, Score: "9.00", Basis: evil}},
		Deviations:     []docx.Deviation{{Name: evil, Explanation: evil}},
		Rectifications: []docx.Rectification{{Text: evil, Answer: evil}}}
	var buf bytes.Buffer
	if err := docx.Write(&buf, docx.Document{Title: evil, Summary: true, Department: evil, Reports: []docx.Report{r}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", zr.File[0].Name)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(b))
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
			if cd, ok := tok.(xml.CharData); ok {
				text.Write(cd)
			}
		}
		if f.Name == "word/document.xml" && !strings.Contains(text.String(), `</w:t></w:r></w:p><w:p><w:r><w:t>injected & "quoted" <b>`) {
			t.Errorf("the value did not come through as text")
		}
	}
}
