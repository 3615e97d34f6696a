package http

import (
	"fmt"
	"mime"
	stdhttp "net/http"
	"strconv"

	"hedui"
)

// handleReportPDF serves GET /api/v1/reports/{id}/pdf: the PDF exactly as
// issued, so that its SHA-256 verifies. Every download is counted and
// audited by the store; the count so far, this one included, is in
// X-Hedui-Print-Count. Always an attachment: a PDF shown inline would run
// in the API's origin.
func (s *Server) handleReportPDF(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, pdf, err := s.store.ReportPDF(r.Context(), by, id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	h.Set("X-Hedui-Print-Count", strconv.Itoa(rep.Prints))
	h.Set("X-Hedui-Report-SHA256", rep.SHA256)
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("核对报告-%s-第%d版.pdf", rep.Number, rep.Version)})
	if disp == "" {
		disp = "attachment"
	}
	h.Set("Content-Disposition", disp)
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = w.Write(pdf)
	return nil
}
