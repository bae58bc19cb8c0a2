// Package docx writes the report document (绩效自评报告 for the annual
// period, 绩效监控情况 for monitoring) as a Word file. No maintained Go
// library for .docx is at hand, so the document is built from a template
// embedded in the binary: the parts of a minimal .docx (template/), whose
// *.tmpl parts are filled with text/template. Every value passes through
// x, which escapes it for XML, so a value can never break out of its text.
package docx

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/template"
	"time"
)

//go:embed all:template
var parts embed.FS

var funcs = template.FuncMap{
	"x":     escape,
	"cells": func(v ...string) []string { return v },
	// cols is the widths of n equal columns across the text width, in twips.
	"cols": func(n int) []int {
		w := make([]int, n)
		for i := range w {
			w[i] = 9412 / n
		}
		return w
	},
}

var templates = template.Must(template.New("docx").Funcs(funcs).ParseFS(parts, "template/word/*.tmpl", "template/docProps/*.tmpl"))

// escape is a value made safe as XML character data; characters XML cannot
// hold become U+FFFD.
func escape(s string) (string, error) {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Document is what the template shows: one report, or a department's
// reports with a summary table first.
type Document struct {
	Title       string
	Created     string // RFC 3339
	Summary     bool   // a department's document: the summary table first
	Department  string
	PeriodLabel string
	Reports     []Report
}

// Report is one report as the document shows it; every field is text.
type Report struct {
	Title, Code, Name, Department, Category, Budget, Goal, Status string
	Monitor                                                       bool
	// Filled is false for a report never saved: no score, no grade
	Filled bool
	// TargetNotice names the target version the report was filled
	// against when the targets were adjusted since; "" otherwise
	TargetNotice string
	// RuleProfile names the rule profile the total was scored by
	// ("评分规则：national 第1版"); "" for a report never saved
	RuleProfile                                                string
	Adjusted, ExecutedLabel, Executed, Projected, TimeProgress string
	Rate, ExecutionScore, BudgetReason                         string
	ValueLabel                                                 string
	Lines                                                      []Line
	Deviations                                                 []Deviation
	Rectifications                                             []Rectification
	TotalLabel, Total, Grade, TotalBasis                       string
}

// Line is one indicator's row of the target table.
type Line struct {
	Level1, Level2, Name, Target, Value, Projected, Weight, Score, Light, Basis string
}

// Deviation is a line's causes, explanation and measures.
type Deviation struct {
	Name, Causes, Explanation, Likelihood, Measures string
}

// Rectification is one rectification item.
type Rectification struct {
	Text, Status, Due, Answer string
}

// Write writes the document as a .docx file.
func Write(w io.Writer, doc Document, created time.Time) error {
	doc.Created = created.UTC().Format(time.RFC3339)
	zw := zip.NewWriter(w)
	err := fs.WalkDir(parts, "template", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "template/")
		var content []byte
		if strings.HasSuffix(name, ".tmpl") {
			name = strings.TrimSuffix(name, ".tmpl")
			var buf bytes.Buffer
			if err := templates.ExecuteTemplate(&buf, d.Name(), doc); err != nil {
				return fmt.Errorf("fill %s: %w", name, err)
			}
			content = buf.Bytes()
		} else if content, err = parts.ReadFile(p); err != nil {
			return err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return err
		}
		_, err = f.Write(content)
		return err
	})
	if err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return zw.Close()
}
