package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"hedui"
)

// scanType is an accepted scan format, recognised by its leading bytes:
// the file is later served to other users and must be what it claims,
// whatever the browser said.
type scanType struct {
	contentType string
	magic       []byte
	ext         string
}

func scanTypes() []scanType {
	return []scanType{
		{"application/pdf", []byte("%PDF-"), ".pdf"},
		{"image/jpeg", []byte{0xFF, 0xD8, 0xFF}, ".jpg"},
		{"image/png", []byte("\x89PNG\r\n\x1a\n"), ".png"},
	}
}

const maxFileNameRunes = 100

// readScan reads the uploaded file of field name; ok is false when no
// file was chosen. The error is for the user, in Chinese.
func (s *Server) readScan(form *multipart.Form, name string) (scan hedui.Scan, ok bool, err error) {
	const op = "web.readScan"
	if form == nil || len(form.File[name]) == 0 || form.File[name][0].Size == 0 && form.File[name][0].Filename == "" {
		return scan, false, nil
	}
	fh := form.File[name][0]
	if fh.Size > s.maxUpload {
		return scan, true, hedui.Errorf(op, hedui.KindTooLarge, "scan_too_large", "%s", s.text.get("letter.error.too_large", sizeLabel(s.maxUpload)))
	}
	f, err := fh.Open()
	if err != nil {
		return scan, true, hedui.E(op, hedui.KindMalformed, "upload_interrupted", s.text.get("letter.error.interrupted"), err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.maxUpload+1))
	switch {
	case err != nil:
		return scan, true, hedui.E(op, hedui.KindMalformed, "upload_interrupted", s.text.get("letter.error.interrupted"), err)
	case int64(len(data)) > s.maxUpload:
		return scan, true, hedui.Errorf(op, hedui.KindTooLarge, "scan_too_large", "%s", s.text.get("letter.error.too_large", sizeLabel(s.maxUpload)))
	case len(data) == 0:
		return scan, true, hedui.Errorf(op, hedui.KindInvalid, "empty_scan", "%s", s.text.get("letter.error.empty"))
	}
	for _, t := range scanTypes() {
		if bytes.HasPrefix(data, t.magic) {
			fn := cleanFileName(fh.Filename)
			if fn == "" {
				fn = s.text.get("letter.scan_file") + t.ext
			}
			return hedui.Scan{FileName: fn, ContentType: t.contentType, Data: data}, true, nil
		}
	}
	return scan, true, hedui.Errorf(op, hedui.KindInvalid, "unsupported_scan_type", "%s", s.text.get("letter.error.type"))
}

// cleanFileName keeps the last path element of a client's file name and
// its printable characters: the name is shown to other users and sent
// back in a Content-Disposition header.
func cleanFileName(name string) string {
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
	if r := []rune(name); len(r) > maxFileNameRunes {
		name = string(r[len(r)-maxFileNameRunes:])
	}
	return name
}

// sizeLabel writes a byte count the way users read it: 10MB, 512KB.
func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%d字节", n)
}
