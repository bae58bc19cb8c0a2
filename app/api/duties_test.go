package api_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

func adminOf(username string) user.Account {
	return user.Account{Username: username, DisplayName: "管理员 " + username, Roles: []user.Role{user.Admin}}
}

// B2: an admin gave itself the reviewer role and approved a report, and
// demoted or disabled itself. Nobody changes their own access.
func TestNobodyChangesTheirOwnRolesDepartmentsOrEnabledState(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, adminOf("sod_self"))
	s := login(t, e.anon(), "sod_self", testPassword)
	for _, tc := range []struct{ name, method, path, body string }{
		{"make itself a reviewer", http.MethodPut, "/api/v1/users/sod_self/roles", `{"roles":["reviewer"],"departments":["003001"]}`},
		{"make itself an auditor", http.MethodPut, "/api/v1/users/SOD_SELF/roles", `{"roles":["auditor"]}`},
		{"disable itself", http.MethodPut, "/api/v1/users/sod_self", `{"disabled":true}`},
		{"assign itself departments", http.MethodPut, "/api/v1/users/sod_self/assignments", `{"departments":["003001"],"projects":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := dataFingerprint(t, st)
			status, body := call(t, e.anon(), tc.method, tc.path, tc.body, s.bearer()...)
			if status != http.StatusForbidden || errorBody(t, body).Code != "self_change" {
				t.Errorf("%d %s, want 403 self_change", status, body)
			}
			if after := dataFingerprint(t, st); after != before {
				t.Errorf("the refused change was stored")
			}
		})
	}
	// one's own display name is not access
	if status, body := call(t, e.anon(), http.MethodPut, "/api/v1/users/sod_self", `{"display_name":"新名字"}`, s.bearer()...); status != http.StatusOK {
		t.Errorf("own display name: %d %s", status, body)
	}
}

// B2: two admins disabling each other at once cannot leave no admin.
func TestTheLastEnabledAdminStays(t *testing.T) {
	e, st := newAPI(t)
	ctx := context.Background()
	// for this test, sod_a and sod_b are the only enabled admins
	var others []int64
	rows, err := st.DB().QueryContext(ctx, `UPDATE users SET disabled = true WHERE NOT disabled
		AND id IN (SELECT user_id FROM user_roles WHERE role = 'admin') RETURNING id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		_ = rows.Scan(&id)
		others = append(others, id)
	}
	rows.Close()
	t.Cleanup(func() {
		for _, id := range others {
			_, _ = st.DB().ExecContext(ctx, `UPDATE users SET disabled = false WHERE id = $1`, id)
		}
	})
	ua := createUser(t, st, adminOf("sod_a"))
	ub := createUser(t, st, adminOf("sod_b"))
	// each disables the other at the same moment, straight at storage: a
	// server's guard would refuse whichever comes second only by luck
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, tc := range []struct {
		actor  user.Account
		target string
	}{{ua, "sod_b"}, {ub, "sod_a"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.UpdateUser(ctx, tc.target, func(a *user.Account) error { a.Disabled = true; return nil },
				audit.Entry{Actor: tc.actor.Username, ActorID: tc.actor.ID, Action: audit.UserUpdated})
		}()
	}
	wg.Wait()
	var enabled int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = 'admin' AND NOT u.disabled`).Scan(&enabled); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, err := range errs {
		if errors.Is(err, user.ErrLastAdmin) {
			refused++
		}
	}
	if enabled != 1 || refused != 1 {
		t.Fatalf("after both disabled each other: %v, %d enabled admins, want one refused and one admin left", errs, enabled)
	}
	// through the API: the survivor cannot demote itself, and the answer says why
	survivor := "sod_a"
	if errs[0] != nil {
		survivor = "sod_b"
	}
	s := login(t, e.anon(), survivor, testPassword)
	if status, body := call(t, e.anon(), http.MethodPut, "/api/v1/users/"+survivor+"/roles", `{"roles":["auditor"]}`, s.bearer()...); status != http.StatusForbidden {
		t.Errorf("the last admin demoted itself: %d %s", status, body)
	}
	// the command line acts for nobody's account: it meets the last-admin rule
	_, err = st.UpdateUser(ctx, survivor, func(a *user.Account) error { a.Disabled = true; return nil },
		audit.Entry{Actor: audit.CLI, Action: audit.UserUpdated})
	if !errors.Is(err, user.ErrLastAdmin) {
		t.Errorf("the command line disabled the last admin: %v", err)
	}
}

// B2: the database holds each user to one role, whatever writes to it.
func TestTheDatabaseHoldsAUserToOneRole(t *testing.T) {
	_, st := newAPI(t)
	u := createUser(t, st, adminOf("sod_one_role"))
	_, err := st.DB().ExecContext(context.Background(), `INSERT INTO user_roles (user_id, role) VALUES ($1, 'auditor')`, u.ID)
	if err == nil {
		t.Fatal("a second role was stored")
	}
	t.Logf("refused: %v", err)
}

// B6: re-enabling a user revived their old sessions. Disabling ends them.
func TestDisablingAUserEndsEverySession(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("sod_disabled"))
	s1 := login(t, e.anon(), "sod_disabled", testPassword)
	s2 := login(t, e.anon(), "sod_disabled", testPassword)
	admin := e.as(user.Admin)
	if status, body := call(t, admin, http.MethodPut, "/api/v1/users/sod_disabled", `{"disabled":true}`); status != http.StatusOK {
		t.Fatalf("disable: %d %s", status, body)
	}
	if status, body := call(t, admin, http.MethodPut, "/api/v1/users/sod_disabled", `{"disabled":false}`); status != http.StatusOK {
		t.Fatalf("enable: %d %s", status, body)
	}
	for i, s := range []session{s1, s2} {
		if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", s.bearer()...); status != http.StatusUnauthorized {
			t.Errorf("session %d after disable and enable: %d, want 401", i, status)
		}
	}
	login(t, e.anon(), "sod_disabled", testPassword)
}

// PUT /api/v1/me/password: a user changes their own password with the
// current one; every other session of theirs ends, this one stays.
func TestAUserChangesTheirOwnPassword(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("own_pw"))
	here := login(t, e.anon(), "own_pw", testPassword)
	elsewhere := login(t, e.anon(), "own_pw", testPassword)
	for _, tc := range []struct {
		name, body string
		status     int
		field      string
	}{
		{"wrong current password", `{"current":"Wrong-Passw0rd","new":"Brand-New-Passw0rd"}`, 422, "current"},
		{"weak new password", `{"current":"` + testPassword + `","new":"short"}`, 422, "new"},
		{"same as before", `{"current":"` + testPassword + `","new":"` + testPassword + `"}`, 422, "new"},
		{"no current password", `{"new":"Brand-New-Passw0rd"}`, 422, "current"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := dataFingerprint(t, st)
			status, body := call(t, e.anon(), http.MethodPut, "/api/v1/me/password", tc.body, here.bearer()...)
			if status != tc.status || errorBody(t, body).Fields[tc.field] == "" {
				t.Errorf("%d %s, want %d naming %s", status, body, tc.status, tc.field)
			}
			if after := dataFingerprint(t, st); after != before {
				t.Errorf("the refused change was stored")
			}
		})
	}
	status, body := call(t, e.anon(), http.MethodPut, "/api/v1/me/password",
		`{"current":"`+testPassword+`","new":"Brand-New-Passw0rd"}`, here.bearer()...)
	if status != http.StatusNoContent {
		t.Fatalf("change: %d %s", status, body)
	}
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", here.bearer()...); status != http.StatusOK {
		t.Errorf("this session after the change: %d, want 200", status)
	}
	if status, _ := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", elsewhere.bearer()...); status != http.StatusUnauthorized {
		t.Errorf("the other session after the change: %d, want 401", status)
	}
	if rec := tryLogin(t, e.anon(), "own_pw", testPassword); rec.Code != http.StatusUnauthorized {
		t.Errorf("the old password: %d", rec.Code)
	}
	login(t, e.anon(), "own_pw", "Brand-New-Passw0rd")
	// every role may change its own password
	for _, r := range user.Roles() {
		status, _ := call(t, e.as(r), http.MethodPut, "/api/v1/me/password", `{"current":"x","new":"y"}`)
		if status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			t.Errorf("%s may not change its own password: %d", r, status)
		}
	}
}
