package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleDepartmentGet serves GET /api/v1/departments/{id}. A liaison asking
// for another department gets 404, as for one that does not exist.
func (s *Server) handleDepartmentGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.store.Department(r.Context(), by, id)
	if err != nil {
		return err
	}
	if by.Role == hedui.RoleLiaison && d.OrgID != by.OrgID {
		return hedui.E("http.departmentGet", hedui.KindNotFound, "not_found", hedui.DefaultMessage(hedui.KindNotFound))
	}
	writeJSON(w, stdhttp.StatusOK, viewDepartment(d, hedui.Today(s.now())))
	return nil
}
