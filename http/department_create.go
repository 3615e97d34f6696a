package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
)

// departmentRequest is the body of POST and PUT /api/v1/departments: the
// whole department, so a PUT sends every field it wants kept.
type departmentRequest struct {
	Code      string          `json:"code"`
	Name      string          `json:"name"`
	Level     hedui.Level     `json:"level"`
	Division  string          `json:"division_code"`
	OrgID     int64           `json:"org_id"`
	Items     []hedui.Item    `json:"items"`
	Channel   hedui.Channel   `json:"channel"`
	ReplyDays int             `json:"reply_days"`
	Agreement hedui.Agreement `json:"agreement"`
	Endpoint  string          `json:"endpoint"`
	Active    *bool           `json:"active"`
}

// department returns the department the request describes. The store
// checks every field and answers field by field in Chinese; an omitted
// active flag means active, and an org_id of 0 lets the store create (or
// find) the department's own organisation, named after it, for its
// liaisons to belong to.
func (in *departmentRequest) department() hedui.Department {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	return hedui.Department{
		Code: in.Code, Name: in.Name, Level: in.Level, Division: in.Division, OrgID: in.OrgID,
		Items: in.Items, Channel: in.Channel, ReplyDays: in.ReplyDays, Agreement: in.Agreement,
		Endpoint: in.Endpoint, Active: active,
	}
}

// handleDepartmentCreate serves POST /api/v1/departments for administrators.
func (s *Server) handleDepartmentCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var in departmentRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := s.store.CreateDepartment(r.Context(), by, in.department())
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/departments/%d", d.ID))
	writeJSON(w, stdhttp.StatusCreated, viewDepartment(d, hedui.Today(s.now())))
	return nil
}
