package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleApplicationConclusions serves GET /api/v1/applications/{id}/conclusions:
// every conclusion of the case, newest first, each with the verifier's
// decision once made. The view is logged.
func (s *Server) handleApplicationConclusions(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	cs, err := s.store.Conclusions(r.Context(), by, id)
	if err != nil {
		return err
	}
	out := make([]conclusionView, 0, len(cs))
	for _, c := range cs {
		out = append(out, viewConclusion(c))
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"application_id": id, "items": out})
	return nil
}
