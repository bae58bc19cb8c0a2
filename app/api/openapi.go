package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"
)

// openapiFragments hold the OpenAPI 3 description of the API, one file per
// area of the API so that each area is described beside the others without
// one long file; a test keeps the merged document true to the route table.
//
//go:embed openapi/*.json
var openapiFragments embed.FS

// openapiDoc is the merged document, built once at start.
var openapiDoc = mustMergeOpenAPI(openapiFragments)

// mustMergeOpenAPI merges the fragments in name order: the first gives the
// document's header; every fragment adds paths, operations and components.
// The same operation or component named twice is a programming error.
func mustMergeOpenAPI(fsys fs.FS) []byte {
	names, err := fs.Glob(fsys, "openapi/*.json")
	if err != nil || len(names) == 0 {
		panic(fmt.Sprintf("openapi: no fragments: %v", err))
	}
	sort.Strings(names)
	doc := map[string]any{}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		var frag map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&frag); err != nil {
			panic(fmt.Sprintf("openapi: %s: %v", name, err))
		}
		if err := mergeInto(doc, frag, name, 0); err != nil {
			panic(err)
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return out
}

// mergeInto adds src to dst. Objects merge down to depth 2 (paths → path →
// operation, components → kind → name); anything deeper must be new.
func mergeInto(dst, src map[string]any, file string, depth int) error {
	for k, v := range src {
		old, exists := dst[k]
		if !exists {
			dst[k] = v
			continue
		}
		oldMap, ok1 := old.(map[string]any)
		newMap, ok2 := v.(map[string]any)
		if !ok1 || !ok2 || depth >= 2 {
			return fmt.Errorf("openapi: %s redefines %q", file, k)
		}
		if err := mergeInto(oldMap, newMap, file, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) openapi(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapiDoc)
}
