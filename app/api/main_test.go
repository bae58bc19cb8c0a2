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

	"github.com/labstack/echo/v4"

	"jixiao/app/api"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
)

func TestMain(m *testing.M) { dbtest.Main(m, "api") }

var seedOnce sync.Once

// newAPI returns the real router on the package's database, seeded once with
// the Golmud 2024 data.
func newAPI(t *testing.T) (*echo.Echo, *store.Store) {
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
	})
	return api.New(api.Deps{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}), st
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
