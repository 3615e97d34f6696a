package http

import (
	"mime"
	stdhttp "net/http"
	"strconv"

	"hedui"
)

// handleLetterScanGet serves GET /api/v1/applications/{id}/letters/{letterID}/scan.
// The file is always an attachment: a PDF rendered inline would run in the
// API's origin. The store audits the download.
func (s *Server) handleLetterScanGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	letterID, err := pathID(r, "letterID")
	if err != nil {
		return err
	}
	scan, err := s.store.LetterScan(r.Context(), by, id, letterID)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", scan.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(scan.Data)))
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": scan.FileName})
	if disp == "" {
		disp = "attachment"
	}
	h.Set("Content-Disposition", disp)
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = w.Write(scan.Data)
	return nil
}
