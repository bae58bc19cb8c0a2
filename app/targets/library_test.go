package targets_test

import (
	"context"
	"errors"
	"testing"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

func librarySearch(t *testing.T, f *fixture, sc store.Scope, lf store.LibraryFilter) []store.LibraryEntry {
	t.Helper()
	got, _, err := f.svc.SearchLibrary(context.Background(), sc, lf)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The approved Golmud targets start the department's library: every
// indicator is filed under a department entry, and the common entries ship
// with their source.
func TestLibraryStartsFromApprovedTargets(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ps, err := f.st.DepartmentProjects(ctx, sc, "003001", 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Status != project.StatusApproved {
			continue // drafts of other tests
		}
		for _, in := range p.Indicators {
			if in.LibraryID == 0 {
				t.Errorf("%s %s has no library entry", p.Code, in.Name)
			}
		}
	}
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	names, n := map[string]bool{}, 0
	for _, p := range ds.Projects {
		for _, in := range p.Indicators {
			n++
			names[in.Level1+"/"+in.Level2+"/"+in.Name] = true
		}
	}
	if n != 76 {
		t.Fatalf("the seed has %d indicators, want 76", n)
	}
	entries := map[string]bool{}
	for _, e := range librarySearch(t, f, sc, store.LibraryFilter{Scope: "department", Department: "003001", Limit: 200}) {
		entries[e.Level1+"/"+e.Level2+"/"+e.Name] = true
	}
	for k := range names {
		if !entries[k] {
			t.Errorf("no department entry for %s", k)
		}
	}
	t.Logf("76 Golmud indicators → %d distinct department entries", len(names))
	common := librarySearch(t, f, store.Scope{}, store.LibraryFilter{Scope: "common", Level1: "成本指标"})
	if len(common) < 3 {
		t.Fatalf("common 成本指标 entries: %d", len(common))
	}
	for _, e := range common {
		if e.Source == "" || e.DepartmentCode != "" {
			t.Errorf("common entry %+v", e)
		}
	}
}

// Search ranks the whole name first, then names starting with the words,
// then names holding them; filters by levels; a department's entries are
// seen only by whoever sees the department.
func TestLibrarySearchRanksFiltersAndScopes(t *testing.T) {
	f := newFixture(t)
	got := librarySearch(t, f, sc, store.LibraryFilter{Q: "发行数量"})
	if len(got) == 0 {
		t.Fatal("nothing found for 发行数量")
	}
	if got[0].Name != "每月发行数量" && got[0].Name != "发行数量" {
		t.Errorf("first hit %q", got[0].Name)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Rank > got[i-1].Rank {
			t.Errorf("not ranked: %v after %v", got[i].Rank, got[i-1].Rank)
		}
	}
	exact := librarySearch(t, f, store.Scope{}, store.LibraryFilter{Q: "服务对象满意度"})
	if len(exact) == 0 || exact[0].Name != "服务对象满意度" {
		t.Fatalf("exact name not first: %+v", exact)
	}
	// two words, both must be in the name
	two := librarySearch(t, f, store.Scope{}, store.LibraryFilter{Q: "成本 单位"})
	if len(two) == 0 || two[0].Name != "单位产出成本" {
		t.Fatalf("two words: %+v", two)
	}
	// level filter, with or without the trailing 指标
	for _, l2 := range []string{"经济成本", "经济成本指标"} {
		for _, e := range librarySearch(t, f, sc, store.LibraryFilter{Level2: l2}) {
			if e.Level2 != "经济成本指标" {
				t.Errorf("level2 %s gave %s", l2, e.Level2)
			}
		}
	}
	// scopes: another department's submitter sees only the common entries
	other := librarySearch(t, f, store.ScopeDepartments("009001"), store.LibraryFilter{Q: "发行数量"})
	for _, e := range other {
		if e.Scope != "common" {
			t.Errorf("another department sees %s's entry %s", e.DepartmentCode, e.Name)
		}
	}
	if len(librarySearch(t, f, store.ScopeDepartments("009001"), store.LibraryFilter{Scope: "department"})) != 0 {
		t.Error("another department lists 003001's entries")
	}
	if _, _, err := f.svc.LibraryEntry(context.Background(), store.ScopeDepartments("009001"), got[0].ID); !errors.Is(err, store.ErrLibraryNotFound) {
		t.Errorf("another department reads 003001's entry: %v", err)
	}
	// a caller assigned to one project sees its department's entries
	if len(librarySearch(t, f, store.ScopeProjects("63280100024T000000639"), store.LibraryFilter{Scope: "department"})) == 0 {
		t.Error("a project-scoped caller does not see its department's entries")
	}
}

// Propose → accept → the entry is used by the next target draft; merge
// keeps both names searchable.
func TestLibraryProposeAcceptMerge(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := submitter()
	e, err := f.svc.ProposeLibraryEntry(ctx, sc, sub, store.LibraryProposal{Level1: "产出指标", Level2: "数量指标",
		Name: "政务信息报送采用篇数", Nature: ">=", Unit: "篇", ValueBasis: "历史标准"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != "proposed" || e.DepartmentCode != "003001" {
		t.Fatalf("proposed %+v", e)
	}
	if _, err := f.svc.ProposeLibraryEntry(ctx, store.ScopeDepartments("009001"), targetsActorOtherDept(),
		store.LibraryProposal{DepartmentCode: "003001", Level1: "产出指标", Level2: "数量指标", Name: "x"}); !errors.Is(err, project.ErrNotSubmitter) {
		t.Errorf("another department proposes for 003001: %v", err)
	}
	if _, err := f.svc.DecideLibraryEntry(ctx, sc, sub, e.ID, 0); !errors.Is(err, targets.ErrLibraryForbidden) {
		t.Errorf("a submitter accepts: %v", err)
	}
	acc, err := f.svc.DecideLibraryEntry(ctx, sc, reviewer, e.ID, 0)
	if err != nil || acc.Status != "accepted" {
		t.Fatalf("accept: %+v %v", acc, err)
	}
	if _, err := f.svc.DecideLibraryEntry(ctx, sc, reviewer, e.ID, 0); !errors.Is(err, store.ErrLibraryState) {
		t.Errorf("accepted twice: %v", err)
	}
	// the next target draft uses it
	src, err := f.st.GetProject(ctx, sc, "63280100024T000000639")
	if err != nil {
		t.Fatal(err)
	}
	draft := src
	draft.Code, draft.Year, draft.Status = "63280100025T900000001", 2025, ""
	draft.Indicators = append([]project.Indicator(nil), src.Indicators...)
	for i := range draft.Indicators {
		draft.Indicators[i].ID = 0
	}
	draft.Indicators[0] = project.Indicator{Level1: "产出指标", Level2: "数量指标", Name: "政务信息报送采用篇数", Nature: ">=",
		Target: "60", Unit: "篇", Weight: src.Indicators[0].Weight, LibraryID: e.ID, ValueBasis: "历史标准"}
	p, err := f.svc.Create(ctx, sc, sub, draft)
	if err != nil {
		t.Fatal(err)
	}
	if p.Indicators[0].LibraryID != e.ID || p.Indicators[0].ValueBasis != "历史标准" {
		t.Fatalf("draft indicator %+v", p.Indicators[0])
	}
	_, uses, err := f.svc.LibraryEntry(ctx, sc, e.ID)
	if err != nil || len(uses) != 1 || uses[0].ProjectCode != p.Code {
		t.Fatalf("uses %+v %v", uses, err)
	}
	// a library id the caller cannot see is refused
	bad := draft
	bad.Code = "63280100025T900000002"
	bad.Indicators = append([]project.Indicator(nil), draft.Indicators...)
	bad.Indicators[0].LibraryID = 999999
	if _, err := f.svc.Create(ctx, sc, sub, bad); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("unknown library id: %v", err)
	}

	// merge: a second proposal folded into the accepted entry
	m, err := f.svc.ProposeLibraryEntry(ctx, sc, sub, store.LibraryProposal{Level1: "产出指标", Level2: "数量指标",
		Name: "信息报送被采用数量", Nature: ">=", Unit: "篇"})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := f.svc.DecideLibraryEntry(ctx, sc, reviewer, m.ID, e.ID)
	if err != nil || merged.Status != "merged" || merged.MergedInto == nil || *merged.MergedInto != e.ID {
		t.Fatalf("merge: %+v %v", merged, err)
	}
	for _, q := range []string{"信息报送被采用数量", "政务信息报送采用篇数"} {
		got := librarySearch(t, f, sc, store.LibraryFilter{Q: q})
		if len(got) == 0 || got[0].ID != e.ID {
			t.Errorf("search %q: %+v", q, got)
		}
	}
	for _, x := range librarySearch(t, f, sc, store.LibraryFilter{Q: "信息报送被采用数量"}) {
		if x.ID == m.ID {
			t.Error("the merged entry is still listed")
		}
	}
	// reviewers of another department may not decide 003001's entries
	other := targets.Actor{Caller: user.Caller{Username: "r2", Roles: []user.Role{user.Reviewer}, Departments: []string{"009001"}}}
	m2, err := f.svc.ProposeLibraryEntry(ctx, sc, sub, store.LibraryProposal{Level1: "产出指标", Level2: "质量指标", Name: "信息准确率"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DecideLibraryEntry(ctx, store.ScopeDepartments("009001"), other, m2.ID, 0); !errors.Is(err, store.ErrLibraryNotFound) {
		t.Errorf("another department's reviewer: %v", err)
	}
}
