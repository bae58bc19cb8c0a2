package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
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
	tls, _ := newAPIWith(t, apitest.Options{TLSBehindProxy: true})
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
	call(t, admin, http.MethodPost, "/api/v1/users", `{"username":"status_s","password":"Status-Passw0rd","roles":["submitter"],"departments":["003001"]}`)
	call(t, admin, http.MethodPut, "/api/v1/users/status_s/password", `{"password":"Status-Passw0rd2"}`)
	rows := auditOf(t, e, url.Values{"object_type": {"user"}, "object_id": {"status_u"}}).Items
	rows = append(rows, auditOf(t, e, url.Values{"object_type": {"user"}, "object_id": {"status_s"}, "action": {"user.password"}}).Items...)
	want := map[string]int{"user.create": 201, "user.update": 200, "user.reset_request": 202, "user.password": 200}
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

// sessionCookieOf is the session cookie a response sets; nil when none.
func sessionCookieOf(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == "jixiao_session" {
			return c
		}
	}
	return nil
}

// record sends a request and returns the whole response.
func record(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestEverySessionCookieIsSecureBehindATLSProxy: with the site declared to
// be served over TLS, the cookie set after a second-factor code, after an
// enrolment and after a forced password change is Secure, as the one of a
// password-only login and the logout's are: the roles that must use a
// second factor get the cookie from those steps, never from the login.
func TestEverySessionCookieIsSecureBehindATLSProxy(t *testing.T) {
	s := newSecuredWith(t, nil, func(d *apitest.Options) { d.TLSBehindProxy = true })
	createUser(t, s.st, user.Account{Username: "tls_rev", DisplayName: "审核 TLS", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	must := submitterOf("tls_sub")
	must.MustChangePassword = true
	createUser(t, s.st, must)
	secure := func(what string, rec *httptest.ResponseRecorder) {
		t.Helper()
		if rec.Code != http.StatusOK && rec.Code != http.StatusNoContent {
			t.Fatalf("%s: %d %s", what, rec.Code, rec.Body)
		}
		c := sessionCookieOf(rec)
		if c == nil {
			t.Fatalf("%s: no session cookie", what)
		}
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("%s: cookie Secure %v HttpOnly %v SameSite %v, want all set", what, c.Secure, c.HttpOnly, c.SameSite)
		}
	}

	// enrolment: the confirmation signs in
	p := signIn(t, s, "tls_rev", testPassword)
	rec := record(s, http.MethodPost, "/api/v1/auth/totp/enrol", "{}", p.pending()...)
	en := decode[enrolment](t, rec.Body.Bytes())
	rec = record(s, http.MethodPost, "/api/v1/auth/totp/enrol/confirm", `{"code":"`+s.code(t, en.Secret)+`"}`, p.pending()...)
	secure("after enrolment", rec)
	full := decode[step](t, rec.Body.Bytes())

	// the second factor of a later sign-in
	secure("logout", record(s, http.MethodPost, "/api/v1/auth/logout", "", full.bearer()...))
	s.clock.Advance(31 * time.Second)
	p = signIn(t, s, "tls_rev", testPassword)
	secure("after the code", record(s, http.MethodPost, "/api/v1/auth/totp", `{"code":"`+s.code(t, en.Secret)+`"}`, p.pending()...))

	// a forced password change
	p = signIn(t, s, "tls_sub", testPassword)
	secure("after the password change", record(s, http.MethodPost, "/api/v1/auth/password",
		`{"current":"`+testPassword+`","new":"Tls-Passw0rd-9"}`, p.pending()...))

	// the password alone
	secure("login", tryLogin(t, s, "tls_sub", "Tls-Passw0rd-9"))
}
