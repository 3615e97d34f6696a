package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleDepartmentPut serves PUT /api/v1/departments/{id}: the department
// is replaced as a whole, agreement included; an org_id of 0 keeps its
// organisation. Queries already sent keep the deadline they were given.
func (s *Server) handleDepartmentPut(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in departmentRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	d := in.department()
	d.ID = id
	d, err = s.store.UpdateDepartment(r.Context(), by, d)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewDepartment(d, hedui.Today(s.now())))
	return nil
}
