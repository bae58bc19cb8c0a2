package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestComplianceMatrixNamesRealTests: every test docs/dengbao.md names
// exists, as a func of that name in the package it names, so the matrix
// stays true as the code moves.
func TestComplianceMatrixNamesRealTests(t *testing.T) {
	doc, err := os.ReadFile("../../docs/dengbao.md")
	if err != nil {
		t.Fatal(err)
	}
	group := regexp.MustCompile("((?:app|cmd|domain)/[a-z/]+) ((?:`Test\\w+`(?: \\([^)|]*\\))?(?:, )?)+)")
	name := regexp.MustCompile("`(Test\\w+)`")
	named := 0
	for _, g := range group.FindAllStringSubmatch(string(doc), -1) {
		pkg := g[1]
		files, _ := filepath.Glob(filepath.Join("../..", pkg, "*_test.go"))
		var src strings.Builder
		for _, f := range files {
			b, _ := os.ReadFile(f)
			src.Write(b)
		}
		for _, n := range name.FindAllStringSubmatch(g[2], -1) {
			named++
			if !strings.Contains(src.String(), "func "+n[1]+"(") {
				t.Errorf("docs/dengbao.md names %s in %s, which has no such test", n[1], pkg)
			}
		}
	}
	if named < 60 {
		t.Errorf("only %d tests found in the matrix: is its form still \"pkg `TestX`, `TestY`\"?", named)
	}
	if all := len(name.FindAllString(string(doc), -1)); all-1 != named { // the one in the introduction has no package
		t.Errorf("%d test names in the matrix, %d of them with a package", all-1, named)
	}
}
