package report

import (
	"errors"

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
