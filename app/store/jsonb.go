package store

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/report"
)

// appendJSONB appends v as PostgreSQL prints (jsonb_out) the jsonb value
// that json.Marshal(v) stores: object keys shortest first and then
// bytewise, ", " and ": " between items, strings escaped the way jsonb
// escapes them (only quotes, backslashes and control characters; no HTML
// escapes). Comparing it with a stored jsonb column read as text tells
// whether storing v would change the column, without decoding the stored
// value; and since PostgreSQL parses it into the same value as
// json.Marshal's output, it may be stored in its place.
//
// It knows the kinds the evaluation is made of: structs (exported fields,
// json tag names and omitempty, no embedded structs), pointers, slices,
// arrays, strings, bools, integers and decimal.Decimal; for any other kind
// (floats, maps, interfaces, other json.Marshalers) it returns an error
// rather than guess.
func appendJSONB(dst []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	enc, err := jsonbEncoderOf(rv.Type())
	if err != nil {
		return dst, err
	}
	return enc(dst, rv)
}

type jsonbEncoder func(dst []byte, v reflect.Value) ([]byte, error)

// errJSONBUnsupported: a type appendJSONB does not know.
var errJSONBUnsupported = errors.New("jsonb text: unsupported type")

var (
	jsonbEncoders   sync.Map // reflect.Type → jsonbEncoder
	jsonbBuilding   sync.Mutex
	decimalType     = reflect.TypeFor[decimal.Decimal]()
	marshalerType   = reflect.TypeFor[json.Marshaler]()
	textMarshalType = reflect.TypeFor[encoding.TextMarshaler]()
)

func jsonbEncoderOf(t reflect.Type) (jsonbEncoder, error) {
	if e, ok := jsonbEncoders.Load(t); ok {
		return e.(jsonbEncoder), nil
	}
	jsonbBuilding.Lock()
	defer jsonbBuilding.Unlock()
	return buildJSONBEncoder(t, map[reflect.Type]bool{})
}

// buildJSONBEncoder builds and caches t's encoder; seen holds the types
// being built, to refuse a recursive type.
func buildJSONBEncoder(t reflect.Type, seen map[reflect.Type]bool) (jsonbEncoder, error) {
	if e, ok := jsonbEncoders.Load(t); ok {
		return e.(jsonbEncoder), nil
	}
	if seen[t] {
		return nil, fmt.Errorf("%w: recursive type %s", errJSONBUnsupported, t)
	}
	seen[t] = true
	enc, err := newJSONBEncoder(t, seen)
	if err != nil {
		return nil, err
	}
	jsonbEncoders.Store(t, enc)
	return enc, nil
}

func newJSONBEncoder(t reflect.Type, seen map[reflect.Type]bool) (jsonbEncoder, error) {
	switch {
	case t == decimalType:
		return appendDecimalJSONB, nil
	case t.Kind() == reflect.Pointer: // nil is null, like a nil Marshaler pointer
		elem, err := buildJSONBEncoder(t.Elem(), seen)
		if err != nil {
			return nil, err
		}
		return func(dst []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(dst, "null"...), nil
			}
			return elem(dst, v.Elem())
		}, nil
	case t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) ||
		t.Implements(textMarshalType) || reflect.PointerTo(t).Implements(textMarshalType):
		return nil, fmt.Errorf("%w: %s marshals itself", errJSONBUnsupported, t)
	}
	switch t.Kind() {
	case reflect.String:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return appendJSONBString(dst, v.String()), nil }, nil
	case reflect.Bool:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendBool(dst, v.Bool()), nil }, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendInt(dst, v.Int(), 10), nil }, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendUint(dst, v.Uint(), 10), nil }, nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, fmt.Errorf("%w: %s (base64)", errJSONBUnsupported, t)
		}
		elem, err := buildJSONBEncoder(t.Elem(), seen)
		if err != nil {
			return nil, err
		}
		slice := t.Kind() == reflect.Slice
		return func(dst []byte, v reflect.Value) ([]byte, error) {
			if slice && v.IsNil() {
				return append(dst, "null"...), nil
			}
			dst = append(dst, '[')
			var err error
			for i := range v.Len() {
				if i > 0 {
					dst = append(dst, ", "...)
				}
				if dst, err = elem(dst, v.Index(i)); err != nil {
					return dst, err
				}
			}
			return append(dst, ']'), nil
		}, nil
	case reflect.Struct:
		return newStructJSONBEncoder(t, seen)
	}
	return nil, fmt.Errorf("%w: %s", errJSONBUnsupported, t)
}

type jsonbField struct {
	index     int
	name      string
	key       []byte // `"Name": ` escaped
	omitEmpty bool
	enc       jsonbEncoder
}

func newStructJSONBEncoder(t reflect.Type, seen map[reflect.Type]bool) (jsonbEncoder, error) {
	var fields []jsonbField
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil, fmt.Errorf("%w: embedded field %s.%s", errJSONBUnsupported, t, f.Name)
		}
		if !f.IsExported() {
			continue
		}
		name, omitEmpty := f.Name, false
		if tag, ok := f.Tag.Lookup("json"); ok {
			if tag == "-" {
				continue
			}
			tagName, opts, _ := strings.Cut(tag, ",")
			for o := range strings.SplitSeq(opts, ",") {
				switch o {
				case "":
				case "omitempty":
					omitEmpty = true
				default:
					return nil, fmt.Errorf("%w: json option %q of %s.%s", errJSONBUnsupported, o, t, f.Name)
				}
			}
			if tagName != "" {
				name = tagName
			}
		}
		if names[name] {
			return nil, fmt.Errorf("%w: two fields named %q in %s", errJSONBUnsupported, name, t)
		}
		names[name] = true
		enc, err := buildJSONBEncoder(f.Type, seen)
		if err != nil {
			return nil, err
		}
		key := append(appendJSONBString(nil, name), ": "...)
		fields = append(fields, jsonbField{index: i, name: name, key: key, omitEmpty: omitEmpty, enc: enc})
	}
	// jsonb's key order: shorter keys first, then bytewise
	slices.SortFunc(fields, func(a, b jsonbField) int {
		if len(a.name) != len(b.name) {
			return len(a.name) - len(b.name)
		}
		return strings.Compare(a.name, b.name)
	})
	return func(dst []byte, v reflect.Value) ([]byte, error) {
		dst = append(dst, '{')
		first := true
		var err error
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && jsonEmpty(fv) {
				continue
			}
			if !first {
				dst = append(dst, ", "...)
			}
			first = false
			dst = append(dst, f.key...)
			if dst, err = f.enc(dst, fv); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}, nil
}

// jsonEmpty is encoding/json's notion of empty for omitempty.
func jsonEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendJSONBString appends s quoted as jsonb prints a string: the value
// json.Marshal stores (invalid UTF-8 replaced by U+FFFD), escaping only the
// quote, the backslash and control characters.
func appendJSONBString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	if plainJSONBString(s) {
		dst = append(dst, s...)
		return append(dst, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, "\uFFFD"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		if c >= ' ' && c != '"' && c != '\\' {
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainJSONBString tells whether s is valid UTF-8 without a quote,
// backslash or control character: printed by jsonb as it is.
func plainJSONBString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// appendDecimalJSONB appends a decimal as jsonb prints what its MarshalJSON
// gives: a string of d.String(), or with decimal.MarshalJSONWithoutQuotes a
// number (printed by PostgreSQL as written, unless in scientific notation).
func appendDecimalJSONB(dst []byte, v reflect.Value) ([]byte, error) {
	d, _ := reflect.TypeAssert[decimal.Decimal](v) // without the copy Interface makes
	if decimal.MarshalJSONWithoutQuotes {
		if decimal.UseScientificNotation {
			return dst, fmt.Errorf("%w: decimals as numbers in scientific notation", errJSONBUnsupported)
		}
		return report.AppendNumber(dst, d), nil
	}
	dst = append(dst, '"')
	dst = report.AppendNumber(dst, d)
	return append(dst, '"'), nil
}
