package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SecretKeySize is the length of JIXIAO_SECRET_KEY in bytes (AES-256).
const SecretKeySize = 32

// Errors of sealed secrets.
var (
	// ErrNoSecretKey: a secret must be sealed or opened but no key is set.
	ErrNoSecretKey = errors.New("JIXIAO_SECRET_KEY is not set")
	// ErrSealed: a sealed secret does not open with the key (another key,
	// another owner, or changed bytes).
	ErrSealed = errors.New("sealed secret does not open with this key")
)

// sealVersion is the first byte of a sealed secret: AES-256-GCM, then the
// key id (4 bytes), the 12-byte nonce and the ciphertext with its tag.
const sealVersion = 1

// SecretBox seals small secrets (TOTP keys) for storage with AES-256-GCM.
// The additional data names the owner, so a sealed secret copied to another
// row does not open there.
type SecretBox struct {
	aead  cipher.AEAD
	keyID [4]byte
}

// ParseSecretKey reads a key of SecretKeySize bytes written as 64 hex
// digits or as standard or URL base64 (e.g. from "openssl rand -hex 32").
func ParseSecretKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, decode := range []func(string) ([]byte, error){
		hex.DecodeString, base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString,
	} {
		if k, err := decode(s); err == nil && len(k) == SecretKeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("JIXIAO_SECRET_KEY must be %d bytes as 64 hex digits or base64 (openssl rand -hex 32)", SecretKeySize)
}

// NewSecretKey returns a fresh random key as 64 hex digits.
func NewSecretKey() (string, error) {
	k := make([]byte, SecretKeySize)
	if _, err := rand.Read(k); err != nil {
		return "", err
	}
	return hex.EncodeToString(k), nil
}

// NewSecretBox makes a box for a key of SecretKeySize bytes.
func NewSecretBox(key []byte) (*SecretBox, error) {
	if len(key) != SecretKeySize {
		return nil, fmt.Errorf("secret key: want %d bytes, got %d", SecretKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	b := &SecretBox{aead: aead}
	id := sha256.Sum256(append([]byte("jixiao-key-id:"), key...))
	copy(b.keyID[:], id[:4])
	return b, nil
}

// Seal encrypts plaintext for owner.
func (b *SecretBox) Seal(plaintext []byte, owner string) ([]byte, error) {
	if b == nil {
		return nil, ErrNoSecretKey
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out := append([]byte{sealVersion}, b.keyID[:]...)
	out = append(out, nonce...)
	return b.aead.Seal(out, nonce, plaintext, []byte(owner)), nil
}

// CSRFDigest is what storage keeps of a CSRF token: the hex SHA-256, so
// that a read of the sessions table gives no usable token.
func CSRFDigest(token string) string {
	h := sha256.Sum256([]byte("jixiao-csrf:" + token))
	return hex.EncodeToString(h[:])
}

// TOTPOwner is what a user's sealed TOTP secret is bound to.
func TOTPOwner(userID int64) string { return "jixiao-totp:" + strconv.FormatInt(userID, 10) }

// Open decrypts what Seal sealed for owner.
func (b *SecretBox) Open(sealed []byte, owner string) ([]byte, error) {
	if b == nil {
		return nil, ErrNoSecretKey
	}
	head := 1 + len(b.keyID) + b.aead.NonceSize()
	if len(sealed) < head+b.aead.Overhead() || sealed[0] != sealVersion {
		return nil, ErrSealed
	}
	nonce := sealed[1+len(b.keyID) : head]
	plain, err := b.aead.Open(nil, nonce, sealed[head:], []byte(owner))
	if err != nil {
		return nil, ErrSealed
	}
	return plain, nil
}
