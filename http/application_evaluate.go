package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/casework"
)

// handleApplicationEvaluate serves POST /api/v1/applications/{id}/evaluate:
// the verifier has the rules compare the declaration with the answers and
// conclude, under the policy of the case's county and hukou type in force
// today (casework.Evaluate). The conclusion is stored as the case's next
// version (201); a verified case becomes concluded. A county without a
// policy is a 422 saying so.
func (s *Server) handleApplicationEvaluate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := casework.Evaluate(r.Context(), s.store, by, id, hedui.Today(s.now()))
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/applications/%d/conclusions", id))
	writeJSON(w, stdhttp.StatusCreated, viewConclusion(c))
	return nil
}
