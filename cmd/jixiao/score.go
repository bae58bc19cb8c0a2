package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"time"

	"jixiao/app/config"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/report"
)

// scoreLine is one project's result in `jixiao score --json`.
type scoreLine struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Department    string  `json:"department"`
	Status        string  `json:"status"`
	Saved         bool    `json:"saved"` // false: nobody filled the report (no total, no grade)
	Light         string  `json:"light"`
	Total         *string `json:"total"`
	Grade         string  `json:"grade"`
	ExecutionRate *string `json:"execution_rate"`
}

// unfilled is what the score table says of a project whose report nobody saved.
const unfilled = "未填报"

// scoreCmd prints every project's stored score for a period: the total and
// grade computed when its report was last saved or approved.
func scoreCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	periodKey := fs.String("period", "", "period key, e.g. 2024-06 or 2024")
	department := fs.String("department", "", "department code")
	asJSON := fs.Bool("json", false, "print JSON")
	rescore := fs.Bool("rescore", false, "first re-evaluate every saved report with the current rules and store the results")
	if err := fs.Parse(args); err != nil {
		return usageError("score: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("score: 多余的参数 " + fs.Arg(0))
	}
	if *periodKey == "" {
		return usageError("score: 缺少 --period（例如 --period 2024-06 或 --period 2024）")
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if *department != "" {
		ds, err := st.ListDepartments(ctx, store.ScopeAll())
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(ds, func(d project.Department) bool { return d.Code == *department }) {
			return fmt.Errorf("部门 %s 不存在", *department)
		}
	}
	rs, err := defaultRules(ctx, st, cfg)
	if err != nil {
		return err
	}
	svc := reports.New(st, rs, time.Now)
	if *rescore {
		if *department != "" {
			return usageError("score: --rescore covers the whole period; leave out --department")
		}
		tuneRescoreGC()
		pp, err := svc.PeriodRuleProfile(ctx, *periodKey)
		if err != nil {
			return fmt.Errorf("期间 %s：%w", *periodKey, err)
		}
		start := time.Now()
		n, changed, err := svc.Rescore(ctx, *periodKey, audit.CLI)
		if err != nil {
			return err
		}
		took := time.Since(start).Seconds()
		ref := pp.Profile.ProfileRef
		if *asJSON {
			return json.NewEncoder(stdout).Encode(map[string]any{"period": *periodKey, "rules": ref.Name,
				"rule_profile": map[string]any{"name": ref.Name, "version": ref.Version}, "rescored": n, "changed": changed, "seconds": took})
		}
		fmt.Fprintf(stdout, "rescored %d reports of %s (approved ones keep their scores) with rule profile %s in %.2f s: %d changed\n",
			n, *periodKey, ref, took, changed)
		return nil
	}
	d, err := svc.Dashboard(ctx, store.ScopeAll(), *periodKey, *department)
	if errors.Is(err, period.ErrNotFound) || errors.Is(err, period.ErrInvalidKey) {
		return fmt.Errorf("期间 %s 不存在（期间写作 2024-06 或 2024）", *periodKey)
	}
	if err != nil {
		return err
	}
	lines := make([]scoreLine, len(d.Projects))
	for i, p := range d.Projects {
		lines[i] = scoreLine{Code: p.Code, Name: p.Name, Department: p.DepartmentCode, Status: string(p.Status), Saved: p.Saved,
			Light: string(p.Light), Grade: p.Grade}
		if p.Total != nil {
			t := p.Total.StringFixed(2)
			lines[i].Total = &t
		}
		if p.ExecutionRate != nil {
			r := p.ExecutionRate.String()
			lines[i].ExecutionRate = &r
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		pp, err := svc.PeriodRuleProfile(ctx, d.Period.Key)
		if err != nil {
			return err
		}
		ref := pp.Profile.ProfileRef
		return enc.Encode(map[string]any{"period": d.Period.Key, "rules": ref.Name,
			"rule_profile": map[string]any{"name": ref.Name, "version": ref.Version, "title": pp.Profile.Title}, "projects": lines})
	}
	rows := make([][]string, len(lines))
	for i, l := range lines {
		// nobody filled it: 未填报, no score (not 0), no grade (not 差)
		status, light, total, grade := unfilled, unfilled, "", ""
		if l.Saved {
			status, light, grade = report.Status(l.Status).Label(), lightLabel(report.Light(l.Light)), l.Grade
		}
		if l.Total != nil {
			total = *l.Total
		}
		rows[i] = []string{l.Code, l.Name, status, light, total, grade}
	}
	return writeTable(stdout, []string{"项目编码", "项目名称", "状态", "预警", "得分", "等级"}, rows)
}

// tuneRescoreGC lets the heap grow further between collections for a
// rescore, unless GOGC or GOMEMLIMIT say otherwise: a rescore of a province
// allocates well over a gigabyte of short-lived rows, decimals and
// evaluations over some 40 MB that stay live, and collecting at five times
// that instead of twice takes a sizeable share of its CPU time back; a soft
// limit of 250 MB bounds what it costs.
func tuneRescoreGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(250 << 20)
	}
}
