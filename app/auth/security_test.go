package auth_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"jixiao/app/auth"
)

func TestSecretBoxSealsForOneOwnerAndKey(t *testing.T) {
	hexKey, err := auth.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := auth.ParseSecretKey(hexKey)
	if err != nil {
		t.Fatal(err)
	}
	box, _ := auth.NewSecretBox(key)
	sealed, err := box.Seal([]byte("JBSWY3DPEHPK3PXP"), "jixiao-totp:7")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := box.Seal([]byte("JBSWY3DPEHPK3PXP"), "jixiao-totp:7")
	if bytes.Equal(sealed, again) || bytes.Contains(sealed, []byte("JBSWY3DPEHPK3PXP")) {
		t.Error("sealing is deterministic or shows the plaintext")
	}
	if p, err := box.Open(sealed, "jixiao-totp:7"); err != nil || string(p) != "JBSWY3DPEHPK3PXP" {
		t.Errorf("open: %q %v", p, err)
	}
	if _, err := box.Open(sealed, "jixiao-totp:8"); err == nil {
		t.Error("opened for another owner")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := box.Open(sealed, "jixiao-totp:7"); err == nil {
		t.Error("opened a changed ciphertext")
	}
	var nilBox *auth.SecretBox
	if _, err := nilBox.Seal([]byte("x"), "o"); err != auth.ErrNoSecretKey {
		t.Errorf("no key: %v", err)
	}
	for _, bad := range []string{"", "abcd", strings.Repeat("a", 63), strings.Repeat("zz", 32)} {
		if _, err := auth.ParseSecretKey(bad); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}

func TestTOTPCodesMatchOnceWithinTheirWindow(t *testing.T) {
	k, err := auth.NewTOTPKey("tester")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 7, 1, 9, 0, 10, 0, time.UTC)
	code, _ := auth.TOTPCode(k.Secret, now)
	step, ok := auth.MatchTOTP(k.Secret, code, now, 0)
	if !ok || step != auth.TOTPStep(now) {
		t.Fatalf("current code: %d %v", step, ok)
	}
	if _, ok := auth.MatchTOTP(k.Secret, code, now, step); ok {
		t.Error("a used step matched again")
	}
	if _, ok := auth.MatchTOTP(k.Secret, code, now.Add(30*time.Second), 0); !ok {
		t.Error("a code one step old (clock skew) was refused")
	}
	if _, ok := auth.MatchTOTP(k.Secret, code, now.Add(90*time.Second), 0); ok {
		t.Error("a code three steps old matched")
	}
	if _, ok := auth.MatchTOTP(k.Secret, "12345", now, 0); ok {
		t.Error("a 5-digit code matched")
	}
	if !strings.HasPrefix(k.URL, "otpauth://totp/") || len(k.QRPNG) < 100 {
		t.Errorf("key %s, %d bytes of PNG", k.URL, len(k.QRPNG))
	}
}

func TestRecoveryCodesAreTenDistinctAndHashAsTyped(t *testing.T) {
	codes, err := auth.NewRecoveryCodes()
	if err != nil || len(codes) != 10 {
		t.Fatalf("%v %v", codes, err)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 19 || seen[c] || !auth.LooksLikeRecoveryCode(c) {
			t.Errorf("code %q", c)
		}
		seen[c] = true
	}
	c := codes[0]
	if !bytes.Equal(auth.HashRecoveryCode(c), auth.HashRecoveryCode(" "+strings.ToUpper(strings.ReplaceAll(c, "-", ""))+" ")) {
		t.Error("case, spaces and hyphens change the hash")
	}
	if bytes.Equal(auth.HashRecoveryCode(codes[0]), auth.HashRecoveryCode(codes[1])) {
		t.Error("two codes hash alike")
	}
}
