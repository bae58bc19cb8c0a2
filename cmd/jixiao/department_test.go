package main

import (
	"context"
	"strings"
	"testing"
)

// TestDepartmentAdd builds 主管部门 → 二级单位 from the command line: the
// unit lands one level below its parent, a fourth level, an unknown parent
// and a code taken are refused, and every creation is in the audit trail.
func TestDepartmentAdd(t *testing.T) {
	out, err := jixiao(t, "", "department", "add", "--code", "cli900", "--name", "市教育局")
	if err != nil || !strings.Contains(out, "created department cli900 市教育局 (level 1)") {
		t.Fatalf("add 主管部门: %v %s", err, out)
	}
	out, err = jixiao(t, "", "department", "add", "--code", "cli900001", "--name", "市第一中学", "--parent", "cli900")
	if err != nil || !strings.Contains(out, "under cli900 (level 2)") {
		t.Fatalf("add unit: %v %s", err, out)
	}
	if _, err := jixiao(t, "", "department", "add", "--code", "cli900001a", "--name", "一中分校", "--parent", "cli900001"); err != nil {
		t.Fatalf("a third level: %v", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--code", "cli9x", "--name", "第四级", "--parent", "cli900001a"}, "最多三级"},
		{[]string{"--code", "cli9y", "--name", "无上级", "--parent", "nosuch"}, "上级单位不存在"},
		{[]string{"--code", "cli900", "--name", "重复"}, "单位代码已存在"},
		{[]string{"--name", "无代码"}, "需要 --code 和 --name"},
	} {
		_, err := jixiao(t, "", append([]string{"department", "add"}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	st := openStore(t)
	ctx := context.Background()
	var n int
	var parent string
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*), max(after->>'parent_code') FROM audit_log
		WHERE action = 'department.create' AND object_id LIKE 'cli9%'`).Scan(&n, &parent); err != nil {
		t.Fatal(err)
	}
	if n != 3 || parent != "cli900001" {
		t.Errorf("audit rows %d, highest parent %q; want 3 and cli900001", n, parent)
	}
	var level int
	if err := st.DB().QueryRowContext(ctx, `SELECT level FROM departments WHERE code = 'cli900001a'`).Scan(&level); err != nil || level != 3 {
		t.Errorf("level %d %v, want 3", level, err)
	}
}
