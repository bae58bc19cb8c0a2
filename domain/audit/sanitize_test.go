package audit_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao/domain/audit"
)

func TestSanitizedEntriesHoldNoNULAndBoundedExcerpts(t *testing.T) {
	long := strings.Repeat("路", 30000) // 90 KB
	e := audit.Sanitized(audit.Entry{
		Actor: "anonymous", Action: "request.rejected", ObjectID: "GET /api/v1/projects/a\x00b" + long,
		Detail: audit.JSON(map[string]any{"path": "/x\x00\x1b" + long, "nested": []any{"\xff"}}),
		After:  audit.JSON(map[string]string{"explanation": "第一行\n第二行\x00"}),
	})
	for name, s := range map[string]string{"object_id": e.ObjectID, "detail": string(e.Detail), "after": string(e.After)} {
		if strings.Contains(s, "\x00") || strings.Contains(s, `\u0000`) || !utf8.ValidString(s) {
			t.Errorf("%s keeps a NUL or invalid UTF-8: %.80q", name, s)
		}
	}
	if len(e.ObjectID) > audit.MaxExcerpt+32 || len(e.Detail) > 2*audit.MaxExcerpt {
		t.Errorf("excerpts not bounded: object id %d bytes, detail %d bytes", len(e.ObjectID), len(e.Detail))
	}
	if !strings.Contains(e.ObjectID, `a\x00b`) || !strings.Contains(string(e.After), `第一行\n第二行\\x00`) {
		t.Errorf("the cleaned text does not show what was sent: %.60q %s", e.ObjectID, e.After)
	}
}
