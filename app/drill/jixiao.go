package drill

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Server is a `jixiao serve` the drill started.
type Server struct {
	URL  string
	proc *Proc
}

// jixiaoEnv is the environment of the jixiao commands of a drill: the
// database, its password, the demo accounts' password, no second factor
// (the drill signs in with passwords).
func jixiaoEnv(databaseURL, dbPassword, demoPassword string) []string {
	return []string{"DATABASE_URL=" + databaseURL, "DATABASE_PASSWORD=" + dbPassword, "JIXIAO_DEMO_PASSWORD=" + demoPassword,
		"JIXIAO_TOTP_REQUIRED_ROLES=", "JIXIAO_REMIND_INTERVAL_MINUTES=0", "JIXIAO_LOG_REQUESTS=off"}
}

// SeedJixiao migrates the database and loads the Golmud data and the demo
// accounts.
func (e *Env) SeedJixiao(ctx context.Context, env []string) error {
	if _, err := e.Run(ctx, 2*time.Minute, false, e.Jixiao, []string{"migrate"}, env...); err != nil {
		return err
	}
	_, err := e.Run(ctx, 2*time.Minute, false, e.Jixiao, []string{"seed", "--demo-users"}, env...)
	return err
}

// ServeJixiao starts `jixiao serve` on a free port and waits until it is
// ready.
func (e *Env) ServeJixiao(ctx context.Context, name string, env []string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	p, err := e.Start(name, false, e.Jixiao, []string{"serve"}, append(env, "ADDR="+addr)...)
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, proc: p}
	if err := WaitFor(ctx, 60*time.Second, 200*time.Millisecond, name+" is ready", func() error {
		if p.Exited() {
			return fmt.Errorf("%s exited", name)
		}
		return httpOK(s.URL + "/readyz")
	}); err != nil {
		return nil, fmt.Errorf("%w\n%s", err, e.Tail(name, 20))
	}
	return s, nil
}

// Client is a signed-in user of a Jixiao server.
type Client struct {
	base  string
	token string
	http  *http.Client
}

// SignIn signs a user in with a password.
func SignIn(ctx context.Context, base, username, password string) (*Client, error) {
	c := &Client{base: base, http: &http.Client{Timeout: 10 * time.Second}}
	var out struct {
		Token string `json:"token"`
	}
	status, body, err := c.Do(ctx, http.MethodPost, "/api/v1/auth/login", map[string]string{"username": username, "password": password}, &out)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK || out.Token == "" {
		return nil, fmt.Errorf("sign in %s: %d %s", username, status, body)
	}
	c.token = out.Token
	return c, nil
}

// Do sends a JSON request and decodes a 2xx answer into out (when given);
// it returns the status and the body.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) (int, []byte, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return res.StatusCode, nil, err
	}
	if out != nil && res.StatusCode/100 == 2 {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, b, fmt.Errorf("decode %s %s: %w", method, path, err)
		}
	}
	return res.StatusCode, b, nil
}

// reportPath is the path of a report.
func reportPath(code, period string) string { return "/api/v1/projects/" + code + "/reports/" + period }
