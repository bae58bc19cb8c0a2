package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// resetBody is a reset request as the API answers it.
type resetBody struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Username    string   `json:"username"`
	Status      string   `json:"status"`
	RequestedBy string   `json:"requested_by"`
	DecidedBy   string   `json:"decided_by"`
	Actions     []string `json:"actions"`
}

// notificationTitles are the titles of a user's notifications.
func notificationTitles(t *testing.T, s *secured, username string) []string {
	t.Helper()
	a, err := s.st.GetUser(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	ns, _, err := s.st.ListNotifications(context.Background(), a.ID, false, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Title)
	}
	return out
}

func hasTitle(titles []string, part string) bool {
	for _, t := range titles {
		if strings.Contains(t, part) {
			return true
		}
	}
	return false
}

// TestTheTakeoverOfAReviewerIsRefusedStepByStep walks the path an attacker's
// probe found (an administrator sets a reviewer's password, signs in as the
// reviewer, enrols their own authenticator, changes the password) and
// shows each step refused: the administrator alone changes nothing of a
// reviewer's account, cannot be their own second person, and a password a
// second person let through signs in once only, so the holder finds it
// spent and has been told.
func TestTheTakeoverOfAReviewerIsRefusedStepByStep(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "rev9", DisplayName: "审核 九", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	createUser(t, s.st, user.Account{Username: "tk_admin", DisplayName: "管理 接管", Roles: []user.Role{user.Admin}})
	createUser(t, s.st, user.Account{Username: "tk_auditor", DisplayName: "审计 复核", Roles: []user.Role{user.Auditor}})
	revSecret, rev := s.enrol(t, signIn(t, s, "rev9", testPassword))
	_, admin := s.enrol(t, signIn(t, s, "tk_admin", testPassword))
	_, auditor := s.enrol(t, signIn(t, s, "tk_auditor", testPassword))
	chosen := "Taken-Over-Passw0rd"

	// 1. the administrator sets the reviewer's password: only a request
	status, body := call(t, s, http.MethodPut, "/api/v1/users/rev9/password", `{"password":"`+chosen+`"}`, admin.bearer()...)
	if status != http.StatusAccepted {
		t.Fatalf("set the reviewer's password: %d %s, want 202", status, body)
	}
	pw := decode[resetBody](t, body)
	if pw.Status != "pending" || pw.Kind != "password" || !slicesEqual(pw.Actions, []string{"reject"}) {
		t.Errorf("the request: %+v", pw)
	}
	// 2. signing in as the reviewer with it fails: nothing changed
	if rec := tryLogin(t, s, "rev9", chosen); rec.Code != http.StatusUnauthorized {
		t.Errorf("signing in with the requested password: %d %s, want 401", rec.Code, rec.Body)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", rev.bearer()...); status != http.StatusOK {
		t.Errorf("the reviewer's own session while a reset waits: %d", status)
	}
	// 3. the administrator cannot confirm their own request
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", pw.ID), "{}", admin.bearer()...); status != http.StatusForbidden ||
		errorBody(t, body).Code != "second_person" {
		t.Errorf("the requester confirms: %d %s, want 403 second_person", status, body)
	}
	// nor can the reviewer, whose account it is (nor has a reviewer the permission)
	if status, _ := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", pw.ID), "{}", rev.bearer()...); status != http.StatusForbidden {
		t.Errorf("the holder confirms: %d, want 403", status)
	}
	// 4. removing the reviewer's second factor is a request too: the
	// authenticator stays, so no enrolment of another one is offered
	status, body = call(t, s, http.MethodDelete, "/api/v1/users/rev9/totp", "", admin.bearer()...)
	if status != http.StatusAccepted {
		t.Fatalf("reset the reviewer's second factor: %d %s, want 202", status, body)
	}
	totp := decode[resetBody](t, body)
	if p := signIn(t, s, "rev9", testPassword); p.Next != "totp" {
		t.Errorf("the reviewer's sign-in while the reset waits: %+v, want the code of their own authenticator", p)
	}
	// the holder has been told, and the possible second persons asked
	if titles := notificationTitles(t, s, "rev9"); !hasTitle(titles, "有人申请重置您的密码") || !hasTitle(titles, "有人申请重置您的双因素认证") {
		t.Errorf("the holder's notifications: %v", titles)
	}
	if titles := notificationTitles(t, s, "tk_auditor"); !hasTitle(titles, "待复核") {
		t.Errorf("the auditor's notifications: %v", titles)
	}
	// the auditor, as the second person, sees both with confirm and reject, and turns the second factor's down
	_, body = call(t, s, http.MethodGet, "/api/v1/account-resets?status=pending", "", auditor.bearer()...)
	for _, r := range decode[struct {
		Items []resetBody `json:"items"`
	}](t, body).Items {
		if r.Username == "rev9" && !slicesEqual(r.Actions, []string{"confirm", "reject"}) {
			t.Errorf("the auditor's actions on %+v", r)
		}
	}
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/reject", totp.ID), `{"comment":"本人未申请"}`, auditor.bearer()...); status != http.StatusOK {
		t.Fatalf("reject: %d %s", status, body)
	}
	if status, _ := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", totp.ID), "{}", auditor.bearer()...); status != http.StatusConflict {
		t.Errorf("confirming a rejected request: %d, want 409", status)
	}

	// 5. a second person confirms the password: it signs in once; whoever
	// used it first, the holder then finds it spent and is told why
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", pw.ID), "{}", auditor.bearer()...); status != http.StatusOK {
		t.Fatalf("confirm the password: %d %s", status, body)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", rev.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("the reviewer's session after the confirmed reset: %d, want 401", status)
	}
	// the administrator tries it: the reviewer's own authenticator still stands in the way
	p := signIn(t, s, "rev9", chosen)
	if p.Next != "totp" || p.Token != "" {
		t.Errorf("the administrator signs in with the temporary password: %+v, want the reviewer's code first", p)
	}
	if status, _ := postStep(t, s, "/api/v1/auth/totp/enrol", p, ""); status == http.StatusOK {
		t.Errorf("an authenticator enrolled in place of the reviewer's")
	}
	rec := tryLogin(t, s, "rev9", chosen)
	if rec.Code != http.StatusUnauthorized || errorBody(t, rec.Body.Bytes()).Code != "temporary_password_used" {
		t.Errorf("the holder with the temporary password used before: %d %s, want 401 temporary_password_used", rec.Code, rec.Body)
	}
	if titles := notificationTitles(t, s, "rev9"); !hasTitle(titles, "您的密码已被重置") || !hasTitle(titles, "未获通过") {
		t.Errorf("the holder's notifications after the decisions: %v", titles)
	}
	_ = revSecret
	// every step is in the audit trail
	for action, want := range map[string]int{audit.UserResetRequested: 2, audit.UserResetRejected: 1, audit.UserPassword: 1} {
		if _, n, _ := s.st.ListAudit(context.Background(), audit.Filter{Action: action, ObjectID: "rev9"}); n != want {
			t.Errorf("%d audit rows %s, want %d", n, action, want)
		}
	}
}

// TestATwoPersonResetCompletesOnlyWithTheSecondPerson: an administrator's
// password, reset by another administrator, stays as it was until a third
// administrator or an auditor confirms; the one who asked may withdraw;
// the holder can be neither; a request unconfirmed for a day lapses.
func TestATwoPersonResetCompletesOnlyWithTheSecondPerson(t *testing.T) {
	s := newSecured(t, &user.Security{})
	for _, name := range []string{"tp_admin_a", "tp_admin_b", "tp_admin_c"} {
		createUser(t, s.st, user.Account{Username: name, DisplayName: "管理 " + name, Roles: []user.Role{user.Admin}})
	}
	a := signIn(t, s, "tp_admin_a", testPassword)
	b := signIn(t, s, "tp_admin_b", testPassword)
	c := signIn(t, s, "tp_admin_c", testPassword)
	request := func(password string) resetBody {
		t.Helper()
		status, body := call(t, s, http.MethodPut, "/api/v1/users/tp_admin_c/password", `{"password":"`+password+`"}`, a.bearer()...)
		if status != http.StatusAccepted {
			t.Fatalf("request: %d %s", status, body)
		}
		return decode[resetBody](t, body)
	}
	r := request("Second-Person-Passw0rd")
	if status, body := call(t, s, http.MethodPut, "/api/v1/users/tp_admin_c/password", `{"password":"Another-Passw0rd-1"}`, b.bearer()...); status != http.StatusConflict ||
		errorBody(t, body).Code != "reset_pending" {
		t.Errorf("a second request while one waits: %d %s", status, body)
	}
	if status, _ := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", r.ID), "{}", c.bearer()...); status != http.StatusForbidden {
		t.Errorf("the holder confirms: %d, want 403", status)
	}
	// withdrawn by the one who asked
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/reject", r.ID), `{"comment":"输错了"}`, a.bearer()...); status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	if p := signIn(t, s, "tp_admin_c", testPassword); p.Token == "" {
		t.Errorf("the holder's password after a withdrawn reset: %+v", p)
	}
	// asked again, and confirmed by the second administrator
	r = request("Second-Person-Passw0rd")
	status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", r.ID), "{}", b.bearer()...)
	if got := decode[resetBody](t, body); status != http.StatusOK || got.Status != "confirmed" || got.DecidedBy != "tp_admin_b" || got.RequestedBy != "tp_admin_a" {
		t.Fatalf("confirm: %d %s", status, body)
	}
	if rec := tryLogin(t, s, "tp_admin_c", testPassword); rec.Code != http.StatusUnauthorized {
		t.Errorf("the old password after the reset: %d", rec.Code)
	}
	_, body = call(t, s, http.MethodGet, "/api/v1/users/tp_admin_c", "", a.bearer()...)
	if !strings.Contains(string(body), `"temporary_password_until":"`) || !strings.Contains(string(body), `"must_change_password":true`) {
		t.Errorf("the user after the reset: %s", body)
	}
	firstLogin(t, s, "tp_admin_c", "Second-Person-Passw0rd", "Own-Choice-Passw0rd-2")

	// a request nobody confirms lapses after a day
	r = request("Lapsing-Passw0rd-3")
	s.clock.Advance(user.ResetRequestLifetime + time.Minute)
	b = signIn(t, s, "tp_admin_b", testPassword) // sessions end after 12 hours
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", r.ID), "{}", b.bearer()...); status != http.StatusConflict {
		t.Errorf("confirming a lapsed request: %d %s, want 409", status, body)
	}
	_, body = call(t, s, http.MethodGet, "/api/v1/account-resets", "", b.bearer()...)
	for _, got := range decode[struct {
		Items []resetBody `json:"items"`
	}](t, body).Items {
		if got.ID == r.ID && got.Status != "expired" {
			t.Errorf("the lapsed request is %s", got.Status)
		}
	}
}

// TestATemporaryPasswordSignsInOnceWithinADay: a password an administrator
// set (a submitter's reset, applied at once, or a new user's) is good for
// one sign-in within 24 hours; the holder is told of the reset.
func TestATemporaryPasswordSignsInOnceWithinADay(t *testing.T) {
	s := newSecured(t, &user.Security{})
	createUser(t, s.st, user.Account{Username: "tmp_admin", DisplayName: "管理 临时", Roles: []user.Role{user.Admin}})
	createUser(t, s.st, submitterOf("tmp_sub"))
	admin := signIn(t, s, "tmp_admin", testPassword)
	status, body := call(t, s, http.MethodPut, "/api/v1/users/tmp_sub/password", `{"password":"Temporary-Passw0rd"}`, admin.bearer()...)
	if status != http.StatusOK || !strings.Contains(string(body), `"temporary_password_until":"`) {
		t.Fatalf("a submitter's reset: %d %s", status, body)
	}
	if titles := notificationTitles(t, s, "tmp_sub"); !hasTitle(titles, "您的密码已被重置") {
		t.Errorf("the holder was not told: %v", titles)
	}
	// first use: a pending password change; abandoned, the password is spent
	p := signIn(t, s, "tmp_sub", "Temporary-Passw0rd")
	if p.Next != "password_change" {
		t.Fatalf("first use: %+v", p)
	}
	rec := tryLogin(t, s, "tmp_sub", "Temporary-Passw0rd")
	if rec.Code != http.StatusUnauthorized || errorBody(t, rec.Body.Bytes()).Code != "temporary_password_used" {
		t.Errorf("second use: %d %s", rec.Code, rec.Body)
	}
	// the pending sign-in still changes it
	if status, body := postStep(t, s, "/api/v1/auth/password", p, `{"current":"Temporary-Passw0rd","new":"Mine-Now-Passw0rd"}`); status != http.StatusOK {
		t.Fatalf("change: %d %s", status, body)
	}
	if p := signIn(t, s, "tmp_sub", "Mine-Now-Passw0rd"); p.Token == "" {
		t.Errorf("the user's own password: %+v", p)
	}
	// a new user's first password lapses after a day unused
	if status, body := call(t, s, http.MethodPost, "/api/v1/users", `{"username":"tmp_new","password":"First-Passw0rd-1","roles":["submitter"],"departments":["003001"]}`, admin.bearer()...); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	s.clock.Advance(user.TemporaryPasswordLifetime + time.Minute)
	rec = tryLogin(t, s, "tmp_new", "First-Passw0rd-1")
	if rec.Code != http.StatusUnauthorized || errorBody(t, rec.Body.Bytes()).Code != "temporary_password_expired" {
		t.Errorf("a first password a day old: %d %s", rec.Code, rec.Body)
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
