package workbooks

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

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

// Unfilled is what a table writes where a report was never saved: in its
// status, its lights and nowhere a score or a grade.
const Unfilled = "未填报"

// lightNames are the Chinese names of the lights, written in the cells; grey
// is a line or a report with nothing entered yet.
var lightNames = map[report.Light]string{
	report.LightRed: "红", report.LightYellow: "黄", report.LightGreen: "绿", report.LightBlue: "蓝", report.LightGrey: Unfilled,
}

// Number formats of the official tables, as Excel and WPS show them.
const (
	FormatAmount  = "#,##0.00"        // 万元, thousands separated
	FormatPercent = "0.00%"           // a rate stored as a fraction
	FormatScore   = "0.00"            // scores, two decimals
	FormatDate    = `yyyy"年"m"月"d"日"` // dates as the forms write them
)

// Typed cells: a value with the number format it is shown in.
type (
	amountCell  struct{ d *decimal.Decimal }
	percentCell struct{ d *decimal.Decimal }
	scoreCell   struct{ d *decimal.Decimal }
	dateCell    struct{ t time.Time }
)

func amount(d *decimal.Decimal) any  { return amountCell{d} }
func percent(d *decimal.Decimal) any { return percentCell{d} }
func score(d decimal.Decimal) any    { return scoreCell{&d} }

// date is a YYYY-MM-DD text as a date cell, or the text itself when it is
// not a date.
func date(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return dateCell{t}
}

// layout is how a sheet prints and scrolls.
type layout struct {
	widths []float64 // column widths, in characters
	// heads are the column headings: a column is made wide enough for its
	// heading's longest line
	heads      []string
	freezeRows int // rows from the top that stay in view when scrolling down
	freezeCols int // columns that stay in view when scrolling sideways
	// printFrom and printTo (from 1) are the rows repeated at the top of
	// every printed page; 0 for none
	printFrom, printTo int
}

// book is a workbook written row by row through a stream writer, so that a
// large export never holds its rows in memory. Its one sheet prints as the
// official table: A4 landscape, one page wide, headings on every page,
// page numbers in the footer.
type book struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	sheet  string
	row    int // the next row, from 1
	styles map[string]int
}

// base styles; a cell's style is a base with a number format and, for text
// that begins like a formula, Excel's quote prefix.
var baseStyles = func() map[string]excelize.Style {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	defs := map[string]excelize.Style{
		"title": {Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		"note":  {Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		"sign":  {Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}},
		"head":  {Font: &excelize.Font{Bold: true}, Border: border, Alignment: centre, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F3F5"}}},
		"text":  {Border: border, Alignment: wrap},
		"bold":  {Font: &excelize.Font{Bold: true}, Border: border, Alignment: wrap},
	}
	for l, c := range lightColours {
		defs["light:"+string(l)] = excelize.Style{Border: border, Alignment: centre, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{lighten(c)}}}
	}
	return defs
}()

func newBook(sheet string, lay layout) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	b := &book{f: f, sheet: sheet, row: 1, styles: map[string]int{}}
	if err := b.pageSetup(lay); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	b.sw = sw
	for i, w := range fitHeadings(lay.widths, lay.heads) {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if lay.freezeRows > 0 || lay.freezeCols > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: lay.freezeCols, YSplit: lay.freezeRows,
			TopLeftCell: cellName(lay.freezeCols, lay.freezeRows), ActivePane: paneOf(lay)}); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// paneOf is the pane that scrolls, as Excel names it.
func paneOf(lay layout) string {
	switch {
	case lay.freezeRows > 0 && lay.freezeCols > 0:
		return "bottomRight"
	case lay.freezeRows > 0:
		return "bottomLeft"
	}
	return "topRight"
}

// pageSetup makes the sheet print as the paper form: A4 landscape, fit to
// one page wide (as many pages down as it takes), the heading rows repeated
// on every page, "第 N 页，共 M 页" in the footer. It runs before the stream
// writer, which writes these settings with the sheet.
func (b *book) pageSetup(lay layout) error {
	a4, landscape, wide, tall, fit := 9, "landscape", 1, 0, true
	if err := b.f.SetPageLayout(b.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := b.f.SetSheetProps(b.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, hf := 0.4, 0.6, 0.3
	if err := b.f.SetPageMargins(b.sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(b.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	if lay.printFrom == 0 {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: b.sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", b.sheet, lay.printFrom, lay.printTo)})
}

// displayWidth is how many character widths a text takes in a cell: two
// for a Chinese character, one for anything else.
func displayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x3000 && r <= 0x303F) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitHeadings widens each column to show its heading's longest line (a
// heading wraps only where it says so).
func fitHeadings(widths []float64, heads []string) []float64 {
	out := append([]float64(nil), widths...)
	for i, h := range heads {
		if i >= len(out) {
			break
		}
		for _, line := range strings.Split(h, "\n") {
			if w := displayWidth(line) + 2; w > out[i] {
				out[i] = w
			}
		}
	}
	return out
}

// lighten mixes a palette colour with white (a light fill keeps text legible).
func lighten(hex string) string {
	v, _ := strconv.ParseUint(hex, 16, 32)
	mix := func(c uint64) uint64 { return c + (255-c)*55/100 }
	r, g, b := mix(v>>16&0xff), mix(v>>8&0xff), mix(v&0xff)
	return fmt.Sprintf("%02X%02X%02X", r, g, b)
}

// write appends one row of cells; each is a string (text), a decimal (a
// number cell when it is exact as one, else text), a typed cell (amount,
// percent, score, date) or a styled cell.
func (b *book) write(style string, values ...any) error {
	return b.writeRow(style, 0, values...)
}

// writeRow is write with a row height in points (0: automatic).
func (b *book) writeRow(style string, height float64, values ...any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		c, err := b.cell(style, v)
		if err != nil {
			return err
		}
		cells[i] = c
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	if err := b.sw.SetRow(cellName(0, b.row-1), cells, opts...); err != nil {
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

func (b *book) cell(style string, v any) (excelize.Cell, error) {
	if s, ok := v.(styled); ok {
		style, v = s.style, s.value
	}
	var (
		value  any
		format string
		quote  bool
	)
	switch x := v.(type) {
	case nil:
	case string:
		value, quote = x, looksLikeFormula(x)
	case decimal.Decimal:
		value, format = exactNumber(x), "number"
	case *decimal.Decimal:
		if x != nil {
			value, format = exactNumber(*x), "number"
		}
	case amountCell:
		value, format = decimalValue(x.d), FormatAmount
	case percentCell:
		value, format = decimalValue(x.d), FormatPercent
	case scoreCell:
		value, format = decimalValue(x.d), FormatScore
	case dateCell:
		value, format = x.t, FormatDate
	case int:
		value, format = x, "number"
	default:
		s := fmt.Sprint(x)
		value, quote = s, looksLikeFormula(s)
	}
	if _, text := value.(string); text && format != "" {
		format = "" // a decimal no float holds exactly stays text, never rounded
	}
	id, err := b.style(style, format, quote)
	return excelize.Cell{StyleID: id, Value: value}, err
}

func decimalValue(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return exactNumber(*d)
}

// style is the id of a base style with a number format ("" none, "number"
// right-aligned General) and, when quote, Excel's quote prefix: the cell is
// text whatever it begins with, and stays text when edited.
func (b *book) style(base, format string, quote bool) (int, error) {
	key := base + "|" + format
	if quote {
		key += "|quote"
	}
	if id, ok := b.styles[key]; ok {
		return id, nil
	}
	if quote {
		id, err := b.style(base, format, false)
		if err != nil {
			return 0, err
		}
		// excelize has no option for the prefix: the style is a copy of the
		// unprefixed one with quotePrefix set (found after it, so that
		// NewStyle never hands it out for the plain one)
		xfs := b.f.Styles.CellXfs
		xf := xfs.Xf[id]
		on := true
		xf.QuotePrefix = &on
		xfs.Xf = append(xfs.Xf, xf)
		xfs.Count = len(xfs.Xf)
		b.styles[key] = len(xfs.Xf) - 1
		return len(xfs.Xf) - 1, nil
	}
	st, ok := baseStyles[base]
	if !ok && base != "" {
		return 0, fmt.Errorf("no cell style %q", base)
	}
	if format != "" {
		align := excelize.Alignment{Vertical: "center"}
		if st.Alignment != nil {
			align = *st.Alignment
		}
		if align.Horizontal == "" || align.Horizontal == "left" {
			align.Horizontal = "right"
		}
		st.Alignment = &align
		if format != "number" {
			f := format
			st.CustomNumFmt = &f
		}
	}
	id, err := b.f.NewStyle(&st)
	if err != nil {
		return 0, err
	}
	b.styles[key] = id
	return id, nil
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

// looksLikeFormula reports whether a spreadsheet would take text typed into
// a cell for a formula: it begins with = + - @ (or a tab or carriage
// return). Such text is written as a plain string cell with the quote
// prefix style, never evaluated and never changed.
func looksLikeFormula(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// unescapeText removes the apostrophe that tables exported by earlier
// versions put before text beginning like a formula.
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

// signOff writes the block under the table that the paper forms end with:
// 填报单位（盖章）and 填报日期 on one line, 单位负责人, 填报人 and 联系电话 on
// the next, spread over the table's columns (0 … last). unit is the
// department's name when the table is of one, else left to be written in.
func (b *book) signOff(unit string, last int) error {
	if err := b.write(""); err != nil { // a blank row under the table
		return err
	}
	lines := [][]string{
		{"填报单位（盖章）：" + unit, "填报日期：        年    月    日"},
		{"单位负责人：", "填报人：", "联系电话："},
	}
	for _, parts := range lines {
		row := make([]any, last+1)
		spans := split(last+1, len(parts))
		for i, p := range parts {
			row[spans[i][0]] = p
		}
		if err := b.writeRow("sign", 28, row...); err != nil {
			return err
		}
		for _, s := range spans {
			if err := b.merge(b.row-1, s[0], b.row-1, s[1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// split divides n columns into k runs as equal as possible, [first, last]
// each; n is at least k.
func split(n, k int) [][2]int {
	out := make([][2]int, 0, k)
	start := 0
	for i := range k {
		size := n / k
		if i < n%k {
			size++
		}
		out = append(out, [2]int{start, start + size - 1})
		start += size
	}
	return out
}

// pageBreak starts a new printed page at the next row.
func (b *book) pageBreak() error {
	return b.sw.InsertPageBreak(cellName(0, b.row-1))
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
