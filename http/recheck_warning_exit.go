package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckWarningExit serves POST /api/v1/recheck-warnings/{id}/exit:
// the verifier recommends 清退 to the agency of the household's county.
func (s *Server) handleRecheckWarningExit(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	x, err := s.store.RecommendExit(r.Context(), by, id, in.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusCreated, x)
	return nil
}
