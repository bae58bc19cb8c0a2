package reports

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// ErrUnverified: the profile's source was not read by whoever shipped or
// made it; choosing it needs an explicit confirmation.
var ErrUnverified = errors.New("rule profile not verified")

// rescoreTimeout bounds a rescore run started by a change of profile.
const rescoreTimeout = time.Hour

// rescores counts the runs under way, so that tests and a stopping server
// can wait for them.
var rescores sync.WaitGroup

// WaitRescores waits for the rescore runs under way to end.
func WaitRescores() { rescores.Wait() }

// PeriodProfile is a period's rule profile and its latest rescore run.
type PeriodProfile struct {
	Profile store.StoredProfile
	Chosen  bool // false: the default profile, nobody chose one
	Run     *store.RescoreRun
}

// PeriodProfileNow is the rule profile a period's reports are scored with,
// as a dashboard shows it: kept a moment (JIXIAO_DASHBOARD_CACHE_MS).
func (s *Service) PeriodProfileNow(ctx context.Context, key string) (store.StoredProfile, error) {
	ref, err := s.store.PeriodProfileNow(ctx, key)
	if err != nil {
		return store.StoredProfile{}, err
	}
	r := s.book.Default().Ref()
	if ref != nil {
		r = *ref
	}
	return s.store.RuleProfileNow(ctx, r)
}

// PeriodRuleProfile reads the profile a period's reports are scored with.
func (s *Service) PeriodRuleProfile(ctx context.Context, key string) (PeriodProfile, error) {
	ref, run, err := s.store.PeriodRuleProfile(ctx, key)
	if err != nil {
		return PeriodProfile{}, err
	}
	out := PeriodProfile{Chosen: ref != nil, Run: run}
	r := s.book.Default().Ref()
	if ref != nil {
		r = *ref
	}
	if out.Profile, err = s.store.GetRuleProfile(ctx, r); err != nil {
		return PeriodProfile{}, err
	}
	return out, nil
}

// ChooseRuleProfile makes ref the rule profile of a period (an admin's
// choice, audited) and rescores, in the background, the period's reports
// that are not approved (drafts, submitted and returned ones); approved
// reports keep their scores and profile until a reviewer reopens them. A
// profile not verified needs confirmUnverified. It returns the rescore run,
// whose progress the store keeps.
func (s *Service) ChooseRuleProfile(ctx context.Context, a Actor, key string, ref rules.ProfileRef, confirmUnverified bool) (store.RescoreRun, error) {
	p, err := s.store.GetRuleProfile(ctx, ref)
	if errors.Is(err, store.ErrProfileNotFound) {
		pr := report.Problems{}
		pr.Add("name", fmt.Sprintf("规则集 %s 第%d版不存在", ref.Name, ref.Version))
		return store.RescoreRun{}, pr.Err(report.ErrInvalid)
	}
	if err != nil {
		return store.RescoreRun{}, err
	}
	if !p.Verified && !confirmUnverified {
		return store.RescoreRun{}, fmt.Errorf("choose %s: %w", ref, ErrUnverified)
	}
	rs, err := p.RuleSet()
	if err != nil {
		return store.RescoreRun{}, err
	}
	cur, _, err := s.store.PeriodRuleProfile(ctx, key)
	if err != nil {
		return store.RescoreRun{}, err
	}
	if cur == nil {
		def := s.book.Default().Ref()
		cur = &def
	}
	e := audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP}
	run, err := s.store.SetPeriodRuleProfile(ctx, key, cur, ref, e)
	if err != nil {
		return store.RescoreRun{}, err
	}
	rescores.Add(1)
	go func() {
		defer rescores.Done()
		s.runRescore(run, rs, e)
	}()
	return run, nil
}

// runRescore rescores a period after its profile changed, recording the
// progress and the end of the run; the audit entry of the rescore carries
// the counts.
func (s *Service) runRescore(run store.RescoreRun, rs rules.RuleSet, e audit.Entry) {
	ctx, cancel := context.WithTimeout(context.Background(), rescoreTimeout)
	defer cancel()
	progress := func(done, changed int) {
		// best effort: the run's end below records the final counts
		_ = s.store.ProgressRescoreRun(ctx, run.ID, done, changed)
	}
	n, changed, err := s.store.RescoreWith(ctx, run.PeriodKey, evaluator(rs), e, store.RescoreOptions{
		SkipApproved: true, Progress: progress,
		Detail: map[string]any{"rule_profile": rs.Ref().String(), "rescore_run": run.ID, "approved_kept": run.KeptApproved},
	})
	failure := ""
	if err != nil {
		failure = err.Error()
	}
	_ = s.store.FinishRescoreRun(context.WithoutCancel(ctx), run.ID, n, changed, failure, s.now().UTC())
}
