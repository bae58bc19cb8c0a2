package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"jixiao/app/config"
	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/app/workbooks"
)

// errImportRefused: the file was read and refused; the errors are printed.
var errImportRefused = fmt.Errorf("import refused: nothing was stored")

func workbookService(ctx context.Context, st *store.Store, cfg config.Config) (*workbooks.Service, error) {
	limits := workbooks.DefaultLimits
	limits.MaxBytes = cfg.ImportMaxBytes
	rs, err := defaultRules(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return workbooks.NewService(st, reports.New(st, rs, time.Now), limits, time.Now), nil
}

// importCmd: jixiao import targets FILE [--dry-run] [--year Y] [--sheet S] [--json].
func importCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "targets" {
		return usageError("import: only \"import targets FILE\" exists")
	}
	fs := flag.NewFlagSet("import targets", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dryRun := fs.Bool("dry-run", false, "read and check only")
	year := fs.Int("year", 0, "the year, overriding the table's title")
	sheet := fs.String("sheet", "", "read only this sheet")
	asJSON := fs.Bool("json", false, "print JSON")
	file, rest := "", args[1:]
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		file, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return usageError("import targets: " + err.Error())
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	}
	if file == "" {
		return usageError("import targets: FILE is required")
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	if info.Size() > cfg.ImportMaxBytes {
		return fmt.Errorf("import targets: %s is %d bytes, more than the limit of %d (JIXIAO_IMPORT_MAX_MB)", file, info.Size(), cfg.ImportMaxBytes)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := workbookService(ctx, st, cfg)
	if err != nil {
		return err
	}
	res, err := svc.ImportTargets(ctx, store.ScopeAll(), reports.Actor{}, workbooks.ImportRequest{
		Data: data, Filename: filepath.Base(file), Year: *year, Sheet: *sheet, DryRun: *dryRun})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		printImport(stdout, res, *dryRun)
	}
	if !res.OK() {
		return errImportRefused
	}
	return nil
}

func printImport(w io.Writer, res workbooks.ImportResult, dryRun bool) {
	for _, imp := range res.Projects {
		assigned := ""
		if imp.CodeAssigned {
			assigned = "（编码由系统生成）"
		}
		fmt.Fprintf(w, "%s%s  %s  %s 万元  %d 个指标  [%s 第%d行]\n", imp.Project.Code, assigned, imp.Project.Name,
			imp.Project.Budget.String(), len(imp.Project.Indicators), imp.Sheet, imp.Row)
	}
	for _, d := range res.Created {
		fmt.Fprintf(w, "新建单位 %s-%s，隶属主管部门 %s\n", d.Code, d.Name, d.Parent)
	}
	for _, p := range res.Problems {
		where := p.Sheet
		if p.Row > 0 {
			where += " 第" + strconv.Itoa(p.Row) + "行"
		}
		if p.Column != "" {
			where += " " + p.Column + "列"
		}
		fmt.Fprintf(w, "错误：%s：%s\n", where, p.Message)
	}
	switch {
	case !res.OK():
		fmt.Fprintf(w, "共 %d 处错误，未导入任何数据\n", len(res.Problems))
	case dryRun:
		fmt.Fprintf(w, "检查通过：%d 个项目可以导入（试运行，未保存）\n", len(res.Projects))
	default:
		fmt.Fprintf(w, "已导入 %d 个项目（%d 个已有报告且未变，保持不动）\n", len(res.Projects)-len(res.Unchanged), len(res.Unchanged))
	}
}

// exportCmd: jixiao export targets|monitoring|self-evaluation --year Y|--period P [--department D] -o FILE.
func exportCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError("export: name a table: targets, monitoring or self-evaluation")
	}
	table := args[0]
	switch table {
	case "targets", "monitoring", "self-evaluation":
	default:
		return usageError(fmt.Sprintf("export: unknown table %q (targets, monitoring, self-evaluation)", table))
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	year := fs.Int("year", 0, "year (targets, self-evaluation)")
	periodKey := fs.String("period", "", "period key (monitoring; self-evaluation)")
	department := fs.String("department", "", "department code")
	out := fs.String("o", "", "output file (.xlsx)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError("export: " + err.Error())
	}
	switch {
	case *out == "":
		return usageError("export: -o FILE is required")
	case table == "targets" && *year == 0:
		return usageError("export targets: --year is required")
	case table == "monitoring" && *periodKey == "":
		return usageError("export monitoring: --period is required")
	case table == "self-evaluation" && *year == 0 && *periodKey == "":
		return usageError("export self-evaluation: --year or --period is required")
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := workbookService(ctx, st, cfg)
	if err != nil {
		return err
	}
	tmp := *out + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = svc.Export(ctx, store.ScopeAll(), reports.Actor{}, workbooks.ExportRequest{
		Table: table, Year: *year, Period: *periodKey, Department: *department}, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}
