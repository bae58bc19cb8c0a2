package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// testPassword is the password of every user the tests create.
const testPassword = "Test-Passw0rd"

// golmudProjects are the 12 project codes of the Golmud data (003001).
var golmudProjects = []string{
	"63280100024R000014831", "63280100024T000000634", "63280100024T000000637", "63280100024T000000638",
	"63280100024T000000639", "63280100024T000000641", "63280100024T000000642", "63280100024T000000700",
	"63280100024T000000702", "63280100024T000000703", "63280100024T000000704", "63280100024T000000705",
}

// roleUsers are the shared test users, one per role, all of 003001. Tests
// that change a user create their own.
var roleUsers = map[user.Role]user.Account{
	user.Submitter:  {Username: "t_submitter", DisplayName: "测试填报人", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: golmudProjects},
	user.Reviewer:   {Username: "t_reviewer", DisplayName: "测试审核人", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}},
	user.Supervisor: {Username: "t_supervisor", DisplayName: "测试主管部门审核人", Roles: []user.Role{user.Supervisor}, Departments: []string{"003001"}},
	user.Admin:      {Username: "t_admin", DisplayName: "测试管理员", Roles: []user.Role{user.Admin}},
	user.Auditor:    {Username: "t_auditor", DisplayName: "测试审计员", Roles: []user.Role{user.Auditor}},
}

var (
	rolesOnce  sync.Once
	roleTokens = map[user.Role]string{}
	// testHash is testPassword hashed once, to keep tests fast.
	testHash = sync.OnceValue(func() string {
		h, err := auth.HashPassword(testPassword)
		if err != nil {
			panic(err)
		}
		return h
	})
)

// testAPI is the router with a session for each role. As an http.Handler
// it acts as the test submitter unless a request brings its own credentials.
type testAPI struct {
	*echo.Echo
	tokens map[user.Role]string
}

func (a *testAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" && r.Header.Get("Cookie") == "" {
		r.Header.Set("Authorization", "Bearer "+a.tokens[user.Submitter])
	}
	a.Echo.ServeHTTP(w, r)
}

// as acts as the shared test user of a role.
func (a *testAPI) as(r user.Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		req.Header.Set("Authorization", "Bearer "+a.tokens[r])
		a.Echo.ServeHTTP(w, req)
	})
}

// anon sends requests with no credentials but their own.
func (a *testAPI) anon() http.Handler { return a.Echo }

// withRoles creates the shared test users once and signs each in.
func withRoles(t *testing.T, e *echo.Echo, st *store.Store) *testAPI {
	t.Helper()
	rolesOnce.Do(func() {
		for _, r := range user.Roles() {
			createUser(t, st, roleUsers[r])
			roleTokens[r] = login(t, e, roleUsers[r].Username, testPassword).Token
		}
	})
	return &testAPI{Echo: e, tokens: roleTokens}
}

// createUser creates a user with testPassword, as the CLI would.
func createUser(t *testing.T, st *store.Store, a user.Account) user.Account {
	t.Helper()
	created, err := st.CreateUser(context.Background(), a, testHash(), audit.Entry{Actor: audit.CLI})
	if err != nil {
		t.Fatalf("create user %s: %v", a.Username, err)
	}
	return created
}

// session is what a successful login hands out.
type session struct {
	Token      string `json:"token"`
	CSRFHeader string `json:"csrf_header"`
	CSRFToken  string `json:"csrf_token"`
	User       struct {
		Username    string   `json:"username"`
		Roles       []string `json:"roles"`
		Permissions []string `json:"permissions"`
	} `json:"user"`
	Cookie *http.Cookie `json:"-"`
}

// bearer is the header pair for call.
func (s session) bearer() []string { return []string{"Authorization", "Bearer " + s.Token} }

// cookie is the header pair that sends only the session cookie.
func (s session) cookie() []string { return []string{"Cookie", s.Cookie.Name + "=" + s.Cookie.Value} }

// tryLogin posts the credentials and returns the response.
func tryLogin(t *testing.T, h http.Handler, username, password string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return tryLoginWith(t, h, username, password, func(req *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
	})
}

// tryLoginWith posts the credentials in a request edited by edit.
func tryLoginWith(t *testing.T, h http.Handler, username, password string, edit func(*http.Request)) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	edit(req)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// login signs in or fails the test.
func login(t *testing.T, h http.Handler, username, password string) session {
	t.Helper()
	rec := tryLogin(t, h, username, password)
	if rec.Code != http.StatusOK {
		t.Fatalf("login %s: %d %s", username, rec.Code, rec.Body)
	}
	s := decode[session](t, rec.Body.Bytes())
	for _, c := range rec.Result().Cookies() {
		if c.Name == "jixiao_session" {
			s.Cookie = c
		}
	}
	if s.Token == "" || s.Cookie == nil {
		t.Fatalf("login %s: no token or cookie: %s", username, rec.Body)
	}
	return s
}
