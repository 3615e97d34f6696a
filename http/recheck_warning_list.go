package http

import (
	stdhttp "net/http"
	"strconv"

	"hedui"
)

// handleRecheckWarningList serves GET /api/v1/recheck-warnings: the
// warning list (预警名单), largest gap first, optionally of one round,
// county or status.
func (s *Server) handleRecheckWarningList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	q := r.URL.Query()
	limit, offset, err := pageParams(q)
	if err != nil {
		return err
	}
	f := hedui.WarningFilter{County: q.Get("county"), Status: hedui.WarningStatus(q.Get("status")), Limit: limit, Offset: offset}
	if v := q.Get("round_id"); v != "" {
		if f.RoundID, err = strconv.ParseInt(v, 10, 64); err != nil || f.RoundID <= 0 {
			return hedui.FieldErrorf("http.recheckWarnings", hedui.KindMalformed, "invalid_query", "round_id", "轮次编号应为正整数")
		}
	}
	page, err := s.store.Warnings(r.Context(), by, f)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, page)
	return nil
}
