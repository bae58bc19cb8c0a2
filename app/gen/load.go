package gen

import (
	"context"
	"fmt"
	"time"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/user"
)

// Stats count what a load stored.
type Stats struct {
	Departments int `json:"departments"`
	Projects    int `json:"projects"`
	Indicators  int `json:"indicators"`
	Reports     int `json:"reports"`
	Submitted   int `json:"submitted"`
	Approved    int `json:"approved"`
	Users       int `json:"users"`
	// Supervised counts the 主管部门 with units (each has a supervisor).
	Supervised int `json:"supervised"`
}

// batch is how many departments go into one round of COPY statements.
const batch = 250

// Load generates the province and stores it in one transaction with COPY:
// periods, departments, projects, indicators, reports with lines, versions
// and transitions, a submitter per department (assigned its projects), a
// reviewer per DepartmentsPerReviewer departments and an auditor, all with
// passwordHash. Nothing is stored when anything fails.
func Load(ctx context.Context, st *store.Store, g *Generator, passwordHash string, now time.Time) (Stats, error) {
	var stats Stats
	l, err := st.BeginLoad(ctx)
	if err != nil {
		return stats, err
	}
	if err := g.load(ctx, l, passwordHash, now, &stats); err != nil {
		l.Rollback(ctx)
		return Stats{}, err
	}
	detail := audit.JSON(map[string]any{"departments": g.opts.Departments, "projects_per": g.opts.ProjectsPer, "seed": g.opts.Seed, "stats": stats})
	err = l.Commit(ctx, audit.Entry{At: now, Actor: audit.CLI, Action: "data.generate", ObjectType: "dataset",
		ObjectID: fmt.Sprintf("gen:%d:%d:%d", g.opts.Departments, g.opts.ProjectsPer, g.opts.Seed), Status: 200, Detail: detail})
	if err != nil {
		return Stats{}, err
	}
	// fresh statistics, so that the planner knows the tables' new sizes
	if err := st.Analyze(ctx); err != nil {
		return Stats{}, err
	}
	return stats, nil
}

func (g *Generator) load(ctx context.Context, l *store.Loader, hash string, now time.Time, stats *Stats) error {
	if err := l.Periods(ctx, g.periods); err != nil {
		return err
	}
	per := g.Monitor()
	at := time.Date(per.Year, time.Month(per.CutoffMonth)+1, 5, 9, 0, 0, 0, time.UTC)
	var users []store.LoadUser
	for start := 0; start < g.opts.Departments; start += batch {
		end := min(start+batch, g.opts.Departments)
		var deps []project.Department
		var ps []project.Project
		for i := start; i < end; i++ {
			d, dps := g.Department(i)
			deps = append(deps, d)
			ps = append(ps, dps...)
			codes := make([]string, len(dps))
			for j, p := range dps {
				codes[j] = p.Code
			}
			users = append(users, store.LoadUser{PasswordHash: hash, Account: user.Account{Username: SubmitterName(d.Code),
				DisplayName: d.Name + "填报人", Roles: []user.Role{user.Submitter}, Departments: []string{d.Code}, Projects: codes}})
		}
		ps, err := l.Projects(ctx, deps, ps)
		if err != nil {
			return err
		}
		var rs []store.LoadReport
		for k, p := range ps {
			dept, pos := start+k/g.opts.ProjectsPer, k%g.opts.ProjectsPer
			r, ok, err := g.Report(dept, pos, p)
			if err != nil {
				return err
			}
			stats.Indicators += len(p.Indicators)
			if !ok {
				continue
			}
			rs = append(rs, store.LoadReport{Project: p, Period: per, Record: store.ReportRecord{Report: r.Report, Evaluation: r.Evaluation},
				Submitter: SubmitterName(p.Department.Code), Reviewer: ReviewerName(dept / DepartmentsPerReviewer), At: at})
			switch r.Report.Status {
			case report.StatusSubmitted:
				stats.Submitted++
			case report.StatusApproved:
				stats.Approved++
			}
		}
		if err := l.Reports(ctx, rs); err != nil {
			return err
		}
		stats.Departments += len(deps)
		stats.Projects += len(ps)
		stats.Reports += len(rs)
	}
	for grp := 0; grp*DepartmentsPerReviewer < g.opts.Departments; grp++ {
		var codes []string
		for i := grp * DepartmentsPerReviewer; i < min((grp+1)*DepartmentsPerReviewer, g.opts.Departments); i++ {
			codes = append(codes, DepartmentCode(i))
		}
		users = append(users, store.LoadUser{PasswordHash: hash, Account: user.Account{Username: ReviewerName(grp),
			DisplayName: fmt.Sprintf("模拟审核人%d", grp+1), Roles: []user.Role{user.Reviewer}, Departments: codes}})
	}
	for i := range g.opts.Departments {
		if g.parent[i] < 0 && i+1 < g.opts.Departments && g.parent[i+1] == i {
			code := DepartmentCode(i)
			users = append(users, store.LoadUser{PasswordHash: hash, Account: user.Account{Username: SupervisorName(code),
				DisplayName: fmt.Sprintf("模拟主管部门审核人%05d", i+1), Roles: []user.Role{user.Supervisor}, Departments: []string{code}}})
			stats.Supervised++
		}
	}
	users = append(users, store.LoadUser{PasswordHash: hash, Account: user.Account{Username: AuditorName, DisplayName: "模拟审计员",
		Roles: []user.Role{user.Auditor}}})
	stats.Users = len(users)
	return l.Users(ctx, users, now)
}
