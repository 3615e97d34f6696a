package web

import (
	"fmt"
	"net/http"

	"hedui"
)

// handleLetterScanUpload serves POST /applications/{id}/letters/{letterID}/scan
// (multipart): the scan of a paper letter registered earlier without one.
func (s *Server) handleLetterScanUpload(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, letterID, err := s.letterPath(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	scan, ok, err := s.readScan(r.MultipartForm, "scan")
	if err == nil && !ok {
		err = hedui.Errorf("web.letterScanUpload", hedui.KindInvalid, "empty_scan", "%s", s.text.get("letter.error.scan_required"))
	}
	if err == nil {
		if _, err = s.store.PutLetterScan(ctx, sess.by, id, letterID, scan); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=scan", id), http.StatusSeeOther)
			return nil
		}
	}
	switch hedui.KindOf(err) {
	case hedui.KindInvalid, hedui.KindConflict, hedui.KindMalformed, hedui.KindTooLarge:
	default:
		return err
	}
	app, aerr := s.store.Application(ctx, sess.by, id)
	if aerr != nil {
		return aerr
	}
	return s.renderDetail(w, r, sess, app, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), "")
}
