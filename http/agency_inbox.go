package http

import (
	stdhttp "net/http"
	"strconv"

	"hedui"
)

// handleAgencyInbox serves GET /api/v1/agency/inbox: the reports of the
// cases of the agency's county (or city), names masked. ?pending=true
// keeps the current reports still awaiting the agency's decision. The
// pull API: ?after_id=N returns the reports issued after report N, oldest
// first, so that a system polling with the last id it saw misses none.
func (s *Server) handleAgencyInbox(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.agencyInbox"
	q := r.URL.Query()
	var f hedui.InboxFilter
	switch v := q.Get("pending"); v {
	case "", "false":
	case "true":
		f.Pending = true
	default:
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "pending", "参数pending应为true或false")
	}
	if v := q.Get("after_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "after_id", "参数after_id应为不小于0的整数")
		}
		f.AfterID = n
	}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return err
	}
	page, err := s.store.AgencyInbox(r.Context(), by, f)
	if err != nil {
		return err
	}
	out := hedui.Page[inboxItemView]{Items: make([]inboxItemView, 0, len(page.Items)), Total: page.Total, Limit: page.Limit,
		Offset: page.Offset}
	for _, it := range page.Items {
		out.Items = append(out.Items, viewInboxItem(it))
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
