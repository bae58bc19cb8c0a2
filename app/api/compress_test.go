package api_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"jixiao/app/api/apitest"
	"jixiao/domain/user"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("broken gzip: %v", err)
	}
	return out
}

func get(h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// The build's precompressed copies (frontend/scripts/precompress.mjs) are
// sent by the coding the client accepts, brotli first; the browser test
// (e2e/size.test.mjs) decompresses the real build's brotli.
func TestAssetsAnswerTheirPrecompressedCopyAsAsked(t *testing.T) {
	js := []byte(strings.Repeat("export const a = 'jixiao';\n", 200))
	br := []byte("brotli bytes of the build") // served as they are: the server never encodes them
	web := fstest.MapFS{
		"index.html":           {Data: []byte("<!doctype html><title>app</title>")},
		"assets/index-1.js":    {Data: js},
		"assets/index-1.js.gz": {Data: gzipped(t, js)},
		"assets/index-1.js.br": {Data: br},
		"assets/small-1.css":   {Data: []byte("body{}")},
	}
	e, _ := newAPIWith(t, apitest.Options{Web: web})
	for _, tt := range []struct {
		accept, want string
	}{
		{"gzip, deflate, br, zstd", "br"},
		{"br", "br"},
		{"gzip", "gzip"},
		{"br;q=0, gzip;q=0.8", "gzip"},
		{"*", "br"},
		{"", ""},
		{"identity", ""},
		{"gzip;q=0, br;q=0", ""},
	} {
		rec := get(e, "/assets/index-1.js", "Accept-Encoding", tt.accept)
		if rec.Code != http.StatusOK {
			t.Fatalf("Accept-Encoding %q: %d", tt.accept, rec.Code)
		}
		h := rec.Header()
		if got := h.Get("Content-Encoding"); got != tt.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.accept, got, tt.want)
		}
		if !strings.Contains(strings.Join(h.Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q lacks Accept-Encoding", tt.accept, h.Values("Vary"))
		}
		if ct := h.Get("Content-Type"); !strings.Contains(ct, "javascript") {
			t.Errorf("Accept-Encoding %q: Content-Type %q", tt.accept, ct)
		}
		if h.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("Accept-Encoding %q: Cache-Control %q", tt.accept, h.Get("Cache-Control"))
		}
		var body []byte
		switch tt.want {
		case "br":
			body = rec.Body.Bytes()
			if !bytes.Equal(body, br) {
				t.Errorf("br: sent %q, not the build's copy", body)
			}
			continue
		case "gzip":
			body = gunzip(t, rec.Body.Bytes())
		default:
			body = rec.Body.Bytes()
		}
		if !bytes.Equal(body, js) {
			t.Errorf("Accept-Encoding %q: %d bytes decoded, not the %d of the file", tt.accept, len(body), len(js))
		}
	}
	// a file without copies is sent as it is, and does not vary
	rec := get(e, "/assets/small-1.css", "Accept-Encoding", "gzip, br")
	if rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != "body{}" {
		t.Errorf("small CSS: %q %q", rec.Header().Get("Content-Encoding"), rec.Body.String())
	}
}

// JSON answers of 1 KB or more are gzipped for a client that accepts gzip;
// small ones and workbooks are not.
func TestJSONOverOneKilobyteIsGzipped(t *testing.T) {
	e, _ := newAPI(t)
	for _, path := range []string{"/api/v1/projects?year=2024", "/api/v1/openapi.json"} {
		plain := get(e, path)
		if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s without Accept-Encoding: %d %q", path, plain.Code, plain.Header().Get("Content-Encoding"))
		}
		if plain.Body.Len() <= 1024 {
			t.Fatalf("%s: %d bytes, the test needs more than 1 KB", path, plain.Body.Len())
		}
		rec := get(e, path, "Accept-Encoding", "gzip, deflate, br")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %d Content-Encoding %q, want gzip", path, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("%s: Vary %q", path, rec.Header().Values("Vary"))
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: Content-Type %q", path, rec.Header().Get("Content-Type"))
		}
		body := gunzip(t, rec.Body.Bytes())
		if !json.Valid(body) || !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("%s: the gzipped answer decodes to %d bytes, not the plain answer's %d", path, len(body), plain.Body.Len())
		}
		if rec.Body.Len() >= plain.Body.Len()/2 {
			t.Errorf("%s: %d bytes gzipped of %d", path, rec.Body.Len(), plain.Body.Len())
		}
	}

	const smallPath = "/api/v1/me/security"
	if plain := get(e, smallPath); plain.Code != http.StatusOK || plain.Body.Len() >= 1024 {
		t.Fatalf("%s: %d, %d bytes: the test needs a small answer", smallPath, plain.Code, plain.Body.Len())
	}
	small := get(e, smallPath, "Accept-Encoding", "gzip")
	if small.Header().Get("Content-Encoding") != "" || !json.Valid(small.Body.Bytes()) {
		t.Errorf("%s (%d bytes) sent with Content-Encoding %q", smallPath, small.Body.Len(), small.Header().Get("Content-Encoding"))
	}

	xlsx := get(e.as(user.Admin), "/api/v1/imports/targets-template.xlsx", "Accept-Encoding", "gzip")
	if xlsx.Code != http.StatusOK || xlsx.Body.Len() <= 1024 {
		t.Fatalf("template: %d, %d bytes", xlsx.Code, xlsx.Body.Len())
	}
	if xlsx.Header().Get("Content-Encoding") != "" || !bytes.HasPrefix(xlsx.Body.Bytes(), []byte("PK")) {
		t.Errorf("the workbook (already compressed) was sent with Content-Encoding %q", xlsx.Header().Get("Content-Encoding"))
	}
}

// TestAReportIsAnsweredWholeWithItsLength: a report's answer goes out with a
// Content-Length, not in chunks; gzipped or in English, with the length of
// what is sent, and the same document.
func TestAReportIsAnsweredWholeWithItsLength(t *testing.T) {
	e, _ := newAPI(t)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	fetch := func(header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/projects/63280100024T000000642/reports/2024-06", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%v: %d %v %s", header, res.StatusCode, err, b)
		}
		return res, b
	}
	res, plain := fetch()
	if res.ContentLength != int64(len(plain)) || len(res.TransferEncoding) > 0 || len(plain) <= 1024 {
		t.Errorf("plain: Content-Length %d, Transfer-Encoding %v, %d bytes", res.ContentLength, res.TransferEncoding, len(plain))
	}
	if want := string(plain[len(plain)-1]); want != "\n" || !json.Valid(plain) {
		t.Errorf("plain: not one JSON document ending in a newline as c.JSON writes")
	}
	res, zipped := fetch("Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || (res.ContentLength != -1 && res.ContentLength != int64(len(zipped))) {
		t.Errorf("gzip: Content-Encoding %q, Content-Length %d of %d bytes sent", res.Header.Get("Content-Encoding"), res.ContentLength, len(zipped))
	}
	if !bytes.Equal(gunzip(t, zipped), plain) {
		t.Error("gzip: the answer decodes to another document")
	}
	res, english := fetch("Accept-Language", "en")
	if res.ContentLength != int64(len(english)) || !json.Valid(english) || bytes.Equal(english, plain) {
		t.Errorf("English: Content-Length %d of %d bytes, valid %v, translated %v", res.ContentLength, len(english), json.Valid(english), !bytes.Equal(english, plain))
	}
}
