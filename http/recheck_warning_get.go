package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckWarningGet serves GET /api/v1/recheck-warnings/{id}: one
// warning with the department answers behind each change (audited).
func (s *Server) handleRecheckWarningGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	x, err := s.store.Warning(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, x)
	return nil
}
