// Package migrations holds the numbered SQL migrations, embedded in the
// binary and applied by goose (jixiao migrate, and at the start of serve).
package migrations

import "embed"

// FS holds the *.sql migration files.
//
//go:embed *.sql
var FS embed.FS
