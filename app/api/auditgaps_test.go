package api_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// auditRowsFrom lists the audit rows written from one client address.
func auditRowsFrom(t *testing.T, e *testAPI, ip string) []auditEntry {
	t.Helper()
	var out []auditEntry
	for _, it := range auditOf(t, e, url.Values{"page_size": {"200"}}).Items {
		if it.IP == ip {
			out = append(out, it)
		}
	}
	return out
}

// from sends a request from a client address of its own.
func from(h http.Handler, addr string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = addr + ":5000"
		h.ServeHTTP(w, r)
	})
}

// B3: every refusal and every 500 leaves an audit row, with text that
// PostgreSQL can store (no NUL) and bounded excerpts of what was sent.
func TestEveryRefusalAndEveryFailureIsAudited(t *testing.T) {
	e, st := newAPI(t)
	cases := []struct {
		name, addr string
		send       func(h http.Handler)
		status     int
	}{
		{"a path with %00, anonymous", "198.51.100.1", func(h http.Handler) {
			call(t, h, http.MethodGet, "/api/v1/projects/63%00x", "")
		}, 401},
		{"a path with %00, signed in", "198.51.100.2", func(h http.Handler) {
			call(t, h, http.MethodGet, "/api/v1/projects/63%00x", "", "Authorization", "Bearer "+e.tokens[user.Submitter])
		}, 422},
		{"a body over the limit", "198.51.100.3", func(h http.Handler) {
			call(t, h, http.MethodPut, reportPath("63280100024T000000642", "2024"), `{"x":"`+strings.Repeat("x", 2<<20)+`"}`,
				"Authorization", "Bearer "+e.tokens[user.Submitter])
		}, 413},
		{"an over-long username", "198.51.100.4", func(h http.Handler) {
			tryLogin(t, h, strings.Repeat("u", 70000), "Wrong-Passw0rd")
		}, 401},
		{"an unknown API path with a 60 KB name", "198.51.100.5", func(h http.Handler) {
			call(t, h, http.MethodGet, "/api/v1/"+strings.Repeat("p", 60000), "")
		}, 404},
		{"an XML login", "198.51.100.6", func(h http.Handler) {
			call(t, h, http.MethodPost, "/api/v1/auth/login", "", "Content-Type", "application/xml")
		}, 400},
		{"a method the route does not have", "198.51.100.7", func(h http.Handler) {
			call(t, h, http.MethodDelete, "/api/v1/me", "")
		}, 405},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.send(from(e.anon(), tc.addr))
			rows := auditRowsFrom(t, e, tc.addr)
			if len(rows) != 1 {
				t.Fatalf("%d audit rows, want 1: %+v", len(rows), rows)
			}
			r := rows[0]
			if r.Status != tc.status {
				t.Errorf("status %d, want %d: %+v", r.Status, tc.status, r)
			}
			size := len(r.ObjectID) + len(r.Detail) + len(r.Before) + len(r.After)
			if size > 2048 {
				t.Errorf("the row holds %d bytes of what was sent", size)
			}
			if strings.Contains(string(r.Detail), `\u0000`) || strings.Contains(r.ObjectID, "\x00") {
				t.Errorf("a NUL reached the audit trail: %s", r.Detail)
			}
		})
	}

	t.Run("a 500", func(t *testing.T) {
		ctx := context.Background()
		if _, err := st.DB().ExecContext(ctx, `ALTER TABLE departments RENAME TO departments_gone`); err != nil {
			t.Fatal(err)
		}
		status, _ := call(t, from(e.as(user.Auditor), "198.51.100.8"), http.MethodGet, "/api/v1/departments", "")
		if _, err := st.DB().ExecContext(ctx, `ALTER TABLE departments_gone RENAME TO departments`); err != nil {
			t.Fatal(err)
		}
		if status != http.StatusInternalServerError {
			t.Fatalf("status %d, want 500", status)
		}
		rows := auditRowsFrom(t, e, "198.51.100.8")
		if len(rows) != 1 || rows[0].Status != 500 || rows[0].Actor != roleUsers[user.Auditor].Username {
			t.Fatalf("rows %+v, want one of status 500 by the auditor", rows)
		}
		if strings.Contains(string(rows[0].Detail), "departments_gone") {
			t.Errorf("the row holds the database's error text: %s", rows[0].Detail)
		}
	})
}

// B3: anonymous callers cannot grow the audit trail without bound: past a
// number of refusal rows a minute from one address, the rest are counted,
// not each stored; other addresses are unaffected.
func TestAnonymousRefusalsAreRateLimitedPerAddress(t *testing.T) {
	e, _ := newAPIWith(t, apitest.Options{AnonymousAuditPerMinute: 10})
	flood := from(e.anon(), "198.51.100.20")
	for i := 0; i < 200; i++ {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/projects/"+strings.Repeat("x", 1000), nil)
		rec := httptest.NewRecorder()
		flood.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	rows := auditRowsFrom(t, e, "198.51.100.20")
	t.Logf("200 anonymous refusals from one address: %d audit rows", len(rows))
	if len(rows) != 10 {
		t.Errorf("%d rows, want 10", len(rows))
	}
	call(t, from(e.anon(), "198.51.100.21"), http.MethodGet, "/api/v1/projects", "")
	if rows := auditRowsFrom(t, e, "198.51.100.21"); len(rows) != 1 {
		t.Errorf("another address: %d rows, want 1", len(rows))
	}
	// a signed-in caller's refusals are all kept
	for i := 0; i < 15; i++ {
		call(t, from(e.as(user.Reviewer), "198.51.100.22"), http.MethodGet, "/api/v1/users", "")
	}
	if rows := auditRowsFrom(t, e, "198.51.100.22"); len(rows) != 15 {
		t.Errorf("a signed-in caller's refusals: %d rows, want 15", len(rows))
	}
	_ = audit.AccessDenied
}

// TestRefusalsBeforeTheGuardNameTheTokensHolder: a 405 and a 413 happen
// before the guard reads the session, yet their audit rows name the holder
// of the valid token sent (bearer or cookie), not "anonymous"; a token that
// names no session is anonymous still.
func TestRefusalsBeforeTheGuardNameTheTokensHolder(t *testing.T) {
	e, _ := newAPI(t)
	sub := login(t, e.anon(), roleUsers[user.Submitter].Username, testPassword)
	cases := []struct {
		name, addr string
		send       func(h http.Handler)
		status     int
		actor      string
	}{
		{"405 with a bearer token", "198.51.100.31", func(h http.Handler) {
			call(t, h, http.MethodDelete, "/api/v1/me", "", sub.bearer()...)
		}, 405, roleUsers[user.Submitter].Username},
		{"405 with the cookie", "198.51.100.32", func(h http.Handler) {
			call(t, h, http.MethodPatch, "/api/v1/dashboard", "", sub.cookie()...)
		}, 405, roleUsers[user.Submitter].Username},
		{"413 with a bearer token", "198.51.100.33", func(h http.Handler) {
			call(t, h, http.MethodPut, reportPath("63280100024T000000642", "2024"), `{"x":"`+strings.Repeat("x", 2<<20)+`"}`, sub.bearer()...)
		}, 413, roleUsers[user.Submitter].Username},
		{"405 with a token of no session", "198.51.100.34", func(h http.Handler) {
			call(t, h, http.MethodDelete, "/api/v1/me", "", "Authorization", "Bearer not-a-session")
		}, 405, audit.Anonymous},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.send(from(e.anon(), tc.addr))
			rows := auditRowsFrom(t, e, tc.addr)
			if len(rows) != 1 || rows[0].Status != tc.status || rows[0].Actor != tc.actor {
				t.Fatalf("rows %+v, want one of status %d by %s", rows, tc.status, tc.actor)
			}
		})
	}
}

// TestRequestsTheHTTPServerRefusesAreAudited: a raw NUL in the request line
// or in a header, and headers too large, are refused by net/http before any
// handler; the listener the server is served on audits them all the same,
// with the request line as an excerpt (the NUL written as \x00) and, when a
// valid session token came with it, its holder as the actor.
func TestRequestsTheHTTPServerRefusesAreAudited(t *testing.T) {
	e0, st := newAPI(t)
	e, s := apitest.Build(st, apitest.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Security: &user.Security{}})
	srv := httptest.NewUnstartedServer(e)
	srv.Listener = s.AuditRawRefusals(srv.Listener)
	srv.Config.MaxHeaderBytes = 4 << 10
	srv.Start()
	defer srv.Close()
	raw := func(request string) string {
		t.Helper()
		conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Write([]byte(request)); err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(conn)
		return string(b)
	}
	token := e0.tokens[user.Reviewer]
	cases := []struct {
		name, marker, request string
		status                int
		actor                 string
	}{
		{"a NUL in the path", "rawnul-path", "GET /api/v1/me\x00rawnul-path HTTP/1.1\r\nHost: x\r\n\r\n", 400, audit.Anonymous},
		{"a NUL in a header, signed in", "rawnul-header", "GET /api/v1/me?rawnul-header HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
			"\r\nX-Note: a\x00b\r\n\r\n", 400, roleUsers[user.Reviewer].Username},
		{"headers too large", "rawbig", "GET /api/v1/me?rawbig HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 8<<10) + "\r\n\r\n", 431, audit.Anonymous},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			answer := raw(tc.request)
			if !strings.HasPrefix(answer, "HTTP/1.1 "+strconv.Itoa(tc.status)) {
				t.Fatalf("answer %q, want %d", answer, tc.status)
			}
			var found []audit.Entry
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				rows, _, err := st.ListAudit(context.Background(), audit.Filter{Action: audit.RequestRejected, PageSize: audit.MaxPageSize})
				if err != nil {
					t.Fatal(err)
				}
				found = found[:0]
				for _, r := range rows {
					if strings.Contains(r.ObjectID, tc.marker) {
						found = append(found, r)
					}
				}
				if len(found) > 0 {
					break
				}
			}
			if len(found) != 1 || found[0].Status != tc.status || found[0].Actor != tc.actor {
				t.Fatalf("rows %+v, want one of status %d by %s", found, tc.status, tc.actor)
			}
			if strings.Contains(found[0].ObjectID, "\x00") || strings.Contains(string(found[0].Detail), `\u0000`) ||
				(strings.Contains(tc.request, "\x00rawnul-path") && !strings.Contains(found[0].ObjectID, `\x00`)) {
				t.Errorf("the row keeps the request line as %q, %s", found[0].ObjectID, found[0].Detail)
			}
			if len(found[0].ObjectID)+len(found[0].Detail) > 2048 {
				t.Errorf("the row holds %d bytes of what was sent", len(found[0].ObjectID)+len(found[0].Detail))
			}
		})
	}
}
