package http

import (
	"bytes"
	stdhttp "net/http"

	"hedui"
	"hedui/report"
)

// handleReportHTML serves GET /api/v1/reports/{id}/html: the report's
// content as a standalone web page, rendered from the stored content with
// the stored code. It is a view (audited as such), not a print: the PDF
// is the document to print, and only its downloads are counted. The page
// embeds its styles and loads nothing, so the API's policy is relaxed for
// inline styles only.
func (s *Server) handleReportHTML(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.reportHTML"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.store.Report(r.Context(), by, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	opt := report.Options{Code: rep.Code, VerifyURL: s.verifyURL, MemberNames: rep.Content.MemberNames()}
	if err := report.RenderHTML(&buf, &rep.Content, opt); err != nil {
		return hedui.E(op, hedui.KindInternal, "report_render", "报告页面生成失败，请联系管理员", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = w.Write(buf.Bytes())
	return nil
}
