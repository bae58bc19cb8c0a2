package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jixiao/domain/fields"
)

// maxJSONDepth bounds how deeply a request body may nest.
const maxJSONDepth = 32

// bindJSON is the one decoder of request bodies, strict so that nothing a
// client sent by mistake is silently ignored or half-read:
//   - the body must be JSON with Content-Type application/json (415
//     otherwise, also when the header is missing) and hold one JSON object
//     and nothing after it (400);
//   - unknown fields and duplicate keys are 400 naming the field;
//   - a value of the wrong JSON type is 422 naming the field
//     ("lines[1].indicator_id"), and so is text with NUL or another control
//     character (and, in names, a bidi override): fields.TextProblem;
//   - a body over the limit keeps the 413 of the body limit.
func bindJSON(c echo.Context, v any) error {
	req := c.Request()
	body, err := io.ReadAll(req.Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return err
		}
		return errBadRequest("无法读取请求内容")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errBadRequest("请求内容为空：应为一个 JSON 对象")
	}
	if !isJSON(req.Header.Get(echo.HeaderContentType)) {
		return errNotJSON
	}
	doc, err := scanJSON(body)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return doc.decodeError(err)
	}
	if len(doc.text) > 0 {
		p := newProblem(http.StatusUnprocessableEntity, "validation", "输入有误，请检查标出的字段")
		p.body.Fields = doc.text
		return p
	}
	return nil
}

var errNotJSON = newProblem(http.StatusUnsupportedMediaType, "unsupported_media_type",
	"请求内容须为 JSON，并带上请求头 Content-Type: application/json")

// isJSON tells whether a Content-Type names JSON.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == echo.MIMEApplicationJSON
}

// fieldProblem is a refusal of one field with the given status.
func fieldProblem(status int, code, message, field, fieldMessage string) *problem {
	p := newProblem(status, code, message)
	p.body.Fields = map[string]string{field: fieldMessage}
	return p
}

// jsonValue is where a value of the body ends and the field path it sits at.
type jsonValue struct {
	end  int64
	path string
}

// jsonDoc is what scanning a body learned: every value's path by offset,
// to name the field of a decoding error.
type jsonDoc struct {
	values []jsonValue
	text   map[string]string // strings refused by fields.TextProblem, by path
}

// nameKeys are the fields that hold names, which also refuse bidi controls.
var nameKeys = map[string]bool{"username": true, "display_name": true, "name": true}

// frame is an open object or array while scanning.
type frame struct {
	array    bool
	index    int             // next element of an array
	key      string          // the key of the value being read in an object
	wantKey  bool            // an object expects a key next
	seen     map[string]bool // an object's keys so far
	basePath string
}

func (f *frame) childPath() string {
	if f.array {
		return f.basePath + "[" + strconv.Itoa(f.index) + "]"
	}
	if f.basePath == "" {
		return f.key
	}
	return f.basePath + "." + f.key
}

// scanJSON reads the body token by token: it must be one JSON object with
// nothing after it, no key twice in an object, nested at most maxJSONDepth.
func scanJSON(body []byte) (jsonDoc, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc jsonDoc
	var stack []*frame
	started := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !started {
				return doc, errBadRequest("请求内容为空：应为一个 JSON 对象")
			}
			return doc, nil
		}
		if err != nil {
			if started && len(stack) == 0 {
				return doc, errBadRequest("JSON 对象之后还有多余的内容")
			}
			return doc, errBadRequest("请求内容不是有效的 JSON")
		}
		if started && len(stack) == 0 {
			return doc, errBadRequest("JSON 对象之后还有多余的内容")
		}
		if !started {
			started = true
			if d, ok := tok.(json.Delim); !ok || d != '{' {
				return doc, errBadRequest("请求内容应为一个 JSON 对象")
			}
			stack = append(stack, &frame{wantKey: true, seen: map[string]bool{}})
			continue
		}
		top := stack[len(stack)-1]
		if !top.array && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				valueDone(stack)
				continue
			}
			key := tok.(string) // the decoder allows only a string here
			top.key, top.wantKey = key, false
			path := top.childPath()
			if top.seen[key] {
				return doc, fieldProblem(http.StatusBadRequest, "duplicate_key", "请求中有重复的字段："+path, path, "字段重复")
			}
			top.seen[key] = true
			continue
		}
		path := top.childPath()
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) >= maxJSONDepth {
					return doc, errBadRequest("JSON 嵌套层数过多")
				}
				doc.values = append(doc.values, jsonValue{end: dec.InputOffset(), path: path})
				stack = append(stack, &frame{array: t == '[', wantKey: t == '{', seen: map[string]bool{}, basePath: path})
			case ']':
				stack = stack[:len(stack)-1]
				valueDone(stack)
			}
		default:
			doc.values = append(doc.values, jsonValue{end: dec.InputOffset(), path: path})
			if str, ok := t.(string); ok {
				if msg := fields.TextProblem(str, !top.array && nameKeys[top.key]); msg != "" {
					if doc.text == nil {
						doc.text = map[string]string{}
					}
					doc.text[path] = msg
				}
			}
			valueDone(stack)
		}
	}
}

// valueDone moves the innermost open object or array past a finished value.
func valueDone(stack []*frame) {
	if len(stack) == 0 {
		return
	}
	top := stack[len(stack)-1]
	if top.array {
		top.index++
	} else {
		top.wantKey = true
	}
}

// decodeError turns an error of the strict decoder into the answer:
// 422 for a value of the wrong type, 400 for an unknown field.
func (d jsonDoc) decodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := d.pathAt(te.Field, te.Offset)
		p := fieldProblem(http.StatusUnprocessableEntity, "validation", "输入有误，请检查标出的字段", field,
			"类型错误：应为"+jsonTypeName(te.Type.Kind().String())+"，收到的是 "+te.Value)
		for k, v := range d.text {
			p.body.Fields[k] = v
		}
		return p
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		key, _ := strconv.Unquote(name)
		field := d.firstPathEndingIn(key)
		return fieldProblem(http.StatusBadRequest, "unknown_field", "请求中有无法识别的字段："+field, field, "未知字段")
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return err
	}
	return errBadRequest("请求内容不是有效的 JSON")
}

// pathAt finds the path of the value the decoder stopped at: among the
// values whose path without indices is field ("lines.indicator_id"), the
// one ending nearest offset.
func (d jsonDoc) pathAt(field string, offset int64) string {
	best, bestDist := field, int64(-1)
	for _, v := range d.values {
		if stripIndices(v.path) != field {
			continue
		}
		dist := v.end - offset
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = v.path, dist
		}
	}
	if best == "" {
		return "(body)"
	}
	return best
}

// firstPathEndingIn is the first path in the body whose last key is key.
func (d jsonDoc) firstPathEndingIn(key string) string {
	for _, v := range d.values {
		if v.path == key || strings.HasSuffix(v.path, "."+key) {
			return v.path
		}
	}
	return key
}

// stripIndices turns "lines[1].indicator_id" into "lines.indicator_id".
func stripIndices(path string) string {
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsonTypeName names a Go kind as the JSON type a client should send.
func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "数字"
	case kind == "string":
		return "字符串"
	case kind == "bool":
		return "true 或 false"
	case kind == "slice", kind == "array":
		return "数组"
	case kind == "struct", kind == "map", kind == "ptr":
		return "对象"
	}
	return fmt.Sprintf("%s", kind)
}
