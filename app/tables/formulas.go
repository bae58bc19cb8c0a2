package tables

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

// formulaCells finds the cells of each sheet (by name) that hold a formula,
// streaming the worksheets' XML: no formula is evaluated and no sheet is
// loaded whole. A worksheet may hold at most maxCells formulas.
func formulaCells(data []byte, maxCells int) (map[string]map[cellPos]bool, error) {
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
	out := map[string]map[cellPos]bool{}
	for name, p := range sheets {
		f, ok := files[p]
		if !ok {
			continue
		}
		cells, err := scanFormulas(f, maxCells)
		if err != nil {
			return nil, err
		}
		out[name] = cells
	}
	return out, nil
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

// scanFormulas streams one worksheet and notes every cell with an <f>.
func scanFormulas(f *zip.File, maxCells int) (map[cellPos]bool, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	cells := map[cellPos]bool{}
	dec := xml.NewDecoder(rc)
	row, col := -1, -1
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return cells, nil
		}
		if err != nil {
			return nil, err
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
		case "f":
			if len(cells) >= maxCells {
				return nil, errors.New("too many formulas")
			}
			cells[cellPos{row, col}] = true
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
