package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The contract: every JSON answer a test receives through Do (and the API
// tests' own senders) is checked against the OpenAPI document the server
// serves, so that the web app's types, generated from that document,
// describe what the server really answers.
// An answer fails its test when it lacks a required property, carries a
// property the document does not describe, has a value of another type (null
// where the schema is not nullable included) or a value outside an enum.
//
// JIXIAO_CONTRACT_OBSERVE=file appends, instead of failing, one line per
// object checked (its schema's place in the document and the properties it
// had), one per operation and status checked, and one per mismatch: to see
// which properties every answer carries and which operations the tests reach.

// contractDoc is the served document, read once through the router.
type contractDoc struct {
	root  map[string]any
	paths []contractPath
}

type contractPath struct {
	template string
	segs     []string
	literal  int
}

var (
	contractOnce   sync.Once
	contract       *contractDoc
	contractErr    error
	observeMu      sync.Mutex
	observeFile    *os.File
	observeFileErr error
)

func loadContract(e http.Handler) (*contractDoc, error) {
	contractOnce.Do(func() {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
		if rec.Code != http.StatusOK {
			contractErr = fmt.Errorf("openapi.json: status %d", rec.Code)
			return
		}
		d := &contractDoc{}
		if err := json.Unmarshal(rec.Body.Bytes(), &d.root); err != nil {
			contractErr = err
			return
		}
		paths, _ := d.root["paths"].(map[string]any)
		for p := range paths {
			cp := contractPath{template: p, segs: strings.Split(p, "/")}
			for _, s := range cp.segs {
				if !strings.HasPrefix(s, "{") {
					cp.literal++
				}
			}
			d.paths = append(d.paths, cp)
		}
		sort.Slice(d.paths, func(i, j int) bool { return d.paths[i].template < d.paths[j].template })
		contract = d
	})
	return contract, contractErr
}

// match finds the path template of a request path: the one with the most
// literal segments among those that fit.
func (d *contractDoc) match(path string) (string, bool) {
	segs := strings.Split(path, "/")
	best, bestLit := "", -1
	for _, cp := range d.paths {
		if len(cp.segs) != len(segs) {
			continue
		}
		ok := true
		for i, s := range cp.segs {
			if !strings.HasPrefix(s, "{") && s != segs[i] {
				ok = false
				break
			}
		}
		if ok && cp.literal > bestLit {
			best, bestLit = cp.template, cp.literal
		}
	}
	return best, bestLit >= 0
}

// CheckContract checks one answer of the router (a request of method to
// target) against the document the router serves, failing the test on each
// problem.
func CheckContract(t testing.TB, h http.Handler, method, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	where, problems := ContractProblems(h, method, target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
	for _, p := range problems {
		if name := os.Getenv("JIXIAO_CONTRACT_OBSERVE"); name != "" {
			observe(name, "ERR\t"+where+"\t"+p)
			continue
		}
		t.Errorf("contract: %s: %s", where, p)
	}
}

// ContractProblems answers what in one answer (status, Content-Type, body)
// to a request of method to target differs from the document h serves, and
// the operation and status it was checked as. Answers outside /api/, not
// JSON, or of no operation of the document are not checked.
func ContractProblems(h http.Handler, method, target string, status int, contentType string, body []byte) (where string, problems []string) {
	path, _, _ := strings.Cut(target, "?")
	if !strings.HasPrefix(path, "/api/") || !strings.HasPrefix(contentType, "application/json") {
		return "", nil
	}
	doc, err := loadContract(h)
	if err != nil {
		return "", []string{err.Error()}
	}
	tmpl, ok := doc.match(path)
	if !ok {
		return "", nil // not an operation of the document: the route test reports it
	}
	where = fmt.Sprintf("%s %s → %d", method, tmpl, status)
	opRaw := asMap(asMap(asMap(doc.root["paths"])[tmpl])[strings.ToLower(method)])
	if opRaw == nil {
		return where, nil
	}
	if name := os.Getenv("JIXIAO_CONTRACT_OBSERVE"); name != "" {
		observe(name, "OP\t"+where)
	}
	resp, ok := asMap(opRaw["responses"])[strconv.Itoa(status)]
	if !ok {
		if status < 300 {
			return where, []string{"the status is not documented"}
		}
		return where, nil // an undocumented refusal: its body is the error shape, checked where documented
	}
	ptr := "#/paths/" + escapePointer(tmpl) + "/" + strings.ToLower(method) + "/responses/" + strconv.Itoa(status)
	respMap, ptr := doc.deref(resp, ptr)
	media := asMap(asMap(respMap["content"])["application/json"])
	if media == nil {
		if len(body) > 0 {
			return where, []string{"a JSON body the document does not describe"}
		}
		return where, nil
	}
	if status == http.StatusNoContent || len(body) == 0 {
		return where, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return where, []string{"not JSON: " + err.Error()}
	}
	doc.validate(v, media["schema"], ptr+"/content/application~1json/schema", "$", &problems, true)
	return where, problems
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func observe(name, line string) {
	observeMu.Lock()
	defer observeMu.Unlock()
	if observeFile == nil && observeFileErr == nil {
		observeFile, observeFileErr = os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	}
	if observeFile != nil {
		_, _ = observeFile.WriteString(line + "\n")
	}
}

// deref follows a local $ref ("#/components/…"), answering the schema and
// its place in the document.
func (d *contractDoc) deref(s any, ptr string) (map[string]any, string) {
	for i := 0; i < 16; i++ { // bounded: refs to refs are few
		m, _ := s.(map[string]any)
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, ptr
		}
		var cur any = d.root
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			cm, _ := cur.(map[string]any)
			cur = cm[part]
		}
		s, ptr = cur, ref
	}
	return nil, ptr
}

// properties answers every property a schema names, its allOf parts' included.
func (d *contractDoc) properties(s map[string]any, into map[string]bool) {
	for k := range asMap(s["properties"]) {
		into[k] = true
	}
	for _, part := range asSlice(s["allOf"]) {
		pm, _ := d.deref(part, "")
		d.properties(pm, into)
	}
}

// open reports whether an object of the schema may carry properties it does
// not name: additionalProperties given, or no properties named at all.
func (d *contractDoc) open(s map[string]any) bool {
	if ap, ok := s["additionalProperties"]; ok {
		return ap != false
	}
	if s["properties"] != nil {
		return false
	}
	for _, part := range asSlice(s["allOf"]) {
		pm, _ := d.deref(part, "")
		if !d.open(pm) {
			return false
		}
	}
	return true
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asSlice(v any) []any        { s, _ := v.([]any); return s }

// validate checks v against schema s (at ptr in the document), adding one
// line per problem at the JSON path at. top says whether unknown properties
// are checked here (allOf parts leave that to the whole).
func (d *contractDoc) validate(v, s any, ptr, at string, problems *[]string, top bool) {
	sm, ptr := d.deref(s, ptr)
	if sm == nil {
		return
	}
	if v == nil {
		// OpenAPI 3.0: null is a value of a schema with nullable, or of one
		// that names no type (any value) and whose allOf parts allow it
		if sm["nullable"] == true {
			return
		}
		if _, typed := sm["type"]; typed || len(asSlice(sm["enum"])) > 0 {
			*problems = append(*problems, at+": null, and the schema is not nullable ("+ptr+")")
			return
		}
		for i, part := range asSlice(sm["allOf"]) {
			d.validate(v, part, ptr+"/allOf/"+strconv.Itoa(i), at, problems, false)
		}
		return
	}
	for i, part := range asSlice(sm["allOf"]) {
		d.validate(v, part, ptr+"/allOf/"+strconv.Itoa(i), at, problems, false)
	}
	if parts := asSlice(sm["oneOf"]); len(parts) > 0 {
		matched := 0
		for i, part := range parts {
			var own []string
			d.validate(v, part, ptr+"/oneOf/"+strconv.Itoa(i), at, &own, true)
			if len(own) == 0 {
				matched++
			}
		}
		if matched != 1 {
			*problems = append(*problems, fmt.Sprintf("%s: matches %d of the %d oneOf schemas, not exactly one (%s)", at, matched, len(parts), ptr))
		}
	}
	if enum := asSlice(sm["enum"]); len(enum) > 0 {
		found := false
		for _, e := range enum {
			if fmt.Sprint(e) == fmt.Sprint(v) {
				found = true
			}
		}
		if !found {
			*problems = append(*problems, fmt.Sprintf("%s: %v is not in the enum (%s)", at, v, ptr))
		}
	}
	typ, _ := sm["type"].(string)
	switch x := v.(type) {
	case map[string]any:
		if typ != "" && typ != "object" {
			*problems = append(*problems, at+": an object where the schema says "+typ+" ("+ptr+")")
			return
		}
		d.validateObject(x, sm, ptr, at, problems, top)
	case []any:
		if typ != "" && typ != "array" {
			*problems = append(*problems, at+": an array where the schema says "+typ+" ("+ptr+")")
			return
		}
		for i, item := range x {
			if items, ok := sm["items"]; ok {
				d.validate(item, items, ptr+"/items", at+"["+strconv.Itoa(i)+"]", problems, true)
			}
		}
	case string:
		if typ != "" && typ != "string" {
			*problems = append(*problems, at+": a string where the schema says "+typ+" ("+ptr+")")
		}
	case bool:
		if typ != "" && typ != "boolean" {
			*problems = append(*problems, at+": a boolean where the schema says "+typ+" ("+ptr+")")
		}
	case json.Number:
		_, intErr := x.Int64()
		if typ != "" && typ != "number" && (typ != "integer" || intErr != nil) {
			*problems = append(*problems, at+": the number "+x.String()+" where the schema says "+typ+" ("+ptr+")")
		}
	}
}

func (d *contractDoc) validateObject(x map[string]any, sm map[string]any, ptr, at string, problems *[]string, top bool) {
	props := asMap(sm["properties"])
	if len(props) > 0 {
		if name := os.Getenv("JIXIAO_CONTRACT_OBSERVE"); name != "" {
			var present []string
			for k := range props {
				if _, ok := x[k]; ok {
					present = append(present, k)
				}
			}
			sort.Strings(present)
			observe(name, "OBJ\t"+ptr+"\t"+strings.Join(present, ","))
		}
	}
	for _, r := range asSlice(sm["required"]) {
		if _, ok := x[r.(string)]; !ok {
			*problems = append(*problems, fmt.Sprintf("%s: the required property %q is missing (%s)", at, r, ptr))
		}
	}
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ps, ok := props[k]; ok {
			d.validate(x[k], ps, ptr+"/properties/"+escapePointer(k), at+"."+k, problems, true)
		}
	}
	if ap, ok := sm["additionalProperties"].(map[string]any); ok {
		for _, k := range keys {
			if _, named := props[k]; !named {
				d.validate(x[k], ap, ptr+"/additionalProperties", at+"."+k, problems, true)
			}
		}
	}
	if !top || d.open(sm) {
		return
	}
	known := map[string]bool{}
	d.properties(sm, known)
	for _, k := range keys {
		if !known[k] {
			*problems = append(*problems, fmt.Sprintf("%s: the property %q is not in the document (%s)", at, k, ptr))
		}
	}
}
