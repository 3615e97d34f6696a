package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckList serves GET /api/v1/rechecks: the re-verification
// rounds of the verifier's county, or of the city, newest first.
func (s *Server) handleRecheckList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	rs, err := s.store.Rounds(r.Context(), by)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": rs})
	return nil
}
