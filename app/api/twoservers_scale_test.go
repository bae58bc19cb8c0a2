package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/app/reports"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/project"
	"jixiao/domain/report"
	"jixiao/domain/rules"
	"jixiao/domain/user"
)

// TestWithSessionCachesAChangeHoldsOnTheOtherServerWithinTwoSeconds runs two
// servers as production does, each trusting a session it read for a second:
// a role change and a logout through one hold on the other within 2 s, and
// on the server that made them at once.
func TestWithSessionCachesAChangeHoldsOnTheOtherServerWithinTwoSeconds(t *testing.T) {
	a, _ := newAPIWith(t, apitest.Options{SessionCacheTTL: time.Second})
	b, stB := newAPIWith(t, apitest.Options{SessionCacheTTL: time.Second})
	createUser(t, stB, user.Account{Username: "cached_auditor", Roles: []user.Role{user.Auditor}})
	s := login(t, a.anon(), "cached_auditor", testPassword)
	onA, onB := withHeader(a.anon(), s.bearer()...), withHeader(b.anon(), s.bearer()...)
	for _, h := range []http.Handler{onA, onB} { // both now hold the session
		if status, _ := call(t, h, http.MethodGet, "/api/v1/audit", ""); status != http.StatusOK {
			t.Fatalf("auditor reads the audit trail: %d", status)
		}
	}
	status, body := call(t, a.as(user.Admin), http.MethodPut, "/api/v1/users/cached_auditor/roles",
		`{"roles":["submitter"],"departments":["003001"],"projects":["63280100024T000000639"]}`)
	if status != http.StatusOK {
		t.Fatalf("change roles on A: %d %s", status, body)
	}
	changed := time.Now()
	if status, _ := call(t, onA, http.MethodGet, "/api/v1/audit", ""); status != http.StatusForbidden {
		t.Errorf("A, which made the change: %d, want 403 at once", status)
	}
	waitFor(t, changed, 2*time.Second, "B enforces the role change", func() bool {
		status, _ := call(t, onB, http.MethodGet, "/api/v1/audit", "")
		return status == http.StatusForbidden
	})

	if status, _ := call(t, onB, http.MethodGet, "/api/v1/me", ""); status != http.StatusOK {
		t.Fatalf("B before the logout: %d", status)
	}
	if status, _ := call(t, onA, http.MethodPost, "/api/v1/auth/logout", ""); status != http.StatusOK && status != http.StatusNoContent {
		t.Fatalf("logout on A: %d", status)
	}
	out := time.Now()
	if status, _ := call(t, onA, http.MethodGet, "/api/v1/me", ""); status != http.StatusUnauthorized {
		t.Errorf("A after the logout: %d, want 401 at once", status)
	}
	waitFor(t, out, 2*time.Second, "B ends the session", func() bool {
		status, _ := call(t, onB, http.MethodGet, "/api/v1/me", "")
		return status == http.StatusUnauthorized
	})
}

// waitFor polls cond until it holds, failing when it does not within limit of since.
func waitFor(t *testing.T, since time.Time, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if time.Since(since) > limit {
			t.Errorf("%s: not within %s", what, limit)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%s after %s", what, time.Since(since).Round(time.Millisecond))
}

// TestApproveSentToBothServersAtOnceMakesOneTransition sends one reviewer's
// approve to two servers at the same moment, with a session made on the
// first: one wins, the other is 409, and one transition is recorded.
func TestApproveSentToBothServersAtOnceMakesOneTransition(t *testing.T) {
	a, stA := newAPI(t)
	b, _ := newAPI(t)
	ctx := context.Background()
	ds, err := seed.Golmud2024()
	if err != nil {
		t.Fatal(err)
	}
	p := ds.Projects[1] // 机关事务综合管理…: every kind of indicator
	p.Code, p.Department = "TWO"+p.Code, project.Department{Code: "990002", Name: "双服务器测试单位"}
	if err := stA.SaveProjects(ctx, []project.Project{p}); err != nil {
		t.Fatal(err)
	}
	if p, err = stA.GetProject(ctx, store.ScopeAll(), p.Code); err != nil {
		t.Fatal(err)
	}
	in := report.Report{Budget: report.Budget{Executed: &p.Budget}}
	for _, ind := range p.Indicators {
		l := report.Line{IndicatorID: ind.ID}
		switch ind.Kind() {
		case project.KindQualitative:
			w := ind.Weight
			l.Band, l.ScoreInput = report.BandAchieved, &w
		case project.KindDeadline:
			l.CompletedOn = "2024-11-30"
		default:
			v, _ := ind.TargetNumber()
			l.Value = &v
		}
		in.Lines = append(in.Lines, l)
	}
	svc := reports.New(stA, rules.National(), time.Now)
	sub := reports.Actor{Caller: user.Caller{Username: "two_sub", Roles: []user.Role{user.Submitter}, Departments: []string{"990002"}, Projects: []string{p.Code}}}
	if _, err := svc.Save(ctx, store.ScopeAll(), sub, p.Code, "2024", 0, in); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, store.ScopeAll(), sub, p.Code, "2024"); err != nil {
		t.Fatal(err)
	}
	createUser(t, stA, user.Account{Username: "two_reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"990002"}})
	s := login(t, a.anon(), "two_reviewer", testPassword)
	path := reportPath(p.Code, "2024") + "/approve"
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	start := make(chan struct{})
	for i, h := range []http.Handler{withHeader(a.anon(), s.bearer()...), withHeader(b.anon(), s.bearer()...)} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i], _ = call(t, h, http.MethodPost, path, `{"comment": "同意"}`)
		}()
	}
	close(start)
	wg.Wait()
	ok, conflict := 0, 0
	for _, st := range statuses {
		switch st {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
			conflict++
		}
	}
	if ok != 1 || conflict != 1 {
		t.Fatalf("approve on both servers: %v, want one 200 and one 409", statuses)
	}
	rec, err := stA.GetReport(ctx, store.ScopeAll(), p.Code, "2024")
	if err != nil {
		t.Fatal(err)
	}
	approvals := 0
	for _, tr := range rec.Transitions {
		if tr.Action == report.ActionApprove {
			approvals++
		}
	}
	if rec.Report.Status != report.StatusApproved || approvals != 1 {
		t.Errorf("after the race: %s with %d approvals", rec.Report.Status, approvals)
	}
}
