package http

import (
	stdhttp "net/http"

	"hedui"
)

// decisionRequest is a decision without who and when, which the server
// records.
type decisionRequest struct {
	ConclusionID int64                `json:"conclusion_id"`
	Action       hedui.DecisionAction `json:"action"`
	Overall      hedui.Overall        `json:"overall"`
	Category     hedui.Category       `json:"category"`
	BenefitFen   hedui.Fen            `json:"benefit_fen"`
	Reason       string               `json:"reason"`
}

// handleApplicationDecision serves POST /api/v1/applications/{id}/decision:
// the verifier confirms the latest conclusion or overrides it with his
// own outcome and a reason. Deciding on a conclusion that is no longer
// the latest, or a second time, is a 409; the case becomes decided.
func (s *Server) handleApplicationDecision(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in decisionRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := s.store.Decide(r.Context(), by, id, hedui.Decision{ConclusionID: in.ConclusionID, Action: in.Action,
		Overall: in.Overall, Category: in.Category, BenefitFen: in.BenefitFen, Reason: in.Reason})
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, viewDecision(d))
	return nil
}
