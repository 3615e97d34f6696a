package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"hedui"
)

// handleApplicationTransition serves POST /applications/{id}/transitions:
// one lifecycle action with its reason. Who may take it from the current
// status, and whether a reason is required, is decided by hedui.Rules in
// the store's transaction. A refused action shows the detail page again
// with the reason for the refusal and the reason the user typed.
func (s *Server) handleApplicationTransition(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	action := hedui.Action(r.PostFormValue("action"))
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	var alert string
	switch {
	case action == "":
		alert = s.text.get("detail.error.no_action")
	case utf8.RuneCountInString(comment) > hedui.MaxNoteRunes:
		alert = s.text.get("detail.error.comment_too_long", hedui.MaxNoteRunes)
	default:
		_, err := s.store.Transition(r.Context(), sess.by, id, action, comment)
		if err == nil {
			http.Redirect(w, r, "/applications/"+r.PathValue("id")+"?done="+url.QueryEscape(string(action)), http.StatusSeeOther)
			return nil
		}
		switch hedui.KindOf(err) {
		case hedui.KindInvalid, hedui.KindConflict, hedui.KindPermission, hedui.KindMalformed:
			alert = hedui.MessageOf(err)
		default:
			return err
		}
	}
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	return s.renderDetail(w, r, sess, app, http.StatusUnprocessableEntity, "", alert, comment)
}
