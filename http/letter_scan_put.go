package http

import (
	"errors"
	"io"
	"mime"
	stdhttp "net/http"

	"hedui"
)

// handleLetterScanPut serves PUT /api/v1/applications/{id}/letters/{letterID}/scan.
// The body is the raw file; the name comes from Content-Disposition or a
// filename query parameter.
func (s *Server) handleLetterScanPut(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.letterScanPut"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	letterID, err := pathID(r, "letterID")
	if err != nil {
		return err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	st, ok := hedui.ScanTypeOf(ct)
	if !ok {
		return withStatus(stdhttp.StatusUnsupportedMediaType, hedui.Errorf(op, hedui.KindInvalid, "unsupported_scan_type",
			"扫描件须为PDF、JPEG或PNG文件（Content-Type为application/pdf、image/jpeg或image/png）"))
	}
	tooLarge := hedui.Errorf(op, hedui.KindTooLarge, "scan_too_large", "扫描件不能超过%s，请降低扫描分辨率或分页上传", hedui.SizeLabel(s.maxUpload))
	if r.ContentLength > s.maxUpload {
		return tooLarge
	}
	data, err := io.ReadAll(stdhttp.MaxBytesReader(w, r.Body, s.maxUpload))
	var mbe *stdhttp.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return tooLarge
	case err != nil:
		return hedui.E(op, hedui.KindMalformed, "upload_interrupted", "上传中断，请重新上传扫描件", err)
	case len(data) == 0:
		return hedui.Errorf(op, hedui.KindInvalid, "empty_scan", "扫描件为空，请选择文件后上传")
	case !st.Matches(data):
		return withStatus(stdhttp.StatusUnsupportedMediaType, hedui.Errorf(op, hedui.KindInvalid, "scan_content_mismatch",
			"文件内容与声明的格式（%s）不符，请确认上传的是扫描件原文件", ct))
	}
	name := scanFileName(r)
	if name == "" {
		name = "授权书扫描件" + st.Ext
	}
	app, err := s.store.PutLetterScan(r.Context(), by, id, letterID, hedui.Scan{FileName: name, ContentType: ct, Data: data})
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewApplication(app, by))
	return nil
}

// scanFileName takes the client's file name, keeping only its last path
// element and printable characters: the name is shown to other users and
// sent back in a Content-Disposition header.
func scanFileName(r *stdhttp.Request) string {
	name := r.URL.Query().Get("filename")
	if _, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = params["filename"]
	}
	return hedui.CleanFileName(name)
}
