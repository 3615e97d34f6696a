package web

import (
	"mime"
	"net/http"
	"strconv"
)

// handleLetterScanDownload serves GET /applications/{id}/letters/{letterID}/scan:
// as an attachment, since a PDF shown inline would run in this site's
// origin; with ?inline=1 a JPEG or PNG scan is served inline for the
// preview page's <img>, under a sandboxing policy. The store audits every
// fetch, download or preview.
func (s *Server) handleLetterScanDownload(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, letterID, err := s.letterPath(r)
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
	kind := "attachment"
	if r.URL.Query().Get("inline") == "1" && previewable(scan.ContentType) {
		kind = "inline"
	}
	disp := mime.FormatMediaType(kind, map[string]string{"filename": scan.FileName})
	if disp == "" {
		disp = kind
	}
	h.Set("Content-Disposition", disp)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(scan.Data)
	return nil
}
