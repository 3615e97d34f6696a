package web

import (
	"io"
	"mime/multipart"

	"hedui"
)

// readScan reads the uploaded file of field name; ok is false when no
// file was chosen. The error is for the user, in Chinese.
func (s *Server) readScan(form *multipart.Form, name string) (scan hedui.Scan, ok bool, err error) {
	const op = "web.readScan"
	if form == nil || len(form.File[name]) == 0 || form.File[name][0].Size == 0 && form.File[name][0].Filename == "" {
		return scan, false, nil
	}
	fh := form.File[name][0]
	if fh.Size > s.maxUpload {
		return scan, true, hedui.Errorf(op, hedui.KindTooLarge, "scan_too_large", "%s", s.text.get("letter.error.too_large", hedui.SizeLabel(s.maxUpload)))
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
		return scan, true, hedui.Errorf(op, hedui.KindTooLarge, "scan_too_large", "%s", s.text.get("letter.error.too_large", hedui.SizeLabel(s.maxUpload)))
	case len(data) == 0:
		return scan, true, hedui.Errorf(op, hedui.KindInvalid, "empty_scan", "%s", s.text.get("letter.error.empty"))
	}
	if t, ok := hedui.SniffScan(data); ok {
		fn := hedui.CleanFileName(fh.Filename)
		if fn == "" {
			fn = s.text.get("letter.scan_file") + t.Ext
		}
		return hedui.Scan{FileName: fn, ContentType: t.ContentType, Data: data}, true, nil
	}
	return scan, true, hedui.Errorf(op, hedui.KindInvalid, "unsupported_scan_type", "%s", s.text.get("letter.error.type"))
}
