// Package crypt protects personal data at rest: AES-256-GCM envelopes that
// name the key they were sealed with, and an HMAC blind index that finds a
// person by ID number without storing it in the clear.
//
// One 32-byte master key (from a file or an environment variable, never the
// database) is expanded with HKDF into independent subkeys for sealing, the
// blind index, the audit chain and anything later that needs one, so that
// leaking one derived key does not expose the others. A Keyring may hold
// older master keys so that values sealed before a rotation still open.
package crypt

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"strings"
)

// KeySize is the size of a master key in bytes.
const KeySize = 32

// EnvKey is the environment variable that may hold the master key (base64).
const EnvKey = "HEDUI_MASTER_KEY"

// Keyring seals with its primary key and opens with any key it holds.
type Keyring struct {
	primary *key
	byID    map[string]*key
}

type key struct {
	id    string // first 8 hex digits of SHA-256 of the master key
	aead  cipher.AEAD
	index []byte // blind-index HMAC key
	audit []byte // audit-chain HMAC key
	token []byte // reserved for signing tokens and links
}

// ErrOpen is returned when a sealed value cannot be opened: unknown key id,
// a damaged value, or tampering.
var ErrOpen = errors.New("crypt: cannot open sealed value")

// New builds a keyring from master keys; the first is primary.
func New(masters ...[]byte) (*Keyring, error) {
	if len(masters) == 0 {
		return nil, errors.New("crypt: no master key")
	}
	kr := &Keyring{byID: map[string]*key{}}
	for i, m := range masters {
		if len(m) != KeySize {
			return nil, fmt.Errorf("crypt: master key %d has %d bytes, want %d", i, len(m), KeySize)
		}
		k, err := derive(m)
		if err != nil {
			return nil, err
		}
		if _, dup := kr.byID[k.id]; dup {
			return nil, fmt.Errorf("crypt: master key %d given twice", i)
		}
		kr.byID[k.id] = k
		if i == 0 {
			kr.primary = k
		}
	}
	return kr, nil
}

func derive(master []byte) (*key, error) {
	sum := sha256.Sum256(master)
	sub := func(info string) ([]byte, error) {
		return hkdf.Key(sha256.New, master, nil, "hedui "+info, 32)
	}
	enc, err := sub("seal v1")
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(enc)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	k := &key{id: hex.EncodeToString(sum[:4]), aead: aead}
	if k.index, err = sub("blind index v1"); err != nil {
		return nil, err
	}
	if k.audit, err = sub("audit chain v1"); err != nil {
		return nil, err
	}
	if k.token, err = sub("token v1"); err != nil {
		return nil, err
	}
	return k, nil
}

// KeyID is the id of the primary key.
func (kr *Keyring) KeyID() string { return kr.primary.id }

// Seal encrypts plaintext under the primary key. The result is text,
// "v1.<keyid>.<base64url(nonce|ciphertext)>", so that it stores the same way
// on every database. ad binds the value to its place (e.g. the column name),
// so a ciphertext copied into another column does not open.
func (kr *Keyring) Seal(plaintext []byte, ad string) string {
	k := kr.primary
	return "v1." + k.id + "." + base64.RawURLEncoding.EncodeToString(k.seal(nil, plaintext, ad))
}

// SealString seals a string.
func (kr *Keyring) SealString(s, ad string) string { return kr.Seal([]byte(s), ad) }

// SealBinary is Seal for binary columns (BYTEA, BLOB), where base64 would
// only add a third to the bytes written: "b1.<keyid>." followed by the raw
// nonce and ciphertext. Bulk data (a round's packed answers) uses it.
func (kr *Keyring) SealBinary(plaintext []byte, ad string) []byte {
	k := kr.primary
	return k.seal([]byte("b1."+k.id+"."), plaintext, ad)
}

// seal appends a fresh nonce and the ciphertext of plaintext to head, in
// one allocation.
func (k *key) seal(head, plaintext []byte, ad string) []byte {
	n := k.aead.NonceSize()
	out := make([]byte, len(head)+n, len(head)+n+len(plaintext)+k.aead.Overhead())
	copy(out, head)
	nonce := out[len(head):]
	if _, err := rand.Read(nonce); err != nil {
		panic("crypt: no randomness: " + err.Error())
	}
	return k.aead.Seal(out, nonce, plaintext, []byte(ad))
}

// Open decrypts a value made by Seal with any key of the ring.
func (kr *Keyring) Open(sealed, ad string) ([]byte, error) {
	ver, rest, ok := strings.Cut(sealed, ".")
	if !ok || ver != "v1" {
		return nil, ErrOpen
	}
	id, body, ok := strings.Cut(rest, ".")
	if !ok {
		return nil, ErrOpen
	}
	k, err := kr.key(id)
	if err != nil {
		return nil, err
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, ErrOpen
	}
	return k.open(raw, ad)
}

// OpenBinary decrypts a value made by SealBinary, or by Seal: a column
// that held text before it became binary keeps its older values readable.
func (kr *Keyring) OpenBinary(sealed []byte, ad string) ([]byte, error) {
	ver, rest, ok := bytes.Cut(sealed, []byte("."))
	switch {
	case ok && string(ver) == "v1":
		return kr.Open(string(sealed), ad)
	case !ok || string(ver) != "b1":
		return nil, ErrOpen
	}
	id, raw, ok := bytes.Cut(rest, []byte("."))
	if !ok {
		return nil, ErrOpen
	}
	k, err := kr.key(string(id))
	if err != nil {
		return nil, err
	}
	return k.open(raw, ad)
}

func (kr *Keyring) key(id string) (*key, error) {
	k, ok := kr.byID[id]
	if !ok {
		return nil, fmt.Errorf("%w: unknown key id %s", ErrOpen, id)
	}
	return k, nil
}

// open decrypts nonce|ciphertext.
func (k *key) open(raw []byte, ad string) ([]byte, error) {
	n := k.aead.NonceSize()
	if len(raw) < n {
		return nil, ErrOpen
	}
	pt, err := k.aead.Open(nil, raw[:n], raw[n:], []byte(ad))
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// OpenString opens a sealed string.
func (kr *Keyring) OpenString(sealed, ad string) (string, error) {
	b, err := kr.Open(sealed, ad)
	return string(b), err
}

// BlindIndex is a keyed hash of a normalised value (an ID number), stable
// across calls, for equality lookups. It uses the primary key: rotating the
// master key means rebuilding indexes.
func (kr *Keyring) BlindIndex(value string) string { return kr.Indexer().Index(value) }

// Indexer computes blind indexes with one HMAC, reset between values, for
// bulk work (a city's roll has 300,000 of them). It is not safe for
// concurrent use.
type Indexer struct {
	m   hash.Hash
	sum []byte
}

// Indexer returns an Indexer of the primary key.
func (kr *Keyring) Indexer() *Indexer {
	return &Indexer{m: hmac.New(sha256.New, kr.primary.index), sum: make([]byte, 0, sha256.Size)}
}

// Index is BlindIndex(value).
func (x *Indexer) Index(value string) string {
	x.m.Reset()
	x.m.Write([]byte(strings.ToUpper(strings.TrimSpace(value))))
	x.sum = x.m.Sum(x.sum[:0])
	return hex.EncodeToString(x.sum[:16])
}

// AuditKey is the HMAC key of the audit chain. Without it nobody can forge
// a chain, even with write access to the database.
func (kr *Keyring) AuditKey() []byte { return kr.primary.audit }

// TokenKey is a key for signing links and tokens.
func (kr *Keyring) TokenKey() []byte { return kr.primary.token }

// GenerateKey returns a fresh master key.
func GenerateKey() []byte {
	b := make([]byte, KeySize)
	if _, err := rand.Read(b); err != nil {
		panic("crypt: no randomness: " + err.Error())
	}
	return b
}

// EncodeKey writes a master key as base64 text for a key file or variable.
func EncodeKey(k []byte) string { return base64.StdEncoding.EncodeToString(k) }

// DecodeKey reads a master key written by EncodeKey (surrounding space ignored).
func DecodeKey(s string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("crypt: master key is not base64: %w", err)
	}
	if len(b) != KeySize {
		return nil, fmt.Errorf("crypt: master key has %d bytes, want %d", len(b), KeySize)
	}
	return b, nil
}

// Load builds a keyring from the environment variable if set, else from the
// key file. A key file holds one base64 key per line: the first is primary,
// the rest are older keys kept for opening. Lines starting with # are
// comments. The file must not be readable by group or others.
func Load(path string) (*Keyring, error) {
	if v := os.Getenv(EnvKey); v != "" {
		k, err := DecodeKey(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKey, err)
		}
		return New(k)
	}
	if path == "" {
		return nil, fmt.Errorf("crypt: no master key: set %s or give a key file", EnvKey)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("crypt: master key file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("crypt: master key file %s has mode %v; it must be 0600", path, fi.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("crypt: master key file: %w", err)
	}
	var keys [][]byte
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := DecodeKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		keys = append(keys, k)
	}
	return New(keys...)
}

// Create writes a new key file with mode 0600 and returns its keyring. It
// refuses to overwrite an existing file: losing the key loses the data.
func Create(path string) (*Keyring, error) {
	k := GenerateKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("crypt: create master key file: %w", err)
	}
	_, err = fmt.Fprintf(f, "# hedui master key. Back it up apart from the database; without it the data cannot be read.\n%s\n", EncodeKey(k))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("crypt: write master key file: %w", err)
	}
	return New(k)
}
