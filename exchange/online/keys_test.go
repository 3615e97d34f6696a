package online

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var b64 = base64.StdEncoding.EncodeToString

func TestParseCallbackKeys(t *testing.T) {
	police, policePriv, _ := ed25519.GenerateKey(nil)
	police2, police2Priv, _ := ed25519.GenerateKey(nil)
	spki, err := x509.MarshalPKIXPublicKey(police2)
	if err != nil {
		t.Fatal(err)
	}
	secret := bytes.Repeat([]byte{7}, MinHMACSecret)
	file := "\ufeff# Department callback keys\r\n" +
		"\r\n" +
		"621002-police  ed25519:police-2025  " + b64(police) + "\r\n" +
		"   # indented comment\n" +
		"621002-police\ted25519:police-2026\t" + b64(spki) + "   # the DER form, from 2026\n" +
		"621002-bank hmac:bank-2025 " + b64(secret) + "\n"
	keys, err := ParseCallbackKeys(strings.NewReader(file), "keys.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := keys.Departments(); !slices.Equal(got, []string{"621002-bank", "621002-police"}) {
		t.Fatalf("departments %v", got)
	}
	if _, ok := keys.Verifier("621022-police"); ok {
		t.Error("a department without keys has a verifier")
	}
	if _, ok := CallbackKeys(nil).Verifier("621002-police"); ok {
		t.Error("nil keys have a verifier")
	}
	sign := func(s *Signer, err error) *Signer {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		s.Now = fixedNow
		return s
	}
	tests := []struct {
		dept    string
		signer  *Signer
		wantErr error
	}{
		{"621002-police", sign(NewEd25519Signer("ed25519:police-2025", policePriv)), nil},
		{"621002-police", sign(NewEd25519Signer("ed25519:police-2026", police2Priv)), nil},
		{"621002-bank", sign(NewHMACSigner("hmac:bank-2025", secret)), nil},
		// Each department's verifier knows its own keys only.
		{"621002-bank", sign(NewEd25519Signer("ed25519:police-2025", policePriv)), ErrUnknownKey},
		{"621002-police", sign(NewHMACSigner("hmac:bank-2025", secret)), ErrUnknownKey},
		// The key id names the police's key, but another key signed.
		{"621002-police", sign(NewEd25519Signer("ed25519:police-2025", police2Priv)), ErrBadSignature},
	}
	for _, tt := range tests {
		v, ok := keys.Verifier(tt.dept)
		if !ok {
			t.Fatalf("no verifier for %s", tt.dept)
		}
		v.Now = fixedNow
		h := http.Header{}
		body := []byte(`{"query_id":"Q-1","status":"answered"}`)
		tt.signer.SignHeader(h, "POST", "/api/v1/exchange/callback/"+tt.dept, body)
		_, err := v.Verify(h, "POST", "/api/v1/exchange/callback/"+tt.dept, body)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s signed by %s: %v, want %v", tt.dept, tt.signer.KeyID(), err, tt.wantErr)
		}
	}
}

func TestParseCallbackKeysErrors(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	secret := b64(bytes.Repeat([]byte{1}, MinHMACSecret))
	good := "621002-police ed25519:p " + b64(pub) + "\n"
	tests := []struct {
		name, file string
		want       []string // in the error, besides the file name
	}{
		{"empty", "", []string{"no key"}},
		{"comments only", "# nothing yet\n\n", []string{"no key"}},
		{"two fields", "# keys\n621002-police ed25519:p\n", []string{":2:", "found 2 fields"}},
		{"four fields", good + "621002-bank hmac:b " + secret + " extra\n", []string{":2:", "found 4 fields"}},
		{"upper-case code", "621002-POLICE ed25519:p " + b64(pub), []string{":1:", "department code"}},
		{"code with a slash", "621002/police ed25519:p " + b64(pub), []string{":1:", "department code"}},
		{"no algorithm", "621002-police police-2025 " + b64(pub), []string{":1:", "ed25519:<name>", "hmac:<name>"}},
		{"algorithm without a name", "621002-police ed25519: " + b64(pub), []string{":1:", "must be"}},
		{"not base64", "621002-police ed25519:p not-base64!", []string{":1:", "base64"}},
		{"short Ed25519 key", "621002-police ed25519:p " + b64(pub[:16]), []string{":1:", "32-byte", "16 bytes"}},
		{"ECDSA key", "621002-police ed25519:p " + b64(ecDER), []string{":1:", "ecdsa", "not an Ed25519"}},
		{"short HMAC secret", "621002-bank hmac:b " + b64([]byte("short")), []string{":1:", "at least 32"}},
		{"repeated key id", good + "\n621002-police ed25519:p " + b64(pub), []string{":3:", "already on line 1"}},
		{"one key for two departments", good + "621002-bank ed25519:b " + b64(pub), []string{":2:", "621002-police", "line 1", "its own key"}},
		{"one secret for two departments", "621002-bank hmac:b " + secret + "\n621002-tax hmac:t " + secret, []string{":2:", "621002-bank"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseCallbackKeys(strings.NewReader(tt.file), "keys.txt")
			if err == nil {
				t.Fatalf("parsed %v", keys.Departments())
			}
			for _, w := range append(tt.want, "keys.txt") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	// The same key under two ids of one department is harmless.
	if _, err := ParseCallbackKeys(strings.NewReader(good+"621002-police ed25519:q "+b64(pub)), "keys.txt"); err != nil {
		t.Errorf("one department, one key, two ids: %v", err)
	}
}

func TestLoadCallbackKeys(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	path := filepath.Join(t.TempDir(), "callback-keys")
	if err := os.WriteFile(path, []byte("621002-police ed25519:p "+b64(pub)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := LoadCallbackKeys(path)
	if err != nil || !slices.Equal(keys.Departments(), []string{"621002-police"}) {
		t.Fatalf("LoadCallbackKeys = %v, %v", keys, err)
	}
	if _, err := LoadCallbackKeys(path + ".missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
