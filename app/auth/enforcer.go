package auth

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"

	"jixiao/domain/user"
	"jixiao/policies"
)

// Enforcer decides from the embedded role policy whether a role may do an
// "object:action". It is safe for concurrent use.
type Enforcer struct {
	e *casbin.SyncedEnforcer
	// decided remembers each (role, permission) decision: the policy is
	// embedded and never changes while the process runs, and every request
	// asks, so casbin's evaluation runs once per pair instead of per request.
	decided sync.Map // "role\x00obj:act" → bool
}

// NewEnforcer loads the embedded model and policy.
func NewEnforcer() (*Enforcer, error) {
	m, err := model.NewModelFromString(policies.Model)
	if err != nil {
		return nil, fmt.Errorf("casbin model: %w", err)
	}
	e, err := casbin.NewSyncedEnforcer(m, stringadapter.NewAdapter(policies.Policy))
	if err != nil {
		return nil, fmt.Errorf("casbin policy: %w", err)
	}
	return &Enforcer{e: e}, nil
}

// Allowed reports whether any of the roles grants the permission
// ("reports:review"). No role, or a malformed permission, is denied.
func (en *Enforcer) Allowed(roles []user.Role, perm string) bool {
	obj, act, ok := strings.Cut(perm, ":")
	if !ok || obj == "" || act == "" {
		return false
	}
	for _, r := range roles {
		if !r.Valid() {
			continue // only the four roles, never the policy's inner groups
		}
		key := string(r) + "\x00" + perm
		if v, ok := en.decided.Load(key); ok {
			if v.(bool) {
				return true
			}
			continue
		}
		ok, err := en.e.Enforce(string(r), obj, act)
		if err != nil {
			continue // not remembered: a passing failure is asked again
		}
		en.decided.Store(key, ok)
		if ok {
			return true
		}
	}
	return false
}

// Permissions lists what the roles grant together, as sorted "object:action".
func (en *Enforcer) Permissions(roles []user.Role) []string {
	var out []string
	for _, r := range roles {
		if !r.Valid() {
			continue
		}
		rules, err := en.e.GetImplicitPermissionsForUser(string(r))
		if err != nil {
			continue
		}
		for _, p := range rules {
			if len(p) >= 3 {
				out = append(out, p[1]+":"+p[2])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
