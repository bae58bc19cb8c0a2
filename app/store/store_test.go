package store_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/migrations"
)

func TestMain(m *testing.M) { dbtest.Main(m, "store") }

// ownDatabase creates an empty database beside the package's, named by
// name, dropped when the test ends, and returns its URL: for a test whose
// writes or migrations the package's other tests must not see.
func ownDatabase(t *testing.T, name string) string {
	t.Helper()
	ctx := context.Background()
	dsn := strings.Replace(dbtest.DSN, "jixiao_test_store_", "jixiao_test_store_"+name+"_", 1)
	if err := store.CreateDatabase(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.DropDatabase(ctx, dsn) })
	return dsn
}

// migratedDatabase is ownDatabase migrated, open until the test ends.
func migratedDatabase(t *testing.T, name string) *store.Store {
	t.Helper()
	st := openAs(t, ownDatabase(t, name))
	if err := st.Migrate(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return st
}

func seedGolmud(t *testing.T, st *store.Store) seed.Dataset {
	t.Helper()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range ds.Periods {
		if err := st.SavePeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveProjects(ctx, ds.Projects); err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestSeedingTwiceChangesNothing(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	ds := seedGolmud(t, st)
	first, err := st.GetProject(ctx, store.ScopeAll(), ds.Projects[1].Code)
	if err != nil {
		t.Fatal(err)
	}
	seedGolmud(t, st)
	again, err := st.GetProject(ctx, store.ScopeAll(), ds.Projects[1].Code)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Indicators) != len(again.Indicators) {
		t.Fatalf("indicators %d then %d", len(first.Indicators), len(again.Indicators))
	}
	for i := range first.Indicators {
		if first.Indicators[i].ID != again.Indicators[i].ID {
			t.Errorf("indicator %d id changed from %d to %d", i, first.Indicators[i].ID, again.Indicators[i].ID)
		}
	}
	list, err := st.ListProjects(ctx, store.ScopeAll(), store.ProjectFilter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	total, count := decimal.Zero, 0
	for _, p := range list {
		total = total.Add(p.Budget)
		count += p.IndicatorCount
	}
	if len(list) != 12 || count != 76 || !total.Equal(decimal.RequireFromString("2150.78")) {
		t.Errorf("after two seeds: %d projects, %d indicators, total %s", len(list), count, total)
	}
}

func TestStoredProjectEqualsTheSeed(t *testing.T) {
	st := dbtest.Open(t)
	ds := seedGolmud(t, st)
	for _, want := range ds.Projects {
		got, err := st.GetProject(context.Background(), store.ScopeAll(), want.Code)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != want.Name || got.Category != want.Category || !got.Budget.Equal(want.Budget) ||
			got.Goal != want.Goal || got.Year != want.Year || !got.ExecutionWeight.Equal(want.ExecutionWeight) {
			t.Errorf("%s: stored %+v", want.Code, got)
		}
		for i, in := range want.Indicators {
			g := got.Indicators[i]
			if g.Level1 != in.Level1 || g.Level2 != in.Level2 || g.Name != in.Name || g.Nature != in.Nature ||
				g.Target != in.Target || g.Unit != in.Unit || !g.Weight.Equal(in.Weight) || g.Kind() != in.Kind() {
				t.Errorf("%s indicator %d: stored %+v, seed %+v", want.Code, i, g, in)
			}
		}
	}
}

func TestSaveProjectsStoresNothingWhenOneIsInvalid(t *testing.T) {
	st := dbtest.Open(t)
	ctx := context.Background()
	good := project.Project{
		Code: "T-GOOD", Name: "好项目", Category: "3-特定目标类", Year: 2031,
		Department: project.Department{Code: "T01", Name: "测试单位"}, Budget: decimal.RequireFromString("1.00"),
		ExecutionWeight: decimal.NewFromInt(10),
		Indicators: []project.Indicator{{Level1: "产出指标", Level2: "数量指标", Name: "数量", Nature: project.NatureGE,
			Target: "1", Unit: "件", Weight: decimal.NewFromInt(90)}},
	}
	bad := good
	bad.Code = "T-BAD"
	bad.Budget = decimal.RequireFromString("-1")
	err := st.SaveProjects(ctx, []project.Project{good, bad})
	var ve *project.ValidationError
	if !errors.As(err, &ve) || ve.Fields["budget"] == "" {
		t.Fatalf("want a validation error naming budget, got %v", err)
	}
	if _, err := st.GetProject(ctx, store.ScopeAll(), "T-GOOD"); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("the valid project was stored although the batch failed: %v", err)
	}
}

func TestAnEmptyScopeSeesNothing(t *testing.T) {
	st := dbtest.Open(t)
	ds := seedGolmud(t, st)
	ctx := context.Background()
	list, err := st.ListProjects(ctx, store.Scope{}, store.ProjectFilter{})
	if err != nil || len(list) != 0 {
		t.Errorf("zero scope listed %d projects (err %v)", len(list), err)
	}
	deps, err := st.ListDepartments(ctx, store.Scope{})
	if err != nil || len(deps) != 0 {
		t.Errorf("zero scope listed %d departments (err %v)", len(deps), err)
	}
	if _, err := st.GetProject(ctx, store.Scope{}, ds.Projects[0].Code); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("zero scope read a project: %v", err)
	}
	one := store.ScopeProjects(ds.Projects[2].Code)
	list, err = st.ListProjects(ctx, one, store.ProjectFilter{})
	if err != nil || len(list) != 1 || list[0].Code != ds.Projects[2].Code {
		t.Errorf("project scope listed %v (err %v)", list, err)
	}
	deps, err = st.ListDepartments(ctx, one)
	if err != nil || len(deps) != 1 {
		t.Errorf("project scope sees %d departments (err %v)", len(deps), err)
	}
}

// TestTwoInstancesMigrateAtOnce starts two migrations of one fresh database
// at the same moment: the advisory lock makes one wait, and both succeed.
func TestTwoInstancesMigrateAtOnce(t *testing.T) {
	ctx := context.Background()
	dsn := ownDatabase(t, "twice")
	errs := make(chan error, 2)
	start := make(chan struct{})
	for i := 0; i < 2; i++ {
		go func() {
			st, err := store.Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer st.Close()
			<-start
			errs <- st.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
		}()
	}
	close(start)
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Errorf("migration %d: %v", i, err)
		}
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var applied int
	if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM goose_db_version WHERE version_id > 0").Scan(&applied); err != nil {
		t.Fatal(err)
	}
	entries, _ := migrations.FS.ReadDir(".")
	want := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			want++
		}
	}
	if applied != want {
		t.Errorf("%d migrations recorded, want %d (each once)", applied, want)
	}
}
