package web

import (
	"net/http"

	"hedui"
)

// handleLetterNew serves GET /applications/{id}/letters/new: the form for
// the household's signed authorisation letter, paper with its scan or
// electronic.
func (s *Server) handleLetterNew(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	if !app.Status.Editable() {
		return hedui.Errorf("web.letterNew", hedui.KindConflict, "not_editable", "%s", s.text.get("letter.error.not_editable", app.Status.Label()))
	}
	s.renderLetter(w, r, sess, http.StatusOK, s.blankLetter(app))
	return nil
}
