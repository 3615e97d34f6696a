package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleLogout serves POST /api/v1/logout: the session ends at once, not
// when the token would expire.
func (s *Server) handleLogout(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	token, _ := bearerToken(r) // authenticate has already checked it
	if err := s.store.DeleteSession(r.Context(), by, tokenHash(token)); err != nil {
		return err
	}
	w.WriteHeader(stdhttp.StatusNoContent)
	return nil
}
