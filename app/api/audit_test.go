package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"testing"

	"jixiao/app/api/apitest"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

func auditCLI() audit.Entry { return audit.Entry{Actor: audit.CLI} }

type auditEntry struct {
	ID         int64           `json:"id"`
	At         string          `json:"at"`
	Actor      string          `json:"actor"`
	ActorID    int64           `json:"actor_id"`
	IP         string          `json:"ip"`
	Action     string          `json:"action"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id"`
	Status     int             `json:"status"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
	Detail     json.RawMessage `json:"detail"`
}

type auditList struct {
	Items []auditEntry `json:"items"`
	Total int          `json:"total"`
}

// auditOf reads the audit trail as the auditor with the given filter.
func auditOf(t *testing.T, e *testAPI, filter url.Values) auditList {
	t.Helper()
	status, body := call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit?"+filter.Encode(), "")
	if status != http.StatusOK {
		t.Fatalf("audit: %d %s", status, body)
	}
	return decode[auditList](t, body)
}

// TestEveryActionLeavesAnAuditRow goes through each audited action of
// authentication and user management and finds its row: who, from where,
// what, with before and after where something changed.
func TestEveryActionLeavesAnAuditRow(t *testing.T) {
	// Behind a trusted proxy (httptest's client address 192.0.2.1 stands in
	// for it), the client's address comes from X-Forwarded-For.
	_, proxies, _ := net.ParseCIDR("192.0.2.0/24")
	e, st := newAPIWith(t, apitest.Options{TrustedProxies: []*net.IPNet{proxies}})
	createUser(t, st, submitterOf("audit_user"))
	ip := []string{"X-Forwarded-For", "203.0.113.7"}
	admin := withHeader(e.as(user.Admin), ip...)

	// login failure, success, lockout, logout
	tryLogin(t, e.anon(), "audit_user", "Wrong-Passw0rd", ip...)
	rec := tryLogin(t, e.anon(), "audit_user", testPassword, ip...)
	s := decode[session](t, rec.Body.Bytes())
	for i := 0; i < 5; i++ {
		tryLogin(t, e.anon(), "audit_ghost", "Wrong-Passw0rd", ip...)
	}
	call(t, withHeader(e.anon(), ip...), http.MethodPost, "/api/v1/auth/logout", "", s.bearer()...)
	// refusals: no session, no permission, CSRF
	call(t, withHeader(e.anon(), ip...), http.MethodGet, "/api/v1/projects", "")
	call(t, withHeader(e.as(user.Reviewer), ip...), http.MethodGet, "/api/v1/users", "")
	s2 := decode[session](t, tryLogin(t, e.anon(), "audit_user", testPassword, ip...).Body.Bytes())
	s2.Cookie = &http.Cookie{Name: "jixiao_session", Value: s2.Token}
	call(t, withHeader(e.anon(), ip...), http.MethodPost, "/api/v1/auth/logout", "", s2.cookie()...)
	// user management
	call(t, admin, http.MethodPost, "/api/v1/users", `{"username":"audit_new","password":"Audit-Passw0rd","roles":["reviewer"],"departments":["003001"]}`)
	call(t, admin, http.MethodPut, "/api/v1/users/audit_new/roles", `{"roles":["auditor"],"departments":[]}`)
	call(t, admin, http.MethodPut, "/api/v1/users/audit_user/assignments", `{"departments":["003001"],"projects":["63280100024T000000639","63280100024T000000642"]}`)
	call(t, admin, http.MethodPut, "/api/v1/users/audit_new", `{"disabled":true}`)
	call(t, admin, http.MethodPut, "/api/v1/users/audit_new/password", `{"password":"Other-Passw0rd"}`)

	for _, tc := range []struct {
		name   string
		filter url.Values
		actor  string
		status int
		object string
		check  func(t *testing.T, en auditEntry)
	}{
		{"login failure", url.Values{"action": {"auth.login_failed"}, "object_id": {"audit_user"}}, "anonymous", 401, "audit_user", nil},
		{"login success", url.Values{"action": {"auth.login"}, "actor": {"audit_user"}}, "audit_user", 200, "audit_user", nil},
		{"lockout at the fifth failure", url.Values{"action": {"auth.login_failed"}, "object_id": {"audit_ghost"}}, "anonymous", 429, "audit_ghost", nil},
		{"logout", url.Values{"action": {"auth.logout"}, "actor": {"audit_user"}}, "audit_user", 204, "audit_user", nil},
		{"no session", url.Values{"action": {"access.denied"}, "actor": {"anonymous"}, "object_type": {"route"}}, "anonymous", 401, "GET /api/v1/projects", func(t *testing.T, en auditEntry) {
			var d map[string]any
			_ = json.Unmarshal(en.Detail, &d)
			if d["route"] == nil || d["method"] == nil || d["reason"] == nil {
				t.Errorf("detail %s", en.Detail)
			}
		}},
		{"no permission", url.Values{"action": {"access.denied"}, "actor": {"t_reviewer"}}, "t_reviewer", 403, "GET /api/v1/users", nil},
		{"csrf", url.Values{"action": {"access.denied"}, "actor": {"audit_user"}}, "audit_user", 403, "POST /api/v1/auth/logout", func(t *testing.T, en auditEntry) {
			if !jsonHas(en.Detail, "reason", "csrf") {
				t.Errorf("detail %s", en.Detail)
			}
		}},
		{"user created", url.Values{"action": {"user.create"}, "object_id": {"audit_new"}}, "t_admin", 0, "audit_new", func(t *testing.T, en auditEntry) {
			if string(en.Before) != "null" || !jsonHas(en.After, "roles", []any{"reviewer"}) {
				t.Errorf("before %s after %s", en.Before, en.After)
			}
		}},
		{"roles changed", url.Values{"action": {"user.roles"}, "object_id": {"audit_new"}}, "t_admin", 0, "audit_new", func(t *testing.T, en auditEntry) {
			if !jsonHas(en.Before, "roles", []any{"reviewer"}) || !jsonHas(en.After, "roles", []any{"auditor"}) {
				t.Errorf("before %s after %s", en.Before, en.After)
			}
		}},
		{"assignments changed", url.Values{"action": {"user.assignments"}, "object_id": {"audit_user"}}, "t_admin", 0, "audit_user", func(t *testing.T, en auditEntry) {
			if !jsonHas(en.Before, "projects", []any{"63280100024T000000639"}) ||
				!jsonHas(en.After, "projects", []any{"63280100024T000000639", "63280100024T000000642"}) {
				t.Errorf("before %s after %s", en.Before, en.After)
			}
		}},
		{"disabled", url.Values{"action": {"user.update"}, "object_id": {"audit_new"}}, "t_admin", 0, "audit_new", func(t *testing.T, en auditEntry) {
			if !jsonHas(en.Before, "disabled", false) || !jsonHas(en.After, "disabled", true) {
				t.Errorf("before %s after %s", en.Before, en.After)
			}
		}},
		// an auditor's password is reset by two people: the request is the admin's row
		{"password reset", url.Values{"action": {"user.reset_request"}, "object_id": {"audit_new"}}, "t_admin", 0, "audit_new", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := auditOf(t, e, tc.filter)
			if len(l.Items) == 0 {
				t.Fatalf("no audit row for %v", tc.filter)
			}
			en := l.Items[0]
			if en.Actor != tc.actor || (tc.status != 0 && en.Status != tc.status) || en.ObjectID != tc.object || en.At == "" {
				t.Errorf("row %+v; want actor %s, status %d, object %s", en, tc.actor, tc.status, tc.object)
			}
			if en.IP != "203.0.113.7" {
				t.Errorf("ip %q, want 203.0.113.7", en.IP)
			}
			if tc.actor != "anonymous" && en.ActorID == 0 {
				t.Error("no actor id")
			}
			if tc.check != nil {
				tc.check(t, en)
			}
		})
	}
}

func jsonHas(doc json.RawMessage, key string, want any) bool {
	var m map[string]any
	if json.Unmarshal(doc, &m) != nil {
		return false
	}
	got, _ := json.Marshal(m[key])
	w, _ := json.Marshal(want)
	return string(got) == string(w)
}

func TestAuditListIsFilteredNewestFirstAndPaged(t *testing.T) {
	e, st := newAPI(t)
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if err := st.AppendAudit(ctx, audit.Entry{Actor: "pager", Action: "test.page", ObjectType: "thing", ObjectID: string(rune('a' + i))}); err != nil {
			t.Fatal(err)
		}
	}
	l := auditOf(t, e, url.Values{"actor": {"pager"}, "page_size": {"2"}})
	if l.Total != 5 || len(l.Items) != 2 || l.Items[0].ObjectID != "e" || l.Items[1].ObjectID != "d" {
		t.Errorf("page 1: total %d, items %+v", l.Total, l.Items)
	}
	l = auditOf(t, e, url.Values{"actor": {"pager"}, "page_size": {"2"}, "page": {"3"}})
	if l.Total != 5 || len(l.Items) != 1 || l.Items[0].ObjectID != "a" {
		t.Errorf("page 3: total %d, items %+v", l.Total, l.Items)
	}
	l = auditOf(t, e, url.Values{"actor": {"pager"}, "object_type": {"thing"}, "object_id": {"c"}, "action": {"test.page"}})
	if l.Total != 1 {
		t.Errorf("by object: %d", l.Total)
	}
	if l := auditOf(t, e, url.Values{"actor": {"pager"}, "to": {"2000-01-01"}}); l.Total != 0 {
		t.Errorf("to 2000-01-01: %d", l.Total)
	}
	if l := auditOf(t, e, url.Values{"actor": {"pager"}, "from": {"2000-01-01"}, "to": {"2100-01-01T00:00:00Z"}}); l.Total != 5 {
		t.Errorf("from 2000 to 2100: %d", l.Total)
	}
	for _, q := range []string{"page_size=201", "page_size=0", "page=x", "from=yesterday"} {
		if status, _ := call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit?"+q, ""); status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", q, status)
		}
	}
	if status, _ := call(t, e.as(user.Admin), http.MethodGet, "/api/v1/audit?actor=pager", ""); status != http.StatusOK {
		t.Errorf("admin reads the audit trail: %d", status)
	}
}

// TestAForgedAddressHeaderDoesNotReachTheAudit: without a trusted proxy the
// audit keeps the connection's address, whatever headers claim.
func TestAForgedAddressHeaderDoesNotReachTheAudit(t *testing.T) {
	e, _ := newAPI(t)
	call(t, withHeader(e.anon(), "X-Forwarded-For", "198.51.100.99", "X-Real-IP", "198.51.100.99"), http.MethodGet, "/api/v1/periods", "")
	rows := auditOf(t, e, url.Values{"action": {"access.denied"}, "actor": {"anonymous"}, "object_id": {"GET /api/v1/periods"}})
	if rows.Total == 0 {
		t.Fatal("no audit row for the refused request")
	}
	for _, r := range rows.Items {
		if r.IP == "198.51.100.99" {
			t.Errorf("a forged header reached the audit: %+v", r)
		}
	}
}

// TestAuditVerifyIsForAuditorsAndSaysTheChainHolds: GET /api/v1/audit/verify
// walks the chain for those who read the audit trail, no one else.
func TestAuditVerifyIsForAuditorsAndSaysTheChainHolds(t *testing.T) {
	e, _ := newAPI(t)
	code, body := call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit/verify", "")
	if code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	v := decode[struct {
		Intact   bool   `json:"intact"`
		Rows     int64  `json:"rows"`
		HeadSeq  int64  `json:"head_seq"`
		HeadHash string `json:"head_hash"`
	}](t, body)
	if !v.Intact || v.Rows == 0 || v.Rows != v.HeadSeq || len(v.HeadHash) != 64 {
		t.Errorf("%s", body)
	}
	if code, _ := call(t, e, http.MethodGet, "/api/v1/audit/verify", ""); code != http.StatusForbidden {
		t.Errorf("a submitter verifies the audit: %d", code)
	}
}

// TestTheTrailNamesActionsObjectsAndPeople: the page shows words, not codes.
func TestTheTrailNamesActionsObjectsAndPeople(t *testing.T) {
	e, st := newAPI(t)
	own := basisOwner(t, e, st)
	ids := indicatorIDsOf(t, own, basisProject)
	status, body := call(t, own, http.MethodPatch, reportPath(basisProject, "2023"),
		fmt.Sprintf(`{"version": 0, "lines": [{"indicator_id": %d, "value": "1"}]}`, ids[0]))
	if status != http.StatusOK {
		t.Fatalf("save: %d %s", status, body)
	}
	var trail struct {
		Items []struct {
			ActionName     string `json:"action_name"`
			ActorName      string `json:"actor_name"`
			ObjectTypeName string `json:"object_type_name"`
			ObjectName     string `json:"object_name"`
		} `json:"items"`
	}
	status, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit?action=report.save&object_id="+basisProject+"/2023", "")
	if err := json.Unmarshal(body, &trail); status != http.StatusOK || err != nil || len(trail.Items) != 1 {
		t.Fatalf("%d %s", status, body)
	}
	if got := trail.Items[0]; got.ActionName != "保存报告" || got.ActorName != "依据测试填报人" || got.ObjectTypeName != "报告" ||
		got.ObjectName != "预警依据测试资金 · 2023年度自评" {
		t.Errorf("named %+v", got)
	}
	// in English the words and the period, the project's name as written
	status, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit?action=report.save&object_id="+basisProject+"/2023", "", "Accept-Language", "en")
	if err := json.Unmarshal(body, &trail); status != http.StatusOK || err != nil || len(trail.Items) != 1 {
		t.Fatalf("%d %s", status, body)
	}
	if got := trail.Items[0]; got.ActionName != "Report saved" || got.ActorName != "依据测试填报人" || got.ObjectTypeName != "Report" ||
		got.ObjectName != "预警依据测试资金 · 2023 annual self-evaluation" {
		t.Errorf("named in English %+v", got)
	}
	status, body = call(t, e.as(user.Auditor), http.MethodGet, "/api/v1/audit/vocabulary", "")
	var vocab struct {
		Actions []struct{ Code, Name string } `json:"actions"`
	}
	if err := json.Unmarshal(body, &vocab); status != http.StatusOK || err != nil || len(vocab.Actions) < 40 {
		t.Fatalf("vocabulary %d %s", status, body)
	}
	named := map[string]string{}
	for _, a := range vocab.Actions {
		named[a.Code] = a.Name
	}
	if named["target_change.approve"] != "调整申请通过" || named["report.approve"] != "审核通过" {
		t.Errorf("vocabulary %v", named)
	}
	if status, _ := call(t, e, http.MethodGet, "/api/v1/audit/vocabulary", ""); status != http.StatusForbidden {
		t.Errorf("a submitter reads the vocabulary: %d", status)
	}
}
