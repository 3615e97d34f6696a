package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleUserList serves GET /api/v1/users for administrators.
func (s *Server) handleUserList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	us, err := s.store.Users(r.Context(), by)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": nonNil(us)})
	return nil
}
