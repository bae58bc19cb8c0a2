package audit

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxExcerpt bounds each text the audit trail keeps of what a client sent
// (a path, a username tried): enough to see what it was, never a payload.
const MaxExcerpt = 512

// Excerpt makes s safe and short for the audit trail: invalid UTF-8 and
// control characters (NUL breaks PostgreSQL's text and jsonb) are written
// visibly as \xNN, and the result is cut at MaxExcerpt bytes on a character
// boundary, marked with "…" and the original length.
func Excerpt(s string) string {
	clean := Clean(s)
	if len(clean) <= MaxExcerpt {
		return clean
	}
	cut := MaxExcerpt
	for cut > 0 && !utf8.RuneStart(clean[cut]) {
		cut--
	}
	return clean[:cut] + fmt.Sprintf("…(%d bytes)", len(s))
}

// Clean writes control characters (but tab and newline) and bytes that are
// not UTF-8 as \xNN, so that any text can be stored and read.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

// Sanitized is the entry made storable: its text fields cleaned and the
// client-given ones (object id) bounded, and its JSON documents cleaned of
// what jsonb refuses (the escaped NUL \u0000) and of control characters;
// Detail's strings are bounded too, as Detail holds excerpts of requests.
func Sanitized(e Entry) Entry {
	e.Actor = Excerpt(e.Actor)
	e.IP = Excerpt(e.IP)
	e.Action = Clean(e.Action)
	e.ObjectType = Clean(e.ObjectType)
	e.ObjectID = Excerpt(e.ObjectID)
	e.Before = cleanJSON(e.Before, false)
	e.After = cleanJSON(e.After, false)
	e.Detail = cleanJSON(e.Detail, true)
	return e
}

// cleanJSON rewrites a document whose strings need cleaning (or, when
// bound, shortening); any other document is returned as it is.
func cleanJSON(doc json.RawMessage, bound bool) json.RawMessage {
	if len(doc) == 0 {
		return doc
	}
	if !bound && isClean(string(doc)) && !strings.Contains(string(doc), `\u00`) && !strings.Contains(string(doc), `\u007f`) {
		return doc
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return JSON(map[string]string{"unreadable": Excerpt(string(doc))})
	}
	return JSON(cleanValue(v, bound))
}

func cleanValue(v any, bound bool) any {
	switch t := v.(type) {
	case string:
		if bound {
			return Excerpt(t)
		}
		return Clean(t)
	case []any:
		for i := range t {
			t[i] = cleanValue(t[i], bound)
		}
		return t
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[Excerpt(k)] = cleanValue(x, bound)
		}
		return out
	}
	return v
}
