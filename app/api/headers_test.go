package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jixiao/app/api"
	"jixiao/domain/user"
)

// B7: replies with personal data are never kept by a browser or proxy cache.
func TestPersonalRepliesAreNotCached(t *testing.T) {
	e, _ := newAPI(t)
	rec := tryLogin(t, e.anon(), "t_auditor", testPassword)
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("login: %d Cache-Control %q, want no-store", rec.Code, rec.Header().Get("Cache-Control"))
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/users", "/api/v1/audit", "/api/v1/projects", reportPath(staffProject, "2024"), "/api/v1/nothing-here"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		r := httptest.NewRecorder()
		e.as(user.Admin).ServeHTTP(r, req)
		if r.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: %d Cache-Control %q, want no-store", path, r.Code, r.Header().Get("Cache-Control"))
		}
	}
}

// B7: behind a TLS-terminating proxy the site says so with HSTS, and the
// session cookie is Secure; without the setting neither is claimed.
func TestHSTSWhenServedOverHTTPSBehindAProxy(t *testing.T) {
	plain, _ := newAPI(t)
	rec := tryLogin(t, plain.anon(), "t_auditor", testPassword)
	if h := rec.Header().Get("Strict-Transport-Security"); h != "" {
		t.Errorf("HSTS without TLS: %q", h)
	}
	tls, _ := newAPIWith(t, api.Deps{TLSBehindProxy: true})
	rec = tryLogin(t, tls.anon(), "t_auditor", testPassword)
	if h := rec.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
		t.Errorf("HSTS behind a TLS proxy: %q", h)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == "jixiao_session" && !c.Secure {
			t.Error("the session cookie is not Secure behind a TLS proxy")
		}
	}
}

// B7: user.* audit rows carry the status the change ended with.
func TestUserChangesAuditTheirStatus(t *testing.T) {
	e, _ := newAPI(t)
	admin := e.as(user.Admin)
	call(t, admin, http.MethodPost, "/api/v1/users", `{"username":"status_u","password":"Status-Passw0rd","roles":["auditor"]}`)
	call(t, admin, http.MethodPut, "/api/v1/users/status_u", `{"display_name":"状态"}`)
	call(t, admin, http.MethodPut, "/api/v1/users/status_u/password", `{"password":"Status-Passw0rd2"}`)
	rows := auditOf(t, e, url.Values{"object_type": {"user"}, "object_id": {"status_u"}}).Items
	want := map[string]int{"user.create": 201, "user.update": 200, "user.password": 200}
	for _, r := range rows {
		if w, ok := want[r.Action]; ok {
			if r.Status != w {
				t.Errorf("%s: status %d, want %d", r.Action, r.Status, w)
			}
			delete(want, r.Action)
		}
	}
	if len(want) > 0 {
		t.Errorf("no rows for %v", want)
	}
}
