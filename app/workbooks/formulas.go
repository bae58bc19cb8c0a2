package workbooks

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellPos is a cell counting from 0.
type cellPos struct{ row, col int }

// sheetScan is what the cells' XML says beyond their values: which hold a
// formula, which are numbers shown as dates, which as percentages.
type sheetScan struct {
	formulas map[cellPos]bool
	dates    map[cellPos]bool
	percents map[cellPos]bool
}

// scanCells finds, for each sheet (by name), the cells that hold a formula
// and the number cells formatted as dates, streaming the worksheets' XML:
// no formula is evaluated and no sheet is loaded whole. A worksheet may
// hold at most maxCells of either.
func scanCells(data []byte, maxCells int) (map[string]sheetScan, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	sheets, err := sheetPaths(files)
	if err != nil {
		return nil, err
	}
	dateStyles, percentStyles := numberStyles(files["xl/styles.xml"])
	out := map[string]sheetScan{}
	for name, p := range sheets {
		f, ok := files[p]
		if !ok {
			continue
		}
		sc, err := scanSheet(f, dateStyles, percentStyles, maxCells)
		if err != nil {
			return nil, err
		}
		out[name] = sc
	}
	return out, nil
}

// numberStyles are the cell styles (indexes of cellXfs) whose number format
// shows a date (the built-in date formats and custom ones with y, m or d
// outside quotes and brackets) or a percentage (9, 10, or a % in the code).
func numberStyles(f *zip.File) (dates, percents map[string]bool) {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	dates, percents = map[string]bool{}, map[string]bool{}
	if f == nil || f.UncompressedSize64 > 16<<20 || decodePart(f, &st) != nil {
		return dates, percents
	}
	customDate, customPct := map[int]bool{}, map[int]bool{}
	for _, nf := range st.NumFmts {
		customDate[nf.ID] = isDateFormat(nf.Code)
		customPct[nf.ID] = !customDate[nf.ID] && strings.Contains(nf.Code, "%")
	}
	for i, xf := range st.Xfs {
		id := xf.NumFmtID
		switch {
		case (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || customDate[id]:
			dates[strconv.Itoa(i)] = true
		case id == 9 || id == 10 || customPct[id]:
			percents[strconv.Itoa(i)] = true
		}
	}
	return dates, percents
}

func isDateFormat(code string) bool {
	quoted, bracket := false, false
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case !quoted && !bracket && (r == 'y' || r == 'd' || r == 'm' || r == '年' || r == '月' || r == '日'):
			return true
		}
	}
	return false
}

// sheetPaths maps sheet names to their parts via workbook.xml and its rels.
func sheetPaths(files map[string]*zip.File) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.ID]
	}
	return out, nil
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("missing part")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// scanSheet streams one worksheet and notes every cell with an <f> and
// every number cell in a date or percentage style.
func scanSheet(f *zip.File, dateStyles, percentStyles map[string]bool, maxCells int) (sheetScan, error) {
	rc, err := f.Open()
	if err != nil {
		return sheetScan{}, err
	}
	defer rc.Close()
	sc := sheetScan{formulas: map[cellPos]bool{}, dates: map[cellPos]bool{}, percents: map[cellPos]bool{}}
	dec := xml.NewDecoder(rc)
	row, col := -1, -1
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return sc, nil
		}
		if err != nil {
			return sheetScan{}, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			row, col = row+1, -1
			if r := attr(se, "r"); r != "" {
				if n, err := strconv.Atoi(r); err == nil {
					row = n - 1
				}
			}
		case "c":
			col++
			if ref := attr(se, "r"); ref != "" {
				if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
					col, row = c-1, r-1
				}
			}
			if t := attr(se, "t"); t == "" || t == "n" {
				style := attr(se, "s")
				if len(sc.dates)+len(sc.percents) >= maxCells {
					return sheetScan{}, errors.New("too many formatted cells")
				}
				if dateStyles[style] {
					sc.dates[cellPos{row, col}] = true
				} else if percentStyles[style] {
					sc.percents[cellPos{row, col}] = true
				}
			}
		case "f":
			if len(sc.formulas) >= maxCells {
				return sheetScan{}, errors.New("too many formulas")
			}
			sc.formulas[cellPos{row, col}] = true
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
