package report

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
)

// maxNumberLength bounds the text of a number, in bytes.
const maxNumberLength = 40

// Why ParseNumber refuses a text; each error's text is the Chinese message
// for the field.
var (
	ErrNumberForm    = errors.New("请填写普通小数，例如 18000 或 95.5（不接受科学计数法、NaN、Infinity）")
	ErrNegativeZero  = errors.New("不能填写 -0")
	ErrNumberTooLong = errors.New("数字过长")
)

// ParseNumber reads a number as people and the API write it (domain
// reference §3): digits with an optional fraction ("18000", "95.5") and an
// optional leading minus, so that a negative value can be named as such by
// validation. Exponent forms ("1.8E4"), "-0", NaN, Infinity, a plus sign,
// spaces and separators are refused.
func ParseNumber(s string) (decimal.Decimal, error) {
	if len(s) > maxNumberLength {
		return decimal.Decimal{}, ErrNumberTooLong
	}
	body := s
	neg := len(body) > 0 && body[0] == '-'
	if neg {
		body = body[1:]
	}
	dot, digits := false, 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(body)-1:
			dot = true
		default:
			return decimal.Decimal{}, ErrNumberForm
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, ErrNumberForm
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, ErrNumberForm
	}
	if neg && d.IsZero() {
		return decimal.Decimal{}, ErrNegativeZero
	}
	return d, nil
}

// FormatNumber is d.String(): the decimal package's form of a number
// (trailing fractional zeros trimmed, as its JSON carries it), made without
// big-integer arithmetic when the coefficient fits in an int64. Evaluations
// print thousands of numbers into their explanations.
func FormatNumber(d decimal.Decimal) string {
	var buf [24]byte
	return string(AppendNumber(buf[:0], d))
}

// AppendNumber appends FormatNumber(d) to dst.
func AppendNumber(dst []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if !decimal.TrimTrailingZeros || decimal.UseScientificNotation || exp < -18 || d.NumDigits() > 18 {
		return append(dst, d.String()...)
	}
	c := d.CoefficientInt64()
	if c == 0 {
		return append(dst, '0')
	}
	if exp >= 0 {
		dst = strconv.AppendInt(dst, c, 10)
		for range exp {
			dst = append(dst, '0')
		}
		return dst
	}
	if c < 0 {
		dst = append(dst, '-')
		c = -c
	}
	var buf [20]byte
	digits := strconv.AppendUint(buf[:0], uint64(c), 10)
	places := int(-exp)
	end := len(digits) // of the fraction, its trailing zeros trimmed
	for end > 0 && len(digits)-end < places && digits[end-1] == '0' {
		end--
	}
	if len(digits) > places { // an integer part
		dst = append(dst, digits[:len(digits)-places]...)
		if end > len(digits)-places {
			dst = append(dst, '.')
			dst = append(dst, digits[len(digits)-places:end]...)
		}
		return dst
	}
	dst = append(dst, '0', '.')
	for range places - len(digits) {
		dst = append(dst, '0')
	}
	return append(dst, digits[:end]...)
}

// FormatFixed is d.StringFixed(places) (rounded half away from zero, and
// exactly that many places), made without big-integer arithmetic when no
// rounding is needed and the digits fit in an int64.
func FormatFixed(d decimal.Decimal, places int32) string {
	exp := d.Exponent()
	if places < 0 || places > 18 || exp < -places || d.NumDigits()+int(exp+places) > 18 {
		return d.StringFixed(places)
	}
	c := d.CoefficientInt64()
	for range exp + places {
		c *= 10
	}
	var buf [24]byte
	dst := buf[:0]
	if c < 0 {
		dst = append(dst, '-')
		c = -c
	}
	var dbuf [20]byte
	digits := strconv.AppendUint(dbuf[:0], uint64(c), 10)
	if places == 0 {
		return string(append(dst, digits...))
	}
	if len(digits) <= int(places) {
		dst = append(dst, '0', '.')
		for range int(places) - len(digits) {
			dst = append(dst, '0')
		}
		return string(append(dst, digits...))
	}
	dst = append(dst, digits[:len(digits)-int(places)]...)
	dst = append(dst, '.')
	return string(append(dst, digits[len(digits)-int(places):]...))
}
