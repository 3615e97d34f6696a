package http

import (
	stdhttp "net/http"

	"hedui"
)

// handlePolicyList serves GET /api/v1/policies?county=&hukou=: the policy
// versions, newest first by county and hukou type. A county verifier sees
// his county's (the default), a city verifier, an administrator or an
// auditor every county's.
func (s *Server) handlePolicyList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.policyList"
	q := r.URL.Query()
	county, hukou := q.Get("county"), hedui.HukouType(q.Get("hukou"))
	if county != "" && (len(county) != 6 || !allDigits(county)) {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "county", "参数county应为6位县区代码，例如621002")
	}
	if hukou != "" && !hukou.Valid() {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "hukou", "参数hukou应为urban（城镇）或rural（农村）")
	}
	ps, err := s.store.Policies(r.Context(), by, county, hukou)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": nonNil(ps)})
	return nil
}
