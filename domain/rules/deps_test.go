package rules_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImportsNoAdapters keeps the domain free of the web framework,
// the ORM, the authorizer and the database driver.
func TestDomainImportsNoAdapters(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	cmd := exec.Command(goBin, "list", "-deps", "./domain/...")
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"echo", "gorm", "casbin", "pgx"} {
			if strings.Contains(pkg, banned) {
				t.Errorf("domain depends on %s", pkg)
			}
		}
	}
}
