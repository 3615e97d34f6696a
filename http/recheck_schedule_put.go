package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckSchedulePut serves PUT /api/v1/recheck-schedules: stores
// a schedule version of a county and category from its valid_from day (a
// version of the same day is replaced).
func (s *Server) handleRecheckSchedulePut(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var in hedui.RecheckSchedule
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := s.store.PutRecheckSchedule(r.Context(), by, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
