package hedui

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ScanType is an accepted format for the scan of a paper letter. A file is
// recognised by its leading bytes, not by what the browser claims: it is
// later served to other users and must be what it says it is.
type ScanType struct {
	ContentType string
	Ext         string
	magic       []byte
}

// ScanTypes are the accepted scan formats.
var ScanTypes = []ScanType{
	{"application/pdf", ".pdf", []byte("%PDF-")},
	{"image/jpeg", ".jpg", []byte{0xFF, 0xD8, 0xFF}},
	{"image/png", ".png", []byte("\x89PNG\r\n\x1a\n")},
}

// SniffScan returns the scan type whose leading bytes data has.
func SniffScan(data []byte) (ScanType, bool) {
	for _, t := range ScanTypes {
		if bytes.HasPrefix(data, t.magic) {
			return t, true
		}
	}
	return ScanType{}, false
}

// ScanTypeOf returns the accepted scan type with that content type.
func ScanTypeOf(contentType string) (ScanType, bool) {
	for _, t := range ScanTypes {
		if t.ContentType == contentType {
			return t, true
		}
	}
	return ScanType{}, false
}

// Matches reports whether data starts with the type's leading bytes.
func (t ScanType) Matches(data []byte) bool { return bytes.HasPrefix(data, t.magic) }

// MaxFileNameRunes bounds a stored upload's file name.
const MaxFileNameRunes = 100

// CleanFileName keeps the last path element of a client's file name and
// its printable characters, within MaxFileNameRunes: the name is shown to
// other users and sent back in a Content-Disposition header. It returns
// "" for a name with nothing usable.
func CleanFileName(name string) string {
	if !utf8.ValidString(name) {
		return ""
	}
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(c rune) rune {
		if !unicode.IsPrint(c) || c == '"' {
			return -1
		}
		return c
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	if r := []rune(name); len(r) > MaxFileNameRunes {
		name = string(r[len(r)-MaxFileNameRunes:])
	}
	return name
}

// SizeLabel writes a byte count the way users read it in messages: 10MB,
// 512KB, 100字节.
func SizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%d字节", n)
}
