package user

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"jixiao/domain/fields"
)

var (
	phonePattern = regexp.MustCompile(`^[0-9+ -]{0,20}$`)
	emailPattern = regexp.MustCompile(`^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{1,63}$`)
)

// validateContact checks the personal data an account may carry.
func validateContact(a Account, p fields.Problems) {
	if !phonePattern.MatchString(a.Phone) {
		p.Add("phone", "电话只能由数字、空格、加号和连字符组成，不超过 20 位")
	}
	if a.Email != "" && (len(a.Email) > 254 || !emailPattern.MatchString(a.Email)) {
		p.Add("email", "电子邮箱格式不正确")
	}
}

// Contact is a user's personal data as one caller may see it.
type Contact struct {
	Username    string
	DisplayName string
	Phone       string
	Email       string
	// Masked tells that the fields above are masked for this caller.
	Masked bool
}

// ContactOf is a's personal data, masked unless the caller manages users
// or is a itself.
func ContactOf(a Account, full bool) Contact {
	if full {
		return Contact{Username: a.Username, DisplayName: a.DisplayName, Phone: a.Phone, Email: a.Email}
	}
	return Contact{Username: a.Username, DisplayName: MaskName(a.DisplayName), Phone: MaskPhone(a.Phone), Email: MaskEmail(a.Email), Masked: true}
}

// MaskName keeps a name's first character and, from three characters on,
// its last: 张三 → 张*, 欧阳明 → 欧*明.
func MaskName(s string) string {
	r := []rune(s)
	switch {
	case len(r) == 0:
		return ""
	case len(r) == 1:
		return "*"
	case len(r) == 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}

// MaskPhone keeps the first three and last four digits of a long number
// (138****5678) and only the last two of a short one.
func MaskPhone(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	switch {
	case digits == "":
		return ""
	case len(digits) >= 11:
		return digits[:3] + strings.Repeat("*", len(digits)-7) + digits[len(digits)-4:]
	case len(digits) > 2:
		return strings.Repeat("*", len(digits)-2) + digits[len(digits)-2:]
	}
	return strings.Repeat("*", len(digits))
}

// MaskEmail keeps the first character of the local part and the domain:
// zhangsan@example.cn → z***@example.cn.
func MaskEmail(s string) string {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" {
		if s == "" {
			return ""
		}
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(local)
	return string(first) + "***@" + domain
}
