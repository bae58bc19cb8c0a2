package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "api") }

var seedOnce sync.Once

// newAPI returns the real router on the package's database, seeded once with
// the Golmud 2024 data and a signed-in test user of each role (roles_test.go).
// A request through it acts as the test submitter of 003001, assigned all 12
// projects, unless it carries its own Authorization or Cookie header;
// as(role) acts as another role, anon() as nobody.
func newAPI(t *testing.T) (*testAPI, *store.Store) {
	t.Helper()
	return newAPIWith(t, apitest.Options{})
}

// newAPIWith is newAPI with the given dependencies (a clock, session
// limits) on the package's store; a nil Log discards.
func newAPIWith(t *testing.T, d apitest.Options) (*testAPI, *store.Store) {
	t.Helper()
	st := dbtest.Open(t)
	seedOnce.Do(func() {
		ds, err := seed.Golmud2024()
		if err != nil {
			t.Fatalf("seed data: %v", err)
		}
		ctx := context.Background()
		for _, p := range ds.Periods {
			if err := st.SavePeriod(ctx, p); err != nil {
				t.Fatalf("seed period: %v", err)
			}
		}
		if err := st.SaveProjects(ctx, ds.Projects); err != nil {
			t.Fatalf("seed projects: %v", err)
		}
		b, err := seed.GolmudBudget2024() // targets: the budget tables
		if err != nil {
			t.Fatalf("seed budget: %v", err)
		}
		if err := st.SaveBudgetSpending(ctx, b.Department, b.Year, b.Lines); err != nil {
			t.Fatalf("seed budget: %v", err)
		}
	})
	if d.Security == nil {
		// tests of everything but sign-in: no role needs a second factor
		// (security_test.go signs in under user.DefaultSecurity)
		d.Security = &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit}
	}
	if d.LoginThrottle == (user.Throttle{}) {
		// every test signs in from httptest's one address; the throttle
		// itself is tested with its own (TestOneAddressCannotLockEveryAccount)
		d.LoginThrottle = user.Throttle{MaxFailures: 100000, Window: time.Minute}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return withRoles(t, apitest.New(st, d), st), st
}

// call sends a request to the router and returns the status and body.
func call(t *testing.T, e http.Handler, method, path, body string, header ...string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	apitest.CheckContract(t, e, method, path, rec)
	return rec.Code, rec.Body.Bytes()
}

// decode unmarshals a JSON body or fails the test.
func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}
