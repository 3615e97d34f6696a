package http

import (
	stdhttp "net/http"
	"strings"

	"hedui"
)

type transitionRequest struct {
	Action  hedui.Action `json:"action"`
	Comment string       `json:"comment"`
}

// handleApplicationTransition serves POST /api/v1/applications/{id}/transitions.
// Whether the caller's role may take the action from the current status,
// and whether a comment is required, is decided by hedui.Rules inside the
// store's transaction, so two reviewers cannot both act on one case.
func (s *Server) handleApplicationTransition(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in transitionRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Action == "" {
		return hedui.FieldErrorf("http.transition", hedui.KindInvalid, "missing_action", "action", "请选择要执行的操作")
	}
	app, err := s.store.Transition(r.Context(), by, id, in.Action, strings.TrimSpace(in.Comment))
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewApplication(app, by))
	return nil
}
