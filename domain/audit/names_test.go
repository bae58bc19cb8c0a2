package audit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"jixiao/domain/audit"
)

// recordedActions finds the actions the code records: string literals set
// as an entry's Action (Action: "x", e.Action = "x", e.Action, … = "x", …)
// and the constants of this package, in every non-test file of the module.
func recordedActions(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (d.Name() == "node_modules" || d.Name() == "frontend" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		lit := func(e ast.Expr) (string, bool) {
			b, ok := e.(*ast.BasicLit)
			if !ok || b.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(b.Value)
			return s, err == nil && strings.Contains(s, ".") && !strings.HasSuffix(s, ".")
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Action" {
					if s, ok := lit(n.Value); ok {
						found[s] = path
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Action" && i < len(n.Rhs) {
						if s, ok := lit(n.Rhs[i]); ok {
							found[s] = path
						}
					}
				}
			case *ast.ValueSpec:
				if strings.HasSuffix(filepath.Dir(path), filepath.Join("domain", "audit")) {
					for _, v := range n.Values {
						if s, ok := lit(v); ok && !strings.ContainsAny(s, " /:") {
							found[s] = path
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEveryRecordedActionHasAName: the audit page names every action in
// words, never by its code.
func TestEveryRecordedActionHasAName(t *testing.T) {
	actions := recordedActions(t)
	// composed at run time: "report." + a report's action, "project." + a
	// target's, "target_change." + a decision, "report.batch_" + … + "_refused"
	for _, a := range []string{"report.save", "report.submit", "report.approve", "report.return", "report.reopen", "report.retarget",
		"project.create", "project.edit", "project.submit", "project.approve", "project.return",
		"target_change.approve", "target_change.reject", "report.batch_approve_refused", "report.batch_return_refused"} {
		actions[a] = "composed"
	}
	t.Logf("%d actions recorded", len(actions))
	if len(actions) < 40 {
		t.Fatalf("only %d actions found: the scan is broken", len(actions))
	}
	named := map[string]bool{}
	for _, a := range audit.Actions() {
		named[a.Code] = true
	}
	for a, where := range actions {
		if !named[a] {
			t.Errorf("action %q (%s) has no name", a, where)
		}
	}
	for _, a := range audit.Actions() {
		if a.Name == "" || !strings.ContainsFunc(a.Name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || strings.Contains(a.Name, a.Code) {
			t.Errorf("action %s is named %q", a.Code, a.Name)
		}
	}
	if got := audit.ActionName("report.something_new"); got != "报告操作" {
		t.Errorf("an unknown report action is named %q", got)
	}
	if got := audit.ActionName("no_dot"); got != "其他操作" {
		t.Errorf("an unknown action is named %q", got)
	}
}
