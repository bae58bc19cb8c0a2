package api_test

import (
	"net/http"
	"strings"
	"testing"

	"jixiao/domain/user"
)

type userJSON struct {
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	Roles       []string `json:"roles"`
	Departments []string `json:"departments"`
	Projects    []string `json:"projects"`
	Disabled    bool     `json:"disabled"`
}

func TestAdminCreatesAUserWhoCanSignIn(t *testing.T) {
	e, _ := newAPI(t)
	admin := e.as(user.Admin)
	status, body := call(t, admin, http.MethodPost, "/api/v1/users",
		`{"username":"new_sub","display_name":"秘书科 新人","password":"New-Passw0rd","roles":["submitter"],"departments":["003001"],"projects":["63280100024T000000639"]}`)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	u := decode[userJSON](t, body)
	if u.Username != "new_sub" || u.Roles[0] != "submitter" || u.Departments[0] != "003001" || u.Projects[0] != "63280100024T000000639" {
		t.Errorf("created %+v", u)
	}
	if strings.Contains(string(body), "argon2") || strings.Contains(string(body), "New-Passw0rd") {
		t.Errorf("the answer shows the password or its hash: %s", body)
	}
	// a password an administrator set is changed at its first use (security_test.go)
	firstLogin(t, e.anon(), "new_sub", "New-Passw0rd", "Own-Passw0rd-1")
	status, body = call(t, admin, http.MethodGet, "/api/v1/users", "")
	if status != http.StatusOK || !strings.Contains(string(body), `"new_sub"`) || strings.Contains(string(body), "argon2") {
		t.Errorf("list: %d %s", status, body)
	}
	if status, _ := call(t, admin, http.MethodGet, "/api/v1/users/NEW_SUB", ""); status != http.StatusOK {
		t.Errorf("get by username in other case: %d", status)
	}

	// an administrator's password reset ends the user's sessions
	s := login(t, e.anon(), "new_sub", "Own-Passw0rd-1")
	if status, body := call(t, admin, http.MethodPut, "/api/v1/users/new_sub/password", `{"password":"Reset-Passw0rd"}`); status != http.StatusOK {
		t.Fatalf("reset: %d %s", status, body)
	}
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("session after a password reset: %d, want 401", status)
	}
	firstLogin(t, e.anon(), "new_sub", "Reset-Passw0rd", "Own-Passw0rd-2")
}

func TestUserChangesAreValidated(t *testing.T) {
	e, st := newAPI(t)
	seedOtherDepartment(t, st)
	createUser(t, st, submitterOf("valid_target"))
	admin := e.as(user.Admin)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"weak password", http.MethodPost, "/api/v1/users", `{"username":"v1","password":"weakpass","roles":["auditor"]}`, 422, "password"},
		{"bad username", http.MethodPost, "/api/v1/users", `{"username":"a b","password":"Good-Passw0rd","roles":["auditor"]}`, 422, "username"},
		{"unknown role", http.MethodPost, "/api/v1/users", `{"username":"v2","password":"Good-Passw0rd","roles":["root"]}`, 422, "roles"},
		{"admin who approves", http.MethodPost, "/api/v1/users", `{"username":"v3","password":"Good-Passw0rd","roles":["admin","reviewer"],"departments":["003001"]}`, 422, "roles"},
		{"unknown department", http.MethodPost, "/api/v1/users", `{"username":"v4","password":"Good-Passw0rd","roles":["reviewer"],"departments":["000000"]}`, 422, "departments"},
		{"unknown project", http.MethodPost, "/api/v1/users", `{"username":"v5","password":"Good-Passw0rd","roles":["submitter"],"departments":["003001"],"projects":["NOPE"]}`, 422, "projects"},
		{"project of another department", http.MethodPost, "/api/v1/users", `{"username":"v6","password":"Good-Passw0rd","roles":["submitter"],"departments":["003001"],"projects":["` + otherProject + `"]}`, 422, "projects"},
		{"taken username, other case", http.MethodPost, "/api/v1/users", `{"username":"T_ADMIN","password":"Good-Passw0rd","roles":["auditor"]}`, 409, ""},
		{"no roles", http.MethodPut, "/api/v1/users/valid_target/roles", `{"roles":[]}`, 422, "roles"},
		{"reviewer who submits", http.MethodPut, "/api/v1/users/valid_target/roles", `{"roles":["reviewer","submitter"]}`, 422, "roles"},
		{"submitter loses department", http.MethodPut, "/api/v1/users/valid_target/assignments", `{"departments":[],"projects":[]}`, 422, "departments"},
		{"unknown user", http.MethodPut, "/api/v1/users/nobody_here/roles", `{"roles":["auditor"]}`, 404, ""},
		{"malformed body", http.MethodPost, "/api/v1/users", `{"username":`, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, admin, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("%d %s, want %d", status, body, tc.status)
			}
			if tc.field != "" && errorBody(t, body).Fields[tc.field] == "" {
				t.Errorf("no message for %s: %s", tc.field, body)
			}
		})
	}
	// nothing was changed by the refused requests
	got, err := st.GetUser(t.Context(), "valid_target")
	if err != nil || len(got.Roles) != 1 || got.Roles[0] != user.Submitter || len(got.Departments) != 1 {
		t.Errorf("valid_target changed: %+v %v", got, err)
	}
}

// TestSeparationOfDuties: what each role must not do is refused whatever
// the route; the authorization matrix covers every route, this names the
// rules of the issue.
func TestSeparationOfDuties(t *testing.T) {
	e, _ := newAPI(t)
	report := "/api/v1/projects/" + golmudProjects[0] + "/reports/2024-06"
	for _, tc := range []struct {
		name         string
		role         user.Role
		method, path string
	}{
		{"an admin cannot approve", user.Admin, http.MethodPost, report + "/approve"},
		{"an admin cannot return", user.Admin, http.MethodPost, report + "/return"},
		{"an admin cannot fill a report", user.Admin, http.MethodPut, report},
		{"an auditor changes nothing: users", user.Auditor, http.MethodPost, "/api/v1/users"},
		{"an auditor changes nothing: reports", user.Auditor, http.MethodPut, report},
		{"an auditor changes nothing: approve", user.Auditor, http.MethodPost, report + "/approve"},
		{"a reviewer cannot fill a report", user.Reviewer, http.MethodPut, report},
		{"a reviewer cannot submit", user.Reviewer, http.MethodPost, report + "/submit"},
		{"a reviewer cannot manage users", user.Reviewer, http.MethodGet, "/api/v1/users"},
		{"a submitter cannot approve", user.Submitter, http.MethodPost, report + "/approve"},
		{"a submitter cannot read the audit trail", user.Submitter, http.MethodGet, "/api/v1/audit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, e.as(tc.role), tc.method, tc.path, "{}")
			if status != http.StatusForbidden {
				t.Errorf("%d %s, want 403", status, body)
			}
		})
	}
}
