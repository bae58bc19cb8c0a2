package api

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"jixiao/app/auth"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// holderOf is the signed-in user a token belongs to, for refusals made
// before the guard reads it (405, 413, a request net/http refuses itself):
// the caller of a live, unexpired session, or the zero Caller.
func (s *Server) holderOf(ctx context.Context, token string) user.Caller {
	if token == "" {
		return user.Caller{}
	}
	key := auth.HashToken(token)
	now := s.now()
	caller, sess, cached := s.sessionCache.get(key, now)
	if !cached {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auditTimeout)
		defer cancel()
		var err error
		if caller, sess, err = s.store.SessionCaller(ctx, key); err != nil {
			return user.Caller{}
		}
	}
	if s.sessions.Expired(sess.CreatedAt, sess.LastSeenAt, now) {
		return user.Caller{}
	}
	return caller
}

// AuditRawRefusals wraps the listener the server serves on, so that the
// requests net/http refuses on its own, before any handler runs (a NUL or
// another control character in the request line or a header, headers too
// large, an unsupported transfer encoding), leave an audit row like every
// other refusal: attributed to the holder of the session token they carry,
// rate-limited per address when anonymous, never holding more of what was
// sent than an excerpt of the request line.
func (s *Server) AuditRawRefusals(ln net.Listener) net.Listener {
	return &refusalListener{Listener: ln, s: s}
}

type refusalListener struct {
	net.Listener
	s *Server
}

// Accept wraps each connection.
func (l *refusalListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &refusalConn{Conn: c, s: l.s}, nil
}

// maxRequestHead is how much of a request's start a connection keeps to
// describe a refusal: the request line and the headers that name the
// session, as far as they fit.
const maxRequestHead = 8 << 10

// refusalConn keeps the bytes read since its last answer (the start of the
// request being read) and watches what is written for net/http's own
// refusals, which it audits once they are sent.
type refusalConn struct {
	net.Conn
	s     *Server
	mu    sync.Mutex
	head  []byte
	wrote bool
}

// Read passes the bytes on and keeps the start of the current request.
func (c *refusalConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		if c.wrote {
			c.head, c.wrote = c.head[:0], false
		}
		if room := maxRequestHead - len(c.head); room > 0 {
			c.head = append(c.head, p[:min(n, room)]...)
		}
		c.mu.Unlock()
	}
	return n, err
}

// Write passes the bytes on; when they are net/http's own refusal, the
// refusal is audited after it is sent (net/http closes the connection
// next, so nothing waits on the audit but the closing).
func (c *refusalConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	status, reason, own := ownRefusal(p)
	var head []byte
	if own {
		head = bytes.Clone(c.head)
	}
	c.wrote = true
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if own {
		c.s.auditRawRefusal(c.RemoteAddr(), head, status, reason)
	}
	return n, err
}

// rawErrorHeaders is how net/http writes the headers of a refusal it makes
// itself (server.go: errorHeaders); the API's own answers are JSON.
const rawErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// ownRefusal tells whether an answer is one net/http wrote itself for a
// request it could not read, with its status and reason.
func ownRefusal(p []byte) (int, string, bool) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) { // a body's bytes: not scanned
		return 0, "", false
	}
	line, rest, ok := bytes.Cut(p, []byte("\r\n"))
	if !ok || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) || !bytes.HasPrefix(rest, []byte(rawErrorHeaders[2:])) {
		return 0, "", false
	}
	code, reason, _ := strings.Cut(string(line[len("HTTP/1.1 "):]), " ")
	status, err := strconv.Atoi(code)
	if err != nil || status < 400 {
		return 0, "", false
	}
	return status, reason, true
}

// auditRawRefusal records a request net/http refused itself: from the
// connection's address, by the holder of the session token its headers
// carry (if any), with an excerpt of its request line.
func (s *Server) auditRawRefusal(remote net.Addr, head []byte, status int, reason string) {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	method, target, _ := strings.Cut(string(line), " ")
	target, _, _ = strings.Cut(target, " HTTP/")
	ip := remote.String()
	if host, _, err := net.SplitHostPort(ip); err == nil {
		ip = host
	}
	ctx := context.Background()
	caller := s.holderOf(ctx, rawSessionToken(head))
	e := audit.Entry{At: s.now(), Actor: audit.Anonymous, IP: ip, Action: audit.RequestRejected, Status: status, ObjectType: "route",
		ObjectID: audit.Excerpt(method + " " + target)}
	if !caller.Anonymous() {
		e.Actor, e.ActorID = caller.Username, caller.ID
	}
	detail := map[string]any{"status": status, "code": "malformed_request", "reason": audit.Excerpt(reason),
		"request_line": audit.Excerpt(string(line)), "refused_by": "http server"}
	if caller.Anonymous() {
		ok, suppressed := s.anonAudit.allow(ip, s.now())
		if !ok {
			return
		}
		if suppressed > 0 {
			detail["suppressed_before"] = suppressed
		}
	}
	e.Detail = audit.JSON(detail)
	ctx, cancel := context.WithTimeout(ctx, auditTimeout)
	defer cancel()
	if err := s.store.AppendAudit(ctx, e); err != nil {
		s.log.Error("audit a request the http server refused", "status", status, "error", err)
	}
}

// rawSessionToken finds the session token in the raw headers of a request:
// the bearer token, else the session cookie; "" when neither reads.
func rawSessionToken(head []byte) string {
	req := &http.Request{Header: http.Header{}}
	for _, line := range bytes.Split(head, []byte("\n")) {
		name, value, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\r")), []byte(":"))
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(string(name))) {
		case "authorization":
			req.Header.Set("Authorization", strings.TrimSpace(string(value)))
		case "cookie":
			req.Header.Add("Cookie", strings.TrimSpace(string(value)))
		}
	}
	if h := req.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return ""
		}
		return strings.TrimSpace(tok)
	}
	if ck, err := req.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}
