package http

import (
	stdhttp "net/http"
	"slices"
	"strconv"

	"hedui"
)

// queryStatuses are the statuses a query list may be filtered by.
var queryStatuses = []hedui.QueryStatus{hedui.QueryPending, hedui.QuerySent, hedui.QueryAnswered, hedui.QueryFailed}

// handleExchangeQueryList serves GET /api/v1/exchange/queries: a liaison's
// list of the queries addressed to his department, newest first as the
// store orders them; a verifier gets those of his region's cases. Filters:
// status (repeatable), overdue=true, department_id; limit and offset.
func (s *Server) handleExchangeQueryList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.exchangeQueryList"
	q := r.URL.Query()
	var f hedui.QueryFilter
	for _, v := range q["status"] {
		st := hedui.QueryStatus(v)
		if !slices.Contains(queryStatuses, st) {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "status", "未知的查询状态：%s（可选pending、sent、answered、failed）", v)
		}
		f.Status = append(f.Status, st)
	}
	today := hedui.Today(s.now())
	switch v := q.Get("overdue"); v {
	case "", "false", "0":
	case "true", "1":
		f.OverdueOn = today
	default:
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "overdue", "参数overdue应为true或false")
	}
	if by.Role == hedui.RoleLiaison {
		ds, err := s.liaisonDepartments(r.Context(), by)
		if err != nil {
			return err
		}
		if p := q.Get("department_id"); p != "" || len(ds) == 1 {
			d, err := pickDepartment(ds, p)
			if err != nil {
				return err
			}
			f.DepartmentID = d.ID
		}
	} else if p := q.Get("department_id"); p != "" {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id <= 0 {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "department_id", "参数department_id应为正整数")
		}
		f.DepartmentID = id
	}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return err
	}
	page, err := s.store.DepartmentQueries(r.Context(), by, f)
	if err != nil {
		return err
	}
	out := hedui.Page[queryView]{Items: make([]queryView, 0, len(page.Items)), Total: page.Total, Limit: page.Limit, Offset: page.Offset}
	for _, x := range page.Items {
		out.Items = append(out.Items, viewQuery(x, by, today, false))
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
