package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/rules"
)

// handleApplicationEvaluate serves POST /api/v1/applications/{id}/evaluate:
// the verifier has the rules compare the declaration with the answers and
// conclude, under the policy of the case's county and hukou type in force
// today. The conclusion is stored as the case's next version (201); a
// verified case becomes concluded. A county without a policy is a 422
// saying so.
func (s *Server) handleApplicationEvaluate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.applicationEvaluate"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := s.store.CaseFile(r.Context(), by, id)
	if err != nil {
		return err
	}
	if _, err := hedui.FindRule(f.Status, hedui.ActConclude, by.Role); err != nil {
		// Said before the policy is looked up, which would not be the
		// problem.
		return hedui.E(op, err)
	}
	today := hedui.Today(s.now())
	p, err := s.store.PolicyAt(r.Context(), f.Region.County, f.Hukou, today)
	if err != nil {
		return err
	}
	compiled, err := rules.Compile(&p)
	if err != nil {
		return &hedui.Error{Op: op, Kind: hedui.KindInvalid, Code: "policy_broken", Err: err,
			Message: fmt.Sprintf("现行政策参数（%s第%d版）无法执行，请管理员录入修订版本：%s", p.Name, p.Version, hedui.MessageOf(err))}
	}
	in := caseInput(&f, today)
	c, err := s.store.SaveConclusion(r.Context(), by, id, rules.Check(compiled, &in))
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/applications/%d/conclusions", id))
	writeJSON(w, stdhttp.StatusCreated, viewConclusion(c))
	return nil
}
