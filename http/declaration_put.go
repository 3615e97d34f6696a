package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleDeclarationPut serves PUT /api/v1/applications/{id}/declaration:
// the whole declaration is replaced, so a client sends every line it
// wants kept.
func (s *Server) handleDeclarationPut(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in hedui.Declaration
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	app, err := s.store.SetDeclaration(r.Context(), by, id, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewApplication(app, by))
	return nil
}
