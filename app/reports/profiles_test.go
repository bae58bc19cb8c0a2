package reports_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// ownDatabase is a database of its own seeded with the Golmud data, for a
// test that changes a whole period's rules.
func ownDatabase(t *testing.T) (*store.Store, []project.Project) {
	t.Helper()
	ctx := context.Background()
	dsn := strings.Replace(dbtest.DSN, "jixiao_test_reports_", "jixiao_test_reports_profiles_", 1)
	if err := store.CreateDatabase(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.DropDatabase(context.Background(), dsn) })
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	ds, err := seed.SaveGolmud2024(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var out []project.Project
	for _, p := range ds.Projects {
		got, err := st.GetProject(ctx, store.ScopeAll(), p.Code)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got)
	}
	return st, out
}

// fullYear fills a project's self-evaluation: every line meets its target
// (qualitative lines at full marks, deadlines done on time) and the given
// share of the budget is spent, with the reason a low rate asks for.
func fullYear(p project.Project, spent string) report.Report {
	executed := p.Budget.Mul(decimal.RequireFromString(spent)).Round(2)
	r := report.Report{Budget: report.Budget{Executed: &executed, Reason: "部分资金年末未支付"}}
	for _, in := range p.Indicators {
		l := report.Line{IndicatorID: in.ID}
		switch kind := in.Kind(); {
		case kind.Numeric():
			t, _ := in.TargetNumber()
			l.Value = &t
		case kind == project.KindDeadline:
			l.CompletedOn = "2024-12-01"
		default:
			w := in.Weight
			l.Band, l.ScoreInput = report.BandAchieved, &w
		}
		r.Lines = append(r.Lines, l)
	}
	return r
}

func waitRun(t *testing.T, svc *reports.Service, key string) reports.PeriodProfile {
	t.Helper()
	reports.WaitRescores()
	pp, err := svc.PeriodRuleProfile(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	if pp.Run == nil || pp.Run.FinishedAt == nil || pp.Run.Error != "" {
		t.Fatalf("rescore run %+v", pp.Run)
	}
	return pp
}

// TestChoosingAPeriodsProfileRescoresWhatIsNotApproved is the season of
// the issue: the 12 Golmud self-evaluations of 2024 filled (spending 95 %,
// 75 %, 65 %, 55 % or 45 % of their budgets), 3 approved, 4 submitted, 5
// drafts; an admin chooses the province's profile with execution caps. The
// 9 not approved are rescored, each naming the profile and the cap that
// moved its total; the approved keep theirs; the audit trail has the
// counts; chosen back, national gives the first figures to the cent.
func TestChoosingAPeriodsProfileRescoresWhatIsNotApproved(t *testing.T) {
	ctx := context.Background()
	st, projects := ownDatabase(t)
	clock := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	svc := reports.New(st, rules.National(), func() time.Time { return clock })
	reviewer := reports.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}}}
	admin := reports.Actor{IP: "127.0.0.1", Caller: user.Caller{Username: "admin", Roles: []user.Role{user.Admin}}}
	spent := []string{"0.95", "0.75", "0.65", "0.55", "0.45"}
	national := map[string]string{}
	status := map[string]report.Status{}
	for i, p := range projects {
		sub := submitter(p.Code)
		rec, err := svc.Save(ctx, store.ScopeAll(), sub, p.Code, "2024", 0, fullYear(p, spent[i%len(spent)]))
		if err != nil {
			t.Fatalf("%s: %v", p.Code, err)
		}
		if rec.Evaluation.RuleProfile != (rules.ProfileRef{Name: "national", Version: 1}) {
			t.Fatalf("saved with %v", rec.Evaluation.RuleProfile)
		}
		national[p.Code] = rec.Evaluation.Total.StringFixed(2)
		status[p.Code] = report.StatusDraft
		if i < 7 {
			if _, err := svc.Submit(ctx, store.ScopeAll(), sub, p.Code, "2024"); err != nil {
				t.Fatalf("submit %s: %v", p.Code, err)
			}
			status[p.Code] = report.StatusSubmitted
		}
		if i < 3 {
			if _, err := svc.Approve(ctx, store.ScopeAll(), reviewer, p.Code, "2024", "", nil); err != nil {
				t.Fatalf("approve %s: %v", p.Code, err)
			}
			status[p.Code] = report.StatusApproved
		}
	}
	caps := rules.ProfileRef{Name: rules.ProfileExecutionCaps, Version: 1}
	if _, err := svc.ChooseRuleProfile(ctx, admin, "2024", caps, false); !errors.Is(err, reports.ErrUnverified) {
		t.Fatalf("an unverified profile chosen without confirmation: %v", err)
	}
	run, err := svc.ChooseRuleProfile(ctx, admin, "2024", caps, true)
	if err != nil {
		t.Fatal(err)
	}
	if run.Total != 9 || run.KeptApproved != 3 || run.From == nil || run.From.Name != "national" {
		t.Errorf("run %+v: want 9 to rescore, 3 approved kept, from national", run)
	}
	pp := waitRun(t, svc, "2024")
	capsRules, err := pp.Profile.RuleSet()
	if err != nil {
		t.Fatal(err)
	}
	if pp.Profile.ProfileRef != caps || !pp.Chosen || pp.Run.Done != 9 {
		t.Errorf("period profile %v chosen %v, run %+v", pp.Profile.ProfileRef, pp.Chosen, pp.Run)
	}
	capped := 0
	for i, p := range projects {
		rec, err := svc.Get(ctx, store.ScopeAll(), p.Code, "2024")
		if err != nil {
			t.Fatal(err)
		}
		ev := rec.Evaluation
		if rec.Report.Status != status[p.Code] {
			t.Errorf("%s: status %s, want %s", p.Code, rec.Report.Status, status[p.Code])
		}
		if status[p.Code] == report.StatusApproved {
			if ev.RuleProfile.Name != "national" || ev.Total.StringFixed(2) != national[p.Code] {
				t.Errorf("approved %s: %v %s, want national %s", p.Code, ev.RuleProfile, ev.Total.StringFixed(2), national[p.Code])
			}
			continue
		}
		if ev.RuleProfile != caps {
			t.Errorf("%s is on %v after the change", p.Code, ev.RuleProfile)
		}
		// the caps: below 80 % → 89, below 70 % → 79, below 60 % → 69, below 50 % → 59
		limit := map[string]string{"0.95": "", "0.75": "89", "0.65": "79", "0.55": "69", "0.45": "59"}[spent[i%len(spent)]]
		before := decimal.RequireFromString(national[p.Code])
		if limit != "" && before.GreaterThan(decimal.RequireFromString(limit)) {
			capped++
			if ev.Total.StringFixed(2) != limit+".00" || len(ev.Score.Effects) != 1 ||
				!strings.Contains(ev.Score.Effects[0].Basis, "按执行率封顶规则总分不超过"+limit+"分（来源：") {
				t.Errorf("%s (spent %s, national %s): total %s, effects %+v", p.Code, spent[i%len(spent)], national[p.Code], ev.Total, ev.Score.Effects)
			}
		} else if ev.Total.StringFixed(2) != national[p.Code] {
			t.Errorf("%s: %s under caps, %s under national, and no cap applies", p.Code, ev.Total.StringFixed(2), national[p.Code])
		}
		fresh, err := monitor.Evaluate(capsRules, rec.Project, rec.Period, rec.Report, rec.Adjustments)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(ev)
		b, _ := json.Marshal(fresh)
		if string(a) != string(b) {
			t.Errorf("%s: stored evaluation is not what the profile computes", p.Code)
		}
	}
	if capped < 5 {
		t.Errorf("only %d totals capped", capped)
	}
	other, err := st.OtherProfileReports(ctx, store.ScopeAll(), "2024", caps)
	if err != nil || other != 3 {
		t.Errorf("reports on another profile: %d, %v; want the 3 approved", other, err)
	}
	entries, _, err := st.ListAudit(ctx, audit.Filter{Action: "report.rescore", Page: 1, PageSize: 10})
	if err != nil || len(entries) != 1 {
		t.Fatalf("rescore audit entries %d, %v", len(entries), err)
	}
	var detail map[string]any
	if err := json.Unmarshal(entries[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	if detail["reports"] != float64(9) || detail["approved_kept"] != float64(3) || detail["changed"] != float64(9) ||
		detail["rule_profile"] != "exec-caps v1" {
		t.Errorf("audit detail %v", detail)
	}
	chosen, _, err := st.ListAudit(ctx, audit.Filter{Action: "period.rule_profile", Page: 1, PageSize: 10})
	if err != nil || len(chosen) != 1 || chosen[0].Actor != "admin" || !strings.Contains(string(chosen[0].After), "exec-caps") {
		t.Fatalf("choice audited as %+v, %v", chosen, err)
	}

	// a reopened approved report is scored by the period's profile
	if _, err := svc.Reopen(ctx, store.ScopeAll(), reviewer, projects[1].Code, "2024", "按新规则重评"); err != nil {
		t.Fatal(err)
	}
	if rec, _ := svc.Get(ctx, store.ScopeAll(), projects[1].Code, "2024"); rec.Evaluation.RuleProfile != caps ||
		rec.Evaluation.Total.StringFixed(2) != "89.00" {
		t.Errorf("reopened: %v %s, want exec-caps and 89.00", rec.Evaluation.RuleProfile, rec.Evaluation.Total)
	}

	// back to national: today's figures, to the cent
	if _, err := svc.ChooseRuleProfile(ctx, admin, "2024", rules.ProfileRef{Name: "national", Version: 1}, false); err != nil {
		t.Fatal(err)
	}
	waitRun(t, svc, "2024")
	for _, p := range projects {
		rec, err := svc.Get(ctx, store.ScopeAll(), p.Code, "2024")
		if err != nil {
			t.Fatal(err)
		}
		if rec.Evaluation.Total.StringFixed(2) != national[p.Code] || rec.Evaluation.RuleProfile.Name != "national" {
			t.Errorf("%s back under national: %s %v, want %s", p.Code, rec.Evaluation.Total.StringFixed(2), rec.Evaluation.RuleProfile, national[p.Code])
		}
	}
}

func TestAUsedProfileVersionIsNeverEdited(t *testing.T) {
	ctx := context.Background()
	st, _ := ownDatabase(t)
	svc := reports.New(st, rules.National(), time.Now)
	admin := reports.Actor{Caller: user.Caller{Username: "admin", Roles: []user.Role{user.Admin}}}
	e := audit.Entry{At: time.Now(), Actor: "admin"}
	p := rules.Profile{ProfileRef: rules.ProfileRef{Name: "qinghai"}, Title: "青海", Source: "青财绩〔2024〕1号", Verified: true,
		Settings: map[string]string{"grade_bands": "85,75,60"}}
	p, err := p.Complete()
	if err != nil {
		t.Fatal(err)
	}
	v1, err := st.CreateRuleProfile(ctx, p, e)
	if err != nil || v1.Version != 1 {
		t.Fatalf("created %+v, %v", v1, err)
	}
	// unused: edited in place
	p.Version, p.Title = 1, "青海（修订）"
	if _, err := st.UpdateRuleProfile(ctx, p, e); err != nil {
		t.Fatalf("edit of an unused version: %v", err)
	}
	if _, err := svc.ChooseRuleProfile(ctx, admin, "2024-06", v1.ProfileRef, false); err != nil {
		t.Fatal(err)
	}
	reports.WaitRescores()
	p.Title = "青海（再修订）"
	if _, err := st.UpdateRuleProfile(ctx, p, e); !errors.Is(err, store.ErrProfileInUse) {
		t.Fatalf("edit of a used version: %v, want ErrProfileInUse", err)
	}
	for _, shipped := range rules.Shipped() {
		if _, err := st.UpdateRuleProfile(ctx, shipped, e); !errors.Is(err, store.ErrProfileInUse) {
			t.Errorf("edit of shipped %s: %v", shipped.Name, err)
		}
	}
	v2, err := st.CreateRuleProfile(ctx, p, e)
	if err != nil || v2.Version != 2 || v2.Title != "青海（再修订）" {
		t.Fatalf("new version %+v, %v", v2, err)
	}
	got, err := st.GetRuleProfile(ctx, v1.ProfileRef)
	if err != nil || got.Title != "青海（修订）" || !got.Used {
		t.Errorf("version 1 now %+v, %v", got, err)
	}
}
