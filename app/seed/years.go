package seed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/quality"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// demoAchievement is, per Golmud project in code order, the share of its
// targets the demo's 2024 annual self-evaluation reaches and its budget
// execution rate: invented figures (README "Demo data"), chosen so that the
// twelve projects land in every grade.
var demoAchievement = []struct{ reached, executed string }{
	{"1", "0.98"}, {"1.05", "1"}, {"0.98", "0.95"}, {"0.9", "0.92"}, {"1", "1"}, {"0.8", "0.85"},
	{"1.02", "0.97"}, {"0.6", "0.7"}, {"1", "0.99"}, {"0.95", "0.9"}, {"0.45", "0.6"}, {"1", "0.96"},
}

// DemoNote marks every text the demo script writes.
const DemoNote = "演示数据（脚本填写）"

// DemoYears gives the demo a second year: it fills, submits and approves
// the 2024 annual self-evaluation of every Golmud project still without an
// approved one (invented actuals, see demoAchievement), then copies each
// 2024 project to a 2025 target draft unless the copy exists. Running it
// again changes nothing. It expects the Golmud data to be seeded.
func DemoYears(ctx context.Context, st *store.Store, now func() time.Time, out io.Writer) error {
	ds, err := Golmud2024()
	if err != nil {
		return err
	}
	codes := make([]string, len(ds.Projects))
	for i, p := range ds.Projects {
		codes[i] = p.Code
	}
	dept := ds.Department.Code
	sc := store.ScopeDepartments(dept)
	sub := user.Caller{Username: audit.CLI, Roles: []user.Role{user.Submitter}, Departments: []string{dept}, Projects: codes}
	rev := user.Caller{Username: audit.CLI, Roles: []user.Role{user.Reviewer}, Departments: []string{dept}}
	rs := reports.New(st, rules.National(), now)
	ts := targets.New(st, rules.National(), quality.Defaults(), now)
	filled, copied := 0, 0
	for i, code := range codes {
		p, err := st.GetProject(ctx, sc, code)
		if err != nil {
			return err
		}
		rec, err := rs.Get(ctx, sc, code, "2024")
		if err != nil {
			return err
		}
		if rec.Report.Status != report.StatusApproved {
			a := demoAchievement[i%len(demoAchievement)]
			in := demoAnnual(p, decimal.RequireFromString(a.reached), decimal.RequireFromString(a.executed))
			if rec.Report.Status == report.StatusDraft || rec.Report.Status == report.StatusReturned || rec.Report.Status == "" {
				if rec, err = rs.Save(ctx, sc, reports.Actor{Caller: sub, IP: "127.0.0.1"}, code, "2024", rec.Report.Version, in); err != nil {
					return fmt.Errorf("demo annual report %s: %w", code, err)
				}
				if _, err = rs.Submit(ctx, sc, reports.Actor{Caller: sub, IP: "127.0.0.1"}, code, "2024"); err != nil {
					return fmt.Errorf("demo annual report %s: submit: %w", code, err)
				}
			}
			if _, err = rs.Approve(ctx, sc, reports.Actor{Caller: rev, IP: "127.0.0.1"}, code, "2024", DemoNote, nil); err != nil {
				return fmt.Errorf("demo annual report %s: approve: %w", code, err)
			}
			filled++
		}
		next := targets.CopyCode(code, 2024, 2025)
		if _, err := st.GetProject(ctx, sc, next); err == nil {
			continue
		} else if !errors.Is(err, project.ErrNotFound) {
			return err
		}
		if _, err := ts.Copy(ctx, sc, targets.Actor{Caller: sub, IP: "127.0.0.1"}, code, 2025, next); err != nil {
			return fmt.Errorf("demo 2025 draft of %s: %w", code, err)
		}
		copied++
	}
	fmt.Fprintf(out, "demo years: %d annual self-evaluations of 2024 filled and approved, %d projects copied to 2025 target drafts\n", filled, copied)
	return nil
}

// demoAnnual is an annual report reaching the share reached of every target
// and executing the share executed of the budget.
func demoAnnual(p project.Project, reached, executed decimal.Decimal) report.Report {
	one := decimal.NewFromInt(1)
	ex := p.Budget.Mul(executed).Round(2)
	r := report.Report{Budget: report.Budget{Executed: &ex}}
	if executed.LessThan(decimal.RequireFromString("0.9")) {
		r.Budget.Reason = DemoNote + "：部分支出未在年内完成。"
	}
	short := reached.LessThan(one)
	for _, in := range p.Indicators {
		l := report.Line{IndicatorID: in.ID}
		switch in.Kind() {
		case project.KindQualitative:
			band, share := report.BandAchieved, "0.9"
			if reached.LessThan(decimal.RequireFromString("0.6")) {
				band, share = report.BandNotAchieved, "0.5"
			} else if short && reached.LessThan(decimal.RequireFromString("0.95")) {
				band, share = report.BandPartly, "0.7"
			}
			s := in.Weight.Mul(decimal.RequireFromString(share)).Round(2)
			l.Band, l.ScoreInput = band, &s
		case project.KindDeadline:
			d, _ := in.Deadline()
			l.CompletedOn = d
		default:
			t, _ := in.TargetNumber()
			v := t.Mul(reached)
			if in.Kind() == project.KindLower && short {
				v = t.Mul(decimal.NewFromInt(2).Sub(reached))
			}
			if in.Kind() == project.KindLower && !short {
				v = t
			}
			v = v.Round(2)
			l.Value = &v
		}
		if short {
			l.DeviationCauses = []report.Cause{report.CauseOther}
			l.Explanation = DemoNote + "：未完全达到目标。"
			l.Measures = DemoNote + "：下年度加强进度管理。"
		}
		r.Lines = append(r.Lines, l)
	}
	return r
}
