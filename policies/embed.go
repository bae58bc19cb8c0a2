// Package policies holds the casbin model and the role policy, embedded in
// the binary: which role may do what. Who holds which role lives in
// PostgreSQL.
package policies

import _ "embed"

// Model is the casbin model (model.conf): RBAC over "object:action".
//
//go:embed model.conf
var Model string

// Policy is the role policy (policy.csv) in casbin's CSV form.
//
//go:embed policy.csv
var Policy string
