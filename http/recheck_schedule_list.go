package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckScheduleList serves GET /api/v1/recheck-schedules: the
// dated schedule versions of the verifier's scope (optionally one county).
func (s *Server) handleRecheckScheduleList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	ss, err := s.store.RecheckSchedules(r.Context(), by, r.URL.Query().Get("county"))
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": ss})
	return nil
}
