package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleEscalationList serves GET /api/v1/escalations: the quarterly
// batches in the caller's view, a county's own or, for the city centre,
// every county's.
func (s *Server) handleEscalationList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	bs, err := s.store.Batches(r.Context(), by)
	if err != nil {
		return err
	}
	out := make([]batchView, 0, len(bs))
	for _, b := range bs {
		out = append(out, viewBatch(b))
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": out, "first_month": hedui.FirstMonth(hedui.Today(s.now()))})
	return nil
}
