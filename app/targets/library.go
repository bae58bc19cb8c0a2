package targets

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/domain/fields"
	"jixiao/domain/project"
	"jixiao/domain/quality"
)

// Library errors a handler maps to statuses.
var (
	// ErrLibraryForbidden: the caller may not propose for, or decide on, the
	// entry's department.
	ErrLibraryForbidden = fmt.Errorf("library: %w", project.ErrNotReviewer)
)

// SearchLibrary finds library entries the scope sees (see store.SearchLibrary).
func (s *Service) SearchLibrary(ctx context.Context, sc store.Scope, f store.LibraryFilter) ([]store.LibraryEntry, int, error) {
	if f.Scope != "" && f.Scope != "common" && f.Scope != "department" {
		return nil, 0, fields.One(project.ErrInvalid, "scope", "范围应为 common（共性）或 department（个性）")
	}
	if f.Status != "" && f.Status != "proposed" && f.Status != "accepted" {
		return nil, 0, fields.One(project.ErrInvalid, "status", "状态应为 proposed（待确认）或 accepted（已确认）")
	}
	return s.store.SearchLibrary(ctx, sc, f)
}

// LibraryEntry reads one entry the scope sees with where it is used.
func (s *Service) LibraryEntry(ctx context.Context, sc store.Scope, id int64) (store.LibraryEntry, []store.LibraryUse, error) {
	e, err := s.store.GetLibraryEntry(ctx, sc, id)
	if err != nil {
		return store.LibraryEntry{}, nil, err
	}
	uses, err := s.store.LibraryUses(ctx, sc, id)
	return e, uses, err
}

// ProposeLibraryEntry files a new department entry for the department's
// reviewer to accept or merge (部门指标确认). Only the department's
// submitters propose.
func (s *Service) ProposeLibraryEntry(ctx context.Context, sc store.Scope, a Actor, in store.LibraryProposal) (store.LibraryEntry, error) {
	if in.DepartmentCode == "" {
		in.DepartmentCode = a.Caller.Department()
	}
	if !sc.SeesDepartment(in.DepartmentCode) || !drafts(a.Caller, in.DepartmentCode) {
		return store.LibraryEntry{}, fmt.Errorf("propose: %w", project.ErrNotSubmitter)
	}
	pr := fields.Problems{}
	for _, f := range []struct{ key, val, label string }{{"level1", in.Level1, "一级指标"}, {"level2", in.Level2, "二级指标"}, {"name", in.Name, "三级指标名称"}} {
		if strings.TrimSpace(f.val) == "" {
			pr.Add(f.key, "请填写"+f.label)
		} else if len([]rune(f.val)) > project.MaxNameLength {
			pr.Add(f.key, fmt.Sprintf("%s不能超过%d个字符", f.label, project.MaxNameLength))
		}
	}
	if in.Nature != "" {
		n, err := project.ParseNature(in.Nature)
		if err != nil {
			pr.Add("nature", "指标性质应为 >=、>、<=、<、= 或 定性")
		}
		in.Nature = string(n)
	}
	if !project.ValidValueBasis(in.ValueBasis) {
		pr.Add("value_basis", "指标值依据应为计划标准、行业标准、历史标准或其他标准")
	}
	if len([]rune(in.Guidance)) > project.MaxTextLength {
		pr.Add("guidance", fmt.Sprintf("说明不能超过%d个字符", project.MaxTextLength))
	}
	if err := pr.Err(project.ErrInvalid); err != nil {
		return store.LibraryEntry{}, err
	}
	return s.store.ProposeLibraryEntry(ctx, in, s.libraryChange(a))
}

func (s *Service) libraryChange(a Actor) store.LibraryChange {
	return store.LibraryChange{Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, At: s.now().UTC()}
}

// DecideLibraryEntry accepts a proposed entry (into == 0) or merges it into
// another entry; only a reviewer of the entry's department decides.
func (s *Service) DecideLibraryEntry(ctx context.Context, sc store.Scope, a Actor, id, into int64) (store.LibraryEntry, error) {
	return s.store.DecideLibraryEntry(ctx, sc, id, into, s.libraryChange(a), func(e store.LibraryEntry) error {
		if e.Scope != "department" || !a.Caller.Reviews(e.DepartmentCode) {
			return ErrLibraryForbidden
		}
		return nil
	})
}

// checkLibraryIDs refuses library ids the scope does not see, by field.
func (s *Service) checkLibraryIDs(ctx context.Context, sc store.Scope, p project.Project) error {
	var ids []int64
	for _, in := range p.Indicators {
		if in.LibraryID != 0 {
			ids = append(ids, in.LibraryID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	ok, err := s.store.LibraryVisible(ctx, sc, ids)
	if err != nil {
		return err
	}
	pr := fields.Problems{}
	for i, in := range p.Indicators {
		if in.LibraryID != 0 && !ok[in.LibraryID] {
			pr.Add(fmt.Sprintf("indicators[%d].library_id", i), "指标库中没有这个条目，或已被合并")
		}
	}
	return pr.Err(project.ErrInvalid)
}

// keepCopyOf keeps each indicator's copy_of only when it names an indicator
// of the project the draft was copied from.
func (s *Service) keepCopyOf(ctx context.Context, copiedFrom string, ins []project.Indicator) {
	ids := map[int64]bool{}
	if copiedFrom != "" {
		if src, err := s.store.GetProject(ctx, store.ScopeAll(), copiedFrom); err == nil {
			for _, in := range src.Indicators {
				ids[in.ID] = true
			}
		}
	}
	for i := range ins {
		if !ids[ins[i].CopyOf] {
			ins[i].CopyOf = 0
		}
	}
}

// history is what the review knows of a project's last year: each
// indicator's target and actual (through copy_of or library_id) and the
// budget of the project it was copied from.
func (s *Service) history(ctx context.Context, sc store.Scope, p project.Project) (quality.History, error) {
	lines, budget, err := s.store.LastYearFacts(ctx, sc, p.Department.Code, p.Year, p.CopiedFrom, p.Indicators)
	if err != nil {
		return quality.History{}, err
	}
	h := quality.History{Lines: make([]*quality.LastYear, len(lines)), Budget: budget}
	for i, l := range lines {
		if l == nil {
			continue
		}
		ly := &quality.LastYear{Target: l.Target, Unit: l.Unit, Year: l.Year}
		if l.Actual != nil && l.Status != nil && *l.Status == "approved" {
			if d, err := decimal.NewFromString(*l.Actual); err == nil {
				ly.Actual = &d
			}
		}
		h.Lines[i] = ly
	}
	return h, nil
}
