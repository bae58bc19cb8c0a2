package scenario

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/api/apitest"
	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/reminders"
	"jixiao/app/seed"
	"jixiao/domain/audit"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "scenario") }

const password = "Test-Passw0rd"

// The offices of 003001 and the projects each fills (the demo accounts).
var offices = map[string][]string{
	"xzcw":    {"63280100024R000014831", "63280100024T000000634", "63280100024T000000638", "63280100024T000000641"},
	"mishu":   {"63280100024T000000639"},
	"zonghe2": {"63280100024T000000637"},
	"ducha":   {"63280100024T000000700", "63280100024T000000702"},
	"jingji":  {"63280100024T000000642"},
	"xinxi":   {"63280100024T000000703", "63280100024T000000704", "63280100024T000000705"},
}

type client struct {
	t      *testing.T
	e      *echo.Echo
	tokens map[string]string
}

func (c *client) send(username string, req *http.Request) (int, []byte) {
	req.Header.Set("Authorization", "Bearer "+c.tokens[username])
	rec := httptest.NewRecorder()
	c.e.ServeHTTP(rec, req)
	apitest.CheckContract(c.t, c.e, req.Method, req.URL.RequestURI(), rec)
	return rec.Code, rec.Body.Bytes()
}

// json sends a JSON request and fails the test unless the status is want.
func (c *client) json(want int, username, method, path string, body any) []byte {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	status, resp := c.send(username, req)
	if status != want {
		c.t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, username, status, want, resp)
	}
	return resp
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

func reportPath(code string) string { return "/api/v1/projects/" + code + "/reports/2024" }

// fillAndSubmit fills an annual report on target, attaches a PDF and submits.
func (c *client) fillAndSubmit(owner, code string) {
	c.t.Helper()
	p := decode[struct {
		Budget     string `json:"budget"`
		Indicators []struct {
			ID     int64  `json:"id"`
			Target string `json:"target"`
			Kind   string `json:"kind"`
		} `json:"indicators"`
	}](c.t, c.json(http.StatusOK, owner, http.MethodGet, "/api/v1/projects/"+code, nil))
	var lines []map[string]any
	for _, in := range p.Indicators {
		l := map[string]any{"indicator_id": in.ID}
		switch in.Kind {
		case "qualitative":
			l["band"] = "achieved"
		case "deadline":
			l["completed_on"] = "2024-12-01"
		default:
			l["value"] = decimal.RequireFromString(strings.TrimSpace(in.Target)).String()
		}
		lines = append(lines, l)
	}
	c.json(http.StatusOK, owner, http.MethodPut, reportPath(code), map[string]any{"version": 0, "budget": map[string]any{"executed": p.Budget}, "lines": lines})
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "佐证材料.pdf")
	fw.Write([]byte("%PDF-1.7\n" + code))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, reportPath(code)+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if status, body := c.send(owner, req); status != http.StatusCreated {
		c.t.Fatalf("evidence of %s: %d %s", code, status, body)
	}
	c.json(http.StatusOK, owner, http.MethodPost, reportPath(code)+"/submit", nil)
}

type todos struct {
	Items []struct {
		Kind    string `json:"kind"`
		Project struct {
			Code string `json:"code"`
		} `json:"project"`
		Period string `json:"period"`
	} `json:"items"`
}

func (c *client) todoKinds(username string) map[string]int {
	c.t.Helper()
	out := map[string]int{}
	for _, it := range decode[todos](c.t, c.json(http.StatusOK, username, http.MethodGet, "/api/v1/todos", nil)).Items {
		if it.Period == "2024" {
			out[it.Kind]++
		}
	}
	return out
}

// TestTheSeason: a reviewer opens the 2024 annual round for 003001 with a
// due date; the submitters see it in their to-dos and are reminded; they
// attach evidence and submit; the reviewer approves eleven in one batch,
// returns one with a rectification item, and downloads the department's
// self-evaluation document.
func TestTheSeason(t *testing.T) {
	ctx := context.Background()
	st := dbtest.Open(t)
	ds, err := seed.SaveGolmud2024(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	// no second factors: the sign-in steps are app/api's security tests
	noTOTP := &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit}
	e := apitest.New(st, apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Security: noTOTP})
	c := &client{t: t, e: e, tokens: map[string]string{}}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	accounts := []user.Account{{Username: "reviewer", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}}}
	for u, ps := range offices {
		accounts = append(accounts, user.Account{Username: u, Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: ps})
	}
	for _, a := range accounts {
		if _, err := st.CreateUser(ctx, a, hash, audit.Entry{Actor: audit.CLI}); err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", strings.NewReader(fmt.Sprintf(`{"username": %q, "password": %q}`, a.Username, password)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		c.tokens[a.Username] = decode[struct {
			Token string `json:"token"`
		}](t, rec.Body.Bytes()).Token
	}

	// The round, the to-dos, the reminders.
	due := round.Day(time.Now()).AddDate(0, 0, 3)
	r := decode[struct {
		ID int64 `json:"id"`
	}](t, c.json(http.StatusCreated, "reviewer", http.MethodPost, "/api/v1/rounds",
		map[string]any{"period": "2024", "departments": []string{"003001"}, "due": due.Format(time.DateOnly), "note": "2024年度绩效自评"}))
	for u, ps := range offices {
		if got := c.todoKinds(u); got["fill"] != len(ps) {
			t.Errorf("%s: to-dos %v, want %d to fill", u, got, len(ps))
		}
	}
	res, err := reminders.New(st, round.DefaultSchedule, nil, nil).Run(ctx, time.Now())
	if err != nil || res.Notified != 12 {
		t.Errorf("reminders: %+v %v, want one for each of the 12 reports' submitters", res, err)
	}

	// Evidence and submission.
	for u, ps := range offices {
		for _, code := range ps {
			c.fillAndSubmit(u, code)
		}
		if got := c.todoKinds(u); len(got) != 0 {
			t.Errorf("%s still has %v after submitting", u, got)
		}
	}
	if got := c.todoKinds("reviewer"); got["review"] != 12 {
		t.Errorf("reviewer's to-dos %v, want 12 to review", got)
	}

	// Eleven approved in one batch, one returned with a rectification item.
	const returned = "63280100024T000000642"
	var items []map[string]string
	for _, ps := range offices {
		for _, code := range ps {
			if code != returned {
				items = append(items, map[string]string{"code": code, "period": "2024"})
			}
		}
	}
	batch := decode[struct {
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
	}](t, c.json(http.StatusOK, "reviewer", http.MethodPost, "/api/v1/reports/batch", map[string]any{"action": "approve", "comment": "同意", "items": items}))
	for i, it := range batch.Items {
		if it.Status != "approved" {
			t.Errorf("batch item %d: %+v", i, it)
		}
	}
	c.json(http.StatusOK, "reviewer", http.MethodPost, reportPath(returned)+"/return",
		map[string]any{"comment": "请补充金融服务活动的参与人数佐证", "rectifications": []map[string]string{{"text": "补充活动签到表", "due": due.Format(time.DateOnly)}}})
	if got := c.todoKinds("jingji"); got["returned"] != 1 || got["rectification"] != 1 {
		t.Errorf("jingji's to-dos %v, want the returned report and the rectification item", got)
	}
	progress := decode[struct {
		Progress struct {
			Total, Approved, Returned, Overdue int
		} `json:"progress"`
	}](t, c.json(http.StatusOK, "reviewer", http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d", r.ID), nil)).Progress
	if progress.Total != 12 || progress.Approved != 11 || progress.Returned != 1 || progress.Overdue != 0 {
		t.Errorf("progress %+v", progress)
	}

	// The department's self-evaluation document.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/departments/003001/reports/2024/document.docx", nil)
	status, body := c.send("reviewer", req)
	if status != http.StatusOK {
		t.Fatalf("document: %d %s", status, body)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	for _, p := range ds.Projects {
		if !strings.Contains(doc, p.Name) {
			t.Errorf("the document lacks %s", p.Name)
		}
	}
	if strings.Count(doc, "已通过") < 11 || !strings.Contains(doc, "已退回") || !strings.Contains(doc, "补充活动签到表") {
		t.Error("the document lacks the statuses or the rectification item")
	}
}
