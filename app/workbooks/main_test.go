package workbooks_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/app/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m, "tables") }

// sheetSpec is one sheet of a fixture workbook: rows of cells (nil is an
// empty cell), merged ranges ("A5:A9") and formulas by cell.
type sheetSpec struct {
	name     string
	rows     [][]any
	merges   []string
	formulas map[string]string
	numFmts  map[string]int // cell → built-in number format (9: 0%, 14: date)
}

// workbook writes a fixture workbook with excelize, as a province's system
// or a person in Excel would have made it.
func workbook(t testing.TB, sheets ...sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sh.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range sh.merges {
			from, to, _ := bytes.Cut([]byte(m), []byte(":"))
			if err := f.MergeCell(sh.name, string(from), string(to)); err != nil {
				t.Fatal(err)
			}
		}
		for cell, nf := range sh.numFmts {
			style, err := f.NewStyle(&excelize.Style{NumFmt: nf})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(sh.name, cell, cell, style); err != nil {
				t.Fatal(err)
			}
		}
		for cell, fm := range sh.formulas {
			if err := f.SetCellFormula(sh.name, cell, fm); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
