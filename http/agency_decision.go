package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleAgencyDecision serves POST /api/v1/applications/{id}/agency-decision:
// the agency of the case's county records its decision on the current
// report (approve, reject or stop; a reason for the last two), which
// closes the case. removal_recommended is the 清退 recommendation for an
// existing recipient found 不符合. A case under objection is a 409: the
// decision is taken on its re-check.
func (s *Server) handleAgencyDecision(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in hedui.AgencyDecisionInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := s.store.AgencyDecide(r.Context(), by, id, in)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, agencyDecisionView{AgencyDecision: d, DecisionLabel: d.Decision.Label()})
	return nil
}
