package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// otherProject is a project of a second department, 999001, made from a
// Golmud project with another code.
const (
	otherDepartment = "999001"
	otherProject    = "99900100024T000000001"
)

var otherOnce sync.Once

// seedOtherDepartment adds department 999001 with one project and its own
// submitter.
func seedOtherDepartment(t *testing.T, st *store.Store) {
	t.Helper()
	otherOnce.Do(func() {
		ds, err := seed.Golmud2024()
		if err != nil {
			t.Fatal(err)
		}
		p := ds.Projects[6]
		p.Code, p.Name = otherProject, "其他单位专项资金"
		p.Department = project.Department{Code: otherDepartment, Name: "其他单位"}
		if err := st.SaveProjects(context.Background(), []project.Project{p}); err != nil {
			t.Fatal(err)
		}
		createUser(t, st, user.Account{Username: "other_submitter", Roles: []user.Role{user.Submitter},
			Departments: []string{otherDepartment}, Projects: []string{otherProject}})
	})
}

// TestASubmitterNeverLearnsOfAnotherDepartment: lists show nothing of it
// and reading its project is 404, exactly as for a project that does not
// exist; the same holds the other way round and for a reviewer of 003001.
func TestASubmitterNeverLearnsOfAnotherDepartment(t *testing.T) {
	e, st := newAPI(t)
	seedOtherDepartment(t, st)
	other := login(t, e.anon(), "other_submitter", testPassword)
	for _, tc := range []struct {
		name        string
		h           http.Handler
		own, hidden string // a project it sees, one it must not
		ownDept     string
		hiddenDept  string
	}{
		{"submitter of 003001", e.as(user.Submitter), golmudProjects[0], otherProject, "003001", otherDepartment},
		{"reviewer of 003001", e.as(user.Reviewer), golmudProjects[0], otherProject, "003001", otherDepartment},
		{"submitter of 999001", withHeader(e.anon(), other.bearer()...), otherProject, golmudProjects[0], otherDepartment, "003001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/api/v1/projects", "/api/v1/projects?department=" + tc.hiddenDept, "/api/v1/departments"} {
				status, body := call(t, tc.h, http.MethodGet, path, "")
				if status != http.StatusOK {
					t.Fatalf("%s: %d %s", path, status, body)
				}
				if strings.Contains(string(body), tc.hidden) || strings.Contains(string(body), `"`+tc.hiddenDept+`"`) {
					t.Errorf("%s shows the other department: %s", path, body)
				}
			}
			if status, body := call(t, tc.h, http.MethodGet, "/api/v1/projects/"+tc.own, ""); status != http.StatusOK {
				t.Errorf("own project: %d %s", status, body)
			}
			hiddenStatus, hiddenBody := call(t, tc.h, http.MethodGet, "/api/v1/projects/"+tc.hidden, "")
			missingStatus, missingBody := call(t, tc.h, http.MethodGet, "/api/v1/projects/NO-SUCH-PROJECT", "")
			if hiddenStatus != http.StatusNotFound || string(hiddenBody) != string(missingBody) || missingStatus != http.StatusNotFound {
				t.Errorf("hidden project: %d %s; missing project: %d %s", hiddenStatus, hiddenBody, missingStatus, missingBody)
			}
		})
	}
	// auditors and admins see both departments
	for _, r := range []user.Role{user.Auditor, user.Admin} {
		if status, _ := call(t, e.as(r), http.MethodGet, "/api/v1/projects/"+otherProject, ""); status != http.StatusOK {
			t.Errorf("%s reads the other department's project: %d", r, status)
		}
	}
}

// TestNoScopeSeesNothing: a caller whose grants carry no department sees
// nothing rather than everything.
func TestNoScopeSeesNothing(t *testing.T) {
	_, st := newAPI(t)
	ctx := context.Background()
	ps, err := st.ListProjects(ctx, store.Scope{}, store.ProjectFilter{})
	if err != nil || len(ps) != 0 {
		t.Errorf("zero scope lists %d projects (%v)", len(ps), err)
	}
	ds, err := st.ListDepartments(ctx, store.Scope{})
	if err != nil || len(ds) != 0 {
		t.Errorf("zero scope lists %d departments (%v)", len(ds), err)
	}
	if _, err := st.GetProject(ctx, store.Scope{}, golmudProjects[0]); err == nil {
		t.Error("zero scope reads a project")
	}
}
