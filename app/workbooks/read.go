// Package workbooks reads performance-target tables from workbooks (.xlsx) and
// CSV files as they really arrive, and writes the official tables: the
// target table, the monitoring table of a period and the self-evaluation
// table of a year. Reading never evaluates a formula; writing escapes text
// that a spreadsheet would take for one.
package workbooks

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Limits bound what a file may make the reader do.
type Limits struct {
	MaxBytes        int64 // the file itself
	MaxUnzipped     int64 // all parts of a workbook once decompressed (zip bombs)
	MaxParts        int   // files inside a workbook
	MaxRows         int   // rows per sheet
	MaxColumns      int   // columns per row
	MaxSheets       int
	MaxCellRunes    int // characters per cell
	MaxCompressRate int // decompressed ÷ compressed size of one part
}

// DefaultLimits are generous for real tables (hundreds of projects) and
// small enough to keep a hostile file from exhausting the server.
var DefaultLimits = Limits{
	MaxBytes:        20 << 20,
	MaxUnzipped:     100 << 20,
	MaxParts:        2000,
	MaxRows:         20000,
	MaxColumns:      100,
	MaxSheets:       50,
	MaxCellRunes:    10000,
	MaxCompressRate: 200,
}

// ErrFile is wrapped by every error about the file as a whole (not a
// workbook, truncated, too large); its message is for the person uploading.
var ErrFile = errors.New("unreadable file")

// FileError is a problem with the whole file, in Chinese.
type FileError struct{ Message string }

// Error is the message for the person uploading.
func (e *FileError) Error() string { return e.Message }

// Unwrap lets errors.Is(err, ErrFile) match.
func (e *FileError) Unwrap() error { return ErrFile }

func fileErr(format string, args ...any) error {
	return &FileError{Message: fmt.Sprintf(format, args...)}
}

// Sheet is one sheet's cells as text; rows and columns count from 0.
type Sheet struct {
	Name string
	Rows [][]string
	// formula reports whether a cell holds a formula; nil for CSV.
	formula func(row, col int) bool
}

// Cell returns the text of a cell, "" outside the sheet.
func (s *Sheet) Cell(row, col int) string {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return ""
	}
	return s.Rows[row][col]
}

// HasFormula reports whether a cell holds a formula (never evaluated).
func (s *Sheet) HasFormula(row, col int) bool {
	return s.formula != nil && s.formula(row, col)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads the sheets of an .xlsx workbook or a CSV file (one sheet named
// after the file). The kind is told by the content, the name only breaks
// ties. Errors about the file wrap ErrFile and say in Chinese what is wrong.
func Read(data []byte, filename string, lim Limits) ([]Sheet, error) {
	if int64(len(data)) > lim.MaxBytes {
		return nil, fileErr("文件过大：%s 超过上限 %s", size(int64(len(data))), size(lim.MaxBytes))
	}
	if len(data) == 0 {
		return nil, fileErr("文件是空的")
	}
	lower := strings.ToLower(filename)
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return readXLSX(data, lim)
	case bytes.HasPrefix(data, oleMagic):
		return nil, fileErr("这是旧版 Excel（.xls）文件或加密的工作簿，无法读取：请在 Excel 中另存为 .xlsx（不设密码）后再导入")
	case bytes.HasPrefix(data, []byte("PK")):
		return nil, fileErr("文件不是有效的 Excel 工作簿（.xlsx）：内容已损坏或不完整")
	case strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsm"):
		return nil, fileErr("文件扩展名是 .xlsx，但内容不是 Excel 工作簿")
	}
	if !looksLikeText(data) {
		return nil, fileErr("文件既不是 Excel 工作簿（.xlsx）也不是 CSV 文本文件")
	}
	name := filename
	if name == "" {
		name = "CSV"
	}
	return readCSV(data, name, lim)
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// looksLikeText accepts UTF-8 or GB18030 text without NUL bytes.
func looksLikeText(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	return !bytes.Contains(head, []byte{0})
}

// checkZip looks at a workbook's parts before anything is decompressed: how
// many, how large once decompressed, and how compressible. archive/zip stops
// reading a part at its declared size, so the declared sizes bind.
func checkZip(data []byte, lim Limits) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileErr("Excel 工作簿已损坏或不完整（可能上传中断），无法读取")
	}
	if len(zr.File) > lim.MaxParts {
		return fileErr("工作簿包含的部件过多（%d 个），拒绝读取", len(zr.File))
	}
	var total uint64
	workbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(lim.MaxUnzipped) || total > uint64(lim.MaxUnzipped) {
			return fileErr("工作簿解压后过大（超过 %s），疑似压缩炸弹，拒绝读取", size(lim.MaxUnzipped))
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/f.CompressedSize64 > uint64(lim.MaxCompressRate) {
			return fileErr("工作簿压缩比异常（%s），疑似压缩炸弹，拒绝读取", f.Name)
		}
		if f.Name == "xl/workbook.xml" {
			workbook = true
		}
	}
	if !workbook {
		return fileErr("文件是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）")
	}
	return nil
}

func readXLSX(data []byte, lim Limits) ([]Sheet, error) {
	if err := checkZip(data, lim); err != nil {
		return nil, err
	}
	scans, err := scanCells(data, lim.MaxRows*lim.MaxColumns)
	if err != nil {
		return nil, fileErr("Excel 工作簿已损坏或不完整，无法读取")
	}
	// parts above 16 MB are spooled to temporary files, not held in memory
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		return nil, fileErr("Excel 工作簿已损坏或不完整，无法读取")
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) == 0 {
		return nil, fileErr("工作簿中没有工作表")
	}
	if len(names) > lim.MaxSheets {
		return nil, fileErr("工作簿的工作表过多（%d 个，上限 %d）", len(names), lim.MaxSheets)
	}
	var out []Sheet
	for _, name := range names {
		sh, err := readSheet(f, name, lim)
		if err != nil {
			return nil, err
		}
		sc := scans[name]
		sh.formula = func(row, col int) bool { return sc.formulas[cellPos{row, col}] }
		for pos := range sc.dates {
			if pos.row < len(sh.Rows) && pos.col < len(sh.Rows[pos.row]) {
				sh.Rows[pos.row][pos.col] = dateText(sh.Rows[pos.row][pos.col])
			}
		}
		for pos := range sc.percents {
			if pos.row < len(sh.Rows) && pos.col < len(sh.Rows[pos.row]) {
				sh.Rows[pos.row][pos.col] = percentText(sh.Rows[pos.row][pos.col])
			}
		}
		out = append(out, sh)
	}
	return out, nil
}

func readSheet(f *excelize.File, name string, lim Limits) (Sheet, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return Sheet{}, fileErr("工作表“%s”已损坏，无法读取", name)
	}
	defer rows.Close()
	sh := Sheet{Name: name}
	for rows.Next() {
		if len(sh.Rows) >= lim.MaxRows {
			return Sheet{}, fileErr("工作表“%s”超过 %d 行，请拆分后再导入", name, lim.MaxRows)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return Sheet{}, fileErr("工作表“%s”第 %d 行已损坏，无法读取", name, len(sh.Rows)+1)
		}
		if len(cols) > lim.MaxColumns {
			cols = trimTrailingBlank(cols)
			if len(cols) > lim.MaxColumns {
				return Sheet{}, fileErr("工作表“%s”第 %d 行超过 %d 列", name, len(sh.Rows)+1, lim.MaxColumns)
			}
		}
		for i, c := range cols {
			if utf8.RuneCountInString(c) > lim.MaxCellRunes {
				return Sheet{}, fileErr("工作表“%s”单元格 %s 的内容过长", name, cellName(i, len(sh.Rows)))
			}
			cols[i] = unescapeText(excelNumber(c))
		}
		sh.Rows = append(sh.Rows, cols)
	}
	if err := rows.Error(); err != nil {
		return Sheet{}, fileErr("工作表“%s”已损坏，无法读取", name)
	}
	return sh, nil
}

// dateText writes a date cell's serial number as the date it shows
// ("45657" → "2024-12-31"); a time of day is kept ("2024-12-31 08:30").
func dateText(serial string) string {
	v, err := strconv.ParseFloat(serial, 64)
	if err != nil || v < 1 || v > 2958465 {
		return serial
	}
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return serial
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// percentText writes a percentage cell as it shows: 0.95 → "95%", exactly.
func percentText(raw string) string {
	d, err := decimal.NewFromString(raw)
	if err != nil || strings.ContainsAny(raw, "eE") {
		return raw
	}
	return d.Shift(2).String() + "%"
}

func trimTrailingBlank(cols []string) []string {
	for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
		cols = cols[:len(cols)-1]
	}
	return cols
}

var floatText = regexp.MustCompile(`^-?\d+\.\d+$`)

// excelNumber gives a number cell the value Excel shows: a binary float
// written with 17 digits ("744.78000000000009") is rounded to Excel's 15
// significant digits ("744.78"). Other text is left alone.
func excelNumber(s string) string {
	if !floatText.MatchString(s) {
		return s
	}
	digits := strings.TrimLeft(strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1), "0")
	if len(digits) <= 15 {
		return s
	}
	r, ok := new(big.Float).SetPrec(200).SetString(s)
	if !ok {
		return s
	}
	out := r.Text('g', 15)
	if strings.ContainsAny(out, "eE") {
		return s
	}
	if strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	return out
}

func readCSV(data []byte, name string, lim Limits) ([]Sheet, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) {
			return nil, fileErr("CSV 文件的编码无法识别：请保存为 UTF-8 或 GBK 编码")
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.Comma = sniffComma(data)
	sh := Sheet{Name: name}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := len(sh.Rows) + 1
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, fileErr("CSV 文件第 %d 行格式有误，无法读取", line)
		}
		if len(sh.Rows) >= lim.MaxRows {
			return nil, fileErr("CSV 文件超过 %d 行，请拆分后再导入", lim.MaxRows)
		}
		if len(rec) > lim.MaxColumns {
			rec = trimTrailingBlank(rec)
			if len(rec) > lim.MaxColumns {
				return nil, fileErr("CSV 文件第 %d 行超过 %d 列", len(sh.Rows)+1, lim.MaxColumns)
			}
		}
		for i, c := range rec {
			if utf8.RuneCountInString(c) > lim.MaxCellRunes {
				return nil, fileErr("CSV 文件单元格 %s 的内容过长", cellName(i, len(sh.Rows)))
			}
			rec[i] = unescapeText(c)
		}
		sh.Rows = append(sh.Rows, rec)
	}
	if len(sh.Rows) == 0 {
		return nil, fileErr("CSV 文件没有内容")
	}
	return []Sheet{sh}, nil
}

// sniffComma picks the separator of the first line: tab, semicolon or comma.
func sniffComma(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{'\t', ';'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// cellName is the A1 name of a cell, counting from 0.
func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row+1, col+1)
	}
	return n
}

// columnName is the letter name of a column counting from 0 ("A").
func columnName(col int) string {
	n, err := excelize.ColumnNumberToName(col + 1)
	if err != nil {
		return fmt.Sprint(col + 1)
	}
	return n
}
