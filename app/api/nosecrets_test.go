package api_test

import (
	"context"
	"encoding/base32"
	"fmt"
	"net/http"
	"testing"
	"time"

	"jixiao/app/auth"
	"jixiao/domain/user"
)

// TestNoSecretInClearAnywhereInTheDatabase: after a full round (a first
// password changed, a wrong password tried, enrolment, a two-step sign-in,
// a recovery code, a password change, a forged token, an admin's reset),
// no text, JSON or binary column of any table holds a password, a token,
// a recovery code or the TOTP secret in clear.
func TestNoSecretInClearAnywhereInTheDatabase(t *testing.T) {
	s := newSecured(t, nil)
	first, own, later, wrong := "Issued-Secret-7q!", "Own-Secret-8r!", "Later-Secret-9s!", "Wrong-Secret-0t!"
	a := user.Account{Username: "ns_admin", DisplayName: "保密 测试", Roles: []user.Role{user.Admin}, MustChangePassword: true}
	hash, err := auth.HashPassword(first)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.CreateUser(context.Background(), a, hash, auditCLI()); err != nil {
		t.Fatal(err)
	}
	createUser(t, s.st, user.Account{Username: "ns_reviewer", DisplayName: "保密 审核", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}})

	var startID int64
	if err := s.st.DB().QueryRow(`SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&startID); err != nil {
		t.Fatal(err)
	}
	var codes []string // the 6-digit TOTP codes used
	secrets := []string{first, own, later, wrong}
	if rec := tryLogin(t, s, "ns_admin", wrong); rec.Code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", rec.Code)
	}
	p := signIn(t, s, "ns_admin", first)
	secrets = append(secrets, p.PendingToken)
	if p.Next != "totp_enrol" {
		t.Fatalf("an admin first enrols: %+v", p)
	}
	secret, afterEnrol := s.enrol(t, p)
	secrets = append(secrets, secret, afterEnrol.PendingToken)
	secrets = append(secrets, afterEnrol.RecoveryCodes...)
	if afterEnrol.Next != "password_change" {
		t.Fatalf("then changes the issued password: %+v", afterEnrol)
	}
	status, body := postStep(t, s, "/api/v1/auth/password", afterEnrol, `{"current":"`+first+`","new":"`+own+`"}`)
	if status != http.StatusOK {
		t.Fatalf("first change: %d %s", status, body)
	}
	full := decode[step](t, body)
	secrets = append(secrets, full.Token, full.CSRFToken)

	s.clock.Advance(auth.TOTPPeriod * time.Second)
	p = signIn(t, s, "ns_admin", own)
	codes = append(codes, s.code(t, secret))
	status, body = postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+s.code(t, secret)+`"}`)
	if status != http.StatusOK {
		t.Fatalf("two-step sign-in: %d %s", status, body)
	}
	full = decode[step](t, body)
	secrets = append(secrets, p.PendingToken, full.Token, full.CSRFToken)
	p = signIn(t, s, "ns_admin", own)
	if status, body := postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+afterEnrol.RecoveryCodes[0]+`"}`); status != http.StatusOK {
		t.Fatalf("recovery code: %d %s", status, body)
	}
	if status, body := call(t, s, http.MethodPut, "/api/v1/me/password", `{"current":"`+own+`","new":"`+later+`"}`, full.bearer()...); status != http.StatusNoContent {
		t.Fatalf("own change: %d %s", status, body)
	}
	forged, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, forged)
	call(t, s, http.MethodGet, "/api/v1/me", "", "Authorization", "Bearer "+forged)
	call(t, s, http.MethodPost, "/api/v1/auth/login", `{"username":"ns_admin","password":"`+wrong+`","extra":"`+wrong+`"}`)

	// the reviewer enrols too, and the admin resets it
	_, rev := s.enrol(t, signIn(t, s, "ns_reviewer", testPassword))
	secrets = append(secrets, rev.Token)
	s.clock.Advance(auth.TOTPPeriod * time.Second)
	p = signIn(t, s, "ns_admin", later)
	codes = append(codes, s.code(t, secret))
	status, body = postStep(t, s, "/api/v1/auth/totp", p, `{"code":"`+s.code(t, secret)+`"}`)
	if status != http.StatusOK {
		t.Fatalf("sign-in after the change: %d %s", status, body)
	}
	admin := decode[step](t, body)
	status, body = call(t, s, http.MethodDelete, "/api/v1/users/ns_reviewer/totp", "", admin.bearer()...)
	if status != http.StatusAccepted {
		t.Fatalf("reset: %d %s", status, body)
	}
	reset := decode[struct {
		ID int64 `json:"id"`
	}](t, body)
	// a password reset of the reviewer waits for its second person: only
	// its hash is kept meanwhile
	requested := "Requested-Secret-1u!"
	secrets = append(secrets, requested)
	if status, body := call(t, s, http.MethodPut, "/api/v1/users/ns_reviewer/password", `{"password":"`+requested+`"}`, admin.bearer()...); status != http.StatusAccepted {
		t.Fatalf("password reset: %d %s", status, body)
	}
	// an auditor confirms the second factor's reset
	createUser(t, s.st, user.Account{Username: "ns_auditor", DisplayName: "保密 审计", Roles: []user.Role{user.Auditor}})
	_, aud := s.enrol(t, signIn(t, s, "ns_auditor", testPassword))
	secrets = append(secrets, aud.Token)
	if status, body := call(t, s, http.MethodPost, fmt.Sprintf("/api/v1/account-resets/%d/confirm", reset.ID), "{}", aud.bearer()...); status != http.StatusOK {
		t.Fatalf("confirm the reset: %d %s", status, body)
	}

	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		t.Fatal(err)
	}
	found := searchDatabase(t, s, secrets, [][]byte{raw})
	for _, f := range found {
		t.Error(f)
	}
	// the codes are six digits: looked for as a number of their own in the
	// audit rows of this round only, where nothing else has six digits alone
	for _, code := range codes {
		var n int
		if err := s.st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE id > $1
			AND concat_ws(' ', actor, ip, action, object_type, object_id, before::text, after::text, detail::text) ~ ('(^|[^0-9])' || $2 || '([^0-9]|$)')`,
			startID, code).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Errorf("a used TOTP code is in %d audit rows", n)
		}
	}
	if len(codes) != 2 {
		t.Fatalf("%d codes used", len(codes))
	}
}

// searchDatabase looks for each string in every text-like column (text,
// varchar, char, json, jsonb, as text) and every binary column (bytea) of
// every table of the public schema, and for each byte string in the
// binary ones; it returns where it found any.
func searchDatabase(t *testing.T, s *secured, texts []string, blobs [][]byte) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.st.DB().QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		  AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')`)
	if err != nil {
		t.Fatal(err)
	}
	type column struct{ table, name, kind string }
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.table, &c.name, &c.kind); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if len(cols) < 20 {
		t.Fatalf("only %d columns to search", len(cols))
	}
	var found []string
	for _, c := range cols {
		for i, x := range texts {
			if x == "" {
				t.Fatalf("secret %d is empty: the round went wrong", i)
			}
			var q string
			var arg any = x
			if c.kind == "bytea" {
				q = fmt.Sprintf(`SELECT count(*) FROM %q WHERE position($1::bytea IN %q) > 0`, c.table, c.name)
				arg = []byte(x)
			} else {
				q = fmt.Sprintf(`SELECT count(*) FROM %q WHERE position($1 IN %q::text) > 0`, c.table, c.name)
			}
			var n int
			if err := s.st.DB().QueryRowContext(ctx, q, arg).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s holds secret %d (%.6s…) in clear in %d rows", c.table, c.name, i, x, n))
			}
		}
		if c.kind != "bytea" {
			continue
		}
		for i, b := range blobs {
			var n int
			if err := s.st.DB().QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q WHERE position($1::bytea IN %q) > 0`, c.table, c.name), b).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s holds the raw bytes of secret %d", c.table, c.name, i))
			}
		}
	}
	return found
}
