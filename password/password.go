// Package password hashes and checks login passwords with argon2id, in the
// PHC string format so that parameters can be raised later without breaking
// existing hashes.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// Default follows the OWASP recommendation for argon2id (19 MiB, 2 passes):
// about 20 ms on the office servers this runs on, cheap for one login and
// expensive for a guesser.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// MinLength is the shortest password accepted.
const MinLength = 8

// ErrMismatch is returned by Check for a wrong password.
var ErrMismatch = errors.New("password: mismatch")

// Hash returns the PHC-format argon2id hash of pw.
func Hash(pw string, p Params) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic("password: no randomness: " + err.Error())
	}
	sum := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(sum))
}

// Check reports whether pw matches the hash: nil, ErrMismatch, or an error
// for a hash it cannot read.
func Check(pw, hash string) error {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("password: not an argon2id hash")
	}
	var ver int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &ver); err != nil || ver != argon2.Version {
		return errors.New("password: unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return errors.New("password: bad parameters")
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return errors.New("password: bad salt")
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return errors.New("password: bad digest")
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// Acceptable returns a Chinese reason when pw is too weak to set, or "".
func Acceptable(pw string) string {
	if utf8.RuneCountInString(pw) < MinLength {
		return fmt.Sprintf("密码至少需要%d位", MinLength)
	}
	if len(pw) > 256 {
		return "密码过长"
	}
	return ""
}
