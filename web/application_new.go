package web

import "net/http"

// handleApplicationNew serves GET /applications/new: the intake form for
// a new household — address and hukou, the members, the declaration and
// the assistance applied for. The household is placed in the clerk's own
// township.
func (s *Server) handleApplicationNew(w http.ResponseWriter, r *http.Request, sess *session) error {
	s.renderNew(w, r, sess, http.StatusOK, blankForm())
	return nil
}

func (s *Server) renderNew(w http.ResponseWriter, r *http.Request, sess *session, status int, f appForm) {
	alert := ""
	if len(f.Errors) > 0 {
		alert = s.text.get("form.error.summary", len(f.Errors))
		if top, ok := f.Errors[""]; ok {
			alert += " " + top
		}
	}
	s.render(w, r, status, "application_new", view{
		Title: s.text.get("new.title"), Nav: "new", Sess: sess, Alert: alert,
		Page: newPage{Form: f, Opt: newFormOptions()},
	})
}
