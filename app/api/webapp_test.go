package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"jixiao/app/api/apitest"
)

func TestWebAppServesFilesAndFallsBackToIndex(t *testing.T) {
	web := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>app</title>")},
		"assets/index-1.js":  {Data: []byte("console.log(1)")},
		"favicon.svg":        {Data: []byte("<svg/>")},
		"assets/index-1.css": {Data: []byte("body{}")},
	}
	e, _ := newAPIWith(t, apitest.Options{Web: web}) // a real store: refusals are audited
	tests := []struct {
		path       string
		wantStatus int
		wantBody   string
		wantCache  string // "*": any
	}{
		{"/", http.StatusOK, "<title>app</title>", "no-cache"},
		{"/dashboard?period=2024-06", http.StatusOK, "<title>app</title>", "no-cache"},
		{"/projects/63280100024T000000639/reports/2024-06", http.StatusOK, "<title>app</title>", "no-cache"},
		{"/index.html", http.StatusOK, "<title>app</title>", "no-cache"},
		{"/assets/index-1.js", http.StatusOK, "console.log(1)", "public, max-age=31536000, immutable"},
		{"/favicon.svg", http.StatusOK, "<svg/>", ""},
		{"/assets/missing-2.js", http.StatusNotFound, `"not_found"`, ""},
		{"/api/v1/nothing-here", http.StatusNotFound, `"code":"not_found"`, "no-store"},
		{"/api", http.StatusNotFound, `"code":"not_found"`, "*"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, tt.path, nil)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != tt.wantStatus || !strings.Contains(rec.Body.String(), tt.wantBody) {
			t.Errorf("GET %s = %d %q, want %d containing %q", tt.path, rec.Code, rec.Body.String(), tt.wantStatus, tt.wantBody)
		}
		if got := rec.Header().Get("Cache-Control"); tt.wantCache != "*" && got != tt.wantCache {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, got, tt.wantCache)
		}
	}
}

func TestWebAppNotBuiltSaysSo(t *testing.T) {
	web := fstest.MapFS{".gitkeep": {Data: []byte{}}}
	e, _ := newAPIWith(t, apitest.Options{Web: web})
	for _, p := range []string{"/", "/login"} {
		req, _ := http.NewRequest(http.MethodGet, p, nil)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make build") {
			t.Errorf("GET %s without a build = %d %q, want 503 naming make build", p, rec.Code, rec.Body.String())
		}
	}
}
