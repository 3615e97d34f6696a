package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleLetterCreate serves POST /api/v1/applications/{id}/letters. A
// paper letter is registered first and its scan uploaded afterwards with
// PUT .../scan; until then it authorises nothing.
func (s *Server) handleLetterCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in hedui.NewLetter
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	app, err := s.store.AddLetter(r.Context(), by, id, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusCreated, viewApplication(app, by))
	return nil
}
