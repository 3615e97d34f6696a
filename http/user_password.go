package http

import (
	stdhttp "net/http"

	"hedui"
	"hedui/password"
)

type userPasswordRequest struct {
	Password string `json:"password"`
}

// handleUserPassword serves POST /api/v1/users/{username}/password: an
// administrator sets a new password, for example after a lockout.
func (s *Server) handleUserPassword(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var in userPasswordRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := hedui.CheckNewPassword("http.userPassword", in.Password); err != nil {
		return err
	}
	if err := s.store.SetPassword(r.Context(), by, r.PathValue("username"), password.Hash(in.Password, s.pwParams)); err != nil {
		return err
	}
	w.WriteHeader(stdhttp.StatusNoContent)
	return nil
}
