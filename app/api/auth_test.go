package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/domain/user"
)

// clock is a settable clock for apitest.Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().Truncate(time.Second)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func submitterOf(username string) user.Account {
	return user.Account{Username: username, DisplayName: "填报人 " + username, Roles: []user.Role{user.Submitter},
		Departments: []string{"003001"}, Projects: []string{"63280100024T000000639"}}
}

func TestLoginGivesATokenACookieAndACSRFToken(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("login_shape"))
	rec := tryLogin(t, e.anon(), "Login_Shape", testPassword) // usernames ignore case
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	s := decode[session](t, rec.Body.Bytes())
	if len(s.Token) != 43 || s.CSRFHeader != "X-CSRF-Token" || len(s.CSRFToken) != 43 || s.CSRFToken == s.Token {
		t.Errorf("login body: %s", rec.Body)
	}
	if s.User.Username != "login_shape" || len(s.User.Roles) != 1 || s.User.Roles[0] != "submitter" {
		t.Errorf("user: %+v", s.User)
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies: %v", cookies)
	}
	c := cookies[0]
	if c.Name != "jixiao_session" || c.Value != s.Token || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure {
		t.Errorf("cookie over plain HTTP: %+v", c)
	}
	rec = tryLogin(t, e.anon(), "login_shape", testPassword, "X-Forwarded-Proto", "https")
	if c := rec.Result().Cookies(); len(c) != 1 || !c[0].Secure {
		t.Errorf("cookie behind TLS is not Secure: %+v", c)
	}
	// only the token's SHA-256 is stored
	var byHash, byToken int
	if err := st.DB().QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM sessions WHERE id = sha256(convert_to($1, 'UTF8'))),
		(SELECT count(*) FROM sessions WHERE position(convert_to($1, 'UTF8') IN id) > 0 OR csrf_token = $1)`, s.Token).Scan(&byHash, &byToken); err != nil {
		t.Fatal(err)
	}
	if byHash != 1 || byToken != 0 {
		t.Errorf("sessions found by the token's hash: %d (want 1), by the token: %d (want 0)", byHash, byToken)
	}
}

func TestFailedLoginsAreAlikeForUnknownUsersWrongPasswordsAndDisabledAccounts(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("alike_ok"))
	createUser(t, st, submitterOf("alike_off"))
	if _, err := st.UpdateUser(context.Background(), "alike_off", func(a *user.Account) error { a.Disabled = true; return nil }, auditCLI()); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, c := range []struct{ username, password string }{
		{"alike_nobody", testPassword}, {"alike_ok", "Wrong-Passw0rd"}, {"alike_off", testPassword},
	} {
		rec := tryLogin(t, e.anon(), c.username, c.password)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d", c.username, rec.Code)
		}
		if msg := errorBody(t, rec.Body.Bytes()).Message; msg != "用户名或密码错误" {
			t.Errorf("%s: message %q", c.username, msg)
		}
		bodies = append(bodies, rec.Body.String())
	}
	if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Errorf("the answers differ: %v", bodies)
	}
	if status, _ := call(t, e.anon(), http.MethodPost, "/api/v1/auth/login", `{"username":"alike_ok"}`); status != http.StatusBadRequest {
		t.Errorf("no password: %d, want 400", status)
	}
}

func TestFiveFailuresLockTheUsernameForFifteenMinutes(t *testing.T) {
	for _, tc := range []struct {
		name, username string
		exists         bool
	}{
		{"existing user", "lock_me", true},
		{"unknown user, alike", "lock_ghost", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock()
			e, st := newAPIWith(t, apitest.Options{Now: clk.Now})
			if tc.exists {
				createUser(t, st, submitterOf(tc.username))
			}
			for i := 1; i <= 4; i++ {
				if rec := tryLogin(t, e.anon(), tc.username, "Wrong-Passw0rd"); rec.Code != http.StatusUnauthorized {
					t.Fatalf("failure %d: %d", i, rec.Code)
				}
				clk.Advance(time.Minute)
			}
			rec := tryLogin(t, e.anon(), tc.username, "Wrong-Passw0rd")
			if rec.Code != http.StatusTooManyRequests || errorBody(t, rec.Body.Bytes()).Code != "locked" {
				t.Fatalf("fifth failure: %d %s, want 429 locked", rec.Code, rec.Body)
			}
			if ra, _ := strconv.Atoi(rec.Header().Get("Retry-After")); ra != 15*60 {
				t.Errorf("Retry-After %q, want 900", rec.Header().Get("Retry-After"))
			}
			clk.Advance(14 * time.Minute)
			rec = tryLogin(t, e.anon(), tc.username, testPassword) // the right password changes nothing
			if rec.Code != http.StatusTooManyRequests {
				t.Fatalf("right password while locked: %d, want 429", rec.Code)
			}
			if ra, _ := strconv.Atoi(rec.Header().Get("Retry-After")); ra != 60 {
				t.Errorf("Retry-After %q, want 60", rec.Header().Get("Retry-After"))
			}
			if !strings.Contains(errorBody(t, rec.Body.Bytes()).Message, "锁定") {
				t.Errorf("message %q", errorBody(t, rec.Body.Bytes()).Message)
			}
			clk.Advance(time.Minute)
			rec = tryLogin(t, e.anon(), tc.username, testPassword)
			if tc.exists && rec.Code != http.StatusOK {
				t.Errorf("after 15 minutes: %d %s, want 200", rec.Code, rec.Body)
			}
			if !tc.exists && rec.Code != http.StatusUnauthorized {
				t.Errorf("after 15 minutes: %d, want 401", rec.Code)
			}
		})
	}
}

func TestASuccessfulLoginClearsEarlierFailures(t *testing.T) {
	clk := newClock()
	e, st := newAPIWith(t, apitest.Options{Now: clk.Now})
	createUser(t, st, submitterOf("lock_reset"))
	for i := 0; i < 4; i++ {
		tryLogin(t, e.anon(), "lock_reset", "Wrong-Passw0rd")
	}
	login(t, e.anon(), "lock_reset", testPassword)
	if rec := tryLogin(t, e.anon(), "lock_reset", "Wrong-Passw0rd"); rec.Code != http.StatusUnauthorized {
		t.Errorf("one failure after a success: %d, want 401", rec.Code)
	}
}

func TestSessionEndsAfterThirtyIdleMinutes(t *testing.T) {
	clk := newClock()
	e, st := newAPIWith(t, apitest.Options{Now: clk.Now})
	createUser(t, st, submitterOf("idle_user"))
	s := login(t, e.anon(), "idle_user", testPassword)
	for i := 0; i < 3; i++ {
		clk.Advance(29 * time.Minute)
		if status, body := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusOK {
			t.Fatalf("after 29 idle minutes (%d): %d %s", i, status, body)
		}
	}
	clk.Advance(30 * time.Minute)
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("after 30 idle minutes: %d, want 401", status)
	}
}

func TestSessionEndsTwelveHoursAfterLoginHoweverActive(t *testing.T) {
	clk := newClock()
	e, st := newAPIWith(t, apitest.Options{Now: clk.Now})
	createUser(t, st, submitterOf("busy_user"))
	s := login(t, e.anon(), "busy_user", testPassword)
	for elapsed := time.Duration(0); elapsed < 12*time.Hour-20*time.Minute; elapsed += 20 * time.Minute {
		clk.Advance(20 * time.Minute)
		if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusOK {
			t.Fatalf("%s after login: %d", elapsed+20*time.Minute, status)
		}
	}
	clk.Advance(20 * time.Minute) // 12h
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("12 hours after login: %d, want 401", status)
	}
}

func TestSessionLimitsAreSettings(t *testing.T) {
	clk := newClock()
	e, st := newAPIWith(t, apitest.Options{Now: clk.Now, Sessions: user.SessionPolicy{Idle: 5 * time.Minute, Absolute: time.Hour}})
	createUser(t, st, submitterOf("short_user"))
	s := login(t, e.anon(), "short_user", testPassword)
	clk.Advance(5 * time.Minute)
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("after 5 idle minutes with a 5-minute limit: %d, want 401", status)
	}
}

func TestLogoutRevokesTheSession(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("logout_user"))
	s := login(t, e.anon(), "logout_user", testPassword)
	other := login(t, e.anon(), "logout_user", testPassword)
	status, body := call(t, e.anon(), http.MethodPost, "/api/v1/auth/logout", "", s.bearer()...)
	if status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", status, body)
	}
	for _, h := range [][]string{s.bearer(), s.cookie()} {
		if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", h...); status != http.StatusUnauthorized {
			t.Errorf("the ended session still works (%s): %d", h[0], status)
		}
	}
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", other.bearer()...); status != http.StatusOK {
		t.Errorf("logout ended the user's other session too: %d", status)
	}
}

func TestCookieWritesNeedTheCSRFHeader(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("csrf_user"))
	s := login(t, e.anon(), "csrf_user", testPassword)
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.cookie()...); status != http.StatusOK {
		t.Errorf("a read with the cookie alone: %d, want 200", status)
	}
	for _, tc := range []struct {
		name   string
		header []string
	}{
		{"no header", s.cookie()},
		{"wrong header", append(s.cookie(), "X-CSRF-Token", "forged")},
		{"the session token as header", append(s.cookie(), "X-CSRF-Token", s.Token)},
	} {
		status, body := call(t, e.anon(), http.MethodPost, "/api/v1/auth/logout", "", tc.header...)
		if status != http.StatusForbidden || errorBody(t, body).Code != "csrf" {
			t.Errorf("%s: %d %s, want 403 csrf", tc.name, status, body)
		}
	}
	// admin writes with a bearer token need no CSRF header
	a, _ := newAPI(t)
	status, body := call(t, a.as(user.Admin), http.MethodPut, "/api/v1/users/csrf_user", `{"display_name":"改名"}`)
	if status != http.StatusOK {
		t.Errorf("bearer write without CSRF header: %d %s", status, body)
	}
	status, _ = call(t, e.anon(), http.MethodPost, "/api/v1/auth/logout", "", append(s.cookie(), "X-CSRF-Token", s.CSRFToken)...)
	if status != http.StatusNoContent {
		t.Errorf("cookie write with the CSRF header: %d, want 204", status)
	}
}

func TestBadCredentialsAreRefused(t *testing.T) {
	e, _ := newAPI(t)
	for _, h := range [][]string{
		{"Authorization", "Bearer not-a-token"},
		{"Authorization", "Basic dDpw"},
		{"Authorization", "Bearer"},
		{"Cookie", "jixiao_session=not-a-token"},
	} {
		status, body := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", h...)
		if status != http.StatusUnauthorized || errorBody(t, body).Code != "unauthorized" {
			t.Errorf("%v: %d %s", h, status, body)
		}
	}
}

func TestMeShowsRolesAssignmentsAndPermissions(t *testing.T) {
	e, _ := newAPI(t)
	type me struct {
		Username    string   `json:"username"`
		DisplayName string   `json:"display_name"`
		Roles       []string `json:"roles"`
		Department  string   `json:"department"`
		Departments []string `json:"departments"`
		Projects    []string `json:"projects"`
		Permissions []string `json:"permissions"`
	}
	for _, r := range user.Roles() {
		status, body := call(t, e.as(r), http.MethodGet, "/api/v1/me", "")
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", r, status, body)
		}
		m := decode[me](t, body)
		if m.Username != roleUsers[r].Username || m.DisplayName == "" || len(m.Roles) != 1 || m.Roles[0] != string(r) {
			t.Errorf("%s: %+v", r, m)
		}
		if len(m.Permissions) != len(grants[r]) {
			t.Errorf("%s: permissions %v, want %v", r, m.Permissions, grants[r])
		}
		for _, p := range grants[r] {
			if !strings.Contains(strings.Join(m.Permissions, " "), string(p)) {
				t.Errorf("%s: %s missing from %v", r, p, m.Permissions)
			}
		}
		wantDept := ""
		if r == user.Submitter {
			wantDept = "003001"
		}
		if m.Department != wantDept || m.Departments == nil || m.Projects == nil {
			t.Errorf("%s: department %q, departments %v, projects %v", r, m.Department, m.Departments, m.Projects)
		}
	}
}

func TestSecretsStayOutOfTheLog(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, st := newAPIWith(t, apitest.Options{Log: log})
	createUser(t, st, submitterOf("quiet_user"))
	s := login(t, e.anon(), "quiet_user", testPassword)
	tryLogin(t, e.anon(), "quiet_user", "Wrong-Secret-1")
	call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...)
	call(t, e.anon(), http.MethodPost, "/api/v1/auth/logout", "", append(s.cookie(), "X-CSRF-Token", s.CSRFToken)...)
	mu.Lock()
	defer mu.Unlock()
	for _, secret := range []string{testPassword, "Wrong-Secret-1", s.Token, s.CSRFToken} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the log holds a secret: %s", buf.String())
		}
	}
	if buf.Len() == 0 {
		t.Error("nothing was logged: the test proves nothing")
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
