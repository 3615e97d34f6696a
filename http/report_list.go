package http

import (
	stdhttp "net/http"

	"hedui"
)

// reportList is every version of a case's report chain.
type reportList struct {
	ApplicationID int64           `json:"application_id"`
	Items         []reportSummary `json:"items"`
}

// handleReportList serves GET /api/v1/applications/{id}/reports: the
// versions of the report chain the case belongs to (the objected case and
// its re-checks share one), newest first, without content.
func (s *Server) handleReportList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.store.Reports(r.Context(), by, id)
	if err != nil {
		return err
	}
	out := reportList{ApplicationID: id, Items: make([]reportSummary, 0, len(list))}
	for _, rep := range list {
		out.Items = append(out.Items, summariseReport(rep))
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
