package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jixiao/app/store"
	"jixiao/domain/user"
)

// badInput is one request an attacker or a careless client sent: it must get
// the given 4xx, name the field when it says one, and store nothing.
type badInput struct {
	name        string
	as          user.Role // "" for nobody signed in
	method      string
	path        string
	contentType string // "" sends none
	body        string
	status      int
	field       string // the field the 4xx names, if any
}

// dataFingerprint sums up every table a request could change, except the
// audit trail and login attempts, which record refusals on purpose.
func dataFingerprint(t *testing.T, st *store.Store) string {
	t.Helper()
	var fp string
	err := st.DB().QueryRowContext(context.Background(), `SELECT concat_ws('|',
		(SELECT count(*) FROM reports), (SELECT coalesce(sum(version), 0) FROM reports),
		(SELECT count(*) FROM report_lines), (SELECT count(*) FROM report_versions),
		(SELECT count(*) FROM report_transitions),
		(SELECT md5(coalesce(string_agg(u.username || u.display_name || u.password_hash || u.disabled::text, ',' ORDER BY u.id), '')) FROM users u),
		(SELECT count(*) FROM user_roles), (SELECT count(*) FROM user_departments), (SELECT count(*) FROM user_projects),
		(SELECT count(*) FROM sessions), (SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL),
		(SELECT count(*) FROM projects), (SELECT count(*) FROM indicators))`).Scan(&fp)
	if err != nil {
		t.Fatalf("fingerprint: %v", err)
	}
	return fp
}

// badInputs are the bad inputs of a probe that got through or gave 500
// before; every item added here must fail without its fix.
func badInputs(t *testing.T, e *testAPI) []badInput {
	const code = "63280100024T000000639"
	ids := indicatorIDsOf(t, e, code)
	put := reportPath(code, "2024")
	line := fmt.Sprintf(`{"indicator_id": %d, "value": "3"}`, ids[0])
	const js = "application/json"
	return []badInput{
		// A6: one strict JSON decoder
		{name: "trailing garbage after the JSON value", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0, "lines": [` + line + `]}GARBAGE`, status: 400},
		{name: "a second JSON value", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0} {"version": 0}`, status: 400},
		{name: "an XML body", method: http.MethodPut, path: put, contentType: "application/xml",
			body: `<reportInput><version>0</version></reportInput>`, status: 415},
		{name: "a form body (curl -d without a Content-Type)", method: http.MethodPut, path: put,
			contentType: "application/x-www-form-urlencoded", body: `{"version": 0}`, status: 415},
		{name: "a JSON body without Content-Type", method: http.MethodPut, path: put, body: `{"version": 0}`, status: 415},
		{name: "an XML login", method: http.MethodPost, path: "/api/v1/auth/login", contentType: "text/xml",
			body: `<loginRequest><username>t_admin</username><password>` + testPassword + `</password></loginRequest>`, status: 415},
		{name: "a login without Content-Type", method: http.MethodPost, path: "/api/v1/auth/login",
			body: `{"username":"t_admin","password":"` + testPassword + `"}`, status: 415},
		{name: "an unknown field", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0, "lines": [], "status": "approved"}`, status: 400, field: "status"},
		{name: "an unknown field in a line", method: http.MethodPut, path: put, contentType: js,
			body: fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "3", "score": "10"}]}`, ids[0]), status: 400, field: "lines[0].score"},
		{name: "an unknown field in a login", method: http.MethodPost, path: "/api/v1/auth/login", contentType: js,
			body: `{"username":"t_admin","password":"` + testPassword + `","remember":true}`, status: 400, field: "remember"},
		{name: "a duplicate key", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0, "version": 0, "lines": [` + line + `]}`, status: 400, field: "version"},
		{name: "a duplicate key in a line", method: http.MethodPut, path: put, contentType: js,
			body: fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "3", "value": "4"}]}`, ids[0]), status: 400, field: "lines[0].value"},
		{name: "a duplicate password in a login", method: http.MethodPost, path: "/api/v1/auth/login", contentType: js,
			body: `{"username":"t_admin","password":"x","password":"` + testPassword + `"}`, status: 400, field: "password"},
		{name: "version as a string", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": "0", "lines": [` + line + `]}`, status: 422, field: "version"},
		{name: "indicator_id as a string", method: http.MethodPut, path: put, contentType: js,
			body: fmt.Sprintf(`{"version": 0, "lines": [%s, {"indicator_id": "%d", "value": "3"}]}`, line, ids[1]), status: 422, field: "lines[1].indicator_id"},
		{name: "roles as a string", as: user.Admin, method: http.MethodPost, path: "/api/v1/users", contentType: js,
			body: `{"username":"typed_roles","password":"Good-Passw0rd","roles":"admin"}`, status: 422, field: "roles"},
		{name: "disabled as a string", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_auditor", contentType: js,
			body: `{"disabled":"true"}`, status: 422, field: "disabled"},
		{name: "a JSON array instead of an object", method: http.MethodPut, path: put, contentType: js,
			body: `[{"version": 0}]`, status: 400},
		{name: "an empty JSON body", method: http.MethodPut, path: put, contentType: js, body: ``, status: 400},

		// B4: NUL and control characters in text fields and path parameters
		{name: "NUL in a login username", method: http.MethodPost, path: "/api/v1/auth/login", contentType: js,
			body: `{"username":"t_admin\u0000","password":"x"}`, status: 422, field: "username"},
		{name: "NUL in an explanation", method: http.MethodPut, path: put, contentType: js,
			body: fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "3", "explanation": "a\u0000b"}]}`, ids[0]), status: 422, field: "lines[0].explanation"},
		{name: "a bell in the measures", method: http.MethodPut, path: put, contentType: js,
			body: fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "3", "measures": "x\u0007"}]}`, ids[0]), status: 422, field: "lines[0].measures"},
		{name: "an escape sequence in the budget reason", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0, "budget": {"reason": "\u001b[31m红"}}`, status: 422, field: "budget.reason"},
		{name: "NUL in a new user's display name", as: user.Admin, method: http.MethodPost, path: "/api/v1/users", contentType: js,
			body: `{"username":"nul_name","display_name":"张\u0000三","password":"Good-Passw0rd","roles":["auditor"]}`, status: 422, field: "display_name"},
		{name: "a bidi override in a display name", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_auditor", contentType: js,
			body: `{"display_name":"审计\u202e员"}`, status: 422, field: "display_name"},
		{name: "NUL in a department code", as: user.Admin, method: http.MethodPost, path: "/api/v1/users", contentType: js,
			body: `{"username":"nul_dept","password":"Good-Passw0rd","roles":["reviewer"],"departments":["0030\u000001"]}`, status: 422, field: "departments[0]"},
		{name: "NUL in an approval comment", as: user.Reviewer, method: http.MethodPost, path: put + "/approve", contentType: js,
			body: `{"comment":"ok\u0000"}`, status: 422, field: "comment"},
		{name: "%00 in a project code", method: http.MethodGet, path: "/api/v1/projects/6328%00", status: 422, field: "code"},
		{name: "%00 in a period", method: http.MethodPut, path: reportPath(code, "2024%00"), contentType: js,
			body: `{"version": 0, "lines": [` + line + `]}`, status: 422, field: "period"},
		{name: "%00 in a username", as: user.Admin, method: http.MethodGet, path: "/api/v1/users/t_admin%00", status: 422, field: "username"},
		{name: "%01 in a query parameter", as: user.Auditor, method: http.MethodGet, path: "/api/v1/audit?actor=t_admin%01", status: 422, field: "actor"},
		// B1, B2, B3: the other inputs of the attacks
		{name: "a 70 KB username", method: http.MethodPost, path: "/api/v1/auth/login", contentType: js,
			body: `{"username":"` + strings.Repeat("u", 70000) + `","password":"Wrong-Passw0rd"}`, status: 401},
		{name: "a body over the limit", method: http.MethodPut, path: put, contentType: js,
			body: `{"version": 0, "budget": {"reason": "` + strings.Repeat("x", 2<<20) + `"}}`, status: 413},
		{name: "an admin makes itself a reviewer", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_admin/roles", contentType: js,
			body: `{"roles":["reviewer"],"departments":["003001"]}`, status: 403},
		{name: "an admin disables itself", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_admin", contentType: js,
			body: `{"disabled":true}`, status: 403},
		{name: "an admin resets its own password without the current one", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_admin/password", contentType: js,
			body: `{"password":"Taken-Over-Passw0rd"}`, status: 403},
		{name: "a user with two roles", as: user.Admin, method: http.MethodPost, path: "/api/v1/users", contentType: js,
			body: `{"username":"two_roles","password":"Good-Passw0rd","roles":["auditor","admin"]}`, status: 422, field: "roles"},
		{name: "NUL in a password to set", as: user.Admin, method: http.MethodPut, path: "/api/v1/users/t_auditor/password", contentType: js,
			body: `{"password":"Good-Passw0rd\u0000"}`, status: 422, field: "password"},
	}
}

func TestBadInputsGet4xxAndStoreNothing(t *testing.T) {
	e, st := newAPI(t)
	cases := badInputs(t, e)
	passed := 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := dataFingerprint(t, st)
			var body *strings.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			} else {
				body = strings.NewReader("")
			}
			req := httptest.NewRequest(tc.method, tc.path, body)
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			var h http.Handler = e.anon()
			if tc.as != "" {
				h = e.as(tc.as)
			} else if !strings.HasPrefix(tc.path, "/api/v1/auth/login") {
				h = e
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if strings.Contains(rec.Body.String(), `"token"`) {
				t.Fatalf("a refused request got a token: %s", rec.Body)
			}
			if tc.field != "" {
				if eb := errorBody(t, rec.Body.Bytes()); eb.Fields[tc.field] == "" {
					t.Errorf("no message for %s: %s", tc.field, rec.Body)
				}
			}
			if after := dataFingerprint(t, st); after != before {
				t.Fatalf("a refused request stored something: %s → %s", before, after)
			}
			passed++
		})
	}
	t.Logf("bad inputs that get a 4xx with nothing stored: %d of %d", passed, len(cases))
}
