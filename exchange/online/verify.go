package online

import (
	"crypto/ed25519"
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// DefaultReplayWindow is how far a timestamp may be from the verifier's
// clock, either way.
const DefaultReplayWindow = 5 * time.Minute

// Verification errors. They are distinct so that a department's operator
// can tell a wrong key from a wrong clock.
var (
	ErrMissingSignature = errors.New("online: signature headers missing or malformed")
	ErrUnknownKey       = errors.New("online: unknown key id")
	ErrBadSignature     = errors.New("online: signature does not verify")
	ErrStaleTimestamp   = errors.New("online: timestamp outside the replay window")
)

type verifyKey struct {
	ed     ed25519.PublicKey
	secret []byte
}

// Verifier checks signatures against a set of known keys. Keys may be added
// and removed while it is in use, for rotation.
type Verifier struct {
	mu   sync.RWMutex
	keys map[string]verifyKey

	// Window is the replay window; zero means DefaultReplayWindow.
	Window time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewVerifier returns a verifier that knows no key yet.
func NewVerifier() *Verifier { return &Verifier{keys: map[string]verifyKey{}} }

// AddEd25519 registers a public key; keyID must start with "ed25519:".
func (v *Verifier) AddEd25519(keyID string, pub ed25519.PublicKey) error {
	if err := checkKeyID(keyID, true); err != nil {
		return err
	}
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("online: Ed25519 public key has %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	return v.add(keyID, verifyKey{ed: append(ed25519.PublicKey(nil), pub...)})
}

// AddHMAC registers a shared secret.
func (v *Verifier) AddHMAC(keyID string, secret []byte) error {
	if err := checkKeyID(keyID, false); err != nil {
		return err
	}
	if len(secret) < MinHMACSecret {
		return fmt.Errorf("online: HMAC secret has %d bytes, want at least %d", len(secret), MinHMACSecret)
	}
	return v.add(keyID, verifyKey{secret: append([]byte(nil), secret...)})
}

func (v *Verifier) add(keyID string, k verifyKey) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		v.keys = map[string]verifyKey{}
	}
	v.keys[keyID] = k
	return nil
}

// Remove forgets a key.
func (v *Verifier) Remove(keyID string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.keys, keyID)
}

// Verify checks the signature headers in h over a message with the given
// method, path and body, and returns the key id that signed it. The
// signature is checked before the timestamp, so ErrStaleTimestamp means a
// genuine message from a sender whose clock (or queue) is off.
func (v *Verifier) Verify(h http.Header, method, path string, body []byte) (string, error) {
	keyID, tsText, sigText := h.Get(HeaderKeyID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if keyID == "" || tsText == "" || sigText == "" {
		return "", ErrMissingSignature
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return "", fmt.Errorf("%w: timestamp %q", ErrMissingSignature, clean(tsText))
	}
	sig, err := base64.StdEncoding.DecodeString(sigText)
	if err != nil {
		return "", fmt.Errorf("%w: signature is not base64", ErrMissingSignature)
	}
	v.mu.RLock()
	k, ok := v.keys[keyID]
	v.mu.RUnlock()
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrUnknownKey, clean(keyID))
	}
	msg := signingString(method, path, ts, body)
	if k.ed != nil {
		ok = ed25519.Verify(k.ed, msg, sig)
	} else {
		ok = hmac.Equal(sig, hmacSum(k.secret, msg))
	}
	if !ok {
		return "", fmt.Errorf("%w (key %s)", ErrBadSignature, keyID)
	}
	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	window := v.Window
	if window <= 0 {
		window = DefaultReplayWindow
	}
	if skew := now.Sub(time.Unix(ts, 0)); skew > window || skew < -window {
		return "", fmt.Errorf("%w: %s off (key %s)", ErrStaleTimestamp, skew.Round(time.Second), keyID)
	}
	return keyID, nil
}

// VerifyRequest checks an incoming request whose body has been read into
// body. The path is the escaped path as received, so a handler must verify
// before any prefix is stripped.
func (v *Verifier) VerifyRequest(r *http.Request, body []byte) (string, error) {
	return v.Verify(r.Header, r.Method, r.URL.EscapedPath(), body)
}
