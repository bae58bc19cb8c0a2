// Package apitest drives the HTTP API in the API's test packages: JSON
// requests with a bearer token, sign-in, decoding, through the handler
// itself (no network).
package apitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Do sends a request with a JSON body ("" for none) and the bearer token
// ("" for nobody) to h, and returns the status and the body.
func Do(t testing.TB, h http.Handler, token, method, path, body string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	CheckContract(t, h, method, path, rec)
	return rec.Code, rec.Body.Bytes()
}

// Must is Do that fails the test unless the status is want.
func Must(t testing.TB, h http.Handler, want int, token, method, path, body string) []byte {
	t.Helper()
	status, resp := Do(t, h, token, method, path, body)
	if status != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, status, want, resp)
	}
	return resp
}

// Login signs username in with password and returns the bearer token.
func Login(t testing.TB, h http.Handler, username, password string) string {
	t.Helper()
	body := Must(t, h, http.StatusOK, "", http.MethodPost, "/api/v1/auth/login",
		fmt.Sprintf(`{"username": %q, "password": %q}`, username, password))
	return Decode[struct {
		Token string `json:"token"`
	}](t, body).Token
}

// Decode reads a JSON body into a T, failing the test when it cannot.
func Decode[T any](t testing.TB, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}
