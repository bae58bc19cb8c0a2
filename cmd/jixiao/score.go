package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"jixiao/app/config"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
)

// scoreLine is one project's result in `jixiao score --json`.
type scoreLine struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Department    string  `json:"department"`
	Status        string  `json:"status"`
	Light         string  `json:"light"`
	Total         *string `json:"total"`
	Grade         string  `json:"grade"`
	ExecutionRate *string `json:"execution_rate"`
}

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
	if *periodKey == "" {
		return usageError("score: --period is required")
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := reports.New(st, cfg.Rules, time.Now)
	if *rescore {
		if *department != "" {
			return usageError("score: --rescore covers the whole period; leave out --department")
		}
		start := time.Now()
		n, changed, err := svc.Rescore(ctx, *periodKey, audit.CLI)
		if err != nil {
			return err
		}
		took := time.Since(start).Seconds()
		if *asJSON {
			return json.NewEncoder(stdout).Encode(map[string]any{"period": *periodKey, "rules": cfg.Rules.Name, "rescored": n, "changed": changed, "seconds": took})
		}
		fmt.Fprintf(stdout, "rescored %d reports of %s with rules %s in %.2f s: %d changed\n", n, *periodKey, cfg.Rules.Name, took, changed)
		return nil
	}
	d, err := svc.Dashboard(ctx, store.ScopeAll(), *periodKey, *department)
	if err != nil {
		return err
	}
	lines := make([]scoreLine, len(d.Projects))
	for i, p := range d.Projects {
		lines[i] = scoreLine{Code: p.Code, Name: p.Name, Department: p.DepartmentCode, Status: string(p.Status), Light: string(p.Light), Grade: p.Grade}
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
		return enc.Encode(map[string]any{"period": d.Period.Key, "rules": cfg.Rules.Name, "projects": lines})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "项目编码\t项目名称\t状态\t预警\t得分\t等级\n")
	for _, l := range lines {
		total := "未填报"
		if l.Total != nil {
			total = *l.Total
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Code, l.Name, l.Status, l.Light, total, l.Grade)
	}
	return tw.Flush()
}
