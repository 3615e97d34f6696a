package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/rules"
)

// handlePolicyCreate serves POST /api/v1/policies for administrators: a
// new version of a county's urban or rural parameters. The body is a whole
// policy; id, version, created_by and created_at are set by the server, so
// a version read with GET can be edited and sent back. The county rules
// are compiled first: a broken rule is a 422 naming the rule and where in
// it, with field rules[i].expr.
func (s *Server) handlePolicyCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var p hedui.Policy
	if err := s.decodeJSON(w, r, &p); err != nil {
		return err
	}
	if _, err := rules.Compile(&p); err != nil {
		return err
	}
	out, err := s.store.CreatePolicy(r.Context(), by, p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/policies/%d", out.ID))
	writeJSON(w, stdhttp.StatusCreated, out)
	return nil
}
