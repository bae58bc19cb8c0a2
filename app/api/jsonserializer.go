package api

import (
	gojson "github.com/goccy/go-json"
	"github.com/labstack/echo/v4"
)

// jsonSerializer encodes answers with goccy/go-json, which writes the same
// JSON as encoding/json (HTML characters escaped, map keys sorted, the
// types' own MarshalJSON honoured) in a fraction of its time and
// allocations: a report answer is encoded on every read. Request bodies are
// read as before.
type jsonSerializer struct{}

func (jsonSerializer) Serialize(c echo.Context, v any, indent string) error {
	enc := gojson.NewEncoder(c.Response())
	if indent != "" {
		enc.SetIndent("", indent)
	}
	return enc.Encode(v)
}

// Deserialize is echo's own: request bodies keep encoding/json's checks.
func (jsonSerializer) Deserialize(c echo.Context, v any) error {
	return echo.DefaultJSONSerializer{}.Deserialize(c, v)
}
