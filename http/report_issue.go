package http

import (
	stdhttp "net/http"

	"hedui"
	"hedui/report"
)

// maxIssueAttempts bounds how often issuing starts again after another
// report took the number or version it was rendered with.
const maxIssueAttempts = 5

// handleReportIssue serves POST /api/v1/applications/{id}/report: the
// verifier issues the report on a decided case, or a corrected version on
// a reported one. The server reads the case, assembles the content,
// renders and seals the PDF (report.Issue) and stores it; the case becomes
// reported and the agencies' webhooks are queued. 201 with the report.
func (s *Server) handleReportIssue(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.reportIssue"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		d, err := s.store.PrepareReport(r.Context(), by, id)
		if err != nil {
			return err
		}
		number, err := report.FormatNumber(s.reportScheme, d.Slot.County, d.Slot.Year, d.Slot.Seq)
		if err != nil {
			return hedui.E(op, hedui.KindInternal, "report_number", err)
		}
		content := hedui.NewReportContent(&d, number)
		iss, err := report.Issue(&content, report.Options{VerifyURL: s.verifyURL, MemberNames: content.MemberNames()}, s.reportKey)
		if err != nil {
			return hedui.E(op, hedui.KindInternal, "report_render", "报告生成失败，请联系管理员", err)
		}
		rep, err := s.store.IssueReport(r.Context(), by, id, hedui.NewReport{Slot: d.Slot, Content: content, PDF: iss.PDF,
			SHA256: iss.SHA256, Code: iss.Code})
		if hedui.CodeOf(err) == "report_slot_taken" && attempt < maxIssueAttempts {
			continue
		}
		if err != nil {
			return err
		}
		w.Header().Set("Location", reportURL(rep.ID, ""))
		writeJSON(w, stdhttp.StatusCreated, viewReport(rep))
		return nil
	}
}
