package api

import (
	"strconv"

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

// jsonWhole answers v as c.JSON does, the same bytes, with its length: the
// answer is written whole with a Content-Length instead of in chunks, one
// write to the connection fewer (a report's answer is some 10 KB, read on
// every open of the form). Below it, the gzip writer drops the length (it
// sends the compressed answer in chunks) and the English one sets the
// length of its translation.
func jsonWhole(c echo.Context, code int, v any) error {
	b, err := gojson.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n') // as an Encoder ends it
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(b)))
	return c.JSONBlob(code, b)
}
