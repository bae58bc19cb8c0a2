package tables

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/domain/report"
)

// The light colours of the web app's palette (ui.md), as cell fills.
var lightColours = map[report.Light]string{
	report.LightRed:    "F56C6C",
	report.LightYellow: "E6A23C",
	report.LightGreen:  "67C23A",
	report.LightBlue:   "409EFF",
	report.LightGrey:   "909399",
}

// LightFill is the fill colour (RRGGBB) of a light's cells: its palette
// colour lightened so that the text on it stays legible.
func LightFill(l report.Light) string { return lighten(lightColours[l]) }

// LightName is the Chinese name written in a light's cell.
func LightName(l report.Light) string { return lightNames[l] }

// lightNames are the Chinese names of the lights, written in the cells.
var lightNames = map[report.Light]string{
	report.LightRed: "红", report.LightYellow: "黄", report.LightGreen: "绿", report.LightBlue: "蓝", report.LightGrey: "灰（未填报）",
}

// book is a workbook written row by row through a stream writer, so that a
// large export never holds its rows in memory.
type book struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	row    int // the next row, from 1
	styles map[string]int
}

func newBook(sheet string, widths []float64) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	b := &book{f: f, row: 1, styles: map[string]int{}}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		"note":   {Alignment: &excelize.Alignment{Horizontal: "right"}},
		"head":   {Font: &excelize.Font{Bold: true}, Border: border, Alignment: centre, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F3F5"}}},
		"text":   {Border: border, Alignment: wrap},
		"number": {Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		"bold":   {Font: &excelize.Font{Bold: true}, Border: border, Alignment: wrap},
	}
	for l, c := range lightColours {
		defs["light:"+string(l)] = &excelize.Style{Border: border, Alignment: centre, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{lighten(c)}}}
	}
	for name, st := range defs {
		id, err := f.NewStyle(st)
		if err != nil {
			return nil, err
		}
		b.styles[name] = id
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	b.sw = sw
	return b, nil
}

// lighten mixes a palette colour with white (a light fill keeps text legible).
func lighten(hex string) string {
	v, _ := strconv.ParseUint(hex, 16, 32)
	mix := func(c uint64) uint64 { return c + (255-c)*55/100 }
	r, g, b := mix(v>>16&0xff), mix(v>>8&0xff), mix(v&0xff)
	return fmt.Sprintf("%02X%02X%02X", r, g, b)
}

// write appends one row of cells; each is a string (text), a decimal
// (a number cell when it is exact as one, else text), or a styled cell.
func (b *book) write(style string, values ...any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		cells[i] = b.cell(style, v)
	}
	if err := b.sw.SetRow(cellName(0, b.row-1), cells); err != nil {
		return err
	}
	b.row++
	return nil
}

// styled is a cell with its own style ("light:red").
type styled struct {
	style string
	value any
}

func (b *book) cell(style string, v any) excelize.Cell {
	if s, ok := v.(styled); ok {
		style, v = s.style, s.value
	}
	c := excelize.Cell{StyleID: b.styles[style]}
	switch x := v.(type) {
	case nil:
	case string:
		c.Value = escapeText(x)
	case decimal.Decimal:
		c.Value = exactNumber(x)
		if style == "text" {
			c.StyleID = b.styles["number"]
		}
	case *decimal.Decimal:
		if x != nil {
			c.Value = exactNumber(*x)
			if style == "text" {
				c.StyleID = b.styles["number"]
			}
		}
	case int:
		c.Value = x
	default:
		c.Value = escapeText(fmt.Sprint(x))
	}
	return c
}

// exactNumber is a decimal as a number cell when the float a workbook stores
// gives back exactly the same decimal (always so for amounts, weights and
// scores); otherwise as text, so that nothing is ever rounded.
func exactNumber(d decimal.Decimal) any {
	f, _ := d.Float64()
	back, err := decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64))
	if err == nil && back.Equal(d) {
		return f
	}
	return d.String()
}

// escapeText keeps a spreadsheet from reading text as a formula: text
// beginning with = + - @ (or a tab or carriage return) gets a leading
// apostrophe, which Read removes again.
func escapeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unescapeText undoes escapeText.
func unescapeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// merge merges a rectangle given by 1-based rows and 0-based columns.
func (b *book) merge(top, left, bottom, right int) error {
	if top == bottom && left == right {
		return nil
	}
	return b.sw.MergeCell(cellName(left, top-1), cellName(right, bottom-1))
}

// finish flushes the sheet and writes the workbook to w.
func (b *book) finish(w io.Writer) error {
	defer b.f.Close()
	if err := b.sw.Flush(); err != nil {
		return err
	}
	_, err := b.f.WriteTo(w)
	return err
}
