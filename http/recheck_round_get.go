package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckGet serves GET /api/v1/rechecks/{id}: a round with its
// progress, overall and per department (queries sent, answered,
// households evaluated).
func (s *Server) handleRecheckGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.store.RoundProgress(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, p)
	return nil
}
