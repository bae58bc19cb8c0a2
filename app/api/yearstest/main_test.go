package yearstest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/api/apitest"
	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "years") }

const (
	testPassword  = "Test-Passw0rd"
	reviewer      = "y_reviewer"
	submitter     = "y_jingji"    // 经济发展研究室: project 642
	otherReviewer = "y_reviewer2" // reviews another department only
	otherSub      = "y_other"
	auditor       = "y_auditor"
	admin         = "y_admin"
	otherDept     = "999001"
	otherProject  = "99900100024T000000001"
	p642          = "63280100024T000000642"
	p642next      = "63280100025T000000642"
)

var (
	once   sync.Once
	tokens = map[string]string{}
	shared *store.Store
)

type env struct {
	e  *echo.Echo
	st *store.Store
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := dbtest.Open(t)
	d := apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Security: &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit}}
	e := apitest.New(st, d)
	once.Do(func() {
		ctx := context.Background()
		ds, err := seed.Golmud2024()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ds.Periods {
			if err := st.SavePeriod(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		other := ds.Projects[6]
		other.Code, other.Name = otherProject, "其他单位专项资金"
		other.Department = project.Department{Code: otherDept, Name: "其他单位"}
		if err := st.SaveProjects(ctx, append(ds.Projects, other)); err != nil {
			t.Fatal(err)
		}
		if err := seed.DemoYears(ctx, st, func() time.Time { return time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC) }, io.Discard); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		accounts := []user.Account{
			{Username: reviewer, DisplayName: "审核人", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}},
			{Username: otherReviewer, Roles: []user.Role{user.Reviewer}, Departments: []string{otherDept}},
			{Username: submitter, Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: []string{p642, p642next}},
			{Username: otherSub, Roles: []user.Role{user.Submitter}, Departments: []string{otherDept}, Projects: []string{otherProject}},
			{Username: auditor, Roles: []user.Role{user.Auditor}},
			{Username: admin, Roles: []user.Role{user.Admin}},
		}
		for _, a := range accounts {
			if _, err := st.CreateUser(ctx, a, hash, audit.Entry{Actor: audit.CLI}); err != nil {
				t.Fatalf("create %s: %v", a.Username, err)
			}
			tokens[a.Username] = apitest.Login(t, e, a.Username, testPassword)
		}
	})
	return &env{e: e, st: st}
}

func do(t *testing.T, h http.Handler, username, method, path, body string) (int, []byte) {
	t.Helper()
	return apitest.Do(t, h, tokens[username], method, path, body)
}

func (v *env) must(t *testing.T, want int, username, method, path, body string) []byte {
	t.Helper()
	status, resp := do(t, v.e, username, method, path, body)
	if status != want {
		t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, username, status, want, resp)
	}
	return resp
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	return apitest.Decode[T](t, body)
}
