package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckExitList serves GET /api/v1/recheck-exits: 清退
// recommendations, for an agency its county's (its inbox), for a verifier
// those of his scope; ?status=pending|approved|rejected narrows them.
func (s *Server) handleRecheckExitList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	xs, err := s.store.ExitRecommendations(r.Context(), by, hedui.ExitStatus(r.URL.Query().Get("status")))
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": xs})
	return nil
}
