// Package auth holds the adapters of authentication and authorization:
// password hashing (argon2id, bcrypt read too), session tokens, and the
// casbin enforcer of the embedded role policy.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"

	"jixiao/domain/user"
)

// Argon2id parameters: OWASP's minimum configuration (19 MiB, 2 passes,
// one lane), about 20–40 ms per hash on a server core.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// ErrMismatch is a password that does not match its hash.
var ErrMismatch = errors.New("password does not match")

var b64 = base64.RawStdEncoding

// HashPassword hashes a password with argon2id into the PHC string form
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword checks a password against an argon2id hash (PHC form, any
// parameters) or a bcrypt hash ($2a$, $2b$, $2y$, e.g. imported from another
// system). It returns ErrMismatch when it does not match.
func VerifyPassword(hash, password string) error {
	switch {
	case strings.HasPrefix(hash, "$argon2id$"):
		return verifyArgon2id(hash, password)
	case strings.HasPrefix(hash, "$2a$"), strings.HasPrefix(hash, "$2b$"), strings.HasPrefix(hash, "$2y$"):
		err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
		if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return ErrMismatch
		}
		if err != nil {
			return fmt.Errorf("verify password: %w", err)
		}
		return nil
	}
	return fmt.Errorf("verify password: unknown hash format")
}

func verifyArgon2id(hash, password string) error {
	parts := strings.Split(hash, "$") // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 {
		return fmt.Errorf("verify password: malformed argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return fmt.Errorf("verify password: argon2id version %q", parts[2])
	}
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return fmt.Errorf("verify password: argon2id parameters %q", parts[3])
	}
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 || time == 0 || threads == 0 {
		return fmt.Errorf("verify password: malformed argon2id hash")
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrMismatch
	}
	return nil
}

// dummyHash is verified against when the username is unknown, so that a
// failed login takes as long whether or not the user exists.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword(rand.Text())
	if err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return h
})

// VerifyNobody spends the time of one verification and always fails.
func VerifyNobody(password string) error {
	_ = VerifyPassword(dummyHash(), password)
	return ErrMismatch
}

// NewPasswordHash checks a new password against the policy and hashes it.
// A password that fails the policy is a *user.ValidationError on "password".
func NewPasswordHash(password string) (string, error) {
	if err := user.ValidatePassword(password); err != nil {
		return "", user.FieldError("password", err.Error())
	}
	return HashPassword(password)
}
