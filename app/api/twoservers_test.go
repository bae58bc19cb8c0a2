package api_test

import (
	"context"
	"net/http"
	"testing"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// TestAChangeThroughOneServerHoldsOnTheOtherAtOnce runs two servers, each
// with its own connection pool on the same database, as two instances
// behind a load balancer would. Roles and assignments are read with the
// session on every request, so what one changes the other enforces at its
// very next request.
func TestAChangeThroughOneServerHoldsOnTheOtherAtOnce(t *testing.T) {
	a, stA := newAPI(t)
	b, stB := newAPI(t)
	if stA == stB {
		t.Fatal("the two servers share a store")
	}
	createUser(t, stB, user.Account{Username: "moving_auditor", Roles: []user.Role{user.Auditor}})
	s := login(t, a.anon(), "moving_auditor", testPassword) // session made on A
	onB := withHeader(b.anon(), s.bearer()...)
	if status, _ := call(t, onB, http.MethodGet, "/api/v1/audit", ""); status != http.StatusOK {
		t.Fatalf("auditor on B reads the audit trail: %d", status)
	}

	// through A's admin endpoint: auditor → submitter of 003001
	status, body := call(t, a.as(user.Admin), http.MethodPut, "/api/v1/users/moving_auditor/roles",
		`{"roles":["submitter"],"departments":["003001"],"projects":["63280100024T000000639"]}`)
	if status != http.StatusOK {
		t.Fatalf("change roles on A: %d %s", status, body)
	}
	if status, _ := call(t, onB, http.MethodGet, "/api/v1/audit", ""); status != http.StatusForbidden {
		t.Errorf("B after the role was revoked on A: %d, want 403", status)
	}
	if status, _ := call(t, onB, http.MethodGet, "/api/v1/projects/"+golmudProjects[0], ""); status != http.StatusOK {
		t.Errorf("B with the new role: %d, want 200", status)
	}

	// through the store method the endpoint and the CLI use, on A's pool:
	// the department is taken away (moved to a department with nothing)
	if _, err := stA.EnsureDepartment(context.Background(), "888001", "空部门", audit.Entry{Actor: audit.CLI}); err != nil {
		t.Fatal(err)
	}
	if _, err := stA.UpdateUser(context.Background(), "moving_auditor", func(u *user.Account) error {
		u.Departments, u.Projects = []string{"888001"}, nil
		return nil
	}, audit.Entry{Actor: audit.CLI, Action: audit.UserAssigned}); err != nil {
		t.Fatal(err)
	}
	if status, _ := call(t, onB, http.MethodGet, "/api/v1/projects/"+golmudProjects[0], ""); status != http.StatusNotFound {
		t.Errorf("B after the department was taken away on A: %d, want 404", status)
	}

	// disabling on A ends the session on B
	if status, body := call(t, a.as(user.Admin), http.MethodPut, "/api/v1/users/moving_auditor", `{"disabled":true}`); status != http.StatusOK {
		t.Fatalf("disable on A: %d %s", status, body)
	}
	if status, _ := call(t, onB, http.MethodGet, "/api/v1/me", ""); status != http.StatusUnauthorized {
		t.Errorf("B after the user was disabled on A: %d, want 401", status)
	}
}
