package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckExitDecide serves POST /api/v1/recheck-exits/{id}/decision:
// the agency approves (the household leaves the roll) or rejects a
// recommendation.
func (s *Server) handleRecheckExitDecide(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in hedui.ExitDecision
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	x, err := s.store.DecideExit(r.Context(), by, id, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, x)
	return nil
}
