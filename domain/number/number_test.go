package number_test

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"jixiao/domain/number"
)

type normalizeCase struct {
	In    string   `json:"in"`
	Units []string `json:"units"`
	Want  string   `json:"want"`
	Error string   `json:"error"`
}

// TestNormalizeSharedTable runs the table the web app's test runs too
// (frontend/tests/number.test.ts), so that the form, the API and the importer
// read a typed number the same way.
func TestNormalizeSharedTable(t *testing.T) {
	data, err := os.ReadFile("testdata/normalize.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct{ Cases []normalizeCase }
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Cases) < 40 {
		t.Fatalf("only %d cases read", len(table.Cases))
	}
	for _, c := range table.Cases {
		got, err := number.Normalize(c.In, c.Units...)
		var ge *number.GroupingError
		var ue *number.UnitError
		switch c.Error {
		case "":
			if err != nil || got != c.Want {
				t.Errorf("Normalize(%q, %q) = %q, %v; want %q", c.In, c.Units, got, err, c.Want)
			}
		case "grouping":
			if !errors.As(err, &ge) {
				t.Errorf("Normalize(%q, %q) = %q, %v; want a grouping error", c.In, c.Units, got, err)
			}
		case "unit":
			if !errors.As(err, &ue) {
				t.Errorf("Normalize(%q, %q) = %q, %v; want a unit error", c.In, c.Units, got, err)
			}
		default:
			t.Fatalf("unknown error kind %q", c.Error)
		}
	}
}

func TestSplitNamesTheUnitFound(t *testing.T) {
	plain, unit, err := number.Split("３，３０９，８４０元", "万元", "元")
	if err != nil || plain != "3309840" || unit != "元" {
		t.Fatalf("Split = %q, %q, %v", plain, unit, err)
	}
	plain, unit, err = number.Split("12.5 万元", "万元", "元")
	if err != nil || plain != "12.5" || unit != "万元" {
		t.Fatalf("Split = %q, %q, %v", plain, unit, err)
	}
}

func TestErrorsSayWhatToDoInChinese(t *testing.T) {
	_, err := number.Normalize("95%", "次")
	if err == nil || err.Error() != "数字后的“%”与单位不符：单位应为“次”，请只填写数字" {
		t.Fatalf("unit error: %v", err)
	}
	_, err = number.Normalize("12abc")
	if err == nil || err.Error() != "数字后的“abc”无法识别：请只填写数字" {
		t.Fatalf("bare number error: %v", err)
	}
	_, err = number.Normalize("12,5")
	if err == nil || err.Error() != "“12,5”的千分位分隔符位置不对：应每三位一个逗号，例如 1,234.5" {
		t.Fatalf("grouping error: %v", err)
	}
}
