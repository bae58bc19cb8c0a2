package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters (RFC 6238): 30-second steps, 6 digits, HMAC-SHA1, as
// every authenticator app reads them from the QR code.
const (
	TOTPPeriod = 30
	totpIssuer = "Jixiao 绩效"
	// totpSkew is how many steps either side of now a code may come from
	// (a phone's clock a little off).
	totpSkew = 1
	// RecoveryCodeCount is how many one-time recovery codes enrolment gives.
	RecoveryCodeCount = 10
)

var totpOpts = totp.ValidateOpts{Period: TOTPPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPKey is a new second-factor secret as enrolment shows it, once.
type TOTPKey struct {
	Secret string // base32, for typing into an app
	URL    string // otpauth:// URL the QR code holds
	QRPNG  []byte // the QR code as a PNG image
}

// NewTOTPKey makes a random 160-bit secret for account.
func NewTOTPKey(account string) (TOTPKey, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: account, Period: TOTPPeriod,
		SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPKey{}, fmt.Errorf("new totp key: %w", err)
	}
	img, err := k.Image(256, 256)
	if err != nil {
		return TOTPKey{}, fmt.Errorf("totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return TOTPKey{}, fmt.Errorf("totp qr code: %w", err)
	}
	return TOTPKey{Secret: k.Secret(), URL: k.URL(), QRPNG: buf.Bytes()}, nil
}

// DataURL is the QR code as a data: URL for an <img>.
func (k TOTPKey) DataURL() string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(k.QRPNG)
}

// TOTPCode is the code of secret at t (for tests and tools).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// TOTPStep is the 30-second step t falls in.
func TOTPStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// MatchTOTP finds the step, within the skew around now and after
// lastStep, whose code is code; ok is false when there is none. A code of
// a step at or before lastStep (already used) never matches, so each code
// is good once.
func MatchTOTP(secret, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		s := TOTPStep(now) + d
		if s <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*TOTPPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewRecoveryCodes returns RecoveryCodeCount one-time codes of 80 random
// bits each, written xxxx-xxxx-xxxx-xxxx.
func NewRecoveryCodes() ([]string, error) {
	out := make([]string, RecoveryCodeCount)
	for i := range out {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		s := strings.ToLower(recoveryEncoding.EncodeToString(b))
		out[i] = s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
	}
	return out, nil
}

// HashRecoveryCode is what storage keeps of a recovery code: the SHA-256
// of its letters and digits in lower case, so that case, spaces and
// hyphens as typed do not matter.
func HashRecoveryCode(code string) []byte {
	norm := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '2' && r <= '7':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return -1
	}, code)
	h := sha256.Sum256([]byte("jixiao-recovery:" + norm))
	return h[:]
}

// LooksLikeRecoveryCode tells a recovery code from a 6-digit TOTP code.
func LooksLikeRecoveryCode(code string) bool {
	return len(strings.TrimSpace(code)) > 6
}
