package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleMemberRemove serves DELETE /api/v1/applications/{id}/members/{memberID}
// and answers with the updated application rather than 204, because the
// removal may also have ended the letter.
func (s *Server) handleMemberRemove(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	memberID, err := pathID(r, "memberID")
	if err != nil {
		return err
	}
	app, err := s.store.RemoveMember(r.Context(), by, id, memberID)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewApplication(app, by))
	return nil
}
