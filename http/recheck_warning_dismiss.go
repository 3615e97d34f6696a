package http

import (
	stdhttp "net/http"

	"hedui"
)

// noteInput is the body of a dismissal or a decision's note.
type noteInput struct {
	Note string `json:"note"`
}

// handleRecheckWarningDismiss serves POST
// /api/v1/recheck-warnings/{id}/dismiss: the verifier closes an open
// warning, saying why.
func (s *Server) handleRecheckWarningDismiss(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in noteInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	x, err := s.store.DismissWarning(r.Context(), by, id, in.Note)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, x)
	return nil
}
