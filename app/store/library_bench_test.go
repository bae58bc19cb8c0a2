package store_test

import (
	"context"
	"testing"

	"jixiao/app/dbtest"
	"jixiao/app/store"
)

// BenchmarkLibrarySearch: a word search of the indicator library with
// 20,000 department entries of 400 departments besides the common ones,
// as a reviewer of every department and as one department's submitter
// (go test -run '^$' -bench LibrarySearch ./app/store).
func BenchmarkLibrarySearch(b *testing.B) {
	st := dbtest.Open(b)
	ctx := context.Background()
	if err := exec(ctx, st, `INSERT INTO departments (code, name)
		SELECT 'BL' || lpad(d::text, 4, '0'), '基准单位' || d FROM generate_series(1, 400) d ON CONFLICT DO NOTHING`); err != nil {
		b.Fatal(err)
	}
	if err := exec(ctx, st, `INSERT INTO indicator_library (scope, department_code, level1, level2, name, source, status)
		SELECT 'department', 'BL' || lpad(d::text, 4, '0'),
		  (ARRAY['产出指标','效益指标','满意度指标','成本指标'])[1 + i % 4],
		  (ARRAY['数量指标','质量指标','社会效益指标','服务对象满意度指标','经济成本指标'])[1 + i % 5],
		  (ARRAY['每月发行数量','政务督办数量','培训合格率','群众满意度','单册印制成本','巡护次数','系统运行维护时长','信息报送采用篇数','热线接通率','办件按期办结率'])[1 + i % 10]
		    || '（' || d || '-' || i || '）',
		  '基准数据', 'accepted'
		FROM generate_series(1, 400) d, generate_series(1, 50) i ON CONFLICT DO NOTHING`); err != nil {
		b.Fatal(err)
	}
	if err := exec(ctx, st, `ANALYZE indicator_library`); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		sc   store.Scope
		f    store.LibraryFilter
	}{
		{"all/word", store.ScopeAll(), store.LibraryFilter{Q: "发行数量"}},
		{"all/two-words", store.ScopeAll(), store.LibraryFilter{Q: "办件 办结率"}},
		{"all/level", store.ScopeAll(), store.LibraryFilter{Level2: "经济成本"}},
		{"department/word", store.ScopeDepartments("BL0001"), store.LibraryFilter{Q: "满意度"}},
		{"department/none", store.ScopeDepartments("BL0001"), store.LibraryFilter{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := st.SearchLibrary(ctx, c.sc, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func exec(ctx context.Context, st *store.Store, sql string) error {
	_, err := st.DB().ExecContext(ctx, sql)
	return err
}
