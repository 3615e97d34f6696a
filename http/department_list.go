package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleDepartmentList serves GET /api/v1/departments: the member units
// and their agreements. A liaison gets only his own department; the store
// applies that scope.
func (s *Server) handleDepartmentList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	ds, err := s.store.Departments(r.Context(), by)
	if err != nil {
		return err
	}
	today := hedui.Today(s.now())
	out := make([]departmentView, 0, len(ds))
	for _, d := range ds {
		if by.Role == hedui.RoleLiaison && d.OrgID != by.OrgID {
			continue // the store already scopes this; never rely on one check
		}
		out = append(out, viewDepartment(d, today))
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": out})
	return nil
}
