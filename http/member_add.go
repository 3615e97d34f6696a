package http

import (
	stdhttp "net/http"

	"hedui"
)

type memberAddRequest struct {
	Members []hedui.NewMember `json:"members"`
}

// handleMemberAdd serves POST /api/v1/applications/{id}/members. Adding a
// member invalidates the household's letter (a new member has not signed),
// which the store records; the response shows the result.
func (s *Server) handleMemberAdd(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in memberAddRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	if len(in.Members) == 0 {
		return hedui.FieldErrorf("http.memberAdd", hedui.KindInvalid, "missing_members", "members", "请至少录入一名家庭成员")
	}
	app, err := s.store.AddMembers(r.Context(), by, id, in.Members)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusCreated, viewApplication(app, by))
	return nil
}
