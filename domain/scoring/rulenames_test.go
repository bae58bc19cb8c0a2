package scoring_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"jixiao/domain/scoring"
)

// TestEveryRuleHasAChineseName: a page shows the name, never the code.
func TestEveryRuleHasAChineseName(t *testing.T) {
	seen := map[string]scoring.Rule{}
	for _, r := range scoring.Rules() {
		name := r.Name()
		if name == "" {
			t.Errorf("rule %s has no name", r)
			continue
		}
		if strings.Contains(name, string(r)) || strings.ContainsAny(name, "abcdefghijklmnopqrstuvwxyz_") {
			t.Errorf("rule %s: name %q shows code", r, name)
		}
		if !strings.ContainsFunc(name, func(c rune) bool { return unicode.Is(unicode.Han, c) }) {
			t.Errorf("rule %s: name %q is not Chinese", r, name)
		}
		if other, ok := seen[name]; ok {
			t.Errorf("rules %s and %s share the name %q", r, other, name)
		}
		seen[name] = r
	}
	if scoring.Rule("no.such").Name() != "" {
		t.Error("an unknown rule has a name")
	}
}

// TestRulesListsEveryDeclaredRule: a rule added to the package is added to
// Rules (and so named).
func TestRulesListsEveryDeclaredRule(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[scoring.Rule]bool{}
	for _, r := range scoring.Rules() {
		listed[r] = true
	}
	declared := 0
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok || vs.Type == nil {
					return true
				}
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Rule" {
					return true
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					declared++
					if !listed[scoring.Rule(s)] {
						t.Errorf("rule %q is declared but not in Rules()", s)
					}
				}
				return true
			})
		}
	}
	if declared != len(scoring.Rules()) {
		t.Errorf("%d rules declared, %d listed", declared, len(scoring.Rules()))
	}
}
