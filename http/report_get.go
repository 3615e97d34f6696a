package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleReportGet serves GET /api/v1/reports/{id}: one report with its
// full content, for the verifiers and clerks of its region and the
// agencies of its county or city. The store audits the view.
func (s *Server) handleReportGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.store.Report(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewReport(rep))
	return nil
}
