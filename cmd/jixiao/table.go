package main

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"jixiao/domain/report"
)

// writeTable prints rows under a header in columns two spaces apart,
// aligned by display width: a Chinese character takes two columns of a
// terminal, which a byte or character count gets wrong.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, cell := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for i, cell := range r {
			if i == len(r)-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(runewidth.FillRight(cell, widths[i]))
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// lightLabels are the lights as people name them.
var lightLabels = map[report.Light]string{
	report.LightRed: "红灯", report.LightYellow: "黄灯", report.LightGreen: "绿灯",
	report.LightBlue: "蓝灯", report.LightGrey: "灰灯",
}

func lightLabel(l report.Light) string {
	if s, ok := lightLabels[l]; ok {
		return s
	}
	return string(l)
}
