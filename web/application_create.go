package web

import (
	"fmt"
	"net/http"

	"hedui"
)

// handleApplicationCreate serves POST /applications. A form with errors
// comes back as typed, each error beside its field; the hidden
// idempotency key makes a double-click or a resent form return the case
// the first click registered instead of a second one.
func (s *Server) handleApplicationCreate(w http.ResponseWriter, r *http.Request, sess *session) error {
	f := parseAppForm(r)
	in := s.toNew(&f)
	if len(f.Errors) > 0 {
		s.renderNew(w, r, sess, http.StatusUnprocessableEntity, f)
		return nil
	}
	app, _, err := s.store.CreateApplication(r.Context(), sess.by, in)
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindInvalid, hedui.KindConflict, hedui.KindMalformed:
			f.addError(err)
			s.renderNew(w, r, sess, http.StatusUnprocessableEntity, f)
			return nil
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=created", app.ID), http.StatusSeeOther)
	return nil
}
