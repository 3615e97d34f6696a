package online

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestVerify(t *testing.T) {
	body := []byte(`{"query_id":"Q-1"}`)
	for _, alg := range []struct {
		name string
		ed   bool
	}{{"ed25519", true}, {"hmac", false}} {
		good := newPair(t, alg.ed, "centre")
		other := newPair(t, alg.ed, "centre") // same key id, different key
		stranger := newPair(t, alg.ed, "stranger")
		tests := []struct {
			name   string
			signer *Signer
			at     time.Time // signing time
			method string
			path   string
			body   string
			strip  string // header to remove
			want   error
		}{
			{name: "good", signer: good.signer},
			{name: "clock 4m59s behind", signer: good.signer, at: testNow.Add(-4*time.Minute - 59*time.Second)},
			{name: "clock 4m ahead", signer: good.signer, at: testNow.Add(4 * time.Minute)},
			{name: "tampered body", signer: good.signer, body: `{"query_id":"Q-2"}`, want: ErrBadSignature},
			{name: "other path", signer: good.signer, path: "/other/queries", want: ErrBadSignature},
			{name: "other method", signer: good.signer, method: http.MethodPut, want: ErrBadSignature},
			{name: "wrong key under a known id", signer: other.signer, want: ErrBadSignature},
			{name: "unknown key", signer: stranger.signer, want: ErrUnknownKey},
			{name: "stale timestamp", signer: good.signer, at: testNow.Add(-6 * time.Minute), want: ErrStaleTimestamp},
			{name: "timestamp from the future", signer: good.signer, at: testNow.Add(6 * time.Minute), want: ErrStaleTimestamp},
			{name: "no signature", signer: good.signer, strip: HeaderSignature, want: ErrMissingSignature},
			{name: "no timestamp", signer: good.signer, strip: HeaderTimestamp, want: ErrMissingSignature},
		}
		for _, tt := range tests {
			t.Run(alg.name+"/"+tt.name, func(t *testing.T) {
				at := testNow
				if !tt.at.IsZero() {
					at = tt.at
				}
				s := *tt.signer
				s.Now = func() time.Time { return at }
				h := http.Header{}
				s.SignHeader(h, http.MethodPost, "/621002-police/queries", body)
				if tt.strip != "" {
					h.Del(tt.strip)
				}
				method, path, got := http.MethodPost, "/621002-police/queries", body
				if tt.method != "" {
					method = tt.method
				}
				if tt.path != "" {
					path = tt.path
				}
				if tt.body != "" {
					got = []byte(tt.body)
				}
				keyID, err := good.verifier.Verify(h, method, path, got)
				if !errors.Is(err, tt.want) {
					t.Fatalf("Verify error = %v, want %v", err, tt.want)
				}
				if err == nil && keyID != tt.signer.KeyID() {
					t.Errorf("key id = %q, want %q", keyID, tt.signer.KeyID())
				}
			})
		}
	}
}

// An attacker who knows an Ed25519 public key must not be able to use it as
// an HMAC secret under the same id: the algorithm follows the id.
func TestKeyIDBindsAlgorithm(t *testing.T) {
	secret := []byte(strings.Repeat("k", MinHMACSecret))
	if _, err := NewHMACSigner("ed25519:x", secret); err == nil {
		t.Error("HMAC signer accepted an ed25519: key id")
	}
	if err := NewVerifier().AddHMAC("ed25519:x", secret); err == nil {
		t.Error("verifier accepted an HMAC secret under an ed25519: key id")
	}
	if _, err := NewEd25519Signer("centre", make([]byte, 64)); err == nil {
		t.Error("Ed25519 signer accepted a key id without the ed25519: prefix")
	}
	if _, err := NewHMACSigner("short", []byte("too short")); err == nil {
		t.Error("HMAC signer accepted a short secret")
	}
	if _, err := NewHMACSigner("has space", secret); err == nil {
		t.Error("key id with a space accepted")
	}
}

func TestVerifierRemove(t *testing.T) {
	p := newPair(t, false, "rotating")
	h := http.Header{}
	p.signer.SignHeader(h, http.MethodPost, "/x", nil)
	if _, err := p.verifier.Verify(h, http.MethodPost, "/x", nil); err != nil {
		t.Fatal(err)
	}
	p.verifier.Remove(p.signer.KeyID())
	if _, err := p.verifier.Verify(h, http.MethodPost, "/x", nil); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("after Remove: %v, want ErrUnknownKey", err)
	}
}
