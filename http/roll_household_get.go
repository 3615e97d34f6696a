package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRollHouseholdGet serves GET /api/v1/rolls/households/{id}: one
// roll household with its members in full; the store audits the view.
func (s *Server) handleRollHouseholdGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	h, err := s.store.RollHousehold(r.Context(), by, id)
	if err != nil {
		return err
	}
	h.Members = nonNil(h.Members)
	writeJSON(w, stdhttp.StatusOK, h)
	return nil
}
