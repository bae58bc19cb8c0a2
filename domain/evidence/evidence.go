// Package evidence holds the rules of evidence files (佐证材料): which
// types are accepted, told by their content and never by their name; how
// large they may be; how their names are kept; and which lines of a report
// need evidence before it is submitted.
package evidence

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao/domain/fields"
	"jixiao/domain/monitor"
	"jixiao/domain/report"
)

// Errors of evidence files.
var (
	ErrNotFound     = errors.New("attachment not found")
	ErrInvalid      = errors.New("invalid attachment")
	ErrTooLarge     = errors.New("attachment too large")
	ErrUnsupported  = errors.New("attachment type not accepted")
	ErrMissingFiles = errors.New("evidence missing")
)

// DefaultMaxSize is the largest file accepted unless a setting says
// otherwise: 20 MB.
const DefaultMaxSize = 20 << 20

// MaxName is the longest file name kept, in characters.
const MaxName = 200

// Type is an accepted kind of file.
type Type struct {
	Name        string // "pdf", "png", "jpeg", "docx", "xlsx"
	ContentType string
	// Inline tells whether a browser may show it in a preview.
	Inline bool
	// Extensions are the name endings of the type, the usual one first.
	Extensions []string
}

// The accepted types.
var (
	PDF  = Type{"pdf", "application/pdf", true, []string{".pdf"}}
	PNG  = Type{"png", "image/png", true, []string{".png"}}
	JPEG = Type{"jpeg", "image/jpeg", true, []string{".jpg", ".jpeg"}}
	DOCX = Type{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false, []string{".docx"}}
	XLSX = Type{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, []string{".xlsx"}}
)

// Types are the accepted types.
var Types = []Type{PDF, PNG, JPEG, DOCX, XLSX}

// TypeOf is the accepted type of a content type.
func TypeOf(contentType string) (Type, bool) {
	for _, t := range Types {
		if t.ContentType == contentType {
			return t, true
		}
	}
	return Type{}, false
}

// NameFor gives a kept file name the extension of the type its content was
// told to be, so that a download is opened as what it is: "report.html"
// holding a PNG is "report.png", "扫描件" holding a PDF "扫描件.pdf"; a
// name ending in one of the type's extensions (any case) stays. Only a
// short run of letters and digits after the last dot counts as an
// extension ("2024.06.30 会议纪要" has none), and the result stays within
// MaxName characters.
func NameFor(name string, t Type) string {
	if len(t.Extensions) == 0 {
		return name
	}
	ext := extension(name)
	for _, e := range t.Extensions {
		if strings.EqualFold(ext, e) {
			return name
		}
	}
	base := strings.TrimSuffix(name, ext)
	if base == "" {
		base = "附件"
	}
	want := t.Extensions[0]
	if n := MaxName - utf8.RuneCountInString(want); utf8.RuneCountInString(base) > n {
		base = string([]rune(base)[:n])
	}
	return base + want
}

// extension is a name's ending from its last dot when one to eight ASCII
// letters and digits follow it, else "".
func extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || len(name)-i-1 < 1 || len(name)-i-1 > 8 {
		return ""
	}
	for _, r := range name[i+1:] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return name[i:]
}

// Detect tells the type of a file from its content: PDF, PNG and JPEG by
// their signatures, DOCX and XLSX as zip archives holding the main part of
// a Word or Excel document. Anything else is ErrUnsupported, whatever its
// name says.
func Detect(content []byte) (Type, error) {
	switch {
	case bytes.HasPrefix(content, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(content, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(content, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
		if err != nil {
			return Type{}, unsupported()
		}
		for _, f := range zr.File {
			switch f.Name {
			case "word/document.xml":
				return DOCX, nil
			case "xl/workbook.xml":
				return XLSX, nil
			}
		}
	}
	return Type{}, unsupported()
}

// unsupported is ErrUnsupported as a problem of the field "file".
func unsupported() error {
	return fields.One(ErrUnsupported, "file", "仅接受 PDF、PNG、JPEG、DOCX、XLSX 文件（按文件内容识别）")
}

// CheckSize refuses an empty file and one over max bytes.
func CheckSize(size, max int64) error {
	switch {
	case size <= 0:
		return fields.One(ErrInvalid, "file", "文件为空")
	case size > max:
		return fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, size, max)
	}
	return nil
}

// SanitizeName keeps a file name for display: its last path element only,
// without control or format characters, quotes and backslashes, trimmed
// and bounded; "附件" when nothing is left.
func SanitizeName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '"', r == '/':
			continue
		}
		b.WriteRune(r)
	}
	out := strings.TrimSpace(b.String())
	out = strings.Trim(out, ".")
	if utf8.RuneCountInString(out) > MaxName {
		out = string([]rune(out)[:MaxName])
	}
	if out == "" {
		return "附件"
	}
	return out
}

// Missing lists the lines of an evaluated report that need evidence and
// have none: with the setting on, every applicable line lit red or yellow
// needs at least one file. have holds the indicator ids that have files.
func Missing(ev monitor.Evaluation, have map[int64]bool) error {
	pr := report.Problems{}
	for i, l := range ev.Lines {
		if (l.Light == report.LightRed || l.Light == report.LightYellow) && !have[l.IndicatorID] {
			pr.Add(fmt.Sprintf("lines[%d].evidence", i), "红灯或黄灯指标须上传佐证材料")
		}
	}
	return pr.Err(ErrMissingFiles)
}
