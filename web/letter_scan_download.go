package web

import (
	"mime"
	"net/http"
	"strconv"
)

// handleLetterScanDownload serves GET /applications/{id}/letters/{letterID}/scan:
// always as an attachment, since a PDF shown inline would run in this
// site's origin. The store audits the download.
func (s *Server) handleLetterScanDownload(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	letterID, err := s.pathID(r, "letterID")
	if err != nil {
		return err
	}
	scan, err := s.store.LetterScan(r.Context(), sess.by, id, letterID)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", scan.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(scan.Data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": scan.FileName})
	if disp == "" {
		disp = "attachment"
	}
	h.Set("Content-Disposition", disp)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(scan.Data)
	return nil
}
