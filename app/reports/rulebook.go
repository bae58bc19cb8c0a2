package reports

import (
	"context"
	"fmt"
	"sync"

	"jixiao/app/store"
	"jixiao/domain/rules"
)

// RuleBook turns rule profile references into rule sets: the default one
// (national, or the JIXIAO_RULE_* local profile) for a period that chose
// none, and any stored version, read once: a version never changes.
type RuleBook struct {
	store *store.Store
	def   rules.RuleSet
	mu    sync.RWMutex
	sets  map[rules.ProfileRef]rules.RuleSet
}

// NewRuleBook returns a rule book whose default is def.
func NewRuleBook(st *store.Store, def rules.RuleSet) *RuleBook {
	return &RuleBook{store: st, def: def, sets: map[rules.ProfileRef]rules.RuleSet{def.Ref(): def}}
}

// Default is the rule set of a period that chose no profile.
func (b *RuleBook) Default() rules.RuleSet { return b.def }

// For returns the rule set of a profile version; nil is the default.
func (b *RuleBook) For(ctx context.Context, ref *rules.ProfileRef) (rules.RuleSet, error) {
	if ref == nil {
		return b.def, nil
	}
	b.mu.RLock()
	rs, ok := b.sets[*ref]
	b.mu.RUnlock()
	if ok {
		return rs, nil
	}
	p, err := b.store.GetRuleProfile(ctx, *ref)
	if err != nil {
		return rules.RuleSet{}, err
	}
	if rs, err = p.RuleSet(); err != nil {
		return rules.RuleSet{}, fmt.Errorf("rule profile %s: %w", *ref, err)
	}
	b.mu.Lock()
	b.sets[*ref] = rs
	b.mu.Unlock()
	return rs, nil
}

// ForPeriod returns the rule set of a period's profile.
func (b *RuleBook) ForPeriod(ctx context.Context, key string) (rules.RuleSet, error) {
	ref, err := b.store.PeriodProfileNow(ctx, key)
	if err != nil {
		return rules.RuleSet{}, err
	}
	return b.For(ctx, ref)
}
