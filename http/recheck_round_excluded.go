package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckExcluded serves GET /api/v1/rechecks/{id}/excluded: the
// due households the round did not ask about (no valid letter), and why.
func (s *Server) handleRecheckExcluded(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	xs, err := s.store.RoundExcluded(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": xs})
	return nil
}
