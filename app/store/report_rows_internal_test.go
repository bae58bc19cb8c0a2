package store

import "testing"

// TestFindLineByIndexOrScan finds lines the same way whether a report has
// few lines (looked through) or many (indexed), a duplicate resolving to
// the last.
func TestFindLineByIndexOrScan(t *testing.T) {
	for _, n := range []int{0, 3, 32, 33, 100} {
		lines := make([]lineRow, n)
		for i := range lines {
			lines[i] = lineRow{IndicatorID: int64(10 + i), Explanation: "first"}
		}
		if n > 0 {
			lines = append(lines, lineRow{IndicatorID: 10, Explanation: "last"})
		}
		byID := lineIndex(lines)
		for id := int64(0); id < int64(n+20); id++ {
			l, ok := findLine(lines, byID, id)
			want := id >= 10 && id < int64(10+n)
			if ok != want {
				t.Fatalf("%d lines: indicator %d found %v", n, id, ok)
			}
			if ok && (l.IndicatorID != id || (id == 10) != (l.Explanation == "last")) {
				t.Fatalf("%d lines: indicator %d gave %+v", n, id, l)
			}
		}
	}
}
