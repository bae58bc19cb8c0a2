package user

import (
	"errors"
	"unicode"
	"unicode/utf8"
)

// Password policy: at least MinPasswordLength characters from at least
// three of four classes (lower case, upper case, digits, others).
const (
	MinPasswordLength = 8
	// MaxPasswordLength bounds the work of hashing (bytes).
	MaxPasswordLength = 128
)

// ErrWeakPassword is returned by ValidatePassword; its text is for people.
var ErrWeakPassword = errors.New("密码至少 8 位，且须包含大写字母、小写字母、数字、其他符号中的至少三类")

// ErrLongPassword is returned for a password longer than MaxPasswordLength bytes.
var ErrLongPassword = errors.New("密码不能超过 128 个字节")

// ValidatePassword checks a new password against the policy.
func ValidatePassword(pw string) error {
	if len(pw) > MaxPasswordLength {
		return ErrLongPassword
	}
	if !utf8.ValidString(pw) || utf8.RuneCountInString(pw) < MinPasswordLength {
		return ErrWeakPassword
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsControl(r):
			return ErrWeakPassword
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			classes++
		}
	}
	if classes < 3 {
		return ErrWeakPassword
	}
	return nil
}
