package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleApplicationGet serves GET /api/v1/applications/{id}: the full case
// with decrypted personal data. The store audits the view and answers 404
// for a case outside the caller's region, so its existence is not leaked.
func (s *Server) handleApplicationGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	app, err := s.store.Application(r.Context(), by, id)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewApplication(app, by))
	return nil
}
