package http

import (
	stdhttp "net/http"
	"strconv"

	"hedui"
)

// handleAuditList serves GET /api/v1/audit for auditors. Reading the log
// is itself audited by the store: who watches the watchers.
func (s *Server) handleAuditList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.auditList"
	q := r.URL.Query()
	f := hedui.AuditFilter{Username: q.Get("username"), Action: q.Get("action")}
	if c := q.Get("case_id"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "case_id", "参数case_id应为正整数")
		}
		f.CaseID = id
	}
	var err error
	if f.From, err = queryTime(q, "from", false); err != nil {
		return err
	}
	if f.To, err = queryTime(q, "to", true); err != nil {
		return err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "to", "结束时间不能早于开始时间")
	}
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return err
	}
	page, err := s.store.AuditEntries(r.Context(), by, f)
	if err != nil {
		return err
	}
	page.Items = nonNil(page.Items)
	writeJSON(w, stdhttp.StatusOK, page)
	return nil
}
