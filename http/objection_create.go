package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
)

// handleObjectionCreate serves POST /api/v1/applications/{id}/objection:
// within the report's objection window the agency (or the family, whose
// objection the agency records) objects, naming the departments to ask
// again. The case becomes objected and a re-check case of kind objection
// is opened, accepted, for the county centre to dispatch; 201 with the
// objection and the re-check's id. After the window it is a 409 saying
// until when objections were possible.
func (s *Server) handleObjectionCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in hedui.ObjectionInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	o, err := s.store.Object(r.Context(), by, id, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/applications/%d", o.RecheckID))
	writeJSON(w, stdhttp.StatusCreated, o)
	return nil
}
