package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// secured is the router under a given security policy (nil: the default
// of production, user.DefaultSecurity) with a secret key and a test clock.
type secured struct {
	http.Handler
	st    *store.Store
	clock *clock
	box   *auth.SecretBox
}

func newSecured(t *testing.T, policy *user.Security) *secured {
	t.Helper()
	return newSecuredWith(t, policy, nil)
}

// newSecuredWith is newSecured with more dependencies set by edit.
func newSecuredWith(t *testing.T, policy *user.Security, edit func(*apitest.Options)) *secured {
	t.Helper()
	_, st := newAPI(t) // seeds the data and the shared role users first
	key, err := auth.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := auth.ParseSecretKey(key)
	box, err := auth.NewSecretBox(raw)
	if err != nil {
		t.Fatal(err)
	}
	if policy == nil {
		policy = &user.DefaultSecurity
	}
	c := newClock()
	d := apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: c.Now, Security: policy,
		Secrets: box, LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}}
	if edit != nil {
		edit(&d)
	}
	e := apitest.New(st, d)
	return &secured{Handler: e, st: st, clock: c, box: box}
}

// step is a sign-in step's answer.
type step struct {
	Next          string   `json:"next"`
	PendingToken  string   `json:"pending_token"`
	Token         string   `json:"token"`
	CSRFToken     string   `json:"csrf_token"`
	RecoveryCodes []string `json:"recovery_codes"`
}

func (s step) pending() []string { return []string{"Authorization", "Bearer " + s.PendingToken} }
func (s step) bearer() []string  { return []string{"Authorization", "Bearer " + s.Token} }

// signIn posts a login and decodes the answer, which must be 200.
func signIn(t *testing.T, h http.Handler, username, password string) step {
	t.Helper()
	rec := tryLogin(t, h, username, password)
	if rec.Code != http.StatusOK {
		t.Fatalf("login %s: %d %s", username, rec.Code, rec.Body)
	}
	return decode[step](t, rec.Body.Bytes())
}

// postStep posts a body to a sign-in step with the pending token.
func postStep(t *testing.T, h http.Handler, path string, pending step, body string) (int, []byte) {
	t.Helper()
	if body == "" {
		body = "{}"
	}
	return call(t, h, http.MethodPost, path, body, pending.pending()...)
}

// firstLogin signs in with a password someone else set, which the login
// answers with a pending password change, and changes it to newPassword;
// it returns the full session.
func firstLogin(t *testing.T, h http.Handler, username, password, newPassword string) step {
	t.Helper()
	p := signIn(t, h, username, password)
	if p.Next != "password_change" || p.Token != "" || p.PendingToken == "" {
		t.Fatalf("first login of %s: %+v, want a pending password change", username, p)
	}
	status, body := postStep(t, h, "/api/v1/auth/password", p, `{"current":`+jsonString(password)+`,"new":`+jsonString(newPassword)+`}`)
	if status != http.StatusOK {
		t.Fatalf("change the first password of %s: %d %s", username, status, body)
	}
	full := decode[step](t, body)
	if full.Next != "" || full.Token == "" {
		t.Fatalf("after the change: %s", body)
	}
	return full
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type enrolment struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

// enrol takes a pending sign-in at "totp_enrol" through enrolment and
// returns the secret and the confirmation's answer.
func (s *secured) enrol(t *testing.T, p step) (string, step) {
	t.Helper()
	if p.Next != "totp_enrol" {
		t.Fatalf("want a pending enrolment, got %+v", p)
	}
	status, body := postStep(t, s, "/api/v1/auth/totp/enrol", p, "")
	if status != http.StatusOK {
		t.Fatalf("enrol: %d %s", status, body)
	}
	en := decode[enrolment](t, body)
	code, err := auth.TOTPCode(en.Secret, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	status, body = postStep(t, s, "/api/v1/auth/totp/enrol/confirm", p, `{"code":"`+code+`"}`)
	if status != http.StatusOK {
		t.Fatalf("confirm: %d %s", status, body)
	}
	return en.Secret, decode[step](t, body)
}

// code is the TOTP code of secret now.
func (s *secured) code(t *testing.T, secret string) string {
	t.Helper()
	c, err := auth.TOTPCode(secret, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLoginWithoutTheCodeGrantsNothing: under the default policy a
// reviewer's password alone gives no token, no cookie, and a pending token
// that reaches nothing but its next step, and only for five minutes.
func TestLoginWithoutTheCodeGrantsNothing(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_reviewer", DisplayName: "审核 二", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	rec := tryLogin(t, s, "tf_reviewer", testPassword)
	p := decode[step](t, rec.Body.Bytes())
	if rec.Code != http.StatusOK || p.Next != "totp_enrol" || p.PendingToken == "" || p.Token != "" || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("the password alone: %d %s cookies %v", rec.Code, rec.Body, rec.Result().Cookies())
	}
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/me"}, {http.MethodGet, "/api/v1/projects"}, {http.MethodGet, "/api/v1/reports"},
		{http.MethodPost, "/api/v1/auth/totp"}, {http.MethodPost, "/api/v1/auth/password"},
		{http.MethodPost, "/api/v1/projects/63280100024T000000642/reports/2024/approve"},
	} {
		body := ""
		if r.method == http.MethodPost {
			body = `{"code":"000000","current":"x","new":"y"}`
		}
		status, resp := call(t, s, r.method, r.path, body, p.pending()...)
		if status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("%s %s with a pending token: %d %s", r.method, r.path, status, resp)
		}
	}
	secret, full := s.enrol(t, p)
	if full.Token == "" || len(full.RecoveryCodes) != 10 {
		t.Fatalf("after enrolment: %+v", full)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", full.bearer()...); status != http.StatusOK {
		t.Errorf("the full session: %d", status)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", p.pending()...); status != http.StatusUnauthorized {
		t.Errorf("the pending token after its step: %d, want 401", status)
	}

	// enrolled: the next sign-in waits for a code, and lapses after five minutes
	s.clock.Advance(time.Minute)
	p = signIn(t, s, "tf_reviewer", testPassword)
	if p.Next != "totp" || p.Token != "" {
		t.Fatalf("enrolled user's login: %+v", p)
	}
	if status, body := call(t, s, http.MethodGet, "/api/v1/me", "", p.pending()...); status != http.StatusForbidden || errorBody(t, body).Code != "totp_required" {
		t.Errorf("pending /me: %d %s", status, body)
	}
	s.clock.Advance(user.PendingLifetime)
	status, body := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+s.code(t, secret)+`"}`)
	if status != http.StatusUnauthorized || errorBody(t, body).Code != "pending_expired" {
		t.Errorf("a code after five minutes: %d %s", status, body)
	}
}

// TestTwoStepLoginAndReplayedCode: a right code completes the sign-in; the
// same code again, even in a new sign-in within its window, is refused.
func TestTwoStepLoginAndReplayedCode(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_auditor", DisplayName: "审计 二", Roles: []user.Role{user.Auditor}})
	secret, _ := s.enrol(t, signIn(t, s, "tf_auditor", testPassword))
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	p := signIn(t, s, "tf_auditor", testPassword)
	code := s.code(t, secret)
	status, body := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+code+`"}`)
	if status != http.StatusOK {
		t.Fatalf("right code: %d %s", status, body)
	}
	full := decode[step](t, body)
	if full.Next != "" || full.Token == "" || full.CSRFToken == "" {
		t.Fatalf("%s", body)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/audit?page_size=1", "", full.bearer()...); status != http.StatusOK {
		t.Errorf("the auditor's full session: %d", status)
	}
	p = signIn(t, s, "tf_auditor", testPassword)
	status, body = postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+code+`"}`)
	if status != http.StatusUnauthorized || errorBody(t, body).Code != "invalid_code" {
		t.Errorf("replayed code: %d %s", status, body)
	}
	// the next step's code works
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	if status, body := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+s.code(t, secret)+`"}`); status != http.StatusOK {
		t.Errorf("next code: %d %s", status, body)
	}
	_, total, _ := s.st.ListAudit(context.Background(), audit.Filter{Actor: "tf_auditor", Action: audit.LoginSecondFactorFailed})
	if total != 1 {
		t.Errorf("%d audit rows of failed codes, want 1", total)
	}
}

// TestRecoveryCodesWorkOnce: each recovery code signs in once.
func TestRecoveryCodesWorkOnce(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_admin", DisplayName: "管理 二", Roles: []user.Role{user.Admin}})
	_, done := s.enrol(t, signIn(t, s, "tf_admin", testPassword))
	rc := done.RecoveryCodes[3]
	mine := func() (enrolled, required bool, left int) {
		status, body := call(t, s, http.MethodGet, "/api/v1/me/security", "", done.bearer()...)
		if status != http.StatusOK {
			t.Fatalf("me/security: %d %s", status, body)
		}
		v := decode[struct {
			Enrolled bool `json:"totp_enrolled"`
			Required bool `json:"totp_required"`
			Left     int  `json:"recovery_codes_left"`
		}](t, body)
		return v.Enrolled, v.Required, v.Left
	}
	if enrolled, required, left := mine(); !enrolled || !required || left != 10 {
		t.Errorf("before: enrolled %v required %v, %d codes left", enrolled, required, left)
	}
	p := signIn(t, s, "tf_admin", testPassword)
	if status, body := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+strings.ToUpper(rc)+`"}`); status != http.StatusOK {
		t.Fatalf("recovery code: %d %s", status, body)
	}
	p = signIn(t, s, "tf_admin", testPassword)
	if status, _ := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+rc+`"}`); status != http.StatusUnauthorized {
		t.Errorf("a used recovery code: %d, want 401", status)
	}
	if status, _ := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+done.RecoveryCodes[4]+`"}`); status != http.StatusOK {
		t.Errorf("another recovery code: %d", status)
	}
	if _, _, left := mine(); left != 8 {
		t.Errorf("%d recovery codes left after two, want 8", left)
	}
}

// TestWrongCodesCountTowardTheLockout: five wrong codes lock the username,
// so a stolen password cannot try codes for ever; the right password alone
// does not clear the count.
func TestWrongCodesCountTowardTheLockout(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_lock", DisplayName: "审核 三", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	secret, _ := s.enrol(t, signIn(t, s, "tf_lock", testPassword))
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	var last int
	for i := 0; i < 5; i++ {
		rec := tryLogin(t, s, "tf_lock", testPassword)
		if rec.Code != http.StatusOK {
			t.Fatalf("password %d: %d %s", i, rec.Code, rec.Body)
		}
		last, _ = postStep(t, s, "/api/v1/auth/totp", decode[step](t, rec.Body.Bytes()), `{"code":"000001"}`)
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("the fifth wrong code: %d, want 429", last)
	}
	if rec := tryLogin(t, s, "tf_lock", testPassword); rec.Code != http.StatusTooManyRequests {
		t.Errorf("the right password after five wrong codes: %d, want 429", rec.Code)
	}
	_ = secret
}

// TestAdminResetsASecondFactor: the reset of a reviewer's second factor
// waits for a second person; confirmed, it ends the user's sessions, is
// audited with both persons, and the user enrols again; a submitter's is
// reset at once; nobody resets their own.
func TestAdminResetsASecondFactor(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_lost", DisplayName: "审核 四", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	createUser(t, s.st, user.Account{Username: "tf_admin2", DisplayName: "管理 三", Roles: []user.Role{user.Admin}})
	createUser(t, s.st, user.Account{Username: "tf_admin3", DisplayName: "管理 四", Roles: []user.Role{user.Admin}})
	createUser(t, s.st, submitterOf("tf_sub"))
	_, full := s.enrol(t, signIn(t, s, "tf_lost", testPassword))
	_, admin := s.enrol(t, signIn(t, s, "tf_admin2", testPassword))
	_, second := s.enrol(t, signIn(t, s, "tf_admin3", testPassword))
	status, body := call(t, s, http.MethodDelete, "/api/v1/users/tf_lost/totp", "", admin.bearer()...)
	if status != http.StatusAccepted {
		t.Fatalf("reset: %d %s", status, body)
	}
	reset := decode[resetBody](t, body)
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", full.bearer()...); status != http.StatusOK {
		t.Errorf("the user's session while the reset waits: %d, want 200", status)
	}
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", reset.ID), "{}", second.bearer()...); status != http.StatusOK {
		t.Fatalf("confirm: %d %s", status, body)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", full.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("the user's session after the reset: %d, want 401", status)
	}
	if p := signIn(t, s, "tf_lost", testPassword); p.Next != "totp_enrol" {
		t.Errorf("after the reset: %+v, want enrolment", p)
	}
	rows, total, _ := s.st.ListAudit(context.Background(), audit.Filter{Action: audit.UserTOTPReset, ObjectID: "tf_lost"})
	if total != 1 || rows[0].Actor != "tf_admin3" || !strings.Contains(string(rows[0].Detail), `"requested_by": "tf_admin2"`) {
		t.Errorf("audit rows of the reset: %+v", rows)
	}
	// a submitter's second factor: at once
	sub := signIn(t, s, "tf_sub", testPassword)
	status, body = call(t, s, http.MethodPost, "/api/v1/auth/totp/enrol", "{}", sub.bearer()...)
	if status != http.StatusOK {
		t.Fatalf("a submitter enrols: %d %s", status, body)
	}
	code := s.code(t, decode[enrolment](t, body).Secret)
	if status, body := call(t, s, http.MethodPost, "/api/v1/auth/totp/enrol/confirm", `{"code":"`+code+`"}`, sub.bearer()...); status != http.StatusOK {
		t.Fatalf("a submitter confirms: %d %s", status, body)
	}
	if status, body := call(t, s, http.MethodDelete, "/api/v1/users/tf_sub/totp", "", admin.bearer()...); status != http.StatusOK ||
		!strings.Contains(string(body), `"totp_enrolled":false`) {
		t.Errorf("a submitter's reset: %d %s", status, body)
	}
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", sub.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("the submitter's session after the reset: %d, want 401", status)
	}
	if status, _ := call(t, s, http.MethodDelete, "/api/v1/users/tf_admin2/totp", "", admin.bearer()...); status != http.StatusForbidden {
		t.Errorf("an admin resets their own second factor: %d, want 403", status)
	}
	if status, _ := call(t, s, http.MethodDelete, "/api/v1/users/tf_lost/totp", "", admin.bearer()...); status != http.StatusConflict {
		t.Errorf("a second reset: %d, want 409", status)
	}
}

// TestTOTPSecretsAreSealedAtRest: the stored secret is AES-GCM ciphertext
// bound to its user: neither the secret nor its bytes are in the row, and
// it opens only with the key and for its owner.
func TestTOTPSecretsAreSealedAtRest(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_sealed", DisplayName: "审计 三", Roles: []user.Role{user.Auditor}})
	secret, _ := s.enrol(t, signIn(t, s, "tf_sealed", testPassword))
	var id int64
	var sealed []byte
	if err := s.st.DB().QueryRow(`SELECT id, totp_secret FROM users WHERE username = 'tf_sealed'`).Scan(&id, &sealed); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte(secret)) || len(sealed) < 40 {
		t.Fatalf("stored secret %x holds the secret %s", sealed, secret)
	}
	plain, err := s.box.Open(sealed, "jixiao-totp:"+jsonNumber(id))
	if err != nil || string(plain) != secret {
		t.Errorf("open: %q %v", plain, err)
	}
	if _, err := s.box.Open(sealed, "jixiao-totp:"+jsonNumber(id+1)); err == nil {
		t.Error("the secret opened for another user")
	}
	other, _ := auth.NewSecretKey()
	raw, _ := auth.ParseSecretKey(other)
	otherBox, _ := auth.NewSecretBox(raw)
	if _, err := otherBox.Open(sealed, "jixiao-totp:"+jsonNumber(id)); err == nil {
		t.Error("the secret opened with another key")
	}
}

func jsonNumber(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestEnrolmentShowsTheSecretOnceAsTextAndQRCode: the QR code is a PNG
// data URL, the URL names the user, and a second enrolment is refused.
func TestEnrolmentShowsTheSecretOnceAsTextAndQRCode(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_qr", DisplayName: "审核 五", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	p := signIn(t, s, "tf_qr", testPassword)
	status, body := postStep(t, s, "/api/v1/auth/totp/enrol", p, "")
	en := decode[enrolment](t, body)
	if status != http.StatusOK || len(en.Secret) < 32 || !strings.Contains(en.OTPAuthURL, "tf_qr") || !strings.HasPrefix(en.QRPNG, "data:image/png;base64,") {
		t.Fatalf("%d %s", status, body)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(en.QRPNG, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(raw)); err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("QR code: %v", err)
	}
	if status, body := postStep(t, s, "/api/v1/auth/totp/enrol/confirm", p, `{"code":"123"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("a wrong first code: %d %s", status, body)
	}
	code, _ := auth.TOTPCode(en.Secret, s.clock.Now())
	status, body = postStep(t, s, "/api/v1/auth/totp/enrol/confirm", p, `{"code":"`+code+`"}`)
	if status != http.StatusOK {
		t.Fatalf("confirm: %d %s", status, body)
	}
	full := decode[step](t, body)
	if status, _ := call(t, s, http.MethodPost, "/api/v1/auth/totp/enrol", "{}", full.bearer()...); status != http.StatusConflict {
		t.Errorf("enrolling again: %d, want 409", status)
	}
}

// TestAnExpiredPasswordForcesAChange: past the maximum age the login asks
// for a change first; the change may not reuse the last five passwords.
func TestAnExpiredPasswordForcesAChange(t *testing.T) {
	policy := user.Security{PasswordMaxAge: 90 * 24 * time.Hour, IdleLimit: 365 * 24 * time.Hour}
	s := newSecured(t, &policy)
	createUser(t, s.st, submitterOf("pw_expired"))
	if p := signIn(t, s, "pw_expired", testPassword); p.Next != "" || p.Token == "" {
		t.Fatalf("a fresh password: %+v", p)
	}
	s.clock.Advance(91 * 24 * time.Hour)
	p := signIn(t, s, "pw_expired", testPassword)
	if p.Next != "password_change" || p.Token != "" {
		t.Fatalf("an expired password: %+v", p)
	}
	if status, body := call(t, s, http.MethodGet, "/api/v1/projects", "", p.pending()...); status != http.StatusForbidden || errorBody(t, body).Code != "password_change_required" {
		t.Errorf("pending change, /projects: %d %s", status, body)
	}
	if status, body := postStep(t, s, "/api/v1/auth/password", p, `{"current":"`+testPassword+`","new":"`+testPassword+`"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("the same password: %d %s", status, body)
	}
	if status, body := postStep(t, s, "/api/v1/auth/password", p, `{"current":"Wrong-Passw0rd","new":"Next-Passw0rd-1"}`); status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "current") {
		t.Errorf("a wrong current password: %d %s", status, body)
	}
	status, body := postStep(t, s, "/api/v1/auth/password", p, `{"current":"`+testPassword+`","new":"Next-Passw0rd-1"}`)
	if status != http.StatusOK || decode[step](t, body).Token == "" {
		t.Fatalf("change: %d %s", status, body)
	}
	if p := signIn(t, s, "pw_expired", "Next-Passw0rd-1"); p.Next != "" || p.Token == "" {
		t.Errorf("after the change: %+v", p)
	}
}

// TestAReusedPasswordIsRefused: none of the last five passwords (the
// current one included) may be chosen again; the sixth back may.
func TestAReusedPasswordIsRefused(t *testing.T) {
	s := newSecured(t, &user.Security{})
	createUser(t, s.st, submitterOf("pw_reuse"))
	sess := signIn(t, s, "pw_reuse", testPassword)
	passwords := []string{testPassword, "Reuse-Passw0rd-1", "Reuse-Passw0rd-2", "Reuse-Passw0rd-3", "Reuse-Passw0rd-4"}
	change := func(from, to string) (int, []byte) {
		return call(t, s, http.MethodPut, "/api/v1/me/password", `{"current":"`+from+`","new":"`+to+`"}`, sess.bearer()...)
	}
	for i := 1; i < len(passwords); i++ {
		if status, body := change(passwords[i-1], passwords[i]); status != http.StatusNoContent {
			t.Fatalf("change %d: %d %s", i, status, body)
		}
	}
	// history: 4, 3, 2, 1 and the first
	status, body := change(passwords[4], passwords[0])
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "最近 5 次") {
		t.Fatalf("the first password again: %d %s", status, body)
	}
	if status, _ := change(passwords[4], "Reuse-Passw0rd-5"); status != http.StatusNoContent {
		t.Fatalf("a new one: %d", status)
	}
	if status, body := change("Reuse-Passw0rd-5", passwords[0]); status != http.StatusNoContent {
		t.Errorf("the sixth password back: %d %s", status, body)
	}
}

// TestFirstLoginWithAnAdminSetPasswordMustChangeIt: a password set by an
// administrator (or the CLI) is changed at its first use.
func TestFirstLoginWithAnAdminSetPasswordMustChangeIt(t *testing.T) {
	s := newSecured(t, &user.Security{})
	a := submitterOf("pw_first")
	a.MustChangePassword = true
	createUser(t, s.st, a)
	full := firstLogin(t, s, "pw_first", testPassword, "Mine-Passw0rd-1")
	if status, _ := call(t, s, http.MethodGet, "/api/v1/me", "", full.bearer()...); status != http.StatusOK {
		t.Errorf("after the change: %d", status)
	}
	if p := signIn(t, s, "pw_first", "Mine-Passw0rd-1"); p.Next != "" {
		t.Errorf("the next login: %+v", p)
	}
	_, total, _ := s.st.ListAudit(context.Background(), audit.Filter{Action: audit.PasswordChangeForced, ObjectID: "pw_first"})
	if total != 1 {
		t.Errorf("%d audit rows of the forced change", total)
	}
}

// TestIdleAccountsAreDisabled: no sign-in for longer than the limit
// disables the account at its next try, audited; the sweep of serve does
// the same for everyone.
func TestIdleAccountsAreDisabled(t *testing.T) {
	s := newSecured(t, &user.Security{IdleLimit: 90 * 24 * time.Hour})
	createUser(t, s.st, submitterOf("idle_one"))
	createUser(t, s.st, submitterOf("idle_two"))
	ctx := context.Background()
	// idle_two was created long ago and never signed in
	if _, err := s.st.DB().ExecContext(ctx, `UPDATE users SET created_at = now() - interval '100 days' WHERE username = 'idle_two'`); err != nil {
		t.Fatal(err)
	}
	signIn(t, s, "idle_one", testPassword)
	s.clock.Advance(91 * 24 * time.Hour)
	if rec := tryLogin(t, s, "idle_one", testPassword); rec.Code != http.StatusUnauthorized {
		t.Fatalf("an idle account: %d %s", rec.Code, rec.Body)
	}
	a, _ := s.st.GetUser(ctx, "idle_one")
	if !a.Disabled {
		t.Error("the idle account is still enabled")
	}
	_, total, _ := s.st.ListAudit(ctx, audit.Filter{Action: audit.UserDisabledIdle, ObjectID: "idle_one"})
	if total != 1 {
		t.Errorf("%d audit rows of the idle account", total)
	}
	// the sweep of serve, at the real time: only idle_two has been idle so long
	disabled, err := s.st.DisableIdleAccounts(ctx, time.Now().Add(-90*24*time.Hour), audit.Entry{Actor: audit.CLI})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(disabled, "idle_two") || contains(disabled, "idle_one") {
		t.Errorf("sweep disabled %v", disabled)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestContactsAreMaskedForRolesThatDoNotManageUsers: names, phones and
// e-mails in full for admins and for oneself, masked for everyone else.
func TestContactsAreMaskedForRolesThatDoNotManageUsers(t *testing.T) {
	e, _ := newAPI(t)
	admin := e.as(user.Admin)
	status, body := call(t, admin, http.MethodPut, "/api/v1/users/t_submitter", `{"phone":"13812345678","email":"zhangsan@example.cn"}`)
	if status != http.StatusOK || !strings.Contains(string(body), `"phone":"13812345678"`) {
		t.Fatalf("set contact: %d %s", status, body)
	}
	if status, body := call(t, admin, http.MethodPut, "/api/v1/users/t_submitter", `{"phone":"call me"}`); status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "phone") {
		t.Errorf("bad phone: %d %s", status, body)
	}
	type contacts struct {
		Items []struct {
			Username    string `json:"username"`
			DisplayName string `json:"display_name"`
			Phone       string `json:"phone"`
			Email       string `json:"email"`
			Masked      bool   `json:"masked"`
		} `json:"items"`
	}
	find := func(h http.Handler) (string, string, string, bool) {
		status, body := call(t, h, http.MethodGet, "/api/v1/contacts", "")
		if status != http.StatusOK {
			t.Fatalf("contacts: %d %s", status, body)
		}
		var cs contacts
		json.Unmarshal(body, &cs)
		for _, c := range cs.Items {
			if c.Username == "t_submitter" {
				return c.DisplayName, c.Phone, c.Email, c.Masked
			}
		}
		t.Fatalf("t_submitter missing: %s", body)
		return "", "", "", false
	}
	if name, phone, email, masked := find(e.as(user.Reviewer)); !masked || name != "测***人" || phone != "138****5678" || email != "z***@example.cn" {
		t.Errorf("reviewer sees %s %s %s", name, phone, email)
	}
	if _, phone, _, masked := find(e.as(user.Auditor)); !masked || phone != "138****5678" {
		t.Errorf("auditor sees %s", phone)
	}
	if _, phone, email, masked := find(admin); masked || phone != "13812345678" || email != "zhangsan@example.cn" {
		t.Errorf("admin sees %s %s", phone, email)
	}
	if _, phone, _, masked := find(e); masked || phone != "13812345678" {
		t.Errorf("the submitter sees their own %s", phone)
	}
	var n int
	st := dbtest.Open(t)
	st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE object_id = 't_submitter' AND after::text LIKE '%138****5678%'`).Scan(&n)
	var clear int
	st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE (before::text || after::text || coalesce(detail::text, '')) LIKE '%13812345678%'`).Scan(&clear)
	if n == 0 || clear != 0 {
		t.Errorf("audit rows with the masked phone %d, with it in clear %d", n, clear)
	}
}

// TestTheSameCodeInParallelSignsInOnce: two sign-ins racing with one code
// (a code seen over a shoulder) cannot both win: the code's step is used up
// atomically.
func TestTheSameCodeInParallelSignsInOnce(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_race", DisplayName: "审核 六", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	secret, _ := s.enrol(t, signIn(t, s, "tf_race", testPassword))
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	const n = 6
	pending := make([]step, n)
	for i := range pending {
		pending[i] = signIn(t, s, "tf_race", testPassword)
	}
	code := s.code(t, secret)
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range pending {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = postStep(t, s, "/api/v1/auth/totp", pending[i], `{"code":"`+code+`"}`)
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == http.StatusOK {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("%d sign-ins with one code, want 1: %v", ok, codes)
	}
}

// TestOneAuditRowPerWrongCode: a wrong second-factor code, a wrong code at
// enrolment and a wrong current password each leave exactly one audit row
// (the failure), not a second one for the refused request.
func TestOneAuditRowPerWrongCode(t *testing.T) {
	s := newSecured(t, nil)
	createUser(t, s.st, user.Account{Username: "tf_once", DisplayName: "审核 一行", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})
	rows := func(actor string) map[string]int {
		t.Helper()
		es, _, err := s.st.ListAudit(context.Background(), audit.Filter{Actor: actor, PageSize: audit.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, e := range es {
			out[e.Action]++
		}
		return out
	}
	p := signIn(t, s, "tf_once", testPassword)
	if status, _ := postStep(t, s, "/api/v1/auth/totp/enrol", p, ""); status != http.StatusOK {
		t.Fatalf("enrol: %d", status)
	}
	if status, _ := postStep(t, s, "/api/v1/auth/totp/enrol/confirm", p, `{"code":"000000"}`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong code at enrolment: %d, want 422", status)
	}
	if got := rows("tf_once"); got[audit.LoginSecondFactorFailed] != 1 || got[audit.RequestRejected] != 0 {
		t.Errorf("after a wrong code at enrolment: %v, want one %s and no %s", got, audit.LoginSecondFactorFailed, audit.RequestRejected)
	}
	secret, full := s.enrol(t, signIn(t, s, "tf_once", testPassword))
	_ = secret
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	p = signIn(t, s, "tf_once", testPassword)
	if status, _ := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"000001"}`); status != http.StatusUnauthorized {
		t.Fatalf("a wrong code: %d, want 401", status)
	}
	if got := rows("tf_once"); got[audit.LoginSecondFactorFailed] != 2 || got[audit.RequestRejected] != 0 {
		t.Errorf("after a wrong code: %v, want two %s in all and no %s", got, audit.LoginSecondFactorFailed, audit.RequestRejected)
	}
	before := rows("tf_once")[audit.LoginFailed]
	if status, _ := call(t, s, http.MethodPut, "/api/v1/me/password", `{"current":"Wrong-Passw0rd","new":"Other-Passw0rd-1"}`, full.bearer()...); status != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong current password: %d, want 422", status)
	}
	if got := rows("tf_once"); got[audit.LoginFailed] != before+1 || got[audit.RequestRejected] != 0 {
		t.Errorf("after a wrong current password: %v, want one more %s and no %s", got, audit.LoginFailed, audit.RequestRejected)
	}
}
