package web

import (
	"net/http"
)

// handleRollImports serves GET /rolls/imports: 名册导入, the upload form
// and the history of imports with their validation reports.
func (s *Server) handleRollImports(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, err := s.rollImportsPage(r.Context(), sess.by)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "roll_imports", view{Title: s.text.get("roll.imports.title"), Nav: "rolls", Sess: sess, Page: p})
	return nil
}
