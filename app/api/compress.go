package api

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// gzipMinLength is the size from which a JSON answer is sent gzipped: below
// it the gzip header and the work cost more than the bytes saved.
const gzipMinLength = 1024

// compressedTypes are extensions of answers that are compressed already (a
// workbook, a document and a PDF are zip or deflate inside, pictures are
// compressed images): gzip would only spend time.
var compressedTypes = map[string]bool{
	".xlsx": true, ".docx": true, ".pdf": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".webp": true, ".zip": true, ".gz": true, ".br": true,
}

// jsonGzip compresses API answers of gzipMinLength bytes or more for a
// client that accepts gzip (with Vary: Accept-Encoding). It leaves alone the
// web app's files (spa serves their precompressed copies) and the routes
// that move files: uploads, attachments, workbooks and documents.
func jsonGzip() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{
		Level:     5,
		MinLength: gzipMinLength,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			if !strings.HasPrefix(p, "/api/") || fileTransfer(c) {
				return true
			}
			return compressedTypes[strings.ToLower(path.Ext(p))]
		},
	})
}

// acceptsEncoding says whether an Accept-Encoding header value accepts the
// coding (a q of 0 refuses it; "*" accepts what is not named).
func acceptsEncoding(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		switch name {
		case coding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

// precompressed are the codings of the build's precompressed copies
// (frontend/scripts/precompress.mjs), the better first.
var precompressed = []struct{ coding, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// servePrecompressed answers the file name from its precompressed copy
// when the build made one and the client accepts its coding; it says
// whether it answered. Whenever a copy exists the answer varies by
// Accept-Encoding, whichever form is sent.
func servePrecompressed(c echo.Context, web fs.FS, name string) (bool, error) {
	accept := c.Request().Header.Get(echo.HeaderAcceptEncoding)
	varies := false
	for _, p := range precompressed {
		f, err := web.Open(name + p.suffix)
		if err != nil {
			continue
		}
		varies = true
		if !acceptsEncoding(accept, p.coding) {
			_ = f.Close()
			continue
		}
		defer f.Close()
		rs, ok := f.(io.ReadSeeker)
		if !ok {
			return false, nil
		}
		h := c.Response().Header()
		h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
		h.Set(echo.HeaderContentEncoding, p.coding)
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set(echo.HeaderContentType, ct)
		}
		http.ServeContent(c.Response(), c.Request(), name, time.Time{}, rs)
		return true, nil
	}
	if varies {
		c.Response().Header().Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	}
	return false, nil
}
