package api

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOpenAPIMergeRefusesRedefinition: two fragments describing the same
// operation or the same schema cannot silently overwrite each other.
func TestOpenAPIMergeRefusesRedefinition(t *testing.T) {
	cases := map[string]string{
		"operation": `{"paths":{"/a":{"get":{"summary":"again"}}}}`,
		"schema":    `{"components":{"schemas":{"S":{"type":"string"}}}}`,
	}
	base := `{"openapi":"3.0.3","paths":{"/a":{"get":{"summary":"one"}}},"components":{"schemas":{"S":{"type":"object"}}}}`
	for name, second := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"openapi/00.json": {Data: []byte(base)},
				"openapi/10.json": {Data: []byte(second)},
			}
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), "redefines") {
					t.Fatalf("want a redefinition panic, got %v", r)
				}
			}()
			mustMergeOpenAPI(fsys)
		})
	}
	fsys := fstest.MapFS{
		"openapi/00.json": {Data: []byte(base)},
		"openapi/10.json": {Data: []byte(`{"paths":{"/a":{"post":{"summary":"two"}}}}`)},
	}
	doc := string(mustMergeOpenAPI(fsys))
	if !strings.Contains(doc, `"two"`) || !strings.Contains(doc, `"one"`) {
		t.Fatalf("operations of one path from two fragments not merged: %s", doc)
	}
}
