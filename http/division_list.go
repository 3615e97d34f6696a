package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleDivisionList serves GET /api/v1/divisions: the division tree is
// public administrative data, so every logged-in role may read it.
func (s *Server) handleDivisionList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	ds, err := s.store.Divisions(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": nonNil(ds)})
	return nil
}
