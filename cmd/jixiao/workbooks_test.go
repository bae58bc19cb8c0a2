package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/app/store"
	"jixiao/app/workbooks"
	"jixiao/domain/audit"
)

func TestExportThenImportTargetsFromTheCommandLine(t *testing.T) {
	if out, err := jixiao(t, "", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "targets.xlsx")
	if out, err := jixiao(t, "", "export", "targets", "--year", "2024", "--department", "003001", "-o", file); err != nil || !strings.Contains(out, "wrote") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	out, err := jixiao(t, "", "import", "targets", file, "--dry-run")
	if err != nil || !strings.Contains(out, "检查通过：12 个项目") {
		t.Fatalf("import --dry-run: %v\n%s", err, out)
	}
	for _, table := range [][]string{{"monitoring", "--period", "2024-06"}, {"self-evaluation", "--year", "2024"}} {
		f := filepath.Join(dir, table[0]+".xlsx")
		args := append(append([]string{"export"}, table...), "-o", f)
		if out, err := jixiao(t, "", args...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值,权重\n001-单位,项目,1,产出指标,数量指标,指标,≥abc,90\n"), 0o644)
	out, err = jixiao(t, "", "import", "targets", bad, "--year", "2024")
	if !errors.Is(err, errImportRefused) || !strings.Contains(out, "bad.csv 第2行 G列") || !strings.Contains(out, "未导入任何数据") {
		t.Errorf("bad import: %v\n%s", err, out)
	}
	st := openStore(t)
	if _, err := st.GetProject(context.Background(), store.ScopeAll(), workbooks.StableCode("001", 2024, "项目")); err == nil {
		t.Error("a refused import stored its project")
	}
	es, _, err := st.ListAudit(context.Background(), audit.Filter{Actor: audit.CLI, Action: workbooks.ActionExport})
	if err != nil || len(es) < 3 {
		t.Errorf("exports not audited as cli: %d %v", len(es), err)
	}
	if _, err := jixiao(t, "", "export", "targets", "-o", file); err == nil {
		t.Error("export without --year accepted")
	}
}
