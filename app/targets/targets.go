// Package targets runs the use cases of a project's targets through their
// life: drafting (new or copied from last year), submission, review with the
// quality findings, approval or return, adjustment requests that make new
// target versions, and reconciliation with the budget tables. It composes
// the domain rules with storage; handlers only convert.
package targets

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao/app/store"
	"jixiao/domain/fields"
	"jixiao/domain/project"
	"jixiao/domain/quality"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// Service runs target use cases with one rule set, quality settings and clock.
type Service struct {
	store   *store.Store
	rules   rules.RuleSet
	quality quality.Settings
	now     func() time.Time
	// profiles, when set, gives the rule set of a period's profile.
	profiles func(context.Context, *rules.ProfileRef) (rules.RuleSet, error)
}

// New returns a Service; now is the clock (time.Now in production).
func New(st *store.Store, rs rules.RuleSet, qs quality.Settings, now func() time.Time) *Service {
	return &Service{store: st, rules: rs, quality: qs, now: now}
}

// Actor is who acts and from where.
type Actor struct {
	Caller user.Caller
	IP     string
}

func (s *Service) change(a Actor, action, comment string) store.ProjectChange {
	return store.ProjectChange{Action: action, Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, At: s.now().UTC(), Comment: comment}
}

// drafts reports whether the caller may draft, edit, submit and request
// changes to the targets of a department: a submitter of it.
func drafts(c user.Caller, department string) bool {
	return c.Has(user.Submitter) && slices.Contains(c.Departments, department)
}

// requestsChanges reports whether the caller may request an adjustment of
// a project's approved targets: a submitter of its department assigned to
// it, as for its reports.
func requestsChanges(c user.Caller, p project.Project) bool {
	return drafts(c, p.Department.Code) && c.AssignedTo(p.Code)
}

// Actions lists what the caller may do with a project's targets now:
// "edit" and "submit" (its department's submitters, while draft or
// returned), "approve" and "return" (its reviewers, while submitted),
// "request_change" (its submitters assigned to it, once approved).
func Actions(c user.Caller, p project.Project, oneLevel bool) []string {
	out := []string{}
	sub, level := drafts(c, p.Department.Code), c.ReviewLevel(p.Department.Code)
	if sub && p.Status.Editable() {
		out = append(out, "edit")
	}
	route := RouteOf(p, oneLevel)
	for _, a := range []project.Action{project.ActionSubmit, project.ActionApprove, project.ActionReturn} {
		if a == project.ActionSubmit {
			if _, err := p.Status.Apply(a); err == nil && sub {
				out = append(out, string(a))
			}
			continue
		}
		if _, err := p.Status.ApplyAt(a, level, route); err == nil && level > 0 {
			out = append(out, string(a))
		}
	}
	if p.Status == project.StatusApproved && requestsChanges(c, p) {
		out = append(out, "request_change")
	}
	return out
}

// Create stores a new draft project of the caller's department.
func (s *Service) Create(ctx context.Context, sc store.Scope, a Actor, p project.Project) (project.Project, error) {
	if !drafts(a.Caller, p.Department.Code) {
		return project.Project{}, fmt.Errorf("create project: %w", project.ErrNotSubmitter)
	}
	if err := s.checkLibraryIDs(ctx, sc, p); err != nil {
		return project.Project{}, err
	}
	s.keepCopyOf(ctx, p.CopiedFrom, p.Indicators)
	return s.store.CreateProject(ctx, sc, p, s.change(a, "create", ""))
}

// yearInCode finds the two year digits of a budget project code
// (63280100024T000000639: "24" after the 9-digit unit prefix).
var yearInCode = regexp.MustCompile(`^(\d{9})(\d\d)([A-Z]\d+)$`)

// CopyCode is the code of next year's copy of a project: the code with its
// year digits replaced, or "" when the code carries none.
func CopyCode(code string, fromYear, toYear int) string {
	m := yearInCode.FindStringSubmatch(code)
	if m == nil || m[2] != fmt.Sprintf("%02d", fromYear%100) {
		return ""
	}
	return m[1] + fmt.Sprintf("%02d", toYear%100) + m[3]
}

// Copy drafts a project for year from another year's project with all its
// indicators. Targets that name the source year (a deadline "= 2024 年" or a
// date in it) move to the new year; everything else is copied as it was, for
// the submitter to revise. code may be empty when the source code carries
// its year (see CopyCode).
func (s *Service) Copy(ctx context.Context, sc store.Scope, a Actor, from string, year int, code string) (project.Project, error) {
	src, err := s.store.GetProject(ctx, sc, from)
	if err != nil {
		return project.Project{}, err
	}
	pr := fields.Problems{}
	if year == src.Year {
		pr.Add("year", "复制的年度不能与原项目相同")
	}
	if code == "" {
		if code = CopyCode(from, src.Year, year); code == "" {
			pr.Add("code", "无法从原项目编码推出新编码，请填写新项目编码")
		}
	}
	if err := pr.Err(project.ErrInvalid); err != nil {
		return project.Project{}, err
	}
	p := src
	p.Code, p.Year, p.CopiedFrom = code, year, from
	p.Indicators = make([]project.Indicator, len(src.Indicators))
	oldYear, newYear := strconv.Itoa(src.Year), strconv.Itoa(year)
	for i, in := range src.Indicators {
		in.CopyOf, in.ID = in.ID, 0
		if in.Kind() == project.KindDeadline && strings.HasPrefix(strings.TrimSpace(in.Target), oldYear) {
			in.Target = newYear + strings.TrimPrefix(strings.TrimSpace(in.Target), oldYear)
		}
		p.Indicators[i] = in
	}
	return s.Create(ctx, sc, a, p)
}

// Edit replaces a draft or returned project's fields and indicators.
// version must be the version read (project.ErrStaleVersion otherwise).
func (s *Service) Edit(ctx context.Context, sc store.Scope, a Actor, code string, version int, in project.Project) (project.Project, error) {
	if err := s.checkLibraryIDs(ctx, sc, in); err != nil {
		return project.Project{}, err
	}
	if cur, err := s.store.GetProject(ctx, sc, code); err == nil {
		s.keepCopyOf(ctx, cur.CopiedFrom, in.Indicators)
	}
	return s.store.UpdateProject(ctx, sc, code, func(p *project.Project) (store.ProjectChange, error) {
		if !drafts(a.Caller, p.Department.Code) {
			return store.ProjectChange{}, fmt.Errorf("edit: %w", project.ErrNotSubmitter)
		}
		if version != p.Version {
			return store.ProjectChange{}, fmt.Errorf("edit: %w", project.ErrStaleVersion)
		}
		if err := p.Status.CheckEditable(); err != nil {
			return store.ProjectChange{}, fmt.Errorf("edit: %w", err)
		}
		if p.Overall() {
			// the department's whole budget is 基本支出 + 项目支出 as set for it, not typed here
			in.Budget = p.Budget
		}
		p.Name, p.Category, p.Budget, p.Goal, p.ExecutionWeight = in.Name, in.Category, in.Budget, in.Goal, in.ExecutionWeight
		p.Indicators = in.Indicators
		if err := p.Validate(); err != nil {
			return store.ProjectChange{}, err
		}
		p.Version++
		return s.change(a, "edit", ""), nil
	})
}

// Submit sends a draft or returned project to review.
func (s *Service) Submit(ctx context.Context, sc store.Scope, a Actor, code string) (project.Project, error) {
	return s.transition(ctx, sc, a, code, project.ActionSubmit, "", func(p *project.Project) error {
		if !drafts(a.Caller, p.Department.Code) {
			return project.ErrNotSubmitter
		}
		return p.Validate()
	}, nil)
}

// Approve publishes a submitted project's targets as version 1. With quality
// findings a reason is required; it is kept with the findings it overrode.
func (s *Service) Approve(ctx context.Context, sc store.Scope, a Actor, code, reason string) (project.Project, error) {
	p, err := s.store.GetProject(ctx, sc, code)
	if err != nil {
		return project.Project{}, err
	}
	others, err := s.store.DepartmentProjects(ctx, sc, p.Department.Code, p.Year)
	if err != nil {
		return project.Project{}, err
	}
	h, err := s.history(ctx, sc, p)
	if err != nil {
		return project.Project{}, err
	}
	var findings []quality.Finding
	return s.transition(ctx, sc, a, code, project.ActionApprove, reason, func(p *project.Project) error {
		if a.Caller.ReviewLevel(p.Department.Code) == 0 {
			return project.ErrNotReviewer
		}
		findings = quality.ReviewWithHistory(*p, others, s.quality, h)
		return project.ActionApprove.CheckNote(reason, len(findings))
	}, func() any { return findingsJSON(findings) })
}

// Return sends a submitted project back to its submitters with a comment.
func (s *Service) Return(ctx context.Context, sc store.Scope, a Actor, code, comment string) (project.Project, error) {
	return s.transition(ctx, sc, a, code, project.ActionReturn, comment, func(p *project.Project) error {
		if a.Caller.ReviewLevel(p.Department.Code) == 0 {
			return project.ErrNotReviewer
		}
		return project.ActionReturn.CheckNote(comment, 0)
	}, nil)
}

func (s *Service) transition(ctx context.Context, sc store.Scope, a Actor, code string, act project.Action, comment string,
	check func(*project.Project) error, kept func() any) (project.Project, error) {
	return s.store.UpdateProject(ctx, sc, code, func(p *project.Project) (store.ProjectChange, error) {
		next, level := project.Status(""), 0
		var err error
		if act == project.ActionSubmit {
			next, err = p.Status.Apply(act)
		} else {
			oneLevel, lerr := s.OneLevel(ctx, p.Year)
			if lerr != nil {
				return store.ProjectChange{}, lerr
			}
			route := RouteOf(*p, oneLevel)
			if level = a.Caller.ReviewLevel(p.Department.Code); level == 0 {
				next, err = p.Status.ApplyAt(act, route.Final(), route) // the state is the reason given when both are wrong
			} else {
				next, err = p.Status.ApplyAt(act, level, route)
			}
		}
		if err != nil {
			return store.ProjectChange{}, fmt.Errorf("%s: %w", act, err)
		}
		if err := check(p); err != nil {
			return store.ProjectChange{}, fmt.Errorf("%s: %w", act, err)
		}
		p.Status = next
		p.Version++
		ch := s.change(a, string(act), comment)
		ch.Level = level
		if kept != nil {
			ch.Findings = kept()
		}
		return ch, nil
	})
}

// RouteOf is the way a project's targets take through review: first its
// 主管部门 when its department has one, then the finance bureau unless its
// year reviews in one level.
func RouteOf(p project.Project, oneLevel bool) project.Route {
	return project.Route{Supervised: p.Department.Parent != "", OneLevel: oneLevel}
}

// OneLevel tells whether the targets and changes of a year are reviewed in
// one level (the annual period's setting).
func (s *Service) OneLevel(ctx context.Context, year int) (bool, error) {
	n, err := s.store.ReviewLevelsOf(ctx, year)
	return n == 1, err
}

// Finding is a quality finding as kept with an approval and shown by the API.
type Finding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	IndicatorID *int64 `json:"indicator_id"`
	Indicator   string `json:"indicator,omitempty"`
	Message     string `json:"message"`
	Source      string `json:"source"`
}

func findingsJSON(fs []quality.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Rule: f.Rule, Severity: string(f.Severity), Indicator: f.Indicator, Message: f.Message, Source: f.Source}
		if f.IndicatorID != 0 {
			id := f.IndicatorID
			out[i].IndicatorID = &id
		}
	}
	return out
}

// Review runs the quality review on a project against the other projects of
// its department and year.
func (s *Service) Review(ctx context.Context, sc store.Scope, code string) ([]Finding, error) {
	p, err := s.store.GetProject(ctx, sc, code)
	if err != nil {
		return nil, err
	}
	others, err := s.store.DepartmentProjects(ctx, sc, p.Department.Code, p.Year)
	if err != nil {
		return nil, err
	}
	h, err := s.history(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	return findingsJSON(quality.ReviewWithHistory(p, others, s.quality, h)), nil
}

// Preview reviews targets being typed, stored nowhere: the quality findings
// and what Validate would refuse (by field), against the other projects of
// the department and year the scope sees. The department must be visible.
func (s *Service) Preview(ctx context.Context, sc store.Scope, p project.Project) ([]Finding, map[string]string, error) {
	if !sc.SeesDepartment(p.Department.Code) {
		return nil, nil, fmt.Errorf("preview: %w", project.ErrNoDepartment)
	}
	if p.CopiedFrom == "" && p.Code != "" {
		// a draft being edited: compare with what it was copied from
		if cur, err := s.store.GetProject(ctx, sc, p.Code); err == nil && cur.Department.Code == p.Department.Code {
			p.CopiedFrom = cur.CopiedFrom
			if p.Status == "" {
				p.Status = cur.Status
			}
		}
	}
	s.keepCopyOf(ctx, p.CopiedFrom, p.Indicators)
	others, err := s.store.DepartmentProjects(ctx, sc, p.Department.Code, p.Year)
	if err != nil {
		return nil, nil, err
	}
	problems := map[string]string{}
	if p.Department.Name == "" {
		p.Department.Name = p.Department.Code
	}
	var fe *fields.Error
	if err := p.Validate(); errors.As(err, &fe) {
		problems = fe.Fields
	}
	h, err := s.history(ctx, sc, p)
	if err != nil {
		return nil, nil, err
	}
	return findingsJSON(quality.ReviewWithHistory(p, others, s.quality, h)), problems, nil
}

// Transitions lists a project's workflow steps.
func (s *Service) Transitions(ctx context.Context, sc store.Scope, code string) ([]store.ProjectTransition, error) {
	return s.store.ProjectTransitions(ctx, sc, code)
}

// Versions lists every version of a project's targets.
func (s *Service) Versions(ctx context.Context, sc store.Scope, code string) ([]store.TargetVersion, error) {
	return s.store.TargetVersions(ctx, sc, code)
}
