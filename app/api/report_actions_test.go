package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"jixiao/domain/user"
)

type callerView struct {
	Actions  []string `json:"actions"`
	Editable bool     `json:"editable"`
	Status   string   `json:"status"`
}

func TestActionsAreWhatThisCallerMayDoNow(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, user.Account{Username: "t_unassigned", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}})
	unassigned := login(t, e.anon(), "t_unassigned", testPassword)
	ids := indicatorIDsOf(t, e, adaptProject)
	path := reportPath(adaptProject, "2024-06")
	view := func(h http.Handler, header ...string) callerView {
		t.Helper()
		status, body := call(t, h, http.MethodGet, path, "", header...)
		if status != http.StatusOK {
			t.Fatalf("read: %d %s", status, body)
		}
		return decode[callerView](t, body)
	}
	check := func(who string, got callerView, actions string, editable bool) {
		t.Helper()
		if strings.Join(got.Actions, ",") != actions || got.Editable != editable {
			t.Errorf("%s on a %s report: actions %v editable %v, want [%s] %v", who, got.Status, got.Actions, got.Editable, actions, editable)
		}
	}
	check("assigned submitter", view(e), "submit", true)
	check("unassigned submitter", view(e.anon(), unassigned.bearer()...), "", false)
	// a reviewer may urge (催办) a report still with its submitters
	check("reviewer", view(e.as(user.Reviewer)), "urge", false)
	check("auditor", view(e.as(user.Auditor)), "", false)

	body := fmt.Sprintf(`{"version": 0, "budget": {"executed": "52.05", "projected": "104.10"}, "lines": [
		{"indicator_id": %d, "value": "56", "projected": "56"}, {"indicator_id": %d, "value": "98", "projected": "98"},
		{"indicator_id": %d, "likelihood": "certain"},
		{"indicator_id": %d, "band": "achieved", "score_input": "10"}, {"indicator_id": %d, "band": "achieved", "score_input": "10"},
		{"indicator_id": %d, "value": "95", "projected": "95"}]}`, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5])
	if status, resp := call(t, e, http.MethodPut, path, body); status != http.StatusOK {
		t.Fatalf("save: %d %s", status, resp)
	}
	status, resp := call(t, e, http.MethodPost, path+"/submit", "")
	if status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, resp)
	}
	// The answer to the submitter's own submit: nothing left for them to do.
	check("submitter, in the answer to their submit", decode[callerView](t, resp), "", false)
	check("submitter", view(e), "", false)
	check("reviewer", view(e.as(user.Reviewer)), "approve,return", false)
	check("auditor", view(e.as(user.Auditor)), "", false)
	if status, resp := call(t, e.as(user.Reviewer), http.MethodPost, path+"/approve", `{"comment": "同意"}`); status != http.StatusOK {
		t.Fatalf("approve: %d %s", status, resp)
	}
	check("reviewer", view(e.as(user.Reviewer)), "reopen", false)
	check("submitter", view(e), "", false)
}

func TestProjectsMarkAssignedAndMineListsThem(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, user.Account{Username: "t_two", Roles: []user.Role{user.Submitter}, Departments: []string{"003001"},
		Projects: []string{golmudProjects[1], golmudProjects[4]}})
	two := login(t, e.anon(), "t_two", testPassword)
	type list struct {
		Items []struct {
			Code     string `json:"code"`
			Assigned bool   `json:"assigned"`
		} `json:"items"`
		Total int `json:"total"`
	}
	get := func(h http.Handler, path string, header ...string) list {
		t.Helper()
		status, body := call(t, h, http.MethodGet, path, "", header...)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		return decode[list](t, body)
	}
	all := get(e.anon(), "/api/v1/projects?year=2024", two.bearer()...)
	var assigned []string
	for _, p := range all.Items {
		if p.Assigned {
			assigned = append(assigned, p.Code)
		}
	}
	if all.Total != 12 || !slices.Equal(assigned, []string{golmudProjects[1], golmudProjects[4]}) {
		t.Errorf("all: %d projects, assigned %v", all.Total, assigned)
	}
	mine := get(e.anon(), "/api/v1/projects?mine=true", two.bearer()...)
	if mine.Total != 2 || !mine.Items[0].Assigned || mine.Items[1].Code != golmudProjects[4] {
		t.Errorf("mine: %+v", mine)
	}
	if r := get(e.as(user.Reviewer), "/api/v1/projects?mine=true"); r.Total != 0 {
		t.Errorf("a reviewer fills no project, mine=true lists %d", r.Total)
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/projects?mine=yes", ""); status != http.StatusBadRequest {
		t.Errorf("mine=yes: %d, want 400", status)
	}
	status, body := call(t, e.anon(), http.MethodGet, "/api/v1/me", "", two.bearer()...)
	me := decode[struct {
		AssignedProjects []struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"assigned_projects"`
	}](t, body)
	if status != http.StatusOK || len(me.AssignedProjects) != 2 || me.AssignedProjects[0].Name == "" {
		t.Errorf("/me: %d %s", status, body)
	}
}
