package workbooks

import (
	"github.com/shopspring/decimal"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/period"
	"jixiao/domain/project"
)

// Audit actions of imports and exports.
const (
	ActionImport         = "targets.import"
	ActionImportDryRun   = "targets.import_dry_run"
	ActionImportRejected = "targets.import_rejected"
	ActionExport         = "tables.export"
)

// ErrWrongPeriod: a monitoring table asked for the annual period, or a
// self-evaluation table for a monitoring one.
var ErrWrongPeriod = errors.New("wrong kind of period for this table")

// Service imports target tables and exports the official tables, within
// the caller's scope and with an audit entry for each.
type Service struct {
	store   *store.Store
	reports *reports.Service
	limits  Limits
	now     func() time.Time
}

// NewService returns a Service; limits bound what an imported file may
// make it do, now is the clock.
func NewService(st *store.Store, rs *reports.Service, limits Limits, now func() time.Time) *Service {
	return &Service{store: st, reports: rs, limits: limits, now: now}
}

// MaxBytes is the largest file an import accepts, in bytes.
func (s *Service) MaxBytes() int64 { return s.limits.MaxBytes }

// ImportRequest is one uploaded file.
type ImportRequest struct {
	Data     []byte
	Filename string
	Year     int    // overrides the title's year; 0 takes the title's
	Sheet    string // only this sheet; "" every sheet with a table
	DryRun   bool
}

// ImportResult says what a file held and what became of it. With any
// problem nothing is stored.
type ImportResult struct {
	Parsed
	Departments []project.Department
	// Created are the units the import creates (or, in a dry run, would
	// create) under the 主管部门 the table names beside them.
	Created []project.Department
	// Unchanged are projects with saved reports whose targets the file
	// repeats exactly: left as they are.
	Unchanged []string
	Stored    bool
}

// OK reports whether the file imports (or would import) as a whole.
func (r ImportResult) OK() bool { return len(r.Problems) == 0 }

// ImportTargets reads a file of target tables and, unless it is a dry run
// or anything is wrong, stores every project in one transaction, as
// published (approved) targets. A caller may only import departments in
// scope; a project with saved reports, adjusted targets or targets in
// drafting keeps them (they change through an adjustment, not an import).
func (s *Service) ImportTargets(ctx context.Context, sc store.Scope, a reports.Actor, req ImportRequest) (ImportResult, error) {
	var res ImportResult
	sum := sha256.Sum256(req.Data)
	file := map[string]any{"name": req.Filename, "bytes": len(req.Data), "sha256": hex.EncodeToString(sum[:]),
		"dry_run": req.DryRun, "year": req.Year}
	sheets, err := Read(req.Data, req.Filename, s.limits)
	var fe *FileError
	if errors.As(err, &fe) {
		res.Problems = []Problem{{Message: fe.Message}}
		return res, s.auditImport(ctx, a, ActionImportRejected, 422, file, res)
	}
	if err != nil {
		return res, err
	}
	known, err := s.store.ListDepartments(ctx, store.ScopeAll())
	if err != nil {
		return res, err
	}
	byName := map[string]string{}
	for _, d := range known {
		byName[d.Name] = d.Code
	}
	res.Parsed = ParseTargets(sheets, Options{Year: req.Year, Sheet: req.Sheet, DepartmentByName: func(n string) (string, bool) {
		c, ok := byName[n]
		return c, ok
	}})
	res.placeUnits(known)
	if err := s.checkAgainstStored(ctx, sc, &res); err != nil {
		return res, err
	}
	seen := map[string]bool{}
	for _, imp := range res.Projects {
		if d := imp.Project.Department; !seen[d.Code] {
			seen[d.Code] = true
			res.Departments = append(res.Departments, d)
		}
	}
	switch {
	case !res.OK():
		return res, s.auditImport(ctx, a, ActionImportRejected, 422, file, res)
	case req.DryRun:
		return res, s.auditImport(ctx, a, ActionImportDryRun, 200, file, res)
	}
	unchanged := map[string]bool{}
	for _, c := range res.Unchanged {
		unchanged[c] = true
	}
	var save []project.Project
	for _, imp := range res.Projects {
		if !unchanged[imp.Project.Code] {
			save = append(save, imp.Project)
		}
	}
	e := s.entry(a, ActionImport, 200, file, res)
	var units []store.NewUnit
	for _, d := range res.Created {
		units = append(units, store.NewUnit{Department: d,
			Audit: audit.Entry{At: e.At, Actor: e.Actor, ActorID: e.ActorID, IP: e.IP, Status: 200,
				Detail: audit.JSON(map[string]any{"import": file["name"], "year": res.Year})}})
	}
	if err := s.store.ImportProjects(ctx, units, save, e); err != nil {
		return res, fmt.Errorf("import targets: %w", err)
	}
	res.Stored = true
	return res, nil
}

// placeUnits puts the units the system does not know under the 主管部门 the
// table names beside them: each such unit is to be created there (Created),
// one level below it. A 主管部门 that does not exist either, or one at the
// deepest level, is a problem at its cell. A unit that exists keeps its
// place (moving it is an administrator's act), and one the table names no
// 主管部门 for is created at the top, as before.
func (res *ImportResult) placeUnits(known []project.Department) {
	byCode, byName := map[string]project.Department{}, map[string]project.Department{}
	for _, d := range known {
		byCode[d.Code], byName[d.Name] = d, d
	}
	created, refused := map[string]bool{}, map[string]bool{}
	for i := range res.Projects {
		imp := &res.Projects[i]
		d := &imp.Project.Department
		if _, ok := byCode[d.Code]; ok || imp.Parent == "" || refused[d.Code] {
			continue
		}
		named := splitDepartment(imp.Parent)
		parent, ok := byCode[named.Code]
		if !ok {
			parent, ok = byCode[imp.Parent]
		}
		if !ok {
			parent, ok = byName[named.Name]
		}
		refused[d.Code] = !ok || parent.Level >= project.MaxDepartmentLevel // said once per unit
		switch {
		case !ok:
			res.Problems = append(res.Problems, imp.at["parent"].problem(
				fmt.Sprintf("主管部门“%s”不存在，无法在其下建立单位“%s”：请先建立该主管部门，或更正主管部门", imp.Parent, d.Name)))
			continue
		case parent.Level >= project.MaxDepartmentLevel:
			res.Problems = append(res.Problems, imp.at["parent"].problem(
				fmt.Sprintf("单位“%s”不能建在“%s”之下：单位最多三级（财政、主管部门、二级单位）", d.Name, parent.Name)))
			continue
		}
		d.Parent, d.Level = parent.Code, parent.Level+1
		if !created[d.Code] {
			created[d.Code] = true
			res.Created = append(res.Created, *d)
		}
	}
}

// checkAgainstStored adds the problems only storage can tell: departments
// out of the caller's scope, codes taken by another department, and
// changed targets of projects that have reports or whose targets have moved
// on since they were published (adjusted, or back in drafting).
func (s *Service) checkAgainstStored(ctx context.Context, sc store.Scope, res *ImportResult) error {
	codes := make([]string, 0, len(res.Projects))
	for _, imp := range res.Projects {
		codes = append(codes, imp.Project.Code)
	}
	stored, err := s.store.StoredProjects(ctx, codes)
	if err != nil {
		return err
	}
	for _, imp := range res.Projects {
		p := imp.Project
		if !sc.SeesDepartment(p.Department.Code) {
			res.Problems = append(res.Problems, imp.at["department"].problem(
				fmt.Sprintf("您无权导入单位“%s-%s”的绩效目标：该单位不在您的管理或审核范围内", p.Department.Code, p.Department.Name)))
			continue
		}
		old, ok := stored[p.Code]
		if !ok {
			continue
		}
		if old.Project.Department.Code != p.Department.Code {
			res.Problems = append(res.Problems, imp.at["code"].problem(
				fmt.Sprintf("项目编码“%s”已登记在其他单位下，不能导入到“%s”", p.Code, p.Department.Name)))
			continue
		}
		movedOn := (old.Project.Status != "" && old.Project.Status != project.StatusApproved) || old.Project.TargetVersion > 1
		if !old.HasReports && !movedOn {
			continue
		}
		if sameTargets(old.Project, p) {
			res.Unchanged = append(res.Unchanged, p.Code)
			continue
		}
		switch {
		case movedOn && old.Project.TargetVersion > 1:
			res.Problems = append(res.Problems, imp.at["code"].problem(
				fmt.Sprintf("项目“%s”的绩效目标已经调整（第 %d 版），不能通过导入覆盖", p.Name, old.Project.TargetVersion)))
		case movedOn:
			res.Problems = append(res.Problems, imp.at["code"].problem(
				fmt.Sprintf("项目“%s”的绩效目标正在编制或审核中（%s），不能通过导入覆盖", p.Name, old.Project.Status.Label())))
		default:
			res.Problems = append(res.Problems, imp.at["code"].problem(
				fmt.Sprintf("项目“%s”已有填报的报告，其绩效目标不能通过导入修改，请走目标调整流程", p.Name)))
		}
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i], res.Problems[j]
		return a.Sheet == b.Sheet && a.Row < b.Row
	})
	return nil
}

// sameTargets compares what a table carries of two projects.
func sameTargets(a, b project.Project) bool {
	if a.Name != b.Name || a.Category != b.Category || a.Goal != b.Goal || a.Year != b.Year ||
		!a.Budget.Equal(b.Budget) || !a.ExecutionWeight.Equal(b.ExecutionWeight) || len(a.Indicators) != len(b.Indicators) {
		return false
	}
	for i, x := range a.Indicators {
		y := b.Indicators[i]
		if x.Level1 != y.Level1 || x.Level2 != y.Level2 || x.Name != y.Name || x.Nature != y.Nature ||
			x.Target != y.Target || x.Unit != y.Unit || !x.Weight.Equal(y.Weight) {
			return false
		}
	}
	return true
}

func (s *Service) entry(a reports.Actor, action string, status int, file map[string]any, res ImportResult) audit.Entry {
	e := audit.Entry{At: s.now(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, Action: action,
		ObjectType: "targets", ObjectID: strconv.Itoa(res.Year), Status: status}
	if e.Actor == "" {
		e.Actor = audit.CLI
	}
	codes := make([]string, 0, len(res.Projects))
	var assigned []string
	for _, imp := range res.Projects {
		codes = append(codes, imp.Project.Code)
		if imp.CodeAssigned {
			assigned = append(assigned, imp.Project.Code)
		}
	}
	problems := res.Problems
	if len(problems) > 50 {
		problems = problems[:50]
	}
	e.Detail = audit.JSON(map[string]any{"file": file, "projects": codes, "assigned_codes": assigned,
		"unchanged": res.Unchanged, "problem_count": len(res.Problems), "problems": problems})
	return e
}

func (s *Service) auditImport(ctx context.Context, a reports.Actor, action string, status int, file map[string]any, res ImportResult) error {
	return s.store.AppendAudit(ctx, s.entry(a, action, status, file, res))
}

// ExportRequest names a table: targets of a year, monitoring of a period,
// self-evaluation of a year; optionally of one department.
type ExportRequest struct {
	Table      string // "targets", "monitoring", "self-evaluation"
	Year       int
	Period     string
	Department string
	// Kind "department" exports the departments as a whole (部门整体) in
	// their own layouts; otherwise the projects' tables, without them.
	Kind project.ProjectKind
}

// Export writes a table to w, of the projects whose targets are published
// (approved; drafts are left out). A department the caller may not see is
// project.ErrNotFound, like one that does not exist; a period of the wrong
// kind is ErrWrongPeriod. Every export is audited.
func (s *Service) Export(ctx context.Context, sc store.Scope, a reports.Actor, req ExportRequest, w io.Writer) error {
	if req.Department != "" {
		ds, err := s.store.ListDepartments(ctx, sc)
		if err != nil {
			return err
		}
		if !hasDepartment(ds, req.Department) {
			return fmt.Errorf("export: department %s: %w", req.Department, project.ErrNotFound)
		}
	}
	var per period.Period
	if req.Table != "targets" {
		key := req.Period
		if key == "" && req.Table == "self-evaluation" && req.Year != 0 {
			key = strconv.Itoa(req.Year)
		}
		var err error
		if per, err = s.store.GetPeriod(ctx, key); err != nil {
			return err
		}
		want := period.KindMonitor
		if req.Table == "self-evaluation" {
			want = period.KindFinal
		}
		if per.Kind != want {
			return fmt.Errorf("export %s of %s: %w", req.Table, key, ErrWrongPeriod)
		}
		req.Year = per.Year
	}
	kind := project.KindProject
	if req.Kind == project.KindDepartment {
		kind = project.KindDepartment
	}
	all, err := s.store.ListProjects(ctx, sc, store.ProjectFilter{Year: req.Year, Department: req.Department, Kind: kind})
	if err != nil {
		return err
	}
	// the official tables hold published targets: drafts are not yet targets
	list := all[:0]
	for _, p := range all {
		if p.Status == "" || p.Status == project.StatusApproved {
			list = append(list, p)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Department.Code != list[j].Department.Code {
			return list[i].Department.Code < list[j].Department.Code
		}
		return list[i].Code < list[j].Code
	})
	e := audit.Entry{At: s.now(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, Action: ActionExport,
		ObjectType: "table", ObjectID: req.Table, Status: 200,
		Detail: audit.JSON(map[string]any{"table": req.Table, "year": req.Year, "period": per.Key, "department": req.Department, "projects": len(list),
			"kind": string(kind)})}
	if e.Actor == "" {
		e.Actor = audit.CLI
	}
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return err
	}
	unit := unitOf(list)
	var overall *Overall
	if kind == project.KindDepartment {
		overall = &Overall{Basic: decimal.Zero, Projects: decimal.Zero}
		for _, p := range list {
			if p.BudgetBasic != nil && p.BudgetProjects != nil {
				overall.Basic, overall.Projects = overall.Basic.Add(*p.BudgetBasic), overall.Projects.Add(*p.BudgetProjects)
			}
		}
	}
	switch req.Table {
	case "targets":
		return s.writeTargets(ctx, sc, req.Year, list, unit, overall, w)
	case "monitoring":
		return WriteMonitoring(w, ReportTable{Period: per, Reports: s.records(ctx, sc, per.Key, list), Unit: unit, Overall: overall})
	default:
		return WriteSelfEvaluation(w, ReportTable{Period: per, Reports: s.records(ctx, sc, per.Key, list), Unit: unit, Overall: overall})
	}
}

// unitOf is the reporting unit of a table: the department's name when every
// project is of one department, else "" (written in by hand).
func unitOf(list []store.ProjectSummary) string {
	if len(list) == 0 {
		return ""
	}
	d := list[0].Department
	for _, p := range list[1:] {
		if p.Department.Code != d.Code {
			return ""
		}
	}
	return d.Name
}

func hasDepartment(ds []project.Department, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

func (s *Service) writeTargets(ctx context.Context, sc store.Scope, year int, list []store.ProjectSummary, unit string, overall *Overall, w io.Writer) error {
	total := decimal.Zero
	exec := project.DefaultExecutionWeight
	for i, p := range list {
		total = total.Add(p.Budget)
		if i == 0 {
			exec = p.ExecutionWeight
		}
	}
	return WriteTargets(w, TargetTable{Year: year, Total: total, ExecutionWeight: exec, Unit: unit, Overall: overall,
		Projects: func(yield func(project.Project, error) bool) {
			for _, ps := range list {
				p, err := s.store.GetProject(ctx, sc, ps.Code)
				if !yield(p, err) || err != nil {
					return
				}
			}
		}})
}

func (s *Service) records(ctx context.Context, sc store.Scope, key string, list []store.ProjectSummary) func(func(store.ReportRecord, error) bool) {
	return func(yield func(store.ReportRecord, error) bool) {
		for _, ps := range list {
			rec, err := s.reports.Get(ctx, sc, ps.Code, key)
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}
