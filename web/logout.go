package web

import "net/http"

// handleLogout serves POST /logout: the session ends on the server at
// once, not when it would expire, and the cookie is removed.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request, sess *session) error {
	if err := s.store.DeleteSession(r.Context(), sess.by, tokenHash(sess.token)); err != nil {
		return err
	}
	s.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/login?msg=logged_out", http.StatusSeeOther)
	return nil
}
