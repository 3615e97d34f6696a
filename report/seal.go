package report

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"hedui"
)

// crockford is Crockford's base32 alphabet: no I, L, O or U, so a code
// read off paper is hard to mistype.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// codeDomain separates the code's HMAC from any other use of the key.
const codeDomain = "hedui report verification code v1\x00"

// MinKeyLen is the shortest HMAC key Issue accepts.
const MinKeyLen = 16

// Seal returns the SHA-256 of pdf in hex and the verification code
// derived from it: the first 40 bits of HMAC-SHA256(key, domain ‖ digest)
// as eight Crockford base32 characters, XXXX-XXXX. Without the server's
// key nobody can compute a valid code for a document, so a code that the
// server confirms for a report number shows the paper copy is one it
// issued.
func Seal(pdf, key []byte) (sha256Hex, code string) {
	sum := sha256.Sum256(pdf)
	return hex.EncodeToString(sum[:]), codeOf(sum[:], key)
}

func codeOf(digest, key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(codeDomain))
	m.Write(digest)
	mac := m.Sum(nil)
	var v uint64
	for _, b := range mac[:5] {
		v = v<<8 | uint64(b)
	}
	c := make([]byte, 9)
	for i := 8; i >= 0; i-- {
		if i == 4 {
			c[i] = '-'
			continue
		}
		c[i] = crockford[v&31]
		v >>= 5
	}
	return string(c)
}

// ParseCode normalises a code as a person typed it: case, spaces and
// hyphens do not matter, and O, I and L read as 0, 1 and 1. It returns
// the code as printed (XXXX-XXXX) and whether it is well formed.
func ParseCode(s string) (string, bool) {
	var c []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 0x7F || strings.IndexByte(crockford, byte(r)) < 0 || len(c) == 8 {
			return "", false
		}
		c = append(c, byte(r))
	}
	if len(c) != 8 {
		return "", false
	}
	return string(c[:4]) + "-" + string(c[4:]), true
}

// Issued is a report rendered and sealed for issue.
type Issued struct {
	PDF    []byte
	SHA256 string // of PDF, hex: what hedui.Report.SHA256 records
	Code   string // printed on every page: what hedui.Report.Code records
}

// Issue renders the report and seals it. The code cannot be printed on
// the very bytes it is derived from, so Issue renders twice: first an
// unsealed draft (opt.Code empty), whose digest gives the code
// (Seal(draft, key)); then the final document carrying the code, whose
// SHA-256 is recorded. Both renderings are deterministic, so rendering
// the stored content again with the stored code reproduces the recorded
// SHA-256 byte for byte.
func Issue(c *hedui.ReportContent, opt Options, key []byte) (*Issued, error) {
	if len(key) < MinKeyLen {
		return nil, errors.New("report: the verification key must be at least 16 bytes")
	}
	var buf bytes.Buffer
	opt.Code = ""
	if err := RenderPDF(&buf, c, opt); err != nil {
		return nil, err
	}
	_, opt.Code = Seal(buf.Bytes(), key)
	buf.Reset()
	if err := RenderPDF(&buf, c, opt); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	return &Issued{PDF: buf.Bytes(), SHA256: hex.EncodeToString(sum[:]), Code: opt.Code}, nil
}
