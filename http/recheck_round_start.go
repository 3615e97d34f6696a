package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckStart serves POST /api/v1/rechecks: starts a round over a
// county or the city as of a day (default today). The nodes running the
// worker (hedui serve -node) do the rest; GET /api/v1/rechecks/{id} shows
// how far they are.
func (s *Server) handleRecheckStart(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var in hedui.NewRound
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	round, err := s.store.StartRound(r.Context(), by, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusCreated, round)
	return nil
}
