package store_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/gen"
	"jixiao/app/store"
	"jixiao/domain/report"
	"jixiao/domain/rules"
)

// listRow is one project × period as the report list defines it, read
// without any filter: what ListReports answers is checked against these
// rows filtered, ordered and paged here.
type listRow struct {
	code, name, dept, deptName, parent, projectStatus string
	key, kind                                         string
	year, cutoff                                      int
	saved                                             bool
	status, light, grade, updatedBy                   string
	version, blocking                                 int
	total, rate                                       *decimal.Decimal
	updatedAt                                         *time.Time
}

// TestTheReportListIsItsDefinitionUnderEveryFilter compares ListReports with
// its definition — every approved project × period of the project's year,
// with its report if saved (a draft otherwise), kept when the scope sees it
// and every filter holds, ordered by the sort and then period and code — on
// a generated province with 主管部门 and units, reports in every status, a
// second period, a period of another year and projects not approved, for
// scopes of every kind and the filters alone and together.
func TestTheReportListIsItsDefinitionUnderEveryFilter(t *testing.T) {
	ctx := context.Background()
	st := migratedDatabase(t, "list")
	const n = 24
	g, err := gen.New(gen.Options{Departments: n, ProjectsPer: 5, Seed: 3, Tree: true}, rules.National())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Load(ctx, st, g, "not a password hash", time.Now()); err != nil {
		t.Fatal(err)
	}
	db := st.DB()
	exec := func(q string, args ...any) int64 {
		t.Helper()
		res, err := db.ExecContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		k, _ := res.RowsAffected()
		return k
	}
	// every status a report can have (the generator saves drafts,
	// submitted and approved ones), the same time on some (ties of the
	// time order), reports of the annual period too, one of a period of
	// another year (never listed), and projects whose targets are not
	// approved (never listed, though one has a report)
	if exec(`UPDATE reports SET status = 'returned' WHERE id % 7 = 0`) == 0 ||
		exec(`UPDATE reports SET status = 'endorsed' WHERE id % 7 = 3 AND status = 'submitted'`) == 0 ||
		exec(`UPDATE reports SET updated_at = '2024-07-01 08:00:00+08' WHERE id % 5 = 1`) == 0 {
		t.Fatal("no report changed")
	}
	cols := `status, version, budget_adjusted, budget_executed, budget_projected, budget_reason, time_progress,
		execution_rate, execution_score, budget_light, light, indicator_sum, total, computed_total, grade, blocking, evaluation,
		updated_at, updated_by, target_version`
	if exec(`INSERT INTO reports (project_code, period_key, `+cols+`)
		SELECT project_code, '2024', `+cols+` FROM reports WHERE period_key = '2024-06' AND id % 3 = 0`) == 0 {
		t.Fatal("no annual report")
	}
	exec(`INSERT INTO periods (key, kind, year, cutoff_month) VALUES ('2023-06', 'monitor', 2023, 6)`)
	if exec(`INSERT INTO reports (project_code, period_key, `+cols+`)
		SELECT project_code, '2023-06', `+cols+` FROM reports WHERE period_key = '2024-06' AND status = 'submitted' LIMIT 3`) != 3 {
		t.Fatal("no report of another year")
	}
	if exec(`UPDATE projects SET status = 'submitted' WHERE code IN (
		(SELECT project_code FROM reports WHERE period_key = '2024-06' AND status = 'submitted' ORDER BY project_code LIMIT 1),
		(SELECT p.code FROM projects p WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.project_code = p.code) ORDER BY p.code LIMIT 1))`) != 2 {
		t.Fatal("no project left unapproved")
	}

	rows := readListRows(t, db)
	statuses := map[string]int{}
	for _, r := range rows {
		statuses[r.status]++
	}
	for _, s := range []string{"draft", "submitted", "endorsed", "approved", "returned"} {
		if statuses[s] == 0 {
			t.Fatalf("no row %s in %v", s, statuses)
		}
	}

	codes := make([]string, n)
	var tops, units []string
	topWithUnits := ""
	for i := range n {
		codes[i] = gen.DepartmentCode(i)
		if p := g.Parent(i); p < 0 {
			tops = append(tops, codes[i])
		} else {
			units = append(units, codes[i])
			if topWithUnits == "" {
				topWithUnits = gen.DepartmentCode(p)
			}
		}
	}
	if topWithUnits == "" || len(units) < 3 {
		t.Fatal("the province has no units")
	}
	var someProjects []string
	for i, r := range rows {
		if i%9 == 0 && r.key == "2024-06" {
			someProjects = append(someProjects, r.code)
		}
	}
	scopes := []struct {
		name  string
		scope store.Scope
		sees  func(listRow) bool
	}{
		{"all", store.ScopeAll(), func(listRow) bool { return true }},
		{"half the departments", store.ScopeDepartments(codes[:n/2]...), func(r listRow) bool { return slices.Contains(codes[:n/2], r.dept) }},
		{"one department", store.ScopeDepartments(topWithUnits), func(r listRow) bool { return r.dept == topWithUnits }},
		{"projects", store.ScopeProjects(someProjects...), func(r listRow) bool { return slices.Contains(someProjects, r.code) }},
		{"departments and projects", store.ScopeDepartments(codes[n-4:]...).Union(store.ScopeProjects(someProjects...)),
			func(r listRow) bool {
				return slices.Contains(codes[n-4:], r.dept) || slices.Contains(someProjects, r.code)
			}},
		{"nothing", store.Scope{}, func(listRow) bool { return false }},
	}

	var filters []store.ReportFilter
	for _, per := range []string{"", "2024-06", "2024", "2023-06"} {
		filters = append(filters, store.ReportFilter{Period: per})
		for _, s := range []report.Status{report.StatusDraft, report.StatusSubmitted, report.StatusEndorsed, report.StatusApproved, report.StatusReturned} {
			filters = append(filters, store.ReportFilter{Period: per, Status: s})
		}
		for _, l := range []report.Light{report.LightGrey, report.LightBlue, report.LightGreen, report.LightYellow, report.LightRed} {
			filters = append(filters, store.ReportFilter{Period: per, Light: l})
		}
	}
	queue := store.ReportFilter{Period: "2024-06", Status: report.StatusSubmitted}
	with := func(change func(*store.ReportFilter)) store.ReportFilter {
		f := queue
		change(&f)
		return f
	}
	filters = append(filters,
		with(func(f *store.ReportFilter) { f.TopLevelOnly = true }),
		with(func(f *store.ReportFilter) { f.TopLevelOnly, f.Size = true, 3 }),
		with(func(f *store.ReportFilter) { f.TopLevelOnly, f.Page, f.Size = true, 2, 3 }),
		with(func(f *store.ReportFilter) { f.Within = units }),
		with(func(f *store.ReportFilter) { f.Within = []string{} }),
		with(func(f *store.ReportFilter) { f.Within, f.Department = units, topWithUnits }),
		with(func(f *store.ReportFilter) { f.Department = topWithUnits }),
		with(func(f *store.ReportFilter) { f.Department, f.TopLevelOnly = topWithUnits, true }),
		with(func(f *store.ReportFilter) { f.Department = units[0] }),
		with(func(f *store.ReportFilter) {
			f.Status, f.Department, f.TopLevelOnly = report.StatusDraft, topWithUnits, true
		}),
		with(func(f *store.ReportFilter) { f.Status, f.Within = report.StatusDraft, units }),
		with(func(f *store.ReportFilter) { f.Status, f.Period, f.TopLevelOnly = "", "", true }),
		with(func(f *store.ReportFilter) { f.Light = report.LightGreen }),
		with(func(f *store.ReportFilter) { f.Light, f.Status = report.LightGrey, report.StatusDraft }),
		with(func(f *store.ReportFilter) { f.Light, f.Status, f.TopLevelOnly = report.LightRed, "", true }),
		with(func(f *store.ReportFilter) { f.Q = "t00000000" }),
		with(func(f *store.ReportFilter) { f.Q = "模拟1" }),
		with(func(f *store.ReportFilter) { f.Q, f.Status = "模拟", report.StatusDraft }),
		with(func(f *store.ReportFilter) { f.Q = "_" }),
		with(func(f *store.ReportFilter) { f.Period, f.Q = "", "资金" }),
		with(func(f *store.ReportFilter) { f.Size = 4 }),
		with(func(f *store.ReportFilter) { f.Page, f.Size = 2, 4 }),
		with(func(f *store.ReportFilter) { f.Page, f.Size = 500, 4 }),
		with(func(f *store.ReportFilter) { f.Status, f.Page, f.Size = report.StatusDraft, 3, 4 }),
		with(func(f *store.ReportFilter) { f.Status, f.Page, f.Size = report.StatusApproved, 2, 3 }),
	)
	for _, sort := range []store.ReportSort{store.SortProject, store.SortPeriod, store.SortStatus, store.SortLight, store.SortScore, store.SortUpdatedAt} {
		for _, desc := range []bool{false, true} {
			filters = append(filters,
				with(func(f *store.ReportFilter) { f.Sort, f.Desc, f.Size = sort, desc, 5 }),
				with(func(f *store.ReportFilter) { f.Sort, f.Desc, f.Page, f.Size = sort, desc, 2, 5 }),
				with(func(f *store.ReportFilter) { f.Status, f.Period, f.Sort, f.Desc = "", "", sort, desc }),
				with(func(f *store.ReportFilter) {
					f.Status, f.Sort, f.Desc, f.Page, f.Size = report.StatusDraft, sort, desc, 2, 7
				}),
				with(func(f *store.ReportFilter) {
					f.Status, f.Period, f.Sort, f.Desc, f.Size = report.StatusApproved, "", sort, desc, 6
				}),
			)
		}
	}

	parents := map[string]string{}
	for _, r := range rows {
		parents[r.dept] = r.parent
	}
	nonEmpty := 0
	for _, sc := range scopes {
		for _, f := range filters {
			name := fmt.Sprintf("%s %+v", sc.name, f)
			got, total, err := st.ListReports(ctx, sc.scope, f)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want, wantTotal := listByDefinition(rows, parents, sc.sees, f)
			if total != wantTotal || len(got) != len(want) {
				t.Errorf("%s: %d rows of %d, want %d of %d", name, len(got), total, len(want), wantTotal)
				continue
			}
			if len(want) > 0 {
				nonEmpty++
			}
			for i := range want {
				if d := listDifference(got[i], want[i]); d != "" {
					t.Errorf("%s: row %d (%s %s): %s", name, i, want[i].code, want[i].key, d)
					break
				}
			}
		}
	}
	if nonEmpty < len(scopes)*len(filters)/3 {
		t.Errorf("only %d of %d lists had rows", nonEmpty, len(scopes)*len(filters))
	}
}

// readListRows reads every project × period of its year with its report,
// unfiltered.
func readListRows(t *testing.T, db *sql.DB) []listRow {
	t.Helper()
	rs, err := db.QueryContext(context.Background(), `SELECT p.code, p.name, p.department_code, d.name, coalesce(d.parent_code, ''), p.status,
		pe.key, pe.kind, pe.year, pe.cutoff_month, r.id IS NOT NULL, coalesce(r.status, 'draft'), coalesce(r.version, 0),
		coalesce(r.light, 'grey'), r.total::text, coalesce(r.grade, ''), r.execution_rate::text, coalesce(jsonb_array_length(r.blocking), 0),
		r.updated_at, coalesce(r.updated_by, '')
		FROM projects p JOIN departments d ON d.code = p.department_code JOIN periods pe ON pe.year = p.year
		LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = pe.key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []listRow
	for rs.Next() {
		var (
			r           listRow
			total, rate sql.NullString
			at          sql.NullTime
		)
		if err := rs.Scan(&r.code, &r.name, &r.dept, &r.deptName, &r.parent, &r.projectStatus, &r.key, &r.kind, &r.year, &r.cutoff,
			&r.saved, &r.status, &r.version, &r.light, &total, &r.grade, &rate, &r.blocking, &at, &r.updatedBy); err != nil {
			t.Fatal(err)
		}
		if total.Valid {
			d := decimal.RequireFromString(total.String)
			r.total = &d
		}
		if rate.Valid {
			d := decimal.RequireFromString(rate.String)
			r.rate = &d
		}
		if at.Valid {
			r.updatedAt = &at.Time
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// listByDefinition filters, orders and pages the rows as the report list is
// defined to, and counts every match.
func listByDefinition(rows []listRow, parents map[string]string, sees func(listRow) bool, f store.ReportFilter) ([]listRow, int) {
	below := func(dept, top string) bool { // top or a department below it (three levels)
		for d, k := dept, 0; d != "" && k < 3; d, k = parents[d], k+1 {
			if d == top {
				return true
			}
		}
		return false
	}
	q := strings.ToLower(f.Q)
	var out []listRow
	for _, r := range rows {
		if !sees(r) || r.projectStatus != "approved" ||
			(f.Period != "" && r.key != f.Period) ||
			(f.Status != "" && r.status != string(f.Status)) ||
			(f.Light != "" && r.light != string(f.Light)) ||
			(f.Department != "" && !below(r.dept, f.Department)) ||
			(f.TopLevelOnly && r.parent != "") ||
			(f.Within != nil && !slices.Contains(f.Within, r.dept)) ||
			(q != "" && !strings.Contains(strings.ToLower(r.code), q) && !strings.Contains(strings.ToLower(r.name), q)) {
			continue
		}
		out = append(out, r)
	}
	lights := []string{"grey", "blue", "green", "yellow", "red"}
	dir := func(c int) int {
		if f.Desc {
			return -c
		}
		return c
	}
	nullsLast := func(a, b bool) (int, bool) { // a and b are null; the order and whether it is settled
		switch {
		case a && b:
			return 0, false
		case a:
			return 1, true
		case b:
			return -1, true
		}
		return 0, false
	}
	slices.SortStableFunc(out, func(a, b listRow) int {
		c := 0
		switch f.Sort {
		case store.SortProject:
			c = dir(strings.Compare(a.code, b.code))
		case store.SortPeriod:
			c = dir(cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.cutoff, b.cutoff)))
		case store.SortStatus:
			c = dir(strings.Compare(a.status, b.status))
		case store.SortLight:
			c = dir(cmp.Compare(slices.Index(lights, a.light), slices.Index(lights, b.light)))
		case store.SortScore:
			if k, ok := nullsLast(a.total == nil, b.total == nil); ok {
				c = k
			} else if a.total != nil && b.total != nil {
				c = dir(a.total.Cmp(*b.total))
			}
		case store.SortUpdatedAt:
			if k, ok := nullsLast(a.updatedAt == nil, b.updatedAt == nil); ok {
				c = k
			} else if a.updatedAt != nil && b.updatedAt != nil {
				c = dir(a.updatedAt.Compare(*b.updatedAt))
			}
		}
		return cmp.Or(c, cmp.Compare(a.year, b.year), cmp.Compare(a.cutoff, b.cutoff), strings.Compare(a.code, b.code))
	})
	total := len(out)
	if f.Size > 0 {
		from := min((max(f.Page, 1)-1)*f.Size, len(out))
		out = out[from:min(from+f.Size, len(out))]
	}
	return out, total
}

// listDifference names the first field in which a listed row differs from
// the row of the definition, "" when none does.
func listDifference(got store.ReportListItem, want listRow) string {
	decimals := func(a, b *decimal.Decimal) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	times := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	checks := []struct {
		field string
		same  bool
	}{
		{"project", got.ProjectCode == want.code && got.ProjectName == want.name},
		{"department", got.DepartmentCode == want.dept && got.DepartmentName == want.deptName},
		{"period", got.Period.Key == want.key && string(got.Period.Kind) == want.kind && got.Period.Year == want.year && got.Period.CutoffMonth == want.cutoff},
		{"saved", got.Saved == want.saved},
		{"status", string(got.Status) == want.status && got.Version == want.version},
		{"light", string(got.Light) == want.light},
		{"score", decimals(got.Total, want.total) && got.Grade == want.grade},
		{"execution rate", decimals(got.ExecutionRate, want.rate)},
		{"blocking", got.Blocking == want.blocking},
		{"updated", times(got.UpdatedAt, want.updatedAt) && got.UpdatedBy == want.updatedBy},
	}
	for _, c := range checks {
		if !c.same {
			return fmt.Sprintf("%s differs: %+v", c.field, got)
		}
	}
	return ""
}
