package online

import (
	"bufio"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
)

// CallbackKeys holds the keys departments sign their callbacks with, one
// Verifier per department code. The centre's callback endpoint verifies a
// callback only with the keys of the department its URL names, so that one
// department cannot answer for another.
//
// A nil CallbackKeys holds no key. Keys may be added to a department's
// Verifier while in use (rotation), but the map itself must not change
// once it is shared.
type CallbackKeys map[string]*Verifier

// Verifier returns the verifier of a department, if it has keys.
func (k CallbackKeys) Verifier(deptCode string) (*Verifier, bool) {
	v, ok := k[deptCode]
	return v, ok && v != nil
}

// Departments lists the department codes that have keys, sorted.
func (k CallbackKeys) Departments() []string {
	out := make([]string, 0, len(k))
	for code, v := range k {
		if v != nil {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// HMACKeyPrefix starts the key id of an HMAC secret in a callback key file,
// where the algorithm is always spelt out (Ed25519Prefix for the other).
const HMACKeyPrefix = "hmac:"

// deptCodePattern is what the store accepts as a department code.
var deptCodePattern = regexp.MustCompile(`^[a-z0-9-]{2,40}$`)

// LoadCallbackKeys reads a department callback key file. The format, one
// key per line:
//
//	# Department callback keys (hedui serve -callback-keys).
//	# <department code>  <key id>              <key, standard base64>
//	621002-police        ed25519:police-2025   MCowBQYDK2VwAyEAM08DmsJ4/CLc+R0nOdQ876LjTA8wY8Hg0tpB/wtOs6o=
//	621002-police        ed25519:police-2026   53ifDvu8rcUnPnmpAifMH0lkPYJu4kGgHFziaEP8zTA=  # from 2026
//	621002-bank          hmac:bank-2025        <32 or more random bytes, e.g. openssl rand -base64 32>
//
// The department code is the one registered in hedui, and the last segment
// of the department's callback URL. The key id is exactly what the
// department sends in X-Hedui-Key-Id, and its prefix names the algorithm:
// "ed25519:<name>" an Ed25519 public key, given as the 32 raw bytes or as
// the DER SubjectPublicKeyInfo that `openssl pkey -pubout` wraps in PEM
// (the base64 between the PEM lines, on one line); "hmac:<name>" an
// HMAC-SHA256 shared secret of at least MinHMACSecret bytes. A department
// may have several keys, one per line, so that a new key can be added
// before the old one is retired.
//
// Fields are separated by spaces or tabs. Blank lines are ignored, and so
// is everything from a field that starts with "#" to the end of its line.
// A key id listed twice for one department, or one key registered for two
// departments, is an error; so is a file without any key. Every error
// names the file and line.
//
// A file with HMAC secrets is as sensitive as the secrets: keep it
// readable by the service account only.
func LoadCallbackKeys(path string) (CallbackKeys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("online: callback keys: %w", err)
	}
	defer f.Close()
	return ParseCallbackKeys(f, path)
}

// keyLine remembers where a key was declared, for errors about repeats.
type keyLine struct {
	dept string
	line int
}

// ParseCallbackKeys reads the format of LoadCallbackKeys from r; name is
// the file name for errors.
func ParseCallbackKeys(r io.Reader, name string) (CallbackKeys, error) {
	keys := CallbackKeys{}
	ids := map[[2]string]int{}       // department, key id → line
	material := map[string]keyLine{} // decoded key → first use
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<10)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if n == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // a BOM from a Windows editor
		}
		fields := strings.Fields(text)
		if i := slices.IndexFunc(fields, func(f string) bool { return strings.HasPrefix(f, "#") }); i >= 0 {
			fields = fields[:i]
		}
		if len(fields) == 0 {
			continue
		}
		fail := func(format string, a ...any) error {
			return fmt.Errorf("online: callback keys %s:%d: "+format, append([]any{name, n}, a...)...)
		}
		if len(fields) != 3 {
			return nil, fail("want <department code> <key id> <key>, found %d fields", len(fields))
		}
		dept, keyID, encoded := fields[0], fields[1], fields[2]
		if !deptCodePattern.MatchString(dept) {
			return nil, fail("department code %q must be 2 to 40 lowercase letters, digits or hyphens", clean(dept))
		}
		raw, err := base64.StdEncoding.Strict().DecodeString(encoded)
		if err != nil {
			return nil, fail("key of %s is not standard base64", keyID)
		}
		if first, dup := ids[[2]string{dept, keyID}]; dup {
			return nil, fail("key id %s of department %s is already on line %d", keyID, dept, first)
		}
		v := keys[dept]
		if v == nil {
			v = NewVerifier()
		}
		switch {
		case strings.HasPrefix(keyID, Ed25519Prefix) && len(keyID) > len(Ed25519Prefix):
			pub, err := ed25519Public(raw)
			if err != nil {
				return nil, fail("key %s: %v", keyID, err)
			}
			raw = pub
			if err := v.AddEd25519(keyID, pub); err != nil {
				return nil, fail("%v", strings.TrimPrefix(err.Error(), "online: "))
			}
		case strings.HasPrefix(keyID, HMACKeyPrefix) && len(keyID) > len(HMACKeyPrefix):
			if err := v.AddHMAC(keyID, raw); err != nil {
				return nil, fail("key %s: %v", keyID, strings.TrimPrefix(err.Error(), "online: "))
			}
		default:
			return nil, fail("key id %q must be %s<name> for an Ed25519 public key or %s<name> for an HMAC secret",
				clean(keyID), Ed25519Prefix, HMACKeyPrefix)
		}
		if other, seen := material[string(raw)]; seen && other.dept != dept {
			return nil, fail("the key of %s is department %s's key too (line %d); each department needs its own key",
				keyID, other.dept, other.line)
		}
		material[string(raw)] = keyLine{dept, n}
		ids[[2]string{dept, keyID}] = n
		keys[dept] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("online: callback keys %s:%d: %w", name, n+1, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("online: callback keys %s: no key; list one per line as <department code> <key id> <key>", name)
	}
	return keys, nil
}

// ed25519Public accepts a raw public key or its DER SubjectPublicKeyInfo.
func ed25519Public(raw []byte) (ed25519.PublicKey, error) {
	if len(raw) == ed25519.PublicKeySize {
		return ed25519.PublicKey(raw), nil
	}
	k, err := x509.ParsePKIXPublicKey(raw)
	if err != nil {
		return nil, fmt.Errorf("want the %d-byte Ed25519 public key or its DER SubjectPublicKeyInfo, found %d bytes that are neither",
			ed25519.PublicKeySize, len(raw))
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the SubjectPublicKeyInfo holds a %s key, not an Ed25519 one", strings.TrimPrefix(fmt.Sprintf("%T", k), "*"))
	}
	return pub, nil
}
