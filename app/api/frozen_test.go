package api_test

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api"
	"jixiao/app/api/apitest"
	"jixiao/app/dbtest"
	"jixiao/app/store"
	"jixiao/domain/user"
)

// frozenRequest is how the frozen-database test calls one route: as whom,
// with which query and body, so that the request reaches the database.
type frozenRequest struct {
	role  user.Role // "" with token: an unknown session, looked up in the database
	token string
	query string
	body  string
	// file, when set, is sent as the multipart field "file" with this name
	file    []byte
	fileAs  string
	path    map[string]string // path parameters beyond frozenParams
	reason  string            // why the route needs no database (then it is not 503)
	anyRole bool
}

// frozenParams fill path parameters with things that exist or would be
// looked up: a Golmud project, a monitoring period, a user.
var frozenParams = map[string]string{
	":code": "63280100024T000000642", ":period": "2024-06", ":username": "frozen-nobody", ":id": "1",
	":name": "frozen", ":version": "1", ":key": "2024-06", ":year": "2024",
}

// frozenRequests say how to reach the database through each route; a
// route missing here is called with its defaults (no query, body "{}") as
// a role granted its permission.
var frozenRequests = map[string]frozenRequest{
	"POST /api/v1/indicator-library":            {body: `{"level1":"产出指标","level2":"数量指标","name":"冻结"}`},
	"POST /api/v1/indicator-library/:id/accept": {role: user.Reviewer},
	"POST /api/v1/indicator-library/:id/merge":  {role: user.Reviewer, body: `{"into":2}`},
	"GET /api/v1/results/:year":                 {role: user.Reviewer},
	"PUT /api/v1/results/:year/:code":           {role: user.Reviewer, body: `{"action":"maintain","percent":"0","note":"冻结"}`},
	"GET /api/v1/result-settings":               {role: user.Reviewer},
	"PUT /api/v1/result-settings": {role: user.Admin, body: `{"settings":[{"grade":"优","action":"priority","percent":"0"},` +
		`{"grade":"良","action":"maintain","percent":"0"},{"grade":"中","action":"reduce","percent":"-10"},{"grade":"差","action":"cancel","percent":"-100"}]}`},
	"GET /api/v1/exports/results.xlsx":          {role: user.Reviewer, query: "year=2024"},
	"GET /healthz":                              {reason: "liveness: answers without the database"},
	"GET /api/v1/openapi.json":                  {reason: "a document built into the binary"},
	"GET /api/v1/audit/vocabulary":              {role: user.Auditor, reason: "the names of the actions, built into the binary"},
	"GET /api/v1/imports/targets-template.xlsx": {reason: "an empty template the binary writes"},
	"POST /api/v1/auth/login":                   {body: `{"username":"t_admin","password":"Wrong-Passw0rd"}`},
	"GET /api/v1/audit":                         {role: user.Auditor},
	"POST /api/v1/users": {role: user.Admin,
		body: `{"username":"frozen_u","password":"Frozen-Passw0rd","roles":["submitter"],"departments":["003001"]}`},
	"PUT /api/v1/users/:username":             {role: user.Admin, body: `{"display_name":"冻结"}`},
	"PUT /api/v1/users/:username/roles":       {role: user.Admin, body: `{"roles":["auditor"]}`},
	"PUT /api/v1/users/:username/assignments": {role: user.Admin, body: `{"departments":["003001"],"projects":[]}`},
	"PUT /api/v1/users/:username/password":    {role: user.Admin, body: `{"password":"Frozen-Passw0rd-2"}`},
	// the steps of a sign-in take a pending session, which is never kept
	// in memory: the guard reads it from the database
	"POST /api/v1/auth/totp":                              {token: "frozen-pending-token", body: `{"code":"123456"}`},
	"POST /api/v1/auth/totp/enrol":                        {token: "frozen-pending-token"},
	"POST /api/v1/auth/totp/enrol/confirm":                {token: "frozen-pending-token", body: `{"code":"123456"}`},
	"POST /api/v1/auth/password":                          {token: "frozen-pending-token", body: `{"current":"Test-Passw0rd","new":"Other-Passw0rd-1"}`},
	"GET /api/v1/projects":                                {query: "year=2024"},
	"PUT /api/v1/projects/:code/reports/:period":          {body: `{"version":0,"lines":[]}`},
	"PATCH /api/v1/projects/:code/reports/:period":        {body: `{"version":0,"lines":[]}`},
	"POST /api/v1/projects/:code/reports/:period/approve": {role: user.Reviewer, body: `{"comment":"同意"}`},
	"POST /api/v1/projects/:code/reports/:period/return":  {role: user.Reviewer, body: `{"comment":"请补充"}`},
	"POST /api/v1/projects/:code/reports/:period/reopen":  {role: user.Reviewer, body: `{"reason":"需更正"}`},
	"GET /api/v1/dashboard":                               {query: "period=2024-06"},
	"GET /api/v1/reports":                                 {query: "period=2024-06"},
	"POST /api/v1/projects":                               {body: fmt.Sprintf(draftBody, "63280100025T000009001", "10")},
	"PUT /api/v1/projects/:code":                          {body: strings.Replace(fmt.Sprintf(draftBody, "63280100024T000000642", "10"), "{", `{"version":1,`, 1)},
	"POST /api/v1/projects/:code/approve":                 {role: user.Reviewer, body: `{"reason":"同意"}`},
	"POST /api/v1/projects/:code/return":                  {role: user.Reviewer, body: `{"comment":"请修改"}`},
	"POST /api/v1/projects/review":                        {body: fmt.Sprintf(draftBody, "63280100025T000009002", "10")},
	"POST /api/v1/projects/:code/target-changes":          {body: `{"reason":"调整","items":[{"op":"change","indicator_id":40,"target":"15"}]}`},
	"POST /api/v1/target-changes/:id/approve":             {role: user.Reviewer, body: `{"comment":"同意"}`},
	"POST /api/v1/target-changes/:id/reject":              {role: user.Reviewer, body: `{"comment":"不同意"}`},
	"GET /api/v1/departments/:code/reconciliation":        {query: "year=2024", path: map[string]string{":code": "003001"}},
	"PUT /api/v1/me/password":                             {body: `{"current":"Test-Passw0rd","new":"Other-Passw0rd-1"}`},
	"POST /api/v1/imports/targets": {role: user.Admin, query: "dry_run=true", fileAs: "targets.csv",
		file: []byte("项目编码,项目名称,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,分值权重\n")},
	"GET /api/v1/exports/targets.xlsx":         {query: "year=2024"},
	"GET /api/v1/exports/monitoring.xlsx":      {query: "period=2024-06"},
	"GET /api/v1/exports/self-evaluation.xlsx": {query: "year=2024"},
	"POST /api/v1/reports/batch": {role: user.Reviewer,
		body: `{"action":"approve","comment":"同意","items":[{"code":"63280100024T000000642","period":"2024-06"}]}`},
	"POST /api/v1/rounds":                                         {role: user.Reviewer, body: `{"period":"2024-06","departments":["003001"],"due":"2099-07-10","note":""}`},
	"POST /api/v1/rounds/:id/extend":                              {role: user.Reviewer, body: `{"due":"2099-08-01"}`},
	"POST /api/v1/projects/:code/reports/:period/attachments":     {fileAs: "佐证.pdf", file: []byte("%PDF-1.7\n冻结\n")},
	"POST /api/v1/rectifications/:id/answer":                      {body: `{"answer":"已整改"}`},
	"POST /api/v1/rectifications/:id/reopen":                      {role: user.Reviewer, body: `{"comment":"未完成"}`},
	"POST /api/v1/notifications/read":                             {body: `{"all":true}`},
	"PUT /api/v1/me/email":                                        {body: `{"email":"frozen@example.cn"}`},
	"GET /api/v1/departments/:code/reports/:period/document.docx": {path: map[string]string{":code": "003001"}},
	"POST /api/v1/rule-profiles": {role: user.Admin,
		body: `{"name":"frozen","title":"冻结","source":"测试","verified":false,"settings":{"grade_bands":"90,80,60"}}`},
	"PUT /api/v1/rule-profiles/:name/:version": {role: user.Admin,
		body: `{"title":"冻结","source":"测试","verified":false,"settings":{"grade_bands":"90,80,60"}}`},
	"PUT /api/v1/periods/:key/rule-profile":  {role: user.Admin, body: `{"name":"national","version":1}`},
	"POST /api/v1/departments":               {role: user.Admin, body: `{"code":"frozen1","name":"冻结单位","parent_code":"003001"}`},
	"PUT /api/v1/departments/:code":          {role: user.Admin, body: `{"name":"冻结单位"}`},
	"PUT /api/v1/periods/:key/review-levels": {role: user.Admin, body: `{"review_levels":1}`},
}

// TestAFrozenDatabaseAnswersEveryRouteWithin6Seconds: behind a proxy that
// stops answering (connections open, nothing comes back), every route of
// the route table, as a role granted it and with a request that reaches
// the database, answers 503 within 6 s: exports, documents, uploads and
// imports included, whose transfer alone may take longer. Sessions are
// kept in memory for the test, so that a route's own database work is what
// meets the frozen database, not only the guard's session lookup.
func TestAFrozenDatabaseAnswersEveryRouteWithin6Seconds(t *testing.T) {
	e0, _ := newAPI(t) // seeds the data and signs the role users in
	u, err := url.Parse(dbtest.DSN)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != dbAddr {
		t.Skipf("the test database is at %s, the proxy expects %s", u.Host, dbAddr)
	}
	proxy := startStallProxy(t, dbAddr)
	u.Host = proxy.ln.Addr().String()
	st, err := store.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		proxy.close() // first, so that closing the pool does not wait on silent connections
		st.Close()
	})
	srv := httptest.NewServer(apitest.New(st, apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		SessionCacheTTL: 2 * time.Minute, Security: &user.Security{},
		LoginThrottle: user.Throttle{MaxFailures: 100000, Window: time.Minute}}))
	t.Cleanup(srv.Close)
	client := &http.Client{Timeout: 30 * time.Second}
	for _, role := range user.Roles() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+e0.tokens[role])
		res, err := client.Do(req)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("before the freeze, %s: %v %v", role, res, err)
		}
		res.Body.Close()
	}
	proxy.stall()

	type answer struct {
		route  string
		status int
		took   time.Duration
		body   string
		spec   frozenRequest
	}
	routes := api.RouteTable()
	answers := make([]answer, len(routes))
	var wg sync.WaitGroup
	for i, r := range routes {
		key := r.Method + " " + echoPath(r.Path)
		spec := frozenRequests[key]
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := frozenHTTPRequest(t, srv.URL, r, spec)
			switch {
			case spec.token != "":
				req.Header.Set("Authorization", "Bearer "+spec.token)
			case r.Perm != api.PermPublic:
				req.Header.Set("Authorization", "Bearer "+e0.tokens[roleFor(r.Perm, spec.role)])
			}
			began := time.Now()
			res, err := client.Do(req)
			a := answer{route: key, took: time.Since(began), spec: spec}
			if err != nil {
				a.body = err.Error()
			} else {
				b, _ := io.ReadAll(io.LimitReader(res.Body, 512))
				res.Body.Close()
				a.status, a.body = res.StatusCode, string(b)
			}
			answers[i] = a
		}()
	}
	wg.Wait()
	slowest := time.Duration(0)
	for _, a := range answers {
		slowest = max(slowest, a.took)
		if a.took > 6*time.Second {
			t.Errorf("%s: answered %d after %s, want within 6 s", a.route, a.status, a.took.Round(time.Millisecond))
		}
		if a.spec.reason != "" {
			continue
		}
		if a.status != http.StatusServiceUnavailable {
			t.Errorf("%s: %d after %s, want 503: %s", a.route, a.status, a.took.Round(time.Millisecond), a.body)
		}
	}
	// the slowest five by name, so that a route near the bound is seen before it crosses it
	slices.SortFunc(answers, func(a, b answer) int { return cmp.Compare(b.took, a.took) })
	var names []string
	for _, a := range answers[:min(5, len(answers))] {
		names = append(names, fmt.Sprintf("%s %s", a.route, a.took.Round(time.Millisecond)))
	}
	t.Logf("%d routes against a frozen database: the slowest answered after %s (%s)", len(answers),
		slowest.Round(time.Millisecond), strings.Join(names, "; "))
}

// echoPath turns the OpenAPI form of a path back into echo's :param form.
func echoPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			parts[i] = ":" + s[1:len(s)-1]
		}
	}
	return strings.Join(parts, "/")
}

// roleFor is the role a frozen request is sent as: the one asked for, else
// the first role granted the permission.
func roleFor(p api.Permission, asked user.Role) user.Role {
	if asked != "" {
		return asked
	}
	for _, r := range user.Roles() {
		if slices.Contains(grants[r], p) {
			return r
		}
	}
	return user.Submitter
}

// frozenHTTPRequest builds the request of a route as spec says.
func frozenHTTPRequest(t *testing.T, base string, r api.RouteInfo, spec frozenRequest) *http.Request {
	path := echoPath(r.Path)
	for _, params := range []map[string]string{spec.path, frozenParams} {
		for k, v := range params {
			path = strings.ReplaceAll(path, k, url.PathEscape(v))
		}
	}
	target := base + path
	if spec.query != "" {
		target += "?" + spec.query
	}
	var body io.Reader
	contentType := ""
	switch {
	case spec.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", spec.fileAs)
		_, _ = fw.Write(spec.file)
		_ = mw.Close()
		body, contentType = &buf, mw.FormDataContentType()
	case r.Method != http.MethodGet && r.Method != http.MethodDelete:
		b := spec.body
		if b == "" {
			b = "{}"
		}
		body, contentType = strings.NewReader(b), "application/json"
	}
	req, err := http.NewRequest(r.Method, target, body)
	if err != nil {
		t.Errorf("%s %s: %v", r.Method, path, err)
		req, _ = http.NewRequest(http.MethodGet, base+"/healthz", nil)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}
