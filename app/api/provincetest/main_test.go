// Package provincetest runs the router on a generated province (jixiao gen's
// data, smaller than a real province but of its shape: hundreds of
// departments, thousands of projects, a reviewer per group of departments,
// an auditor of the whole province), where every list must answer a page.
package provincetest

import (
	"context"
	"encoding/json"
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
	"jixiao/app/gen"
	"jixiao/app/store"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "province") }

const (
	testPassword = "Prov-Passw0rd"
	departments  = 240
	projectsPer  = 12
)

var (
	loadOnce sync.Once
	stats    gen.Stats
	tokens   = map[string]string{}
)

// env is the router on the package's database, with the province loaded.
type env struct {
	e  *echo.Echo
	st *store.Store
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := dbtest.Open(t)
	e := apitest.New(st, apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Security:      &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit},
		LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}})
	loadOnce.Do(func() {
		g, err := gen.New(gen.Options{Departments: departments, ProjectsPer: projectsPer, Seed: 7}, rules.National())
		if err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if stats, err = gen.Load(context.Background(), st, g, hash, time.Now()); err != nil {
			t.Fatal(err)
		}
	})
	return &env{e: e, st: st}
}

// token signs the user in once.
func (v *env) token(t *testing.T, username string) string {
	t.Helper()
	if tok, ok := tokens[username]; ok {
		return tok
	}
	tokens[username] = apitest.Login(t, v.e, username, testPassword)
	return tokens[username]
}

// do sends a request as the user ("" for nobody).
func (v *env) do(t *testing.T, username, method, path, body string) (int, []byte) {
	t.Helper()
	token := ""
	if username != "" {
		token = v.token(t, username)
	}
	return apitest.Do(t, v.e, token, method, path, body)
}

// get is a GET that must answer 200, decoded into T.
func get[T any](t *testing.T, v *env, username, path string) (T, int) {
	t.Helper()
	var out T
	status, body := v.do(t, username, http.MethodGet, path, "")
	if status != http.StatusOK {
		t.Fatalf("GET %s as %s: %d %.300s", path, username, status, body)
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("GET %s: %v in %.300s", path, err, body)
	}
	return out, len(body)
}
