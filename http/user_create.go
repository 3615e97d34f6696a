package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/password"
)

type userCreateRequest struct {
	Username    string     `json:"username"`
	DisplayName string     `json:"display_name"`
	Role        hedui.Role `json:"role"`
	OrgID       int64      `json:"org_id"`
	Password    string     `json:"password"`
}

// handleUserCreate serves POST /api/v1/users for administrators. The
// password is hashed here so the store never sees it.
func (s *Server) handleUserCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.userCreate"
	var in userCreateRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	nu := hedui.NewUser{Username: in.Username, DisplayName: in.DisplayName, Role: in.Role, OrgID: in.OrgID}
	if err := hedui.CheckNewUser(op, &nu, in.Password); err != nil {
		return err
	}
	nu.PasswordHash = password.Hash(in.Password, s.pwParams)
	u, err := s.store.CreateUser(r.Context(), by, nu)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/users/%s", u.Username))
	writeJSON(w, stdhttp.StatusCreated, u)
	return nil
}
