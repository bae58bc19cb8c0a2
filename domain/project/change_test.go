package project_test

import (
	"errors"
	"testing"

	"jixiao/domain/project"
)

// TestAChangeAppliesOnlyToTheVersionItWasFiledAgainst: approving a request
// filed against version 1 once the targets are at version 2 is refused as
// stale, naming both versions.
func TestAChangeAppliesOnlyToTheVersionItWasFiledAgainst(t *testing.T) {
	if err := project.CheckChangeBase(3, 3); err != nil {
		t.Errorf("the current version: %v", err)
	}
	err := project.CheckChangeBase(1, 2)
	var stale *project.StaleChangeError
	if !errors.Is(err, project.ErrStaleVersion) || !errors.As(err, &stale) || stale.Base != 1 || stale.Current != 2 {
		t.Errorf("filed against 1, targets at 2: %v", err)
	}
}
