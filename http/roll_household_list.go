package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRollHouseholdList serves GET /api/v1/rolls/households: roll
// households in the caller's scope, masked, filtered by county, category,
// status, number (户编号) or a member's id_number.
func (s *Server) handleRollHouseholdList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.rollHouseholdList"
	q := r.URL.Query()
	f := hedui.RollFilter{County: q.Get("county"), Category: hedui.Category(q.Get("category")),
		Status: hedui.RollStatus(q.Get("status")), Number: q.Get("number")}
	if f.County != "" && (len(f.County) != 6 || !allDigits(f.County)) {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "county", "县区代码应为6位数字")
	}
	var err error
	if f.IDNumber, err = s.idNumberParam(op, q); err != nil {
		return err
	}
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return err
	}
	page, err := s.store.RollHouseholds(r.Context(), by, f)
	if err != nil {
		return err
	}
	page.Items = nonNil(page.Items)
	writeJSON(w, stdhttp.StatusOK, page)
	return nil
}
