package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
)

// departmentCmd manages the hierarchy of departments: "department add"
// creates one, at the top or under its parent (its 主管部门, or the finance
// bureau).
func departmentCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError("department: 应为 \"department add --code C --name N [--parent P]\"")
	}
	fs := flag.NewFlagSet("department add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	code := fs.String("code", "", "the department's code, e.g. 003001")
	name := fs.String("name", "", "the department's name")
	parent := fs.String("parent", "", "the code of the department above it (its 主管部门); none: at the top")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError("department add: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("department add: 多余的参数 " + fs.Arg(0))
	}
	if *code == "" || *name == "" {
		return usageError("department add: 需要 --code 和 --name")
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.AddDepartment(ctx, store.DepartmentInput{Code: *code, Name: *name, Parent: *parent}, audit.Entry{Actor: audit.CLI})
	if err != nil {
		var fe *fields.Error
		switch {
		case errors.Is(err, store.ErrDepartmentExists):
			return errors.New("department add: 单位代码已存在：" + *code)
		case errors.As(err, &fe):
			keys := make([]string, 0, len(fe.Fields))
			for k := range fe.Fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = "--" + strings.TrimSuffix(k, "_code") + " " + fe.Fields[k]
			}
			return errors.New("department add: 输入有误：" + strings.Join(parts, "；"))
		}
		return err
	}
	if d.Parent != "" {
		fmt.Fprintf(stdout, "created department %s %s under %s (level %d)\n", d.Code, d.Name, d.Parent, d.Level)
	} else {
		fmt.Fprintf(stdout, "created department %s %s (level %d)\n", d.Code, d.Name, d.Level)
	}
	return nil
}
