package http

import (
	"errors"
	"io"
	"mime"
	stdhttp "net/http"

	"hedui"
)

// Bounds of the plain fields of an upload form.
const (
	maxFormFields = 8
	maxFormValue  = 256
)

// readUpload reads the file of a multipart form (field "file", or the
// first file part) or the raw body, within the upload limit. Small form
// fields before the file part are returned in form, so that a form can
// carry its parameters with the file; label names the file in messages.
func (s *Server) readUpload(w stdhttp.ResponseWriter, r *stdhttp.Request, label string) (name string, data []byte, form map[string]string, err error) {
	const op = "http.readUpload"
	tooLarge := hedui.Errorf(op, hedui.KindTooLarge, "file_too_large", "%s不能超过%s，请拆分成多个文件分别上传", label, hedui.SizeLabel(s.maxUpload))
	form = map[string]string{}
	if r.ContentLength > s.maxUpload+multipartSlack {
		return "", nil, nil, tooLarge
	}
	body := stdhttp.MaxBytesReader(w, r.Body, s.maxUpload+multipartSlack)
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var src io.Reader = body
	name = scanFileName(r)
	if ct == "multipart/form-data" {
		if params["boundary"] == "" {
			return "", nil, nil, hedui.Errorf(op, hedui.KindMalformed, "invalid_multipart", "上传格式有误：multipart/form-data缺少boundary")
		}
		r.Body = body
		mr, err := r.MultipartReader()
		if err != nil {
			return "", nil, nil, hedui.E(op, hedui.KindMalformed, "invalid_multipart", "上传格式有误，请用表单字段file上传文件", err)
		}
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return "", nil, nil, hedui.FieldErrorf(op, hedui.KindInvalid, "missing_file", "file", "请选择要上传的%s（表单字段file）", label)
			}
			if err != nil {
				return "", nil, nil, uploadError(op, err, tooLarge)
			}
			if part.FormName() == "file" || part.FileName() != "" {
				src = part
				if fn := hedui.CleanFileName(part.FileName()); fn != "" {
					name = fn
				}
				break
			}
			if len(form) < maxFormFields {
				v, err := io.ReadAll(io.LimitReader(part, maxFormValue+1))
				if err != nil {
					return "", nil, nil, uploadError(op, err, tooLarge)
				}
				if len(v) <= maxFormValue {
					form[part.FormName()] = string(v)
				}
			}
		}
	}
	data, err = io.ReadAll(io.LimitReader(src, s.maxUpload+1))
	if err != nil {
		return "", nil, nil, uploadError(op, err, tooLarge)
	}
	switch {
	case int64(len(data)) > s.maxUpload:
		return "", nil, nil, tooLarge
	case len(data) == 0:
		return "", nil, nil, hedui.FieldErrorf(op, hedui.KindInvalid, "empty_file", "file", "上传的文件是空的，请选择填好的%s", label)
	}
	return name, data, form, nil
}
