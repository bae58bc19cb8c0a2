package workbooks_test

import (
	"errors"
	"testing"

	"jixiao/app/workbooks"
)

// fuzzLimits keep each fuzzed input cheap.
var fuzzLimits = workbooks.Limits{MaxBytes: 1 << 20, MaxUnzipped: 4 << 20, MaxParts: 100, MaxRows: 500, MaxColumns: 50,
	MaxSheets: 5, MaxCellRunes: 2000, MaxCompressRate: 200}

// FuzzParseTargets feeds arbitrary bytes to the importer as a workbook and
// as CSV: it never panics, every refusal of the file is a FileError, and
// whatever it accepts without problems is a set of valid projects, each
// problem pointing at a sheet.
func FuzzParseTargets(f *testing.F) {
	f.Add([]byte(toCSV(provincialRows())), true)
	f.Add([]byte(toCSV(formRows(true))), true)
	f.Add(workbook(f, sheetSpec{name: "表", rows: formRows(true)}), false)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		name := "fuzz.xlsx"
		if csv {
			name = "fuzz.csv"
		}
		sheets, err := workbooks.Read(data, name, fuzzLimits)
		if err != nil {
			if !errors.Is(err, workbooks.ErrFile) {
				t.Fatalf("Read failed without a FileError: %v", err)
			}
			return
		}
		got := workbooks.ParseTargets(sheets, workbooks.Options{})
		if len(got.Problems) > 0 {
			for _, p := range got.Problems {
				if p.Message == "" {
					t.Fatalf("problem without a message: %+v", p)
				}
			}
			return
		}
		for _, imp := range got.Projects {
			if err := imp.Project.Validate(); err != nil {
				t.Fatalf("accepted an invalid project: %v", err)
			}
		}
	})
}
