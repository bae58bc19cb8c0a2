package api

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// notBuilt is what the server answers for the web app when the binary was
// built without it (frontend/dist holds only its placeholder).
const notBuilt = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>绩效 Jixiao</title></head>
<body><h1>网页端尚未构建</h1>
<p>此程序构建时未包含网页端。请在源码目录运行 <code>make build</code>（会先执行 npm ci 与 npm run build），再启动 <code>jixiao serve</code>。</p>
<p>The web app was not built into this binary: run <code>make build</code>. API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
</body></html>
`

// spa serves the embedded web app. A file that exists is served as is (the
// hashed files under assets/ are cached for a year), or its copy compressed
// at build time (name.br, name.gz) to a client that accepts that coding; any other path outside
// /api/ that has no file extension is a client-side route and gets
// index.html, so that a deep link or a reload lands on its page. Unknown
// /api/ paths stay JSON 404s, and a missing asset is a 404 rather than HTML
// in place of a script.
func spa(web fs.FS) echo.HandlerFunc {
	files := http.FileServer(http.FS(web))
	return func(c echo.Context) error {
		req := c.Request()
		p := req.URL.Path
		if p == "/api" || strings.HasPrefix(p, "/api/") {
			return errNotFound
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(web, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				if done, err := servePrecompressed(c, web, name); done || err != nil {
					return err
				}
				files.ServeHTTP(c.Response(), req)
				return nil
			}
			if path.Ext(name) != "" {
				return errNotFound
			}
		}
		return serveIndex(c, web)
	}
}

// serveIndex answers the app's index.html, never cached so that a new
// build's asset names are picked up at once.
func serveIndex(c echo.Context, web fs.FS) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	index, err := fs.ReadFile(web, "index.html")
	if errors.Is(err, fs.ErrNotExist) {
		return c.HTML(http.StatusServiceUnavailable, notBuilt)
	}
	if err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, index)
}
