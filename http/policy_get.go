package http

import (
	stdhttp "net/http"

	"hedui"
)

// handlePolicyGet serves GET /api/v1/policies/{id}: one version. Sending
// it back edited to POST /api/v1/policies makes the next version.
func (s *Server) handlePolicyGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.store.Policy(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, p)
	return nil
}
