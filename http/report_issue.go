package http

import (
	stdhttp "net/http"

	"hedui"
	"hedui/casework"
)

// handleReportIssue serves POST /api/v1/applications/{id}/report: the
// verifier issues the report on a decided case, or a corrected version on
// a reported one. The server reads the case, assembles the content,
// renders and seals the PDF (report.Issue) and stores it
// (casework.Issuer.IssueReport); the case becomes reported and the
// agencies' webhooks are queued. 201 with the report.
func (s *Server) handleReportIssue(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	is := casework.Issuer{Scheme: s.reportScheme, VerifyURL: s.verifyURL, Key: s.reportKey}
	rep, err := is.IssueReport(r.Context(), s.store, by, id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", reportURL(rep.ID, ""))
	writeJSON(w, stdhttp.StatusCreated, viewReport(rep))
	return nil
}
