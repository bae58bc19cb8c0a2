package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jixiao/app/english"
)

// English: the API answers in Chinese, as its users read it; a request
// whose Accept-Language asks for English first (the web app sends it when a
// person chose English) gets every text the product writes in English:
// messages, field problems, bases of lights and scores, what lines lack,
// notices, findings, names of rules and actions. Data (names of projects
// and indicators, what people wrote) stays as written. Files are not
// touched.

// wantsEnglish reports whether the first language an Accept-Language
// header names is English.
func wantsEnglish(header string) bool {
	first, _, _ := strings.Cut(header, ",")
	first, _, _ = strings.Cut(strings.TrimSpace(first), ";")
	first = strings.ToLower(strings.TrimSpace(first))
	return first == "en" || strings.HasPrefix(first, "en-")
}

// dataKeys hold what people wrote or codes: their values are never put
// into English, though one may look like a message (a grade is a code: 优).
var dataKeys = map[string]bool{
	"grade": true, "name": true, "display_name": true, "explanation": true, "measures": true, "comment": true, "answer": true,
	"goal": true, "note": true, "not_applicable_reason": true, "level1": true, "level2": true, "target": true, "unit": true,
	"category": true, "actor_name": true, "by_name": true, "updated_by_name": true, "reason": true, "text": true, "indicator": true,
	"username": true, "actor": true, "by": true, "updated_by": true, "object_id": true, "value": true, "email": true, "phone": true,
	"by_grade": true, "department": true, "project": true, "code": true, "file": true, "filename": true,
}

// english is the middleware that answers in English when asked.
func (s *Server) english(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Add(echo.HeaderVary, "Accept-Language")
		if !wantsEnglish(c.Request().Header.Get("Accept-Language")) {
			return next(c)
		}
		w := &englishWriter{ResponseWriter: c.Response().Writer, header: c.Response().Header()}
		c.Response().Writer = w
		defer func() { c.Response().Writer = w.ResponseWriter }()
		if err := next(c); err != nil {
			c.Error(err) // the error's body, into the buffer, to be put into English too
		}
		return w.finish()
	}
}

// englishWriter holds back a JSON answer to put it into English; any other
// answer (a file) passes straight through.
type englishWriter struct {
	http.ResponseWriter
	header  http.Header
	status  int
	decided bool
	hold    bool
	buf     bytes.Buffer
}

func (w *englishWriter) decide() {
	if w.decided {
		return
	}
	w.decided = true
	w.hold = strings.HasPrefix(w.header.Get(echo.HeaderContentType), echo.MIMEApplicationJSON)
}

// WriteHeader keeps the status of a held answer.
func (w *englishWriter) WriteHeader(status int) {
	w.decide()
	if w.hold {
		w.status = status
		return
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *englishWriter) Write(b []byte) (int, error) {
	w.decide()
	if w.hold {
		return w.buf.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Flush flushes a passing answer; a held one is written whole at the end.
func (w *englishWriter) Flush() {
	if w.decided && !w.hold {
		if f, ok := w.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *englishWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish writes a held answer in English.
func (w *englishWriter) finish() error {
	if !w.hold {
		return nil
	}
	body := w.buf.Bytes()
	if out, err := translateJSON(body); err == nil {
		body = out
	}
	w.header.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	w.ResponseWriter.WriteHeader(status)
	_, err := w.ResponseWriter.Write(body)
	return err
}

// translateJSON puts every text of a JSON document into English, keeping
// numbers exactly as written.
func translateJSON(body []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	v = translateValue(v, false)
	var out bytes.Buffer
	e := json.NewEncoder(&out)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// translateValue puts the texts of v into English; in messages (the
// values of an error's fields, by field path) every key holds a message.
func translateValue(v any, messages bool) any {
	switch x := v.(type) {
	case string:
		return english.Translate(x)
	case []any:
		for i := range x {
			x[i] = translateValue(x[i], false)
		}
	case map[string]any:
		for k, val := range x {
			if messages || !dataKeys[k] {
				x[k] = translateValue(val, k == "fields")
			}
		}
	}
	return v
}
