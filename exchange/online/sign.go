package online

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Signature headers.
const (
	HeaderKeyID     = "X-Hedui-Key-Id"
	HeaderTimestamp = "X-Hedui-Timestamp"
	HeaderSignature = "X-Hedui-Signature"
)

// Ed25519Prefix starts the id of every Ed25519 key; other ids name HMAC
// secrets.
const Ed25519Prefix = "ed25519:"

// MinHMACSecret is the shortest accepted shared secret, in bytes.
const MinHMACSecret = 32

// signingString is what both algorithms sign (see the package doc).
func signingString(method, path string, ts int64, body []byte) []byte {
	sum := sha256.Sum256(body)
	return []byte(method + "\n" + path + "\n" + strconv.FormatInt(ts, 10) + "\n" + hex.EncodeToString(sum[:]))
}

func hmacSum(secret, msg []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(msg)
	return m.Sum(nil)
}

// checkKeyID keeps key ids to what an HTTP header can carry unchanged, and
// ties the algorithm to the id so both ends agree on it by configuration.
func checkKeyID(keyID string, ed bool) error {
	if keyID == "" || len(keyID) > 128 {
		return errors.New("online: key id must have 1 to 128 characters")
	}
	for i := 0; i < len(keyID); i++ {
		if c := keyID[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("online: key id %q has a character outside printable ASCII", keyID)
		}
	}
	if ed != strings.HasPrefix(keyID, Ed25519Prefix) {
		if ed {
			return fmt.Errorf("online: Ed25519 key id %q must start with %q", keyID, Ed25519Prefix)
		}
		return fmt.Errorf("online: HMAC key id %q must not start with %q", keyID, Ed25519Prefix)
	}
	return nil
}

// Signer signs outgoing requests, responses and callbacks with one key.
type Signer struct {
	keyID  string
	ed     ed25519.PrivateKey // set for Ed25519 keys
	secret []byte             // set for HMAC keys

	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
}

// NewEd25519Signer signs with an Ed25519 private key; keyID must start with
// "ed25519:".
func NewEd25519Signer(keyID string, key ed25519.PrivateKey) (*Signer, error) {
	if err := checkKeyID(keyID, true); err != nil {
		return nil, err
	}
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("online: Ed25519 private key has %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	return &Signer{keyID: keyID, ed: key}, nil
}

// NewHMACSigner signs with an HMAC-SHA256 shared secret of at least
// MinHMACSecret bytes.
func NewHMACSigner(keyID string, secret []byte) (*Signer, error) {
	if err := checkKeyID(keyID, false); err != nil {
		return nil, err
	}
	if len(secret) < MinHMACSecret {
		return nil, fmt.Errorf("online: HMAC secret has %d bytes, want at least %d", len(secret), MinHMACSecret)
	}
	return &Signer{keyID: keyID, secret: append([]byte(nil), secret...)}, nil
}

// KeyID is the id sent in X-Hedui-Key-Id.
func (s *Signer) KeyID() string { return s.keyID }

func (s *Signer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Sign returns the base64 signature of a message at timestamp ts.
func (s *Signer) Sign(method, path string, ts int64, body []byte) string {
	msg := signingString(method, path, ts, body)
	var sig []byte
	if s.ed != nil {
		sig = ed25519.Sign(s.ed, msg)
	} else {
		sig = hmacSum(s.secret, msg)
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// SignHeader sets the three signature headers on h for a message with the
// given method, path and body, timestamped now. For a response, method and
// path are those of the request it answers.
func (s *Signer) SignHeader(h http.Header, method, path string, body []byte) {
	ts := s.now().Unix()
	h.Set(HeaderKeyID, s.keyID)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	h.Set(HeaderSignature, s.Sign(method, path, ts, body))
}

// SignRequest signs an outgoing request whose body is body.
func (s *Signer) SignRequest(r *http.Request, body []byte) {
	s.SignHeader(r.Header, r.Method, r.URL.EscapedPath(), body)
}
